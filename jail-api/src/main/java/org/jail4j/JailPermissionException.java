package org.jail4j;

import org.jspecify.annotations.Nullable;

/**
 * The caller may not do this: not root, a limit of the parent jail, or a less restrictive value
 * than the parent's (EPERM): thrown by {@link JailHost#start} as by a plain {@code jail_set}, with
 * the step that failed ({@link #failedStep()}) during a start.
 *
 * <pre>{@code
 * try {
 *   host.start(jail);
 * } catch (JailPermissionException e) {
 *   System.err.println(e.getMessage()); // jail: web: jail_set: Operation not permitted (EPERM)
 * }
 * }</pre>
 */
public class JailPermissionException extends JailException {
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
  public JailPermissionException(
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
  JailPermissionException(
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
  public JailPermissionException(String operation, @Nullable String jailName, String detail) {
    super(operation, null, jailName, null, null, detail, null);
  }
}
