package org.jail4j.examples;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jail4j.CommandRun;
import org.jail4j.Jail;
import org.jail4j.JailException;
import org.jail4j.JailHost;
import org.jail4j.RunningJail;
import org.jail4j.conf.ConfJail;
import org.jail4j.conf.JailConf;
import org.jail4j.conf.JailConfException;
import org.jail4j.jls.JailListing;
import org.jail4j.testkit.PathCheck;

/**
 * Reads an existing jail.conf(5) file and starts one jail from it, as {@code jail -f FILE -c NAME}
 * does: the jail's evaluated parameters ({@code jail -e}), the typed {@link Jail}, the start with
 * its aliases, mounts and {@code exec.*} commands, and a jls line.
 *
 * <pre>{@code
 * java -cp ... org.jail4j.examples.StartFromJailConf /etc/jail.conf web
 * java -cp ... org.jail4j.examples.StartFromJailConf --stop my-jail.conf      # the file's only jail
 * }</pre>
 *
 * <p>The jail keeps running on a real host unless {@code --stop} is given; on the testkit's fake
 * (no provider supports this machine) it is always stopped again before the program ends. Exit
 * status 0, 1 when the file has problems or the start fails, 2 for bad usage.
 */
public final class StartFromJailConf {
  static final String USAGE = "usage: StartFromJailConf [--stop] FILE [JAIL]";

  private StartFromJailConf() {}

  /**
   * How the fake checks a jail's {@code path} when no provider supports this machine: every path is
   * a directory of the fake host, so a file written for a real host ({@code path = /jails/web})
   * starts on the fake as it would there.
   */
  static final PathCheck FAKE_PATHS = PathCheck.anyDirectory();

  /** The parsed arguments: {@code [--stop] FILE [JAIL]}. */
  private record Request(boolean stop, Path file, Optional<String> jail) {}

  /**
   * Starts a jail from a jail.conf file on {@link JailHost#local()}, or on the fake when no
   * provider supports this machine.
   *
   * @param args {@code [--stop] FILE [JAIL]}
   */
  public static void main(String[] args) {
    int status = launch(args, () -> ExampleHost.localOrFake(FAKE_PATHS), System.out, System.err);
    System.out.flush();
    System.exit(status);
  }

  /**
   * What {@link #main} does before exiting: checks the arguments, and only then takes a host
   * (saying so when it is the fake, which always stops the jail again).
   *
   * @param args {@code [--stop] FILE [JAIL]}
   * @param hosts gives the host, called once the arguments are valid
   * @param out standard output
   * @param err standard error
   * @return the exit status
   */
  static int launch(String[] args, Supplier<ExampleHost> hosts, PrintStream out, PrintStream err) {
    Optional<Request> request = parse(args, err);
    if (request.isEmpty()) {
      return 2;
    }
    ExampleHost chosen = hosts.get();
    if (chosen.fallback()) {
      out.println(
          "(no jail provider supports this machine: running on the testkit's fake,"
              + " and stopping the jail again at the end)");
    }
    return start(chosen.host(), request.get(), chosen.fallback(), out, err);
  }

  /** The request, or empty after printing the reason and the usage. */
  private static Optional<Request> parse(String[] args, PrintStream err) {
    boolean stop = false;
    int i = 0;
    if (i < args.length && args[i].equals("--stop")) {
      stop = true;
      i++;
    }
    String problem = null;
    if (i < args.length && args[i].startsWith("-") && args[i].length() > 1) {
      problem = "unknown option " + args[i] + " (the only option is --stop)";
    } else if (args.length - i < 1) {
      problem = "no FILE given: name a jail.conf file";
    } else if (args.length - i > 2) {
      problem =
          "too many arguments: FILE and at most one JAIL, got "
              + (args.length - i)
              + " after the options";
    }
    if (problem != null) {
      err.println("StartFromJailConf: " + problem);
      err.println(USAGE);
      return Optional.empty();
    }
    return Optional.of(
        new Request(
            stop,
            Path.of(args[i]),
            args.length - i == 2 ? Optional.of(args[i + 1]) : Optional.empty()));
  }

  /**
   * Reads the file and starts the jail.
   *
   * @param host the host
   * @param args {@code [--stop] FILE [JAIL]}
   * @param alwaysStop stop the jail at the end even without {@code --stop}
   * @param out standard output
   * @param err standard error
   * @return the exit status
   */
  static int run(
      JailHost host, String[] args, boolean alwaysStop, PrintStream out, PrintStream err) {
    Optional<Request> request = parse(args, err);
    if (request.isEmpty()) {
      return 2;
    }
    return start(host, request.get(), alwaysStop, out, err);
  }

  private static int start(
      JailHost host, Request request, boolean alwaysStop, PrintStream out, PrintStream err) {
    boolean stop = alwaysStop || request.stop();
    Path file = request.file();
    JailConf conf;
    try {
      conf = JailConf.read(file);
    } catch (JailException e) {
      err.println(e.getMessage());
      return 1;
    }
    List<ConfJail> jails = conf.jails();
    Optional<ConfJail> picked;
    if (request.jail().isPresent()) {
      String name = request.jail().get();
      picked = conf.jail(name);
      if (picked.isEmpty()) {
        err.println("jail: \"" + name + "\" not found in " + file + "; it defines " + names(jails));
        return 1;
      }
    } else if (jails.size() == 1) {
      picked = Optional.of(jails.get(0));
    } else {
      err.println(file + " defines " + names(jails) + ": name the one to start");
      err.println(USAGE);
      return 2;
    }
    ConfJail confJail = picked.get();
    out.println("# " + file + ", jail " + confJail.name() + " as jail -e prints it:");
    out.print(Tour.indent(confJail.exhibit("\n"), "  "));
    // as jail -e: the evaluation's problems (cannot redefine, unresolved variables) on stderr, next
    // to the parameters they left empty
    err.print(confJail.exhibitProblems());
    // toJail() lists every problem: the evaluation's again and the conversion's (unknown boolean
    // value, non-integer value, addresses, Jail's rules); only those not printed yet follow
    Jail jail;
    try {
      jail = confJail.toJail();
    } catch (JailConfException e) {
      for (JailConfException.Problem p : e.problems()) {
        if (!confJail.problems().contains(p)) {
          err.println("jail: " + p);
        }
      }
      return 1;
    }
    RunningJail running;
    try {
      running = host.start(jail);
    } catch (JailException e) {
      err.println(e.getMessage());
      return 1;
    }
    int status = 0;
    try {
      out.println(
          "# started "
              + running.name()
              + " as JID "
              + running.jid()
              + " on "
              + host.provider().name());
      for (CommandRun r : running.transcript()) {
        out.println(
            "  "
                + r.step().name().toLowerCase(java.util.Locale.ROOT).replace('_', '.')
                + ": "
                + r.command()
                + " (exit "
                + r.result().exitCode()
                + ")");
      }
      if (running.isAlive()) {
        out.print(JailListing.of(List.of(running.info())).render());
      } else {
        // jail(8) drops the temporary persist after exec.start: with nothing left running inside
        // (and no persist in the file) the jail is gone, as on FreeBSD
        out.println(
            "# "
                + running.name()
                + " ended when its last process exited (no persist, and"
                + " nothing started by exec.start is still running)");
        running.stop();
        out.println("# removed what its start had set up (mounts, aliases)");
        stop = false;
      }
    } finally {
      if (stop) {
        try {
          running.stop();
          out.println("# stopped " + running.name());
        } catch (JailException e) {
          err.println(e.getMessage());
          status = 1;
        }
      }
    }
    return status;
  }

  private static String names(List<ConfJail> jails) {
    return jails.isEmpty() ? "no jails" : jails.stream().map(ConfJail::name).toList().toString();
  }
}
