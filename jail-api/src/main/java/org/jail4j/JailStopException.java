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
   * A failed step.
   *
   * @param step the step
   * @param jid the jail's JID when it had one
   * @param jailName the jail's name when known
   * @param command the command line that failed, or null when no command ran
   * @param exitCode its exit status, or null
   * @param timedOut true when it ran past {@code exec.timeout}
   * @param output what it printed (stdout then stderr)
   * @param detail what went wrong, worded like jail(8)
   * @param cause the underlying error, may be null
   */
  public JailStopException(
      JailStep step,
      @Nullable Integer jid,
      @Nullable String jailName,
      @Nullable String command,
      @Nullable Integer exitCode,
      boolean timedOut,
      String output,
      String detail,
      @Nullable Throwable cause) {
    super("stop", step, jid, jailName, command, exitCode, timedOut, output, detail, cause);
  }
}
