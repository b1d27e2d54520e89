package org.jail4j;

import java.util.Objects;

/**
 * One command the lifecycle ran for a jail (a hook such as {@code exec.prestart}, or an in-jail
 * {@code exec.start} command) and what came of it. {@link RunningJail#transcript()} lists them in
 * order, which is where jail(8) users look for what it printed.
 *
 * <pre>{@code
 * for (CommandRun r : web.transcript()) {
 *   System.out.print(r.stdout());
 * }
 * }</pre>
 *
 * @param step the step that ran it
 * @param command the command string as configured
 * @param exitCode its exit status (-1 when it was killed on timeout, 0 for a background command)
 * @param stdout what it wrote to stdout
 * @param stderr what it wrote to stderr
 */
public record CommandRun(
    JailStep step, String command, int exitCode, String stdout, String stderr) {

  /** Validates the record. */
  public CommandRun {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
  }

  /** stdout then stderr, as a terminal would have shown them. */
  public String output() {
    return stdout + stderr;
  }
}
