package org.jail4j.oci;

import java.util.Map;
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
 *
 * @param mediaType e.g. {@code application/vnd.oci.image.manifest.v1+json}
 * @param digest the content's digest
 * @param size the content's size in bytes
 * @param platform the platform of an image index entry, or null
 * @param annotations the descriptor's annotations, e.g. {@code org.opencontainers.image.ref.name}
 */
public record OciDescriptor(
    String mediaType,
    OciDigest digest,
    long size,
    @Nullable OciPlatform platform,
    Map<String, String> annotations) {

  /** The annotation naming a manifest in an image layout's {@code index.json} (its tag). */
  public static final String REF_NAME = "org.opencontainers.image.ref.name";

  /**
   * Checks and copies the parts.
   *
   * @throws OciException for a negative size
   */
  public OciDescriptor {
    annotations = Map.copyOf(annotations);
    if (size < 0) {
      throw new OciException("size", "must be at least 0, got " + size);
    }
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
}
