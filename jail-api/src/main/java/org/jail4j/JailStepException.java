package org.jail4j;

import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * A step of starting or stopping a jail failed: a command exited non-zero or ran past {@code
 * exec.timeout}, a mount or interface operation failed, or the kernel refused. Says which {@link
 * #step()}, which command, its exit status and its output; the kernel's errno and message when the
 * kernel refused.
 *
 * <pre>{@code
 * catch (JailStepException e) {
 *   System.err.println(e.step() + " " + e.command().orElse("") + ": " + e.output());
 * }
 * }</pre>
 */
public class JailStepException extends JailException {
  private static final long serialVersionUID = 1L;

  private final JailStep step;
  private final @Nullable String command;
  private final @Nullable Integer exitCode;
  private final boolean timedOut;
  private final String output;
  private final String phase;

  /**
   * A failed step; built by {@link JailStartException}'s and {@link JailStopException}'s factories.
   *
   * @param operation the phase: start or stop
   * @param step the step
   * @param jid the jail's JID when it had one
   * @param jailName the jail's name when known
   * @param command the command line that failed, or null when no command ran
   * @param exitCode its exit status, or null
   * @param timedOut true when it ran past {@code exec.timeout}
   * @param output what it printed (stdout then stderr)
   * @param detail what went wrong, worded like jail(8)
   * @param cause the underlying error, e.g. the kernel's {@link JailException}
   */
  JailStepException(
      String operation,
      JailStep step,
      @Nullable Integer jid,
      @Nullable String jailName,
      @Nullable String command,
      @Nullable Integer exitCode,
      boolean timedOut,
      String output,
      String detail,
      @Nullable Throwable cause) {
    super(
        step.parameter(),
        jid,
        jailName,
        cause instanceof JailException je ? je.errno().orElse(null) : null,
        cause instanceof JailException je2 ? je2.kernelMessage().orElse(null) : null,
        detail,
        cause);
    this.step = step;
    this.command = command;
    this.exitCode = exitCode;
    this.timedOut = timedOut;
    this.output = output;
    this.phase = operation;
  }

  /**
   * A failed step whose command's result, when there is one, gives the exit status (none after a
   * timeout), the timeout flag and the output.
   *
   * @param operation the phase: start or stop
   * @param step the step
   * @param jid the jail's JID when it had one
   * @param jailName the jail's name when known
   * @param command the command line, or null when no command ran
   * @param result what came of the command, or null when none ran or it could not be started
   * @param detail what went wrong, worded like jail(8)
   * @param cause the underlying error, may be null
   */
  JailStepException(
      String operation,
      JailStep step,
      @Nullable Integer jid,
      @Nullable String jailName,
      @Nullable String command,
      @Nullable CommandResult result,
      String detail,
      @Nullable Throwable cause) {
    this(
        operation,
        step,
        jid,
        jailName,
        command,
        result == null || result.timedOut() ? null : result.exitCode(),
        result != null && result.timedOut(),
        result == null ? "" : result.output(),
        detail,
        cause);
  }

  /** The step that failed. */
  public JailStep step() {
    return step;
  }

  /** {@code start} or {@code stop}. */
  public String phase() {
    return phase;
  }

  /** The command line that failed, when the step ran a command. */
  public Optional<String> command() {
    return Optional.ofNullable(command);
  }

  /** The command's exit status, when it exited. */
  public OptionalInt exitCode() {
    return exitCode == null ? OptionalInt.empty() : OptionalInt.of(exitCode);
  }

  /** True when the command ran past {@code exec.timeout} and was killed. */
  public boolean timedOut() {
    return timedOut;
  }

  /** What the command printed, stdout then stderr; empty when no command ran. */
  public String output() {
    return output;
  }
}
