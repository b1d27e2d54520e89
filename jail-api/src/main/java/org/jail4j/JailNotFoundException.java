package org.jail4j;

import org.jspecify.annotations.Nullable;

/**
 * The jail does not exist, is not visible to the caller, or is dying (ENOENT); during a start also
 * the parent of a child jail ({@code jail "a" not found}), with the step ({@link #failedStep()}).
 *
 * <pre>{@code
 * try {
 *   host.get(42);
 * } catch (JailNotFoundException e) {
 *   System.err.println(e.getMessage()); // jail: jail_get: jail 42 not found
 * }
 * }</pre>
 */
public class JailNotFoundException extends JailException {
  private static final long serialVersionUID = 1L;

  /**
   * An error reported by a system call.
   *
   * @param operation the system call or step
   * @param jid the jail's JID when known
   * @param jailName the jail's name when known
   * @param errno the errno reported
   * @param kernelMessage the kernel's errmsg, may be null
   */
  public JailNotFoundException(
      String operation,
      @Nullable Integer jid,
      @Nullable String jailName,
      @Nullable Errno errno,
      @Nullable String kernelMessage) {
    super(operation, jid, jailName, errno, kernelMessage, null, null);
  }

  /**
   * A refusal during a start or stop, built by {@link JailException#fromErrno(FailedStep, String,
   * Integer, String, Errno, String, String, Throwable)}.
   */
  JailNotFoundException(
      String operation,
      @Nullable Integer jid,
      @Nullable String jailName,
      @Nullable Errno errno,
      @Nullable String kernelMessage,
      @Nullable String detail,
      @Nullable Throwable cause,
      FailedStep where) {
    super(operation, jid, jailName, errno, kernelMessage, detail, cause, where);
  }

  /**
   * An error found by the library itself, before or without a system call.
   *
   * @param operation what was being done
   * @param jailName the jail's name when known
   * @param detail what went wrong
   */
  public JailNotFoundException(String operation, @Nullable String jailName, String detail) {
    super(operation, null, jailName, null, null, detail, null);
  }

  /**
   * An error found by the library itself about a jail known by JID and name.
   *
   * @param operation what was being done
   * @param jid the jail's JID
   * @param jailName the jail's name when known
   * @param detail what went wrong
   */
  protected JailNotFoundException(
      String operation, int jid, @Nullable String jailName, String detail) {
    super(operation, jid, jailName, null, null, detail, null);
  }
}
