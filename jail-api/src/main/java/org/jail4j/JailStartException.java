package org.jail4j;

import org.jspecify.annotations.Nullable;

/**
 * Starting a jail failed at one {@link JailStep}. Everything the start had done before that step
 * (aliases, mounts, the jail itself, rctl rules, interfaces) was undone in reverse order; problems
 * while undoing are attached as suppressed exceptions.
 *
 * <pre>{@code
 * try {
 *   host.start(jail);
 * } catch (JailStartException e) {
 *   System.err.println(e.step() + ": " + e.getMessage() + "\n" + e.output());
 * }
 * }</pre>
 */
public class JailStartException extends JailStepException {
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
  public JailStartException(
      JailStep step,
      @Nullable Integer jid,
      @Nullable String jailName,
      @Nullable String command,
      @Nullable Integer exitCode,
      boolean timedOut,
      String output,
      String detail,
      @Nullable Throwable cause) {
    super("start", step, jid, jailName, command, exitCode, timedOut, output, detail, cause);
  }
}
