package org.jail4j.oci;

/**
 * A blob of an image layout does not match its descriptor: it is missing, its size differs, or its
 * content hashes to another digest. Nothing is built from such a blob: layers are checked before
 * the first one is applied. The message names the digest.
 *
 * <pre>{@code
 * try {
 *   OciImageRoot.into(root).image(image).populate();
 * } catch (OciBlobException e) {
 *   System.err.println(e.digest() + ": " + e.problem() + " expected " + e.expected() + ", found " + e.found());
 * }
 * }</pre>
 */
public final class OciBlobException extends OciException {
  private static final long serialVersionUID = 1L;

  private final OciDigest digest;
  private final String problem;
  private final String expected;
  private final String found;

  /**
   * A blob that does not match.
   *
   * @param digest the descriptor's digest
   * @param problem {@code missing}, {@code size} or {@code digest}
   * @param expected what the descriptor says
   * @param found what the blob is
   */
  public OciBlobException(OciDigest digest, String problem, String expected, String found) {
    super(
        digest.blobPath(),
        switch (problem) {
          case "missing" -> "blob " + digest + " is missing from the layout";
          case "size" ->
              "blob " + digest + " is " + found + " bytes, its descriptor says " + expected;
          default -> "blob " + digest + " hashes to " + found + ", not to its digest";
        });
    this.digest = digest;
    this.problem = problem;
    this.expected = expected;
    this.found = found;
  }

  /** The descriptor's digest. */
  public OciDigest digest() {
    return digest;
  }

  /** {@code missing}, {@code size} or {@code digest}. */
  public String problem() {
    return problem;
  }

  /** What the descriptor says (a size or a digest; empty for a missing blob). */
  public String expected() {
    return expected;
  }

  /** What the blob is (a size or a digest; empty for a missing blob). */
  public String found() {
    return found;
  }
}
