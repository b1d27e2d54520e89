package org.jail4j;

import org.jspecify.annotations.Nullable;

/**
 * Stopping a jail failed at one {@link JailStep}. When {@code exec.prestop}, {@code exec.stop} or
 * the removal failed the jail is still running; later clean-up steps (unmounts, aliases, rules) are
 * all attempted and every failure after the first is attached as a suppressed exception.
 *
 * <p>A refusal with an errno of its own kind (EEXIST, EPERM, EINVAL, ENOENT) is thrown as that kind
 * ({@link JailExistsException}, ...) carrying the same {@link #failedStep()}; a {@code
 * JailStopException} is every other failure of a stop step: a command, a missing directory, an
 * errno without a kind (EBUSY, EADDRINUSE, ENXIO, ...). Catch {@link JailException} for all of
 * them.
 *
 * <pre>{@code
 * try {
 *   web.stop();
 * } catch (JailStopException e) {
 *   FailedStep where = e.failedStep().orElseThrow();
 *   System.err.println(where.step() + ": " + e.getMessage() + "\n" + where.output());
 * }
 * }</pre>
 */
public class JailStopException extends JailException {
  private static final long serialVersionUID = 1L;

  /**
   * A stop step that failed.
   *
   * <pre>{@code
   * throw JailStopException.of(FailedStep.of(JailStep.UNMOUNT), jid, "web", "umount /jail/web/dev: " + detail, cause);
   * }</pre>
   *
   * @param where the step, and the command with its result when the step ran one
   * @param jid the jail's JID when it had one
   * @param jailName the jail's name when known
   * @param detail what went wrong, worded like jail(8)
   * @param cause the underlying error, may be null; a {@link JailException} cause gives its errno
   *     and kernel message
   * @return the exception
   * @throws IllegalArgumentException when {@code where} is a step of the other phase
   */
  public static JailStopException of(
      FailedStep where,
      @Nullable Integer jid,
      @Nullable String jailName,
      String detail,
      @Nullable Throwable cause) {
    return new JailStopException(
        where,
        where.step().parameter(),
        jid,
        jailName,
        cause instanceof JailException je ? je.errno().orElse(null) : null,
        cause instanceof JailException je2 ? je2.kernelMessage().orElse(null) : null,
        detail,
        cause);
  }

  JailStopException(
      FailedStep where,
      String operation,
      @Nullable Integer jid,
      @Nullable String jailName,
      @Nullable Errno errno,
      @Nullable String kernelMessage,
      @Nullable String detail,
      @Nullable Throwable cause) {
    super(operation, jid, jailName, errno, kernelMessage, detail, cause, checked(where));
  }

  private static FailedStep checked(FailedStep where) {
    if (!where.phase().equals("stop")) {
      throw new IllegalArgumentException(
          where.step() + " is a " + where.phase() + " step, not a stop step");
    }
    return where;
  }
}
