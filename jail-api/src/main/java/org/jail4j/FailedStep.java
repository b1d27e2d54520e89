package org.jail4j;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * Where a start or stop failed: the {@link JailStep}, and the command with its exit status and
 * output when the step ran one. Every {@link JailException} thrown by a start or a stop carries one
 * ({@link JailException#failedStep()}), whatever its kind: a {@link JailExistsException} from
 * {@code jail_set} as much as a {@link JailStartException} from a failing {@code exec.prestart}.
 *
 * <pre>{@code
 * try {
 *   host.start(jail);
 * } catch (JailException e) {
 *   e.failedStep().ifPresent(f -> System.err.println(f.step() + ": " + f.output()));
 * }
 * }</pre>
 */
public final class FailedStep implements Serializable {
  private static final long serialVersionUID = 1L;

  private final JailStep step;
  private final @Nullable String command;
  private final @Nullable Integer exitCode;
  private final boolean timedOut;
  private final String output;

  private FailedStep(
      JailStep step,
      @Nullable String command,
      @Nullable Integer exitCode,
      boolean timedOut,
      String output) {
    this.step = Objects.requireNonNull(step, "step");
    this.command = command;
    this.exitCode = exitCode;
    this.timedOut = timedOut;
    this.output = output;
  }

  /**
   * A step that failed without a command of its own: a mount, an address, the kernel call.
   *
   * @param step the step
   * @return where it failed
   */
  public static FailedStep of(JailStep step) {
    return new FailedStep(step, null, null, false, "");
  }

  /**
   * A step whose command failed: it could not be started ({@code result} null), exited non-zero or
   * ran past {@code exec.timeout} ({@link CommandResult#timedOut()}; then there is no {@link
   * #exitCode()}).
   *
   * @param step the step
   * @param command the command line as configured
   * @param result what came of it, or null when it could not be started
   * @return where it failed
   */
  public static FailedStep ofCommand(
      JailStep step, String command, @Nullable CommandResult result) {
    Objects.requireNonNull(command, "command");
    return new FailedStep(
        step,
        command,
        result == null || result.timedOut() ? null : result.exitCode(),
        result != null && result.timedOut(),
        result == null ? "" : result.output());
  }

  /** The step that failed. */
  public JailStep step() {
    return step;
  }

  /**
   * {@code start} or {@code stop}: the sequence the step belongs to.
   *
   * @return the phase
   */
  public String phase() {
    return step.compareTo(JailStep.EXEC_PRESTOP) < 0 ? "start" : "stop";
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

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof FailedStep f
        && step == f.step
        && Objects.equals(command, f.command)
        && Objects.equals(exitCode, f.exitCode)
        && timedOut == f.timedOut
        && output.equals(f.output);
  }

  @Override
  public int hashCode() {
    return Objects.hash(step, command, exitCode, timedOut, output);
  }

  /** The phase and step, then the command and how it ended: {@code start EXEC_PRESTART: ...}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(phase()).append(' ').append(step);
    if (command != null) {
      sb.append(": ").append(command);
      if (timedOut) {
        sb.append(" (timed out)");
      } else if (exitCode != null) {
        sb.append(" (exit status ").append(exitCode).append(')');
      }
    }
    return sb.toString();
  }
}
