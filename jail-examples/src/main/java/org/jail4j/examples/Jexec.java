package org.jail4j.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jail4j.JailException;
import org.jail4j.JailHost;
import org.jail4j.JailProcess;
import org.jail4j.RunningJail;
import org.jail4j.spi.CommandSpec;

/**
 * A small jexec(8): runs a command inside a running jail through {@link RunningJail#exec}.
 *
 * <pre>{@code
 * jexec [-l] [-u username | -U username] [-d working-directory] jail [command ...]
 * java -cp ... org.jail4j.examples.Jexec -U www -d /usr/local/www web ls -l
 * }</pre>
 *
 * <p>{@code -l} runs with a clean environment, {@code -u} as a user from the host's password
 * database, {@code -U} as a user from the jail's, {@code -d} in that directory (the home directory
 * otherwise); without a command it runs {@code /bin/sh}. The jail is a JID or a name. The exit
 * status is the command's; 1 when the jail does not exist, 2 for bad usage.
 */
public final class Jexec {
  static final String USAGE =
      "usage: jexec [-l] [-u username | -U username] [-d working-directory] jail [command ...]";

  private Jexec() {}

  /**
   * Runs a command in a jail of {@link JailHost#local()}.
   *
   * @param args jexec's arguments
   */
  public static void main(String[] args) {
    int status = launch(args, JailHost::local, System.in, System.out, System.err);
    System.out.flush();
    System.exit(status);
  }

  /**
   * What {@link #main} does before exiting: checks the arguments, and only then looks the host up
   * (so bad usage is reported as such on a machine without a provider).
   *
   * @param args jexec's arguments
   * @param hosts gives the host, called once the arguments are valid
   * @param in what the command reads
   * @param out standard output
   * @param err standard error
   * @return the command's exit status, or 1 / 2 for jexec's own errors
   */
  static int launch(
      String[] args, Supplier<JailHost> hosts, InputStream in, PrintStream out, PrintStream err) {
    try {
      return run(hosts, args, in, out, err);
    } catch (JailException e) {
      err.println("jexec: " + e.getMessage());
      return 1;
    }
  }

  /**
   * Runs jexec against a host.
   *
   * @param host the host
   * @param args jexec's arguments
   * @param in what the command reads
   * @param out standard output
   * @param err standard error
   * @return the command's exit status, or 1 / 2 for jexec's own errors
   */
  static int run(JailHost host, String[] args, InputStream in, PrintStream out, PrintStream err) {
    return run(() -> host, args, in, out, err);
  }

  private static int run(
      Supplier<JailHost> hosts, String[] args, InputStream in, PrintStream out, PrintStream err) {
    boolean clean = false;
    String hostUser = null;
    String jailUser = null;
    String dir = null;
    int i = 0;
    for (; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--")) {
        i++;
        break;
      }
      if (!a.startsWith("-") || a.length() == 1) {
        break;
      }
      for (int c = 1; c < a.length(); c++) {
        char opt = a.charAt(c);
        if (opt == 'l') {
          clean = true;
          continue;
        }
        if (opt != 'u' && opt != 'U' && opt != 'd') {
          err.println("jexec: illegal option -- " + opt);
          err.println(USAGE);
          return 2;
        }
        String value;
        if (c + 1 < a.length()) {
          value = a.substring(c + 1);
        } else if (i + 1 < args.length) {
          value = args[++i];
        } else {
          err.println("jexec: option requires an argument -- " + opt);
          err.println(USAGE);
          return 2;
        }
        switch (opt) {
          case 'u' -> hostUser = value;
          case 'U' -> jailUser = value;
          default -> dir = value;
        }
        c = a.length();
      }
    }
    if (hostUser != null && jailUser != null) {
      err.println("jexec: -u and -U are mutually exclusive");
      err.println(USAGE);
      return 2;
    }
    if (i == args.length) {
      err.println("jexec: no jail given: name a running jail by JID or name");
      err.println(USAGE);
      return 2;
    }
    String jail = args[i++];
    List<String> argv =
        i < args.length ? Arrays.asList(args).subList(i, args.length) : List.of("/bin/sh");
    Optional<RunningJail> found = hosts.get().find(jail);
    if (found.isEmpty()) {
      err.println("jexec: jail \"" + jail + "\" not found");
      return 1;
    }
    CommandSpec spec = CommandSpec.of(argv).withCleanEnvironment(clean);
    if (hostUser != null) {
      spec = spec.withHostUser(hostUser);
    }
    if (jailUser != null) {
      spec = spec.withJailUser(jailUser);
    }
    if (dir != null) {
      spec = spec.withWorkingDirectory(dir);
    }
    try (JailProcess p = found.get().exec(spec)) {
      Thread feeder = pump(in, p.stdin(), true);
      Thread errors = pump(p.stderr(), err, false);
      copy(p.stdout(), out);
      int status = p.waitFor();
      errors.join();
      feeder.interrupt();
      out.flush();
      err.flush();
      return status;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("jexec: interrupted");
      return 1;
    }
  }

  /**
   * Copies in a daemon thread; closes the target when {@code closeTarget} (the command's stdin).
   */
  private static Thread pump(InputStream from, OutputStream to, boolean closeTarget) {
    Thread t =
        new Thread(
            () -> {
              try {
                copy(from, to);
              } catch (UncheckedIOException e) {
                // the command ended before reading all of its input, as with a pipe
              } finally {
                if (closeTarget) {
                  try {
                    to.close();
                  } catch (IOException e) {
                    // already closed by the command's end
                  }
                }
              }
            },
            "jexec-pump");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void copy(InputStream from, OutputStream to) {
    try {
      from.transferTo(to);
      to.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
