package org.jail4j.oci.registry;

import java.util.Locale;

/**
 * A response over one of the client's bounds ({@link Limit}): refused before it can fill memory or
 * the disk, or loop.
 *
 * <pre>{@code
 * catch (RegistryLimitException e) {
 *   if (e.limit() == RegistryLimitException.Limit.MANIFEST_SIZE) { ... } // e.max() == 4194304
 * }
 * }</pre>
 */
public final class RegistryLimitException extends RegistryException {
  private static final long serialVersionUID = 1L;

  /** The bounds of a {@link RegistryClient}. */
  public enum Limit {
    /** A manifest or index over {@link RegistryClient.Builder#maxManifestBytes(long)}. */
    MANIFEST_SIZE,
    /** A blob longer than its descriptor's size. */
    BLOB_SIZE,
    /** A token endpoint's answer over {@link RegistryClient#MAX_TOKEN_BYTES}. */
    TOKEN_SIZE,
    /** More than {@link RegistryClient#MAX_REDIRECTS} redirects for one request. */
    REDIRECTS,
    /** Indexes nested deeper than {@link RegistryClient#MAX_INDEX_DEPTH}. */
    INDEX_DEPTH;

    /** The limit in words, e.g. {@code manifest size}. */
    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
  }

  private final Limit limit;
  private final long max;

  /**
   * A limit exceeded.
   *
   * @param field the reference or digest concerned
   * @param limit which limit
   * @param max its value
   * @param rule what was over it
   */
  public RegistryLimitException(String field, Limit limit, long max, String rule) {
    super(field, limit + " over " + max + ": " + rule);
    this.limit = limit;
    this.max = max;
  }

  /** Which limit was exceeded. */
  public Limit limit() {
    return limit;
  }

  /** The limit's value (bytes, redirects or levels). */
  public long max() {
    return max;
  }
}
