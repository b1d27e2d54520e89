package org.jail4j.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A command to run on the host or inside a jail, with what jexec(8) and jail(8) let one choose:
 * clean environment ({@code -l}), user ({@code -u} host user or {@code -U} jail user), working
 * directory ({@code -d}), extra environment.
 *
 * <pre>{@code
 * CommandSpec ls = CommandSpec.of("/bin/ls", "-l", "/").withJailUser("www").withCleanEnvironment(true);
 * }</pre>
 *
 * @param argv the program and its arguments; never empty
 * @param environment variables to add (jail(8) adds JID, JNAME, JPATH to host hooks)
 * @param cleanEnvironment run with a login-class environment only, like {@code jexec -l}
 * @param user the user to run as, or null for the default (root, or the caller on the host)
 * @param userFromJail true when {@link #user} is looked up in the jail's passwd ({@code -U}), false
 *     for the host's ({@code -u})
 * @param workingDirectory the directory to start in, or null (jexec: the jail root)
 */
public record CommandSpec(
    List<String> argv,
    Map<String, String> environment,
    boolean cleanEnvironment,
    @Nullable String user,
    boolean userFromJail,
    @Nullable String workingDirectory) {

  /** Validates and copies. */
  public CommandSpec {
    argv = List.copyOf(argv);
    environment = Map.copyOf(environment);
    if (argv.isEmpty()) {
      throw new org.jail4j.InvalidJailParameterException(
          "command", null, "command", "a command needs at least the program name");
    }
    for (String a : argv) {
      if (a.indexOf('\0') >= 0) {
        throw new org.jail4j.InvalidJailParameterException(
            "command", null, "command", "command argument contains a NUL byte: " + a);
      }
    }
  }

  /**
   * A plain command: default user, inherited environment, default directory.
   *
   * @param argv the program and its arguments
   * @return the spec
   */
  public static CommandSpec of(String... argv) {
    return of(List.of(argv));
  }

  /**
   * A plain command: default user, inherited environment, default directory.
   *
   * @param argv the program and its arguments
   * @return the spec
   */
  public static CommandSpec of(List<String> argv) {
    return new CommandSpec(argv, Map.of(), false, null, false, null);
  }

  /**
   * A shell command line run as {@code /bin/sh -c LINE}.
   *
   * @param line the command line
   * @return the spec
   */
  public static CommandSpec shell(String line) {
    return of("/bin/sh", "-c", line);
  }

  /**
   * This command with extra environment variables.
   *
   * @param env variables to add (later ones replace earlier ones with the same name)
   * @return a copy
   */
  public CommandSpec withEnvironment(Map<String, String> env) {
    Map<String, String> merged = new java.util.LinkedHashMap<>(environment);
    merged.putAll(env);
    return new CommandSpec(argv, merged, cleanEnvironment, user, userFromJail, workingDirectory);
  }

  /**
   * This command with or without a clean environment ({@code jexec -l}).
   *
   * @param clean true for a login-class environment only
   * @return a copy
   */
  public CommandSpec withCleanEnvironment(boolean clean) {
    return new CommandSpec(argv, environment, clean, user, userFromJail, workingDirectory);
  }

  /**
   * This command run as a user from the host's passwd ({@code jexec -u}).
   *
   * @param hostUser the user name
   * @return a copy
   */
  public CommandSpec withHostUser(String hostUser) {
    return new CommandSpec(
        argv,
        environment,
        cleanEnvironment,
        Objects.requireNonNull(hostUser),
        false,
        workingDirectory);
  }

  /**
   * This command run as a user from the jail's passwd ({@code jexec -U}).
   *
   * @param jailUser the user name
   * @return a copy
   */
  public CommandSpec withJailUser(String jailUser) {
    return new CommandSpec(
        argv,
        environment,
        cleanEnvironment,
        Objects.requireNonNull(jailUser),
        true,
        workingDirectory);
  }

  /**
   * This command started in a directory inside the jail (the native provider enters it through the
   * jail's {@code /bin/sh}, since the jexec of 13.x and early 14.x has no {@code -d}).
   *
   * @param directory the working directory
   * @return a copy
   */
  public CommandSpec withWorkingDirectory(String directory) {
    return new CommandSpec(
        argv, environment, cleanEnvironment, user, userFromJail, Objects.requireNonNull(directory));
  }

  /** The command line for logs and error messages: argv joined by spaces. */
  public String commandLine() {
    return String.join(" ", argv);
  }
}
