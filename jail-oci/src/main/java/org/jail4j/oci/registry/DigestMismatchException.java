package org.jail4j.oci.registry;

import org.jail4j.oci.OciDigest;

/**
 * Content whose digest is not the one asked for: a blob or manifest is refused (and a partial
 * download deleted) rather than stored under a name it does not have.
 *
 * <pre>{@code
 * catch (DigestMismatchException e) { e.expected(); e.actual(); }
 * }</pre>
 */
public final class DigestMismatchException extends RegistryException {
  private static final long serialVersionUID = 1L;

  private final OciDigest expected;
  private final OciDigest actual;

  /**
   * A mismatch.
   *
   * @param field the reference or blob concerned
   * @param expected the digest asked for
   * @param actual the digest of what arrived
   */
  public DigestMismatchException(String field, OciDigest expected, OciDigest actual) {
    super(field, "content has digest " + actual + ", expected " + expected);
    this.expected = expected;
    this.actual = actual;
  }

  /** The digest asked for. */
  public OciDigest expected() {
    return expected;
  }

  /** The digest of what arrived. */
  public OciDigest actual() {
    return actual;
  }
}
