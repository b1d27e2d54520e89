package org.jail4j.oci.registry;

/**
 * A response over one of the client's bounds: a manifest larger than {@link
 * RegistryClient.Builder#maxManifestBytes(long)}, a blob longer than its descriptor's size, a token
 * response or error body over its limit, or too many redirects.
 *
 * <pre>{@code
 * catch (RegistryLimitException e) { e.limit(); e.max(); } // "manifest size", 4194304
 * }</pre>
 */
public final class RegistryLimitException extends RegistryException {
  private static final long serialVersionUID = 1L;

  private final String limit;
  private final long max;

  /**
   * A limit exceeded.
   *
   * @param field the reference or digest concerned
   * @param limit the limit's name, e.g. {@code manifest size}, {@code blob size}, {@code redirects}
   * @param max the limit's value
   * @param rule what was over it
   */
  public RegistryLimitException(String field, String limit, long max, String rule) {
    super(field, rule);
    this.limit = limit;
    this.max = max;
  }

  /** The limit's name: {@code manifest size}, {@code blob size}, {@code token size}, ... */
  public String limit() {
    return limit;
  }

  /** The limit's value. */
  public long max() {
    return max;
  }
}
