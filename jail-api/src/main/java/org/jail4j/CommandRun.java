package org.jail4j;

import java.util.Objects;

/**
 * One command the lifecycle ran for a jail (a hook such as {@code exec.prestart}, or an in-jail
 * {@code exec.start} command): which step, which command, and its {@link CommandResult}. {@link
 * RunningJail#transcript()} lists them in order, which is where jail(8) users look for what it
 * printed.
 *
 * <pre>{@code
 * for (CommandRun r : web.transcript()) {
 *   System.out.print(r.result().output());
 * }
 * }</pre>
 *
 * @param step the step that ran it
 * @param command the command string as configured
 * @param result what came of it (exit status 0 and no output for a background command)
 */
public record CommandRun(JailStep step, String command, CommandResult result) {

  /** Validates the record. */
  public CommandRun {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(result, "result");
  }
}
