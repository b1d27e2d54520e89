package org.jail4j.examples;

import java.io.PrintStream;
import java.util.List;
import java.util.function.Supplier;
import org.jail4j.JailException;
import org.jail4j.JailHost;
import org.jail4j.JailInfo;
import org.jail4j.jls.JailListing;
import org.jail4j.jls.JlsCommand;

/**
 * A small jls(8): lists the jails of a host in jls's layouts, through {@link JailHost#list()},
 * {@link JlsCommand} (the command line) and {@link JailListing} (the output).
 *
 * <pre>{@code
 * jls [--libxo json] [-dhNnqsv] [-j jail] [param ...]
 * java -cp ... org.jail4j.examples.Jls -v
 * java -cp ... org.jail4j.examples.Jls -n -j web name host.hostname ip4.addr
 * }</pre>
 *
 * <p>{@code -d} includes dying jails, {@code -j} selects one jail by JID or name, {@code -h -N -n
 * -q -s -v} and parameter names print as jls does, {@code --libxo json} prints jls's JSON. Exit
 * status 0, 1 when the jail asked for does not exist or the host cannot be reached, 2 for bad
 * usage.
 */
public final class Jls {
  static final String USAGE = JlsCommand.USAGE;

  private Jls() {}

  /**
   * Lists the jails of {@link JailHost#local()}.
   *
   * @param args jls's arguments
   */
  public static void main(String[] args) {
    int status = launch(args, JailHost::local, System.out, System.err);
    System.out.flush();
    System.exit(status);
  }

  /**
   * What {@link #main} does before exiting: checks the arguments, and only then looks the host up
   * (so bad usage is reported as such on a machine without a provider).
   *
   * @param args jls's arguments
   * @param hosts gives the host, called once the arguments are valid
   * @param out standard output
   * @param err standard error
   * @return the exit status
   */
  static int launch(String[] args, Supplier<JailHost> hosts, PrintStream out, PrintStream err) {
    try {
      return run(hosts, args, out, err);
    } catch (JailException e) {
      err.println("jls: " + e.getMessage());
      return 1;
    }
  }

  /**
   * Runs jls against a host.
   *
   * @param host the host
   * @param args jls's arguments
   * @param out standard output
   * @param err standard error
   * @return the exit status
   */
  static int run(JailHost host, String[] args, PrintStream out, PrintStream err) {
    return run(() -> host, args, out, err);
  }

  private static int run(
      Supplier<JailHost> hosts, String[] args, PrintStream out, PrintStream err) {
    JlsCommand command;
    try {
      command = JlsCommand.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("jls: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    List<JailInfo> jails = command.select(hosts.get().list(command.dying()));
    if (command.jail().isPresent() && jails.isEmpty()) {
      err.println("jls: jail \"" + command.jail().get() + "\" not found");
      return 1;
    }
    out.print(JailListing.of(jails).print(command));
    return 0;
  }
}
