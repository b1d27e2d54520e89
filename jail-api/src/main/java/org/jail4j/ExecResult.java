package org.jail4j;

import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of a command run to completion inside a jail with {@link RunningJail#run}: exit
 * status, captured output, how long it took, and whether it was killed for running past its
 * timeout.
 *
 * <pre>{@code
 * ExecResult r = web.run(Duration.ofSeconds(30), "/usr/bin/uname", "-r");
 * if (r.isSuccess()) System.out.println(r.stdout().strip());
 * }</pre>
 *
 * @param exitCode the exit status; for a command killed on timeout, what the kill left (usually 137
 *     or -1)
 * @param stdout everything written to stdout
 * @param stderr everything written to stderr
 * @param duration how long it ran
 * @param timedOut true when it ran past the timeout and was killed
 */
public record ExecResult(
    int exitCode, String stdout, String stderr, Duration duration, boolean timedOut) {

  /** Validates the record. */
  public ExecResult {
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    Objects.requireNonNull(duration, "duration");
  }

  /** True when the command exited 0 within its timeout. */
  public boolean isSuccess() {
    return exitCode == 0 && !timedOut;
  }
}
