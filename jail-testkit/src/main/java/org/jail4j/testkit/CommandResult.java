package org.jail4j.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * How a fake command ends: its exit code, what it writes to stdout and stderr, and how long it
 * runs. Immutable; each method returns a changed copy.
 *
 * <pre>{@code
 * host.onCommand("make", CommandResult.exit(0).stdout("built\n").duration(Duration.ofMillis(50)));
 * host.onCommand("zfs", CommandResult.exit(1).stderr("zfs: dataset does not exist\n"));
 * }</pre>
 *
 * <p>A process that is destroyed before its duration is over exits with {@code 128 + 15} ({@link
 * Process#destroy()}) or {@code 128 + 9} ({@link Process#destroyForcibly()}), as a shell reports a
 * process killed by SIGTERM or SIGKILL.
 */
public final class CommandResult {
  private static final CommandResult SUCCESS =
      new CommandResult(0, new byte[0], new byte[0], Duration.ZERO);

  private final int exitCode;
  private final byte[] stdout;
  private final byte[] stderr;
  private final Duration duration;

  private CommandResult(int exitCode, byte[] stdout, byte[] stderr, Duration duration) {
    if (exitCode < 0 || exitCode > 255) {
      throw new IllegalArgumentException(
          "exit code " + exitCode + " is outside 0..255 (an exit status is one byte)");
    }
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration " + duration + " is negative");
    }
    this.exitCode = exitCode;
    this.stdout = stdout;
    this.stderr = stderr;
    this.duration = duration;
  }

  /**
   * A command that exits at once with this code and prints nothing.
   *
   * @param exitCode 0..255
   * @return the result
   */
  public static CommandResult exit(int exitCode) {
    return new CommandResult(exitCode, new byte[0], new byte[0], Duration.ZERO);
  }

  /** The default answer: exit 0 at once, no output. */
  public static CommandResult success() {
    return SUCCESS;
  }

  /**
   * This result with stdout replaced by the UTF-8 bytes of {@code text}.
   *
   * @param text what the command prints on stdout
   * @return a copy
   */
  public CommandResult stdout(String text) {
    return stdout(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * This result with stdout replaced by these bytes.
   *
   * @param bytes what the command writes on stdout (copied)
   * @return a copy
   */
  public CommandResult stdout(byte[] bytes) {
    return new CommandResult(exitCode, bytes.clone(), stderr, duration);
  }

  /**
   * This result with stderr replaced by the UTF-8 bytes of {@code text}.
   *
   * @param text what the command prints on stderr
   * @return a copy
   */
  public CommandResult stderr(String text) {
    return new CommandResult(exitCode, stdout, text.getBytes(StandardCharsets.UTF_8), duration);
  }

  /**
   * This result running for this long (wall-clock time) before it exits. An in-jail command is a
   * process of its jail for that long.
   *
   * @param runTime how long the process runs; zero for "exits at once"
   * @return a copy
   */
  public CommandResult duration(Duration runTime) {
    return new CommandResult(exitCode, stdout, stderr, Objects.requireNonNull(runTime, "runTime"));
  }

  /** The exit code. */
  public int exitCode() {
    return exitCode;
  }

  /** The bytes written on stdout (a copy). */
  public byte[] stdoutBytes() {
    return stdout.clone();
  }

  /** The bytes written on stderr (a copy). */
  public byte[] stderrBytes() {
    return stderr.clone();
  }

  /** How long the process runs. */
  public Duration duration() {
    return duration;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CommandResult r
        && r.exitCode == exitCode
        && Arrays.equals(r.stdout, stdout)
        && Arrays.equals(r.stderr, stderr)
        && r.duration.equals(duration);
  }

  @Override
  public int hashCode() {
    return Objects.hash(exitCode, Arrays.hashCode(stdout), Arrays.hashCode(stderr), duration);
  }

  @Override
  public String toString() {
    return "CommandResult[exit="
        + exitCode
        + ", stdout="
        + stdout.length
        + " bytes, stderr="
        + stderr.length
        + " bytes, duration="
        + duration
        + "]";
  }
}
