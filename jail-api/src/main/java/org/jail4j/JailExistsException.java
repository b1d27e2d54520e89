package org.jail4j;

import org.jspecify.annotations.Nullable;

/**
 * A jail with that JID or name already exists (EEXIST): thrown by {@link JailHost#start} as by a
 * plain {@code jail_set}, with the step that failed ({@link #failedStep()}) during a start.
 *
 * <pre>{@code
 * try {
 *   host.start(Jail.builder().name("web").path("/jail/web").persist(true).build());
 * } catch (JailExistsException e) {
 *   System.err.println(e.getMessage()); // jail: web: jail "web" already exists (EEXIST)
 * }
 * }</pre>
 */
public class JailExistsException extends JailException {
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
  public JailExistsException(
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
  JailExistsException(
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
  public JailExistsException(String operation, @Nullable String jailName, String detail) {
    super(operation, null, jailName, null, null, detail, null);
  }
}
