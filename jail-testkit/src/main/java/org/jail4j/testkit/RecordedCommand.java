package org.jail4j.testkit;

import java.util.List;
import org.jail4j.spi.CommandSpec;

/**
 * A command the fake host was asked to run: on the host ({@code jid == -1}) or inside a jail, as
 * jexec(8) would.
 *
 * <pre>{@code
 * RecordedCommand c = host.jailCommands().get(0);
 * c.jid();        // 3
 * c.program();    // "sh", the base name of argv[0]
 * c.argv();       // [/bin/sh, /etc/rc]
 * }</pre>
 *
 * @param jid the jail the command ran in, or {@link #HOST} for a host command
 * @param command what was run
 */
public record RecordedCommand(int jid, CommandSpec command) {

  /** The {@link #jid()} of a command run on the host. */
  public static final int HOST = -1;

  /** True for a command run on the host. */
  public boolean onHost() {
    return jid == HOST;
  }

  /** The program and its arguments. */
  public List<String> argv() {
    return command.argv();
  }

  /** The base name of the program ({@code make} for {@code /usr/bin/make}). */
  public String program() {
    return programName(command);
  }

  static String programName(CommandSpec spec) {
    String p = spec.argv().get(0);
    return p.substring(p.lastIndexOf('/') + 1);
  }
}
