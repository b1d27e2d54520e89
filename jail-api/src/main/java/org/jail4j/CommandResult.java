package org.jail4j;

import java.time.Duration;
import java.util.Objects;

/**
 * What a command did: its exit status, what it wrote to stdout and stderr, how long it ran, and
 * whether it was killed for running past its timeout. The one result type of jail4j: {@link
 * RunningJail#run} returns it, each {@link CommandRun} of a jail's transcript holds one, jail
 * roots' host commands and the FreeBSD provider's own commands read one, and the testkit's fake
 * host scripts its commands with one ({@code exit(0).stdout("built\n")}).
 *
 * <pre>{@code
 * CommandResult r = web.run(Duration.ofSeconds(30), "/usr/bin/uname", "-r");
 * if (r.isSuccess()) System.out.println(r.stdout().strip());
 *
 * host.onCommand("zfs", CommandResult.exit(1).stderr("zfs: dataset does not exist\n"));
 * }</pre>
 *
 * <p><b>Timeout.</b> A command killed for running past its timeout has {@link #timedOut()} true and
 * {@link #exitCode()} what the kill left: {@code 128 + 9} (137) when it was reaped after SIGKILL,
 * as sh(1) reports it, or {@link #NOT_REAPED} (-1) when it could not be reaped. Ask {@link
 * #timedOut()}, never the exit code, whether a command was killed.
 *
 * @param exitCode the exit status (see <b>Timeout</b> for a killed command)
 * @param stdout everything written to stdout (UTF-8, malformed bytes replaced)
 * @param stderr everything written to stderr (UTF-8, malformed bytes replaced)
 * @param duration how long it ran (for a scripted fake command: how long it will run)
 * @param timedOut true when it ran past its timeout and was killed
 */
public record CommandResult(
    int exitCode, String stdout, String stderr, Duration duration, boolean timedOut) {

  /** The exit code of a command that was killed but could not be reaped. */
  public static final int NOT_REAPED = -1;

  private static final CommandResult SUCCESS = new CommandResult(0, "", "", Duration.ZERO, false);

  /**
   * Validates the record.
   *
   * @throws IllegalArgumentException when {@code duration} is negative
   */
  public CommandResult {
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration " + duration + " is negative");
    }
  }

  /**
   * A command that exits at once with this code and prints nothing (the start of a scripted
   * answer).
   *
   * @param exitCode 0..255
   * @return the result
   * @throws IllegalArgumentException when the code is outside 0..255
   */
  public static CommandResult exit(int exitCode) {
    if (exitCode < 0 || exitCode > 255) {
      throw new IllegalArgumentException(
          "exit code " + exitCode + " is outside 0..255 (an exit status is one byte)");
    }
    return new CommandResult(exitCode, "", "", Duration.ZERO, false);
  }

  /** Exit 0 at once, no output. */
  public static CommandResult success() {
    return SUCCESS;
  }

  /**
   * This result with stdout replaced.
   *
   * @param text what the command prints on stdout
   * @return a copy
   */
  public CommandResult stdout(String text) {
    return new CommandResult(exitCode, text, stderr, duration, timedOut);
  }

  /**
   * This result with stderr replaced.
   *
   * @param text what the command prints on stderr
   * @return a copy
   */
  public CommandResult stderr(String text) {
    return new CommandResult(exitCode, stdout, text, duration, timedOut);
  }

  /**
   * This result running for this long (wall-clock time).
   *
   * @param runTime how long; zero for "exits at once"
   * @return a copy
   * @throws IllegalArgumentException when {@code runTime} is negative
   */
  public CommandResult duration(Duration runTime) {
    return new CommandResult(
        exitCode, stdout, stderr, Objects.requireNonNull(runTime, "runTime"), timedOut);
  }

  /** True when the command exited 0 within its timeout. */
  public boolean isSuccess() {
    return exitCode == 0 && !timedOut;
  }

  /** stdout then stderr, as a terminal would have shown them. */
  public String output() {
    return stdout + stderr;
  }
}
