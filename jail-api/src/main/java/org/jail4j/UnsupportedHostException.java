package org.jail4j;

/**
 * This host cannot do what was asked: no provider fits this OS, or the kernel lacks a feature a
 * jail needs (VIMAGE for {@code vnet}, RACCT for limits), with the reason.
 *
 * <pre>{@code
 * try {
 *   JailHost host = JailHost.local();
 * } catch (UnsupportedHostException e) {
 *   System.err.println(e.getMessage()); // names every provider found and why it declined
 * }
 * }</pre>
 */
public class UnsupportedHostException extends JailException {
  private static final long serialVersionUID = 1L;

  /**
   * A host that cannot do what was asked.
   *
   * @param operation what was being done, e.g. {@code JailHost.local}
   * @param reason why it cannot be done here, and what to do about it
   */
  public UnsupportedHostException(String operation, String reason) {
    super(operation, null, reason);
  }
}
