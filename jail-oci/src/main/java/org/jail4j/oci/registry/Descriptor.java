package org.jail4j.oci.registry;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A content descriptor as manifests and indexes list them: media type, digest, size, and for an
 * index entry the platform it is for.
 *
 * <pre>{@code
 * Descriptor layer = new Descriptor(MediaType.OCI_LAYER_GZIP, Digest.sha256(bytes), bytes.length, null);
 * }</pre>
 */
// A class, not a record: Jazzer 0.24's fuzzing instrumentation corrupts records whose components
// carry type annotations (@Nullable), which the manifest fuzz target reaches.
public final class Descriptor {
  private final String mediaType;
  private final Digest digest;
  private final long size;
  private final @Nullable Platform platform;

  /**
   * A descriptor.
   *
   * @param mediaType the media type
   * @param digest the content's digest
   * @param size the content's length in bytes
   * @param platform the platform of an index entry, or null
   * @throws RegistryException naming the digest when the size is negative
   */
  public Descriptor(String mediaType, Digest digest, long size, @Nullable Platform platform) {
    if (size < 0) {
      throw new RegistryException(digest.toString(), "size must not be negative, got " + size);
    }
    this.mediaType = mediaType;
    this.digest = digest;
    this.size = size;
    this.platform = platform;
  }

  /** The media type. */
  public String mediaType() {
    return mediaType;
  }

  /** The content's digest. */
  public Digest digest() {
    return digest;
  }

  /** The content's length in bytes. */
  public long size() {
    return size;
  }

  /** The platform of an index entry, or null. */
  public @Nullable Platform platform() {
    return platform;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Descriptor d
        && mediaType.equals(d.mediaType)
        && digest.equals(d.digest)
        && size == d.size
        && Objects.equals(platform, d.platform);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mediaType, digest, size, platform);
  }

  /** {@code MEDIATYPE DIGEST SIZE [PLATFORM]}. */
  @Override
  public String toString() {
    return mediaType + " " + digest + " " + size + (platform == null ? "" : " " + platform);
  }

  /**
   * An index entry's platform.
   *
   * <pre>{@code
   * new Platform("freebsd", "arm64", "v8")
   * }</pre>
   */
  public static final class Platform {
    private final String os;
    private final String architecture;
    private final @Nullable String variant;

    /**
     * A platform.
     *
     * @param os e.g. {@code freebsd}
     * @param architecture e.g. {@code amd64}, {@code arm64}
     * @param variant e.g. {@code v8}, or null
     */
    public Platform(String os, String architecture, @Nullable String variant) {
      this.os = os;
      this.architecture = architecture;
      this.variant = variant;
    }

    /** The operating system, e.g. {@code freebsd}. */
    public String os() {
      return os;
    }

    /** The architecture, e.g. {@code arm64}. */
    public String architecture() {
      return architecture;
    }

    /** The variant, e.g. {@code v8}, or null. */
    public @Nullable String variant() {
      return variant;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Platform p
          && os.equals(p.os)
          && architecture.equals(p.architecture)
          && Objects.equals(variant, p.variant);
    }

    @Override
    public int hashCode() {
      return Objects.hash(os, architecture, variant);
    }

    /** {@code OS/ARCHITECTURE[/VARIANT]}. */
    @Override
    public String toString() {
      return os + "/" + architecture + (variant == null ? "" : "/" + variant);
    }
  }
}
