package org.jail4j.root;

/**
 * An input was larger than a configured bound allows: too many archive entries, too many unpacked
 * bytes, a MANIFEST or a file too large to read. The message names the limit, its value and the
 * value found; nothing is left half-done (a new root is emptied again, a partial file is removed).
 *
 * <pre>{@code
 * try {
 *   RootBuilder.into(root).sets(sets, "base").maxEntries(100_000).populate();
 * } catch (RootLimitException e) {
 *   System.err.println(e.limit() + " is " + e.max() + ", found " + e.value());
 * }
 * }</pre>
 */
public class RootLimitException extends RootException {
  private static final long serialVersionUID = 1L;

  private final String limit;
  private final long max;
  private final long value;

  /**
   * A bound that was exceeded.
   *
   * @param operation what was being done, e.g. {@code extract}
   * @param subject the file or entry, e.g. {@code base.txz}
   * @param limit the limit's name, e.g. {@code maxEntries}
   * @param max the limit's value
   * @param value the value found (at least {@code max + 1}; reading stops there)
   * @param howToRaise how to raise the limit, e.g. {@code RootBuilder.maxEntries(long)}
   */
  public RootLimitException(
      String operation, String subject, String limit, long max, long value, String howToRaise) {
    super(
        operation,
        subject
            + ": "
            + limit
            + " is "
            + max
            + ", found "
            + value
            + " (raise it with "
            + howToRaise
            + ")",
        null);
    this.limit = limit;
    this.max = max;
    this.value = value;
  }

  /** The limit's name, e.g. {@code maxEntries}. */
  public String limit() {
    return limit;
  }

  /** The limit's value. */
  public long max() {
    return max;
  }

  /** The value found (reading stops at the first value past the limit). */
  public long value() {
    return value;
  }
}
