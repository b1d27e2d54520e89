package org.jail4j.jls;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jail4j.JailInfo;
import org.jspecify.annotations.Nullable;

/**
 * One jls(8) command line, parsed as jls.c's getopt loop parses it: {@code --libxo json}, {@code
 * -d}, {@code -j jail}, the layout options {@code -h -N -n -q -s -v} (and {@code -a}, accepted and
 * ignored), {@code --} and then parameter names. {@link JailListing} prints what it asks for.
 *
 * <pre>{@code
 * JlsCommand cmd = JlsCommand.parse("-d", "-n", "-j", "web", "name", "host.hostname");
 * List<JailInfo> jails = host.list(cmd.dying());
 * System.out.print(JailListing.of(jails).print(cmd));
 * }</pre>
 */
public final class JlsCommand {

  /** jls(8)'s usage line. */
  public static final String USAGE = "usage: jls [--libxo json] [-dhNnqsv] [-j jail] [param ...]";

  static final int DEFAULT = 0x01;
  static final int HEADER = 0x02;
  static final int NAMEVAL = 0x04;
  static final int QUOTED = 0x08;
  static final int SKIP = 0x10;
  static final int VERBOSE = 0x20;
  static final int JAIL_NAME = 0x40;

  private int flags;
  private boolean json;
  private boolean dying;
  private @Nullable String jail;
  private final List<String> params = new ArrayList<>();

  private JlsCommand() {}

  /**
   * Parses jls's arguments.
   *
   * @param args the arguments after the program name
   * @return the command
   * @throws IllegalArgumentException worded like jls: {@code illegal option -- x}, {@code option
   *     requires an argument -- j}, {@code --libxo needs a format}, or a {@code --libxo} format
   *     other than text or json
   */
  public static JlsCommand parse(String... args) {
    JlsCommand r = new JlsCommand();
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
            throw new IllegalArgumentException("--libxo needs a format");
          }
          format = args[++i];
        } else {
          format = a.substring("--libxo=".length());
        }
        if (format.equals("json") || format.startsWith("json,")) {
          r.json = true;
        } else if (!format.equals("text")) {
          throw new IllegalArgumentException(
              "--libxo " + format + ": this jls prints text or json");
        }
        continue;
      }
      if (!a.startsWith("-") || a.length() == 1) {
        break;
      }
      for (int c = 1; c < a.length(); c++) {
        char opt = a.charAt(c);
        switch (opt) {
          case 'a' -> {}
          case 'd' -> r.dying = true;
          case 'h' -> r.flags = (r.flags & ~(SKIP | VERBOSE)) | HEADER;
          case 'N' -> r.flags |= JAIL_NAME;
          case 'n' -> r.flags = (r.flags & ~VERBOSE) | NAMEVAL;
          case 'q' -> r.flags |= QUOTED;
          case 's' -> r.flags = (r.flags & ~(HEADER | VERBOSE)) | NAMEVAL | QUOTED | SKIP;
          case 'v' -> r.flags = (r.flags & ~(HEADER | NAMEVAL | SKIP)) | VERBOSE;
          case 'j' -> {
            if (c + 1 < a.length()) {
              r.jail = a.substring(c + 1);
            } else if (i + 1 < args.length) {
              r.jail = args[++i];
            } else {
              throw new IllegalArgumentException("option requires an argument -- j");
            }
            c = a.length();
          }
          default -> throw new IllegalArgumentException("illegal option -- " + opt);
        }
      }
    }
    for (; i < args.length; i++) {
      r.params.add(args[i]);
    }
    if (r.params.isEmpty()) {
      if ((r.flags & (HEADER | NAMEVAL)) != 0) {
        r.params.add("all");
      } else if ((r.flags & VERBOSE) == 0) {
        r.flags |= DEFAULT;
      }
    } else {
      r.flags &= ~VERBOSE;
    }
    return r;
  }

  /** True for {@code --libxo json}. */
  public boolean json() {
    return json;
  }

  /** True for {@code -d}: dying jails are listed too. */
  public boolean dying() {
    return dying;
  }

  /** The jail {@code -j} names, by JID or name. */
  public Optional<String> jail() {
    return Optional.ofNullable(jail);
  }

  /**
   * The jails of a list that this command shows: the one {@code -j} names (by JID or name), or all.
   *
   * @param jails the jails
   * @return those selected, in the order given; empty when {@code -j} names none of them
   */
  public List<JailInfo> select(List<JailInfo> jails) {
    String wanted = jail;
    if (wanted == null) {
      return List.copyOf(jails);
    }
    return jails.stream()
        .filter(j -> wanted.equals(Integer.toString(j.jid())) || wanted.equals(j.name()))
        .toList();
  }

  /** The parameter names given ({@code all} when {@code -h} or {@code -n} came without any). */
  public List<String> params() {
    return List.copyOf(params);
  }

  int flags() {
    return flags;
  }

  boolean has(int flag) {
    return (flags & flag) != 0;
  }

  /** The parameter names to print, with {@code all} expanded in jls's order. */
  List<String> names(List<JailInfo> jails) {
    Set<String> out = new LinkedHashSet<>();
    for (String p : params) {
      if (p.equals("all")) {
        Set<String> every = new LinkedHashSet<>();
        for (JailInfo j : jails) {
          every.addAll(j.params().keySet());
        }
        every.stream().sorted(JlsCommand::sortParam).forEach(out::add);
      } else {
        out.add(p);
      }
    }
    return new ArrayList<>(out);
  }

  /** jls.c's sort_param: top-level names first, then by strcmp. */
  private static int sortParam(String a, String b) {
    boolean ad = a.indexOf('.') >= 0;
    boolean bd = b.indexOf('.') >= 0;
    if (ad != bd) {
      return ad ? 1 : -1;
    }
    return a.compareTo(b);
  }
}
