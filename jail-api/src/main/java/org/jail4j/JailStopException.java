package org.jail4j;

import org.jspecify.annotations.Nullable;

/**
 * Stopping a jail failed at one {@link JailStep}. When {@code exec.prestop}, {@code exec.stop} or
 * the removal failed the jail is still running; later clean-up steps (unmounts, aliases, rules) are
 * all attempted and every failure after the first is attached as a suppressed exception.
 *
 * <pre>{@code
 * try {
 *   web.stop();
 * } catch (JailStopException e) {
 *   System.err.println(e.step() + ": " + e.getMessage() + "\n" + e.output());
 * }
 * }</pre>
 */
public class JailStopException extends JailStepException {
  private static final long serialVersionUID = 1L;

  /**
   * A step that failed without a command of its own: a mount, an address, the kernel call.
   *
   * <pre>{@code
   * throw JailStopException.of(JailStep.UNMOUNT, jid, "web", "umount /jail/web/dev: " + detail, cause);
   * }</pre>
   *
   * @param step the step
   * @param jid the jail's JID when it had one
   * @param jailName the jail's name when known
   * @param detail what went wrong, worded like jail(8)
   * @param cause the underlying error, may be null
   * @return the exception
   */
  public static JailStopException of(
      JailStep step,
      @Nullable Integer jid,
      @Nullable String jailName,
      String detail,
      @Nullable Throwable cause) {
    return new JailStopException(step, jid, jailName, null, null, detail, cause);
  }

  /**
   * A step whose command failed: it could not be started ({@code result} null), exited non-zero or
   * ran past {@code exec.timeout} ({@link CommandResult#timedOut()}, when {@link #exitCode()} is
   * empty).
   *
   * <pre>{@code
   * throw JailStopException.ofCommand(step, jid, "web", line, result, line + ": failed (exit status 1)", null);
   * }</pre>
   *
   * @param step the step
   * @param jid the jail's JID when it had one
   * @param jailName the jail's name when known
   * @param command the command line as configured
   * @param result what came of it, or null when it could not be started
   * @param detail what went wrong, worded like jail(8)
   * @param cause the underlying error, may be null
   * @return the exception
   */
  public static JailStopException ofCommand(
      JailStep step,
      @Nullable Integer jid,
      @Nullable String jailName,
      String command,
      @Nullable CommandResult result,
      String detail,
      @Nullable Throwable cause) {
    return new JailStopException(step, jid, jailName, command, result, detail, cause);
  }

  private JailStopException(
      JailStep step,
      @Nullable Integer jid,
      @Nullable String jailName,
      @Nullable String command,
      @Nullable CommandResult result,
      String detail,
      @Nullable Throwable cause) {
    super("stop", step, jid, jailName, command, result, detail, cause);
  }
}
