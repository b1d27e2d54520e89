package org.jail4j.oci.registry;

import java.util.List;

/**
 * The manifest media types a pull asks for and understands: OCI image manifests and indexes, and
 * their Docker v2 (schema 2) equivalents, which registries still serve for older images.
 *
 * <pre>{@code
 * String accept = MediaType.ACCEPT; // the Accept header of a manifest request
 * }</pre>
 */
public final class MediaType {
  /** An OCI image manifest. */
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

  /** An OCI image index. */
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

  /** An OCI image config. */
  public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";

  /** An OCI tar+gzip layer. */
  public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";

  /** A Docker v2 schema 2 image manifest. */
  public static final String DOCKER_MANIFEST =
      "application/vnd.docker.distribution.manifest.v2+json";

  /** A Docker v2 manifest list (the index of several platforms). */
  public static final String DOCKER_MANIFEST_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";

  /** Every manifest type, image manifests first. */
  public static final List<String> MANIFESTS =
      List.of(OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_MANIFEST_LIST);

  /** The {@code Accept} header of a manifest request: every type of {@link #MANIFESTS}. */
  public static final String ACCEPT = String.join(", ", MANIFESTS);

  private MediaType() {}

  /**
   * Whether a media type is an index (OCI image index or Docker manifest list).
   *
   * @param mediaType the media type
   * @return true for an index
   */
  public static boolean isIndex(String mediaType) {
    return OCI_INDEX.equals(mediaType) || DOCKER_MANIFEST_LIST.equals(mediaType);
  }

  /**
   * Whether a media type is an image manifest (OCI or Docker v2).
   *
   * @param mediaType the media type
   * @return true for an image manifest
   */
  public static boolean isImageManifest(String mediaType) {
    return OCI_MANIFEST.equals(mediaType) || DOCKER_MANIFEST.equals(mediaType);
  }
}
