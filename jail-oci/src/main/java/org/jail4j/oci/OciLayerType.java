package org.jail4j.oci;

import java.util.List;
import java.util.Optional;

/**
 * The layer media types jail4j applies: plain tar, tar+gzip and tar+zstd, under their OCI names,
 * the deprecated non-distributable OCI names, and Docker's names for the same formats.
 *
 * <pre>{@code
 * OciLayerType t = OciLayerType.of("application/vnd.oci.image.layer.v1.tar+zstd").orElseThrow();
 * }</pre>
 */
@SuppressWarnings("ImmutableEnumChecker") // mediaTypes is a List.of, unmodifiable
public enum OciLayerType {
  /** An uncompressed tar archive. */
  TAR(
      "application/vnd.oci.image.layer.v1.tar",
      "application/vnd.oci.image.layer.nondistributable.v1.tar",
      "application/vnd.docker.image.rootfs.diff.tar"),
  /** A gzip-compressed tar archive. */
  TAR_GZIP(
      "application/vnd.oci.image.layer.v1.tar+gzip",
      "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
      "application/vnd.docker.image.rootfs.diff.tar.gzip",
      "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip"),
  /** A zstd-compressed tar archive. */
  TAR_ZSTD(
      "application/vnd.oci.image.layer.v1.tar+zstd",
      "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd",
      "application/vnd.docker.image.rootfs.diff.tar.zstd");

  private final List<String> mediaTypes;

  OciLayerType(String... mediaTypes) {
    this.mediaTypes = List.of(mediaTypes);
  }

  /** The OCI media type jail4j writes for this type. */
  public String mediaType() {
    return mediaTypes.get(0);
  }

  /** Every media type read as this type, the OCI name first. */
  public List<String> mediaTypes() {
    return mediaTypes;
  }

  /**
   * The type of a layer media type.
   *
   * @param mediaType a descriptor's media type
   * @return the type, or empty for a type jail4j does not apply
   */
  public static Optional<OciLayerType> of(String mediaType) {
    for (OciLayerType t : values()) {
      if (t.mediaTypes.contains(mediaType)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
