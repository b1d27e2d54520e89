package org.jail4j.oci.registry;

/**
 * The registry refused the credentials, or asked for credentials none were given for (HTTP 401 or
 * 403, or a token endpoint that did not issue a token).
 *
 * <pre>{@code
 * catch (RegistryAuthException e) { e.status(); } // 401
 * }</pre>
 */
public final class RegistryAuthException extends RegistryException {
  private static final long serialVersionUID = 1L;

  /**
   * An authentication or authorization failure.
   *
   * @param field the reference concerned
   * @param rule what was refused
   * @param status the HTTP status
   */
  public RegistryAuthException(String field, String rule, int status) {
    super(field, rule, status, null);
  }
}
