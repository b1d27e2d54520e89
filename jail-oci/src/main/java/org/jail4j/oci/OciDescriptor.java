package org.jail4j.oci;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An image-spec content descriptor: what a blob is ({@code mediaType}), its {@code digest} and its
 * {@code size} in bytes, and for an image index entry its {@code platform}. Every blob read through
 * an {@link OciImageLayout} is checked against its descriptor's digest and size.
 *
 * <pre>{@code
 * OciDescriptor d = layout.index().manifests().get(0);
 * byte[] manifest = layout.readBlob(d); // refused unless digest and size match
 * }</pre>
 */
// A class, not a record: Jazzer 0.24's fuzzing instrumentation corrupts records whose components
// carry type annotations (@Nullable), which the registry's manifest fuzz target reaches.
public final class OciDescriptor {

  /** The annotation naming a manifest in an image layout's {@code index.json} (its tag). */
  public static final String REF_NAME = "org.opencontainers.image.ref.name";

  private final String mediaType;
  private final OciDigest digest;
  private final long size;
  private final @Nullable OciPlatform platform;
  private final Map<String, String> annotations;

  /**
   * Checks and copies the parts.
   *
   * @param mediaType e.g. {@code application/vnd.oci.image.manifest.v1+json}
   * @param digest the content's digest
   * @param size the content's size in bytes
   * @param platform the platform of an image index entry, or null
   * @param annotations the descriptor's annotations, e.g. {@code org.opencontainers.image.ref.name}
   * @throws OciException for a negative size
   */
  public OciDescriptor(
      String mediaType,
      OciDigest digest,
      long size,
      @Nullable OciPlatform platform,
      Map<String, String> annotations) {
    if (size < 0) {
      throw new OciException("size", "must be at least 0, got " + size);
    }
    this.mediaType = mediaType;
    this.digest = digest;
    this.size = size;
    this.platform = platform;
    this.annotations = Map.copyOf(annotations);
  }

  /**
   * A descriptor without platform or annotations.
   *
   * @param mediaType the media type
   * @param digest the digest
   * @param size the size
   * @return the descriptor
   */
  public static OciDescriptor of(String mediaType, OciDigest digest, long size) {
    return new OciDescriptor(mediaType, digest, size, null, Map.of());
  }

  /** The media type, e.g. {@code application/vnd.oci.image.manifest.v1+json}. */
  public String mediaType() {
    return mediaType;
  }

  /** The content's digest. */
  public OciDigest digest() {
    return digest;
  }

  /** The content's size in bytes. */
  public long size() {
    return size;
  }

  /** The platform of an image index entry, or null. */
  public @Nullable OciPlatform platform() {
    return platform;
  }

  /** The descriptor's annotations, e.g. {@code org.opencontainers.image.ref.name}. */
  public Map<String, String> annotations() {
    return annotations;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof OciDescriptor d
        && mediaType.equals(d.mediaType)
        && digest.equals(d.digest)
        && size == d.size
        && Objects.equals(platform, d.platform)
        && annotations.equals(d.annotations);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mediaType, digest, size, platform, annotations);
  }

  /** The parts, as a record prints them. */
  @Override
  public String toString() {
    return "OciDescriptor[mediaType="
        + mediaType
        + ", digest="
        + digest
        + ", size="
        + size
        + ", platform="
        + platform
        + ", annotations="
        + annotations
        + "]";
  }
}
