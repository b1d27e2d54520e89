package org.jail4j.oci.registry;

import org.jail4j.oci.OciException;
import org.jspecify.annotations.Nullable;

/**
 * A registry operation that failed: the server refused or did not answer, or what it sent is not
 * what was asked for. {@link #field()} names what the operation was about: the image reference
 * ({@code HOST/REPOSITORY:TAG} or {@code HOST/REPOSITORY@DIGEST}), a blob's digest, or a setting;
 * {@link #status()} is the last HTTP status, 0 when there was none.
 *
 * <pre>{@code
 * try {
 *   client.pull("freebsd/base", "14.3", layout);
 * } catch (RegistryNotFoundException e) {
 *   System.err.println(e.field() + " is not in the registry");
 * } catch (RegistryException e) {
 *   System.err.println(e.getMessage()); // names the reference or digest and the rule
 * }
 * }</pre>
 */
public class RegistryException extends OciException {
  private static final long serialVersionUID = 1L;

  private final int status;

  /**
   * A failure without an HTTP status.
   *
   * @param field the reference, digest or setting concerned
   * @param rule what went wrong
   */
  public RegistryException(String field, String rule) {
    this(field, rule, 0, null);
  }

  /**
   * A failure with the last HTTP status and a cause.
   *
   * @param field the reference, digest or setting concerned
   * @param rule what went wrong
   * @param status the last HTTP status, 0 when there was none
   * @param cause the underlying exception, or null
   */
  public RegistryException(String field, String rule, int status, @Nullable Throwable cause) {
    super(field, rule, cause);
    this.status = status;
  }

  /** The last HTTP status of the operation, 0 when there was none. */
  public int status() {
    return status;
  }
}
