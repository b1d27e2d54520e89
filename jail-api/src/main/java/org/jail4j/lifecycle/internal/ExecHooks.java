package org.jail4j.lifecycle.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jail4j.CommandResult;
import org.jail4j.CommandRun;
import org.jail4j.Jail;
import org.jail4j.JailSetting;
import org.jail4j.JailStep;
import org.jail4j.internal.CommandLine;
import org.jail4j.internal.HostPaths;
import org.jail4j.internal.ProcessRun;
import org.jail4j.spi.CommandSpec;
import org.jail4j.spi.HostSystem;
import org.jspecify.annotations.Nullable;

/**
 * The commands of the sequences: the {@code exec.*} hooks and {@code command}, on the host or
 * inside the jail, with jail(8)'s environment, users, timeout and console log.
 */
final class ExecHooks {

  private final HostSystem sys;

  ExecHooks(HostSystem sys) {
    this.sys = sys;
  }

  /**
   * The command lines of a hook step, read through its {@link JailSetting}.
   *
   * @param jail the jail
   * @param step a step whose setting holds commands, e.g. {@link JailStep#EXEC_PRESTART}
   */
  static List<String> commands(Jail jail, JailStep step) {
    Optional<JailSetting> setting = step.setting();
    if (setting.isEmpty() || setting.get().kind() != JailSetting.Kind.COMMANDS) {
      throw new IllegalArgumentException(step + " runs no commands");
    }
    Optional<Object> lines = setting.get().read(jail);
    return lines.isEmpty() ? List.of() : strings(lines.get());
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object v) {
    return (List<String>) v;
  }

  /**
   * Runs one command line of a step unless it is empty, and returns what it ran.
   *
   * @param starting true for a start step (failures are {@code JailStartException}s)
   */
  Optional<CommandRun> run(
      Jail jail,
      JailStep step,
      String line,
      @Nullable Integer jid,
      @Nullable String name,
      String jailName,
      boolean starting) {
    CommandLine cl = CommandLine.parse(line);
    if (cl.isEmpty()) {
      return Optional.empty();
    }
    CommandSpec spec = commandSpec(jail, step, cl, jid, jailName);
    return Optional.of(runCommand(jail, step, line, spec, cl.background(), jid, name, starting));
  }

  /**
   * The spec for one command: host hooks get {@code JID}, {@code JNAME}, {@code JPATH} and run as
   * {@code exec.system_user}; in-jail commands run as {@code exec.jail_user} (looked up in the
   * host's passwd with {@code exec.system_jail_user}); {@code exec.clean} gives both a clean
   * environment.
   */
  static CommandSpec commandSpec(
      Jail jail, JailStep step, CommandLine cl, @Nullable Integer jid, String name) {
    CommandSpec spec = CommandSpec.of(cl.argv()).withCleanEnvironment(jail.execClean());
    if (step.inJail()) {
      if (jail.execFib().isPresent()) {
        // jail(8) calls setfib(2) before it execs an in-jail command; setfib(1) inside the jail
        // does the same for the command it runs.
        List<String> argv = new ArrayList<>();
        argv.add("/usr/sbin/setfib");
        argv.add(Integer.toString(jail.execFib().getAsInt()));
        argv.addAll(cl.argv());
        spec = CommandSpec.of(argv).withCleanEnvironment(jail.execClean());
      }
      if (jail.execJailUser().isPresent()) {
        String user = jail.execJailUser().get();
        spec = jail.execSystemJailUser() ? spec.withHostUser(user) : spec.withJailUser(user);
      }
      return spec;
    }
    Map<String, String> env = new LinkedHashMap<>();
    env.put("JID", jid == null ? "" : Integer.toString(jid));
    env.put("JNAME", name);
    env.put("JPATH", jail.path().orElse(""));
    spec = spec.withEnvironment(env);
    if (jail.execSystemUser().isPresent()) {
      spec = spec.withHostUser(jail.execSystemUser().get());
    }
    return spec;
  }

  /**
   * Runs one command of a step: on the host, or inside the jail through {@code
   * HostSystem.startInJail}; waits up to {@code exec.timeout}; appends in-jail output to {@code
   * exec.consolelog}; fails on a non-zero exit.
   */
  CommandRun runCommand(
      Jail jail,
      JailStep step,
      String line,
      CommandSpec spec,
      boolean background,
      @Nullable Integer jid,
      @Nullable String name,
      boolean starting) {
    Process p;
    try {
      if (step.inJail()) {
        if (jid == null) {
          throw new IOException("no jail to run in");
        }
        p = sys.startInJail(jid, spec);
      } else {
        p = sys.startOnHost(spec);
      }
    } catch (IOException | RuntimeException e) {
      throw StepFailures.command(
          starting, step, jid, name, line, null, "exec " + line + ": " + e.getMessage(), e);
    }
    if (background) {
      ProcessRun.detach(p);
      return new CommandRun(step, line, CommandResult.success());
    }
    CommandResult r;
    try {
      r = ProcessRun.await(p, jail.execTimeout().orElse(null));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw StepFailures.command(starting, step, jid, name, line, null, line + ": interrupted", e);
    }
    if (step.inJail() && jail.execConsolelog().isPresent()) {
      String log = jail.execConsolelog().get();
      try {
        Files.writeString(
            HostPaths.onThisHost(log),
            r.output(),
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      } catch (IOException | RuntimeException e) {
        throw StepFailures.command(
            starting, step, jid, name, line, r, "open " + log + ": " + e.getMessage(), e);
      }
    }
    CommandRun run = new CommandRun(step, line, r);
    if (r.timedOut()) {
      throw StepFailures.command(starting, step, jid, name, line, r, line + ": timed out", null);
    }
    if (r.exitCode() != 0) {
      throw StepFailures.command(
          starting,
          step,
          jid,
          name,
          line,
          r,
          line + ": failed (exit status " + r.exitCode() + ")",
          null);
    }
    return run;
  }
}
