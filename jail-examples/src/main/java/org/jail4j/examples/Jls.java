package org.jail4j.examples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jail4j.JailException;
import org.jail4j.JailHost;
import org.jail4j.JailInfo;
import org.jail4j.JailListing;

/**
 * A small jls(8): lists the jails of a host in jls's layouts, through {@link JailHost#list()} and
 * {@link JailListing}.
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
  static final String USAGE = "usage: jls [--libxo json] [-dhNnqsv] [-j jail] [param ...]";

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
    boolean json = false;
    boolean dying = false;
    String jail = null;
    StringBuilder flags = new StringBuilder();
    List<String> params = new ArrayList<>();
    int i = 0;
    for (; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--")) {
        i++;
        break;
      }
      if (a.equals("--libxo") || a.startsWith("--libxo=")) {
        String format;
        if (a.equals("--libxo")) {
          if (i + 1 == args.length) {
            err.println("jls: --libxo needs a format");
            err.println(USAGE);
            return 2;
          }
          format = args[++i];
        } else {
          format = a.substring("--libxo=".length());
        }
        if (format.equals("json") || format.startsWith("json,")) {
          json = true;
        } else if (!format.equals("text")) {
          err.println("jls: --libxo " + format + ": this jls prints text or json");
          err.println(USAGE);
          return 2;
        }
        continue;
      }
      if (!a.startsWith("-") || a.length() == 1) {
        break;
      }
      for (int c = 1; c < a.length(); c++) {
        char opt = a.charAt(c);
        switch (opt) {
          case 'd' -> dying = true;
          case 'a' -> {}
          case 'h', 'N', 'n', 'q', 's', 'v' -> flags.append(opt);
          case 'j' -> {
            if (c + 1 < a.length()) {
              jail = a.substring(c + 1);
            } else if (i + 1 < args.length) {
              jail = args[++i];
            } else {
              err.println("jls: option requires an argument -- j");
              err.println(USAGE);
              return 2;
            }
            c = a.length();
          }
          default -> {
            err.println("jls: illegal option -- " + opt);
            err.println(USAGE);
            return 2;
          }
        }
      }
    }
    for (; i < args.length; i++) {
      params.add(args[i]);
    }
    List<JailInfo> jails = hosts.get().list(dying);
    if (jail != null) {
      String wanted = jail;
      List<JailInfo> one =
          jails.stream()
              .filter(j -> wanted.equals(Integer.toString(j.jid())) || wanted.equals(j.name()))
              .toList();
      if (one.isEmpty()) {
        err.println("jls: jail \"" + wanted + "\" not found");
        return 1;
      }
      jails = one;
    }
    List<String> listingArgs = new ArrayList<>();
    if (flags.length() > 0) {
      listingArgs.add("-" + flags);
    }
    listingArgs.addAll(params);
    String[] a = listingArgs.toArray(String[]::new);
    JailListing listing = JailListing.of(jails);
    try {
      out.print(json ? listing.json(a) : listing.render(a));
    } catch (IllegalArgumentException e) {
      err.println("jls: " + e.getMessage());
      return 2;
    }
    return 0;
  }
}
