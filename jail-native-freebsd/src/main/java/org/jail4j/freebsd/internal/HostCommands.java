package org.jail4j.freebsd.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jail4j.spi.CommandSpec;

/**
 * The command lines the FreeBSD host system runs: jexec(8) for a command inside a jail, su(1) for a
 * host command as another user, devfs(8) to apply a ruleset. Pure functions, so the exact argv is
 * tested off FreeBSD.
 *
 * <pre>{@code
 * HostCommands.jexec(5, CommandSpec.of("/bin/echo", "hi").withJailUser("www"));
 * // [/usr/sbin/jexec, -U, www, 5, /bin/echo, hi]
 * }</pre>
 */
public final class HostCommands {
  /** jexec(8). */
  public static final String JEXEC = "/usr/sbin/jexec";

  /** ifconfig(8). */
  public static final String IFCONFIG = "/sbin/ifconfig";

  /** devfs(8). */
  public static final String DEVFS = "/sbin/devfs";

  /** mount(8), for the mount table ({@code mount -p}). */
  public static final String MOUNT = "/sbin/mount";

  /** su(1). */
  public static final String SU = "/usr/bin/su";

  /** env(1), inside the jail. */
  public static final String ENV = "/usr/bin/env";

  /** sh(1), inside the jail, to enter a working directory. */
  public static final String SH = "/bin/sh";

  /**
   * The script that enters the directory {@code $1} and then runs the remaining positional
   * parameters as the command; nothing of the caller's is spliced into it.
   */
  public static final String CHDIR_SCRIPT = "cd \"$1\" && shift && exec \"$@\"";

  private HostCommands() {}

  /**
   * {@code jexec [-l] [-u user | -U user] JID argv...} (freebsd-jail-abi.md §7). With {@code -l}
   * jexec builds a login environment and drops the caller's, so extra variables are given to the
   * command through {@code env(1)} inside the jail; with {@code -l} and no user, the user is the
   * jail's root ({@code -U root}), since jexec would otherwise look up the host user and chdir into
   * its home inside the jail, which fails where the jail has no such directory. A working directory
   * is not {@code -d}, which jexec on FreeBSD 13.x and early 14.x does not have: the command runs
   * through the jail's sh(1), with the directory and the argv as positional parameters, never
   * interpolated into the script.
   *
   * @param jid the jail
   * @param spec the command
   * @return the argv to start on the host
   */
  public static List<String> jexec(int jid, CommandSpec spec) {
    List<String> argv = new ArrayList<>();
    argv.add(JEXEC);
    if (spec.cleanEnvironment()) {
      argv.add("-l");
    }
    String user = spec.user();
    if (user != null) {
      argv.add(spec.userFromJail() ? "-U" : "-u");
      argv.add(user);
    } else if (spec.cleanEnvironment()) {
      argv.add("-U");
      argv.add("root");
    }
    argv.add(Integer.toString(jid));
    String dir = spec.workingDirectory();
    if (dir != null) {
      argv.add(SH);
      argv.add("-c");
      argv.add(CHDIR_SCRIPT);
      argv.add("sh");
      argv.add(dir);
    }
    if (spec.cleanEnvironment() && !spec.environment().isEmpty()) {
      argv.add(ENV);
      for (Map.Entry<String, String> e : new java.util.TreeMap<>(spec.environment()).entrySet()) {
        argv.add(e.getKey() + "=" + e.getValue());
      }
    }
    argv.addAll(spec.argv());
    return argv;
  }

  /**
   * The variable that carries a host command's sh-quoted argv through {@code su -m}, which keeps
   * the environment.
   */
  public static final String SU_ARGV_VARIABLE = "JAIL4J_SU_ARGV";

  /**
   * The fixed {@code su -c} string: su(1) with {@code -m} runs the caller's login shell, which for
   * root is csh(1) on FreeBSD 13.x and sh(1) from 14.0, and the two quote differently ({@code !} is
   * history, a newline in quotes is an error in csh). This string means the same to both and holds
   * nothing of the caller's: it starts {@code /bin/sh}, which evaluates the argv from {@link
   * #SU_ARGV_VARIABLE}, quoted for sh only.
   */
  public static final String SU_SCRIPT =
      "exec " + SH + " -c 'eval \"exec $" + SU_ARGV_VARIABLE + "\"'";

  /**
   * The argv of a host command: the command itself, or {@code su -m USER -c SU_SCRIPT} when a user
   * is named; the words then travel in {@link #onHostEnvironment}.
   *
   * @param spec the command
   * @return the argv to start
   */
  public static List<String> onHost(CommandSpec spec) {
    String user = spec.user();
    if (user == null) {
      return spec.argv();
    }
    return List.of(SU, "-m", user, "-c", SU_SCRIPT);
  }

  /**
   * The variables a host command starts with: the command's own, and for a command as another user
   * {@link #SU_ARGV_VARIABLE} holding its argv, each word {@linkplain #shellQuote quoted for sh}.
   *
   * @param spec the command
   * @return the variables to add to the started process's environment
   */
  public static Map<String, String> onHostEnvironment(CommandSpec spec) {
    if (spec.user() == null) {
      return spec.environment();
    }
    List<String> quoted = new ArrayList<>();
    for (String a : spec.argv()) {
      quoted.add(shellQuote(a));
    }
    Map<String, String> env = new java.util.LinkedHashMap<>(spec.environment());
    env.put(SU_ARGV_VARIABLE, String.join(" ", quoted));
    return env;
  }

  /**
   * {@code devfs -m MOUNT rule -s N applyset}: applies a devfs ruleset to one devfs mount.
   *
   * @param mountPoint the devfs mount
   * @param ruleset the ruleset number
   * @return the argv
   */
  public static List<String> devfsApplyset(String mountPoint, int ruleset) {
    return List.of(DEVFS, "-m", mountPoint, "rule", "-s", Integer.toString(ruleset), "applyset");
  }

  /**
   * A word quoted for sh(1): single quotes, with embedded single quotes as {@code '\''}.
   *
   * @param word the word
   * @return the quoted word
   */
  public static String shellQuote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
