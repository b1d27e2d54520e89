package org.jail4j.oci;

/**
 * A configuration over one of the reader's limits ({@link OciConfig#MAX_BYTES}, {@link
 * OciConfig#MAX_DEPTH}): refused before it can exhaust memory or the stack.
 *
 * <pre>{@code
 * catch (OciLimitException e) { e.limit(); } // "size" or "depth"
 * }</pre>
 */
public final class OciLimitException extends OciException {
  private static final long serialVersionUID = 1L;

  private final String limit;
  private final long max;

  /**
   * A limit exceeded.
   *
   * @param limit the limit's name: {@code size} or {@code depth}
   * @param max its value
   * @param rule what was over it
   */
  public OciLimitException(String limit, long max, String rule) {
    super("config", rule);
    this.limit = limit;
    this.max = max;
  }

  /** The limit's name: {@code size} (bytes) or {@code depth} (nesting of objects and arrays). */
  public String limit() {
    return limit;
  }

  /** The limit's value. */
  public long max() {
    return max;
  }
}
