package org.jail4j.oci.registry;

import org.jspecify.annotations.Nullable;

/**
 * A content descriptor as manifests and indexes list them: media type, digest, size, and for an
 * index entry the platform it is for.
 *
 * <pre>{@code
 * Descriptor layer = new Descriptor(MediaType.OCI_LAYER_GZIP, Digest.sha256(bytes), bytes.length, null);
 * }</pre>
 *
 * @param mediaType the media type
 * @param digest the content's digest
 * @param size the content's length in bytes
 * @param platform the platform of an index entry, or null
 */
public record Descriptor(String mediaType, Digest digest, long size, @Nullable Platform platform) {

  /**
   * Checks the size.
   *
   * @throws RegistryException naming the digest when the size is negative
   */
  public Descriptor {
    if (size < 0) {
      throw new RegistryException(digest.toString(), "size must not be negative, got " + size);
    }
  }

  /**
   * An index entry's platform.
   *
   * <pre>{@code
   * new Platform("freebsd", "arm64", "v8")
   * }</pre>
   *
   * @param os e.g. {@code freebsd}
   * @param architecture e.g. {@code amd64}, {@code arm64}
   * @param variant e.g. {@code v8}, or null
   */
  public record Platform(String os, String architecture, @Nullable String variant) {
    /** {@code OS/ARCHITECTURE[/VARIANT]}. */
    @Override
    public String toString() {
      return os + "/" + architecture + (variant == null ? "" : "/" + variant);
    }
  }
}
