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
   * A step that failed without a command of its own: a mount, an address, the kernel call.
   *
   * <pre>{@code
   * throw JailStartException.of(JailStep.MOUNT_DEVFS, jid, "web", "devfs: " + detail, cause);
   * }</pre>
   *
   * @param step the step
   * @param jid the jail's JID when it had one
   * @param jailName the jail's name when known
   * @param detail what went wrong, worded like jail(8)
   * @param cause the underlying error, may be null
   * @return the exception
   */
  public static JailStartException of(
      JailStep step,
      @Nullable Integer jid,
      @Nullable String jailName,
      String detail,
      @Nullable Throwable cause) {
    return new JailStartException(step, jid, jailName, null, null, detail, cause);
  }

  /**
   * A step whose command failed: it could not be started ({@code result} null), exited non-zero or
   * ran past {@code exec.timeout} ({@link CommandResult#timedOut()}, when {@link #exitCode()} is
   * empty).
   *
   * <pre>{@code
   * throw JailStartException.ofCommand(step, jid, "web", line, result, line + ": failed (exit status 1)", null);
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
  public static JailStartException ofCommand(
      JailStep step,
      @Nullable Integer jid,
      @Nullable String jailName,
      String command,
      @Nullable CommandResult result,
      String detail,
      @Nullable Throwable cause) {
    return new JailStartException(step, jid, jailName, command, result, detail, cause);
  }

  private JailStartException(
      JailStep step,
      @Nullable Integer jid,
      @Nullable String jailName,
      @Nullable String command,
      @Nullable CommandResult result,
      String detail,
      @Nullable Throwable cause) {
    super("start", step, jid, jailName, command, result, detail, cause);
  }
}
