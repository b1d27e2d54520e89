package org.jail4j.oci.registry;

/**
 * The registry has no such repository, tag, manifest or blob (HTTP 404).
 *
 * <pre>{@code
 * catch (RegistryNotFoundException e) { e.field(); } // "127.0.0.1:5000/app:missing"
 * }</pre>
 */
public final class RegistryNotFoundException extends RegistryException {
  private static final long serialVersionUID = 1L;

  /**
   * Something not found.
   *
   * @param field the reference or digest asked for
   * @param rule the server's words
   */
  public RegistryNotFoundException(String field, String rule) {
    super(field, rule, 404, null);
  }
}
