package org.jail4j.root;

/**
 * A distribution set's SHA-256 is not the one its release {@code MANIFEST} lists; nothing was
 * written (extraction) or kept (fetch).
 *
 * <pre>{@code
 * try {
 *   RootBuilder.into(root).sets(sets, "base").populate();
 * } catch (ChecksumMismatchException e) {
 *   System.err.println(e.file() + ": expected " + e.expected() + " got " + e.actual());
 * }
 * }</pre>
 */
public class ChecksumMismatchException extends RootException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final String expected;
  private final String actual;

  /**
   * A mismatch.
   *
   * @param operation {@code extract} or {@code fetch}
   * @param file the set's file name or URL
   * @param expected the SHA-256 the MANIFEST lists (hex)
   * @param actual the SHA-256 of the bytes (hex)
   */
  public ChecksumMismatchException(String operation, String file, String expected, String actual) {
    super(operation, file + ": SHA-256 " + actual + " does not match MANIFEST " + expected, null);
    this.file = file;
    this.expected = expected;
    this.actual = actual;
  }

  /** The set's file name or URL. */
  public String file() {
    return file;
  }

  /** The SHA-256 the MANIFEST lists, lower-case hex. */
  public String expected() {
    return expected;
  }

  /** The SHA-256 of the bytes, lower-case hex. */
  public String actual() {
    return actual;
  }
}
