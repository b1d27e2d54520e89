package org.jail4j.jls;

import static org.jail4j.jls.JlsCommand.DEFAULT;
import static org.jail4j.jls.JlsCommand.HEADER;
import static org.jail4j.jls.JlsCommand.JAIL_NAME;
import static org.jail4j.jls.JlsCommand.NAMEVAL;
import static org.jail4j.jls.JlsCommand.QUOTED;
import static org.jail4j.jls.JlsCommand.SKIP;
import static org.jail4j.jls.JlsCommand.VERBOSE;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jail4j.JailInfo;
import org.jail4j.param.JailParam;
import org.jail4j.param.ParamType;
import org.jail4j.spi.support.IpLiterals;

/**
 * jls(8)'s output for a list of {@link JailInfo}s: the default table, {@code -N}, {@code -v},
 * {@code -n}, {@code -h}, {@code -q}, {@code -s}, explicit parameter lists, and the {@code --libxo
 * json} shape (freebsd-jail-abi.md §7). Column widths, quoting and empty-value rules follow jls.c,
 * so scripts that parse jls output can parse these.
 *
 * <p>Text output is one line per jail whatever the values hold: jls(8) prints values raw, so a host
 * name holding a newline would forge a row of its own; here every name and value is passed through
 * vis(3) with {@code VIS_CSTYLE | VIS_OCTAL} first (as {@code ls -b} and {@code ps} do): a newline
 * prints as {@code \n}, a tab as {@code \t}, a backslash as {@code \\}, any other control character
 * (C0, DEL, C1) and U+2028/U+2029 as the octal escapes of its UTF-8 bytes ({@code \033}). Values
 * without such characters print exactly as jls prints them. {@link #json} escapes the JSON way
 * instead.
 *
 * <pre>{@code
 * JailListing ls = JailListing.of(host.list());
 * System.out.print(ls.render());               // jls
 * System.out.print(ls.render("-v"));           // jls -v
 * System.out.print(ls.render("-nq"));          // jls -nq
 * System.out.print(ls.render("-h", "name", "host.hostname"));
 * System.out.print(ls.json("name", "meta"));   // jls --libxo json name meta
 * }</pre>
 */
public final class JailListing {

  private final List<JailInfo> jails;

  private JailListing(List<JailInfo> jails) {
    this.jails = List.copyOf(jails);
  }

  /**
   * A listing of these jails, in the order given (jls lists in JID order).
   *
   * @param jails the jails
   * @return the listing
   */
  public static JailListing of(List<JailInfo> jails) {
    return new JailListing(Objects.requireNonNull(jails, "jails"));
  }

  /**
   * The text jls prints with these arguments: option words ({@code -v}, {@code -nq}, {@code -N},
   * {@code -h}, {@code -s}, {@code -d} (ignored: include dying jails when listing instead)) and
   * then parameter names.
   *
   * @param args jls arguments after the program name, without {@code -j} and {@code --libxo} (a
   *     {@link JlsCommand} carries those: see {@link #print})
   * @return the output, every line ending in a newline
   * @throws IllegalArgumentException for an option jls does not know, or {@code -j} or {@code
   *     --libxo}
   */
  public String render(String... args) {
    return render(layout(args));
  }

  /**
   * What jls prints for a parsed command line: {@link #json(JlsCommand)} for {@code --libxo json},
   * else {@link #render(JlsCommand)}. The jails are listed as given: select them with {@link
   * JlsCommand#select} first.
   *
   * @param command the command line
   * @return the output
   */
  public String print(JlsCommand command) {
    return command.json() ? json(command) : render(command);
  }

  /**
   * The text jls prints for a parsed command line, whatever its {@code --libxo}.
   *
   * @param command the command line
   * @return the output, every line ending in a newline
   */
  public String render(JlsCommand command) {
    JlsCommand r = Objects.requireNonNull(command, "command");
    StringBuilder out = new StringBuilder();
    if ((r.flags() & VERBOSE) != 0) {
      out.append("   JID  Hostname").append(" ".repeat(22)).append("Path\n");
      out.append("        Name").append(" ".repeat(26)).append("State\n");
      out.append("        CPUSetID\n");
      out.append("        IP Address(es)\n");
      for (JailInfo j : jails) {
        out.append(
            String.format(
                Locale.ROOT, "%6d  %s %s%n", j.jid(), col(j.hostname(), 29), cut(j.path(), 74)));
        out.append("        ")
            .append(col(j.name(), 29))
            .append(' ')
            .append(j.dying() ? "DYING" : "ACTIVE")
            .append('\n');
        out.append("        ").append(j.cpusetId()).append('\n');
        for (InetAddress a : j.ip4()) {
          out.append("        ").append(IpLiterals.format(a)).append('\n');
        }
        for (InetAddress a : j.ip6()) {
          out.append("        ").append(IpLiterals.format(a)).append('\n');
        }
      }
    } else if ((r.flags() & DEFAULT) != 0) {
      boolean byName = (r.flags() & JAIL_NAME) != 0;
      if (byName) {
        out.append(' ')
            .append(String.format(Locale.ROOT, "%-15s", "JID"))
            .append(' ')
            .append(String.format(Locale.ROOT, "%-15s", "IP Address"))
            .append(' ')
            .append(String.format(Locale.ROOT, "%-29s", "Hostname"))
            .append(" Path\n");
      } else {
        out.append("   JID  IP Address").append(" ".repeat(6)).append("Hostname");
        out.append(" ".repeat(22)).append("Path\n");
      }
      for (JailInfo j : jails) {
        if (byName) {
          out.append(' ')
              .append(String.format(Locale.ROOT, "%-15s", visible(j.name())))
              .append(' ');
        } else {
          out.append(String.format(Locale.ROOT, "%6d  ", j.jid()));
        }
        String ip = j.ip4().isEmpty() ? "" : IpLiterals.format(j.ip4().get(0));
        out.append(col(ip, 15))
            .append(' ')
            .append(col(j.hostname(), 29))
            .append(' ')
            .append(cut(j.path(), 74))
            .append('\n');
      }
    } else {
      List<String> names = r.names(jails);
      if ((r.flags() & HEADER) != 0) {
        List<String> shown = new ArrayList<>();
        for (String name : names) {
          shown.add(visible(name));
        }
        out.append(String.join(" ", shown)).append('\n');
      }
      for (JailInfo j : jails) {
        boolean spc = false;
        for (String name : names) {
          if ((r.flags() & SKIP) != 0 && skipped(j, name)) {
            continue;
          }
          if (spc) {
            out.append(' ');
          }
          spc = true;
          Optional<String> value = Optional.ofNullable(j.params().get(name));
          if ((r.flags() & NAMEVAL) != 0) {
            if (isBoolean(name)) {
              boolean on = value.map(JailListing::truthy).orElse(false);
              out.append(visible(on ? name : JailParam.noNameOf(name)));
              continue;
            }
            out.append(visible(name)).append('=');
          }
          if (value.isEmpty() || (value.get().isEmpty() && isArray(name))) {
            if ((r.flags() & QUOTED) != 0) {
              out.append("\"\"");
            } else if ((r.flags() & NAMEVAL) == 0) {
              out.append('-');
            }
            continue;
          }
          out.append(quoted(visible(value.get()), (r.flags() & QUOTED) != 0));
        }
        out.append('\n');
      }
    }
    return out.toString();
  }

  /**
   * What {@code jls --libxo json} prints with these arguments: {@code {"__version": "2",
   * "jail-information": {"jail": [...]}}} and a newline. IP addresses are lists; booleans asked for
   * with {@code -n} are JSON booleans.
   *
   * @param args jls arguments, as for {@link #render(String...)}
   * @return the JSON text
   * @throws IllegalArgumentException as {@link #render(String...)}
   */
  public String json(String... args) {
    return json(layout(args));
  }

  /**
   * The JSON jls prints for a parsed command line, whatever its {@code --libxo}.
   *
   * @param command the command line
   * @return the JSON text
   */
  public String json(JlsCommand command) {
    JlsCommand r = Objects.requireNonNull(command, "command");
    StringBuilder out =
        new StringBuilder("{\"__version\": \"2\", \"jail-information\": {\"jail\": [");
    boolean firstJail = true;
    for (JailInfo j : jails) {
      if (!firstJail) {
        out.append(", ");
      }
      firstJail = false;
      List<String> fields = new ArrayList<>();
      if ((r.flags() & VERBOSE) != 0) {
        fields.add("\"jid\":" + j.jid());
        fields.add(str("hostname", j.hostname()));
        fields.add(str("path", j.path()));
        fields.add(str("name", j.name()));
        fields.add(str("state", j.dying() ? "DYING" : "ACTIVE"));
        fields.add("\"cpusetid\":" + j.cpusetId());
        fields.add(list("ipv4_addrs", j.ip4()));
        fields.add(list("ipv6_addrs", j.ip6()));
      } else if ((r.flags() & DEFAULT) != 0) {
        fields.add((r.flags() & JAIL_NAME) != 0 ? str("name", j.name()) : "\"jid\":" + j.jid());
        fields.add(str("ipv4", j.ip4().isEmpty() ? "" : IpLiterals.format(j.ip4().get(0))));
        fields.add(str("hostname", j.hostname()));
        fields.add(str("path", j.path()));
      } else {
        for (String name : r.names(jails)) {
          if ((r.flags() & SKIP) != 0 && skipped(j, name)) {
            continue;
          }
          Optional<String> value = Optional.ofNullable(j.params().get(name));
          if ((r.flags() & NAMEVAL) != 0 && isBoolean(name)) {
            fields.add(quote(name) + ":" + value.map(JailListing::truthy).orElse(false));
          } else if (name.equals("ip4.addr")) {
            fields.add(list(name, j.ip4()));
          } else if (name.equals("ip6.addr")) {
            fields.add(list(name, j.ip6()));
          } else {
            fields.add(str(name, value.orElse("")));
          }
        }
      }
      out.append('{').append(String.join(",", fields)).append('}');
    }
    return out.append("]}}\n").toString();
  }

  // ---- jls rules --------------------------------------------------------------------------

  /** The layout options and parameters of {@link #render(String...)}: no -j, no --libxo. */
  private static JlsCommand layout(String... args) {
    JlsCommand c = JlsCommand.parse(args);
    if (c.jail().isPresent()) {
      throw new IllegalArgumentException(
          "-j: the jails are listed as given; select them with JlsCommand.select");
    }
    if (c.json()) {
      throw new IllegalArgumentException("--libxo: use json(...) or print(JlsCommand)");
    }
    return c;
  }

  /**
   * jls -s leaves out read-only parameters and the children of a jailsys parameter whose value is
   * not {@code new} (they would be refused or meaningless in {@code jail -c}).
   */
  private static boolean skipped(JailInfo j, String name) {
    Optional<JailParam<?>> p = JailParam.lookup(name);
    if (p.isPresent() && p.get().access() == JailParam.Access.READ_ONLY) {
      return true;
    }
    int dot = name.indexOf('.');
    if (dot > 0) {
      String parent = name.substring(0, dot);
      Optional<JailParam<?>> pp = JailParam.lookup(parent);
      if (pp.isPresent() && pp.get().type().kind() == ParamType.Kind.JAILSYS) {
        return !Optional.ofNullable(j.params().get(parent))
            .map(v -> v.equals("new") || v.equals("1"))
            .orElse(false);
      }
    }
    return false;
  }

  private static boolean isBoolean(String name) {
    return JailParam.lookup(name).map(p -> p.type().kind() == ParamType.Kind.BOOL).orElse(false);
  }

  private static boolean isArray(String name) {
    return JailParam.lookup(name)
        .map(
            p ->
                p.type().kind() == ParamType.Kind.IP4_LIST
                    || p.type().kind() == ParamType.Kind.IP6_LIST)
        .orElse(false);
  }

  private static boolean truthy(String v) {
    return v.equals("true") || (!v.isEmpty() && !v.equals("false") && !v.equals("0"));
  }

  /**
   * jls.c's quoted_print: an empty value is always {@code ""}; with {@code -q} a value holding a
   * single quote is put in double quotes, one holding a double quote in single quotes, one holding
   * a space or tab in double quotes.
   */
  private static String quoted(String value, boolean quote) {
    if (value.isEmpty()) {
      return "\"\"";
    }
    char qc =
        value.indexOf('\'') >= 0
            ? '"'
            : value.indexOf('"') >= 0
                ? '\''
                : value.indexOf(' ') >= 0 || value.indexOf('\t') >= 0 ? '"' : 0;
    if (qc != 0 && quote) {
      return qc + value + qc;
    }
    return value;
  }

  /** printf's {@code %-N.Ns}: cut to N characters and pad to N. */
  private static String col(String s, int width) {
    String c = cut(s, width);
    return c + " ".repeat(width - c.length());
  }

  private static String cut(String raw, int width) {
    String s = visible(raw);
    return s.length() > width ? s.substring(0, width) : s;
  }

  /**
   * vis(3) with {@code VIS_CSTYLE | VIS_OCTAL}: C escapes for the characters that have one, octal
   * escapes of the UTF-8 bytes for other control characters and the Unicode line and paragraph
   * separators, a doubled backslash; everything else as is. No output line can hold a line break.
   */
  static String visible(String s) {
    int i = 0;
    while (i < s.length() && !needsVis(s.charAt(i))) {
      i++;
    }
    if (i == s.length()) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length() + 8).append(s, 0, i);
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!needsVis(c)) {
        sb.append(c);
        continue;
      }
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case 0x07 -> sb.append("\\a");
        case 0x0b -> sb.append("\\v");
        case 0 -> sb.append("\\000");
        default -> {
          for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
            sb.append(String.format(Locale.ROOT, "\\%03o", b & 0xff));
          }
        }
      }
    }
    return sb.toString();
  }

  private static boolean needsVis(char c) {
    return c == '\\' || Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
  }

  private static String str(String key, String value) {
    return quote(key) + ":" + quote(value);
  }

  private static String list(String key, List<? extends InetAddress> addresses) {
    List<String> items = new ArrayList<>();
    for (InetAddress a : addresses) {
      items.add(quote(IpLiterals.format(a)));
    }
    return quote(key) + ":[" + String.join(",", items) + "]";
  }

  /** A JSON string literal. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
