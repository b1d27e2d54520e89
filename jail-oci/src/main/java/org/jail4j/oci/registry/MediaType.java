package org.jail4j.oci.registry;

import java.util.List;
import org.jail4j.oci.OciIndex;
import org.jail4j.oci.OciManifest;

/**
 * The manifest media types a pull asks for and understands: OCI image manifests and indexes, and
 * their Docker v2 (schema 2) equivalents, which registries still serve for older images. The names
 * themselves are {@link OciManifest#MEDIA_TYPE}, {@link OciIndex#MEDIA_TYPE} and their {@code
 * DOCKER_MEDIA_TYPE}s.
 *
 * <pre>{@code
 * String accept = MediaType.ACCEPT; // the Accept header of a manifest request
 * }</pre>
 */
public final class MediaType {
  /** Every manifest type, image manifests first. */
  public static final List<String> MANIFESTS =
      List.of(
          OciManifest.MEDIA_TYPE,
          OciIndex.MEDIA_TYPE,
          OciManifest.DOCKER_MEDIA_TYPE,
          OciIndex.DOCKER_MEDIA_TYPE);

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
    return OciIndex.MEDIA_TYPE.equals(mediaType) || OciIndex.DOCKER_MEDIA_TYPE.equals(mediaType);
  }

  /**
   * Whether a media type is an image manifest (OCI or Docker v2).
   *
   * @param mediaType the media type
   * @return true for an image manifest
   */
  public static boolean isImageManifest(String mediaType) {
    return OciManifest.MEDIA_TYPE.equals(mediaType)
        || OciManifest.DOCKER_MEDIA_TYPE.equals(mediaType);
  }
}
