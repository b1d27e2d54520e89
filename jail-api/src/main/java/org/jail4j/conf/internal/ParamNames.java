package org.jail4j.conf.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jail4j.JailSetting;
import org.jspecify.annotations.Nullable;

/**
 * jail(8)'s table of the parameters it knows by name ({@code intparams[]} in config.c), the {@code
 * no}-prefix rule that makes {@code allow.mount} and {@code allow.nomount} one slot ({@code
 * equalopts}), and the C number parsing jail(8) relies on ({@code strtol}).
 *
 * <pre>{@code
 * ParamNames.sameSlot("allow.nomount", "allow.mount");  // true
 * ParamNames.known("mount.nodevfs").get().name();       // "mount.devfs"
 * }</pre>
 */
public final class ParamNames {
  private ParamNames() {}

  /** How jail(8) reads a parameter it knows. */
  public enum Kind {
    /** A jail(8) boolean ({@code PF_BOOL}): value checked, {@code no} inverts. */
    BOOL,
    /** A jail(8) integer ({@code PF_INT}). */
    INT,
    /** A jail(8) list of strings (commands, fstab lines, interfaces). */
    LIST,
    /** A jail(8) string: the last value counts. */
    SCALAR,
    /** A kernel parameter jail(8) names in its table. */
    KERNEL
  }

  /**
   * One row of {@code intparams[]}.
   *
   * @param name the name
   * @param kind how jail(8) reads it
   * @param immutable {@code PF_IMMUTABLE}: {@code name} and {@code jid}, once implied by a block
   */
  public record Known(String name, Kind kind, boolean immutable) {
    /** True for a jail(8) pseudo-parameter ({@code PF_INTERNAL}), never sent to the kernel. */
    public boolean internal() {
      return kind != Kind.KERNEL;
    }
  }

  /** The kernel parameters in {@code intparams[]}, in table order. */
  private static final List<String> KERNEL_ROWS =
      List.of(
          "allow.chflags",
          "allow.mount",
          "allow.raw_sockets",
          "allow.set_hostname",
          "allow.socket_af",
          "allow.sysvipc",
          "devfs_ruleset",
          "host.hostname",
          "ip4.addr",
          "ip6.addr",
          "jid",
          "name",
          "path",
          "persist",
          "securelevel",
          "vnet");

  /**
   * {@code intparams[]} without the {@code PF_CONV} rows (first match wins; no name matches two
   * rows): every jail(8) setting of {@link JailSetting}, then the kernel parameters jail(8) names.
   */
  public static final List<Known> TABLE = table();

  private static List<Known> table() {
    List<Known> rows = new ArrayList<>();
    for (JailSetting s : JailSetting.values()) {
      rows.add(new Known(s.param().name(), kindOf(s.kind()), false));
    }
    for (String name : KERNEL_ROWS) {
      boolean immutable = name.equals("jid") || name.equals("name");
      rows.add(new Known(name, Kind.KERNEL, immutable));
    }
    return List.copyOf(rows);
  }

  /** How jail(8) reads a setting of this kind. */
  static Kind kindOf(JailSetting.Kind kind) {
    return switch (kind) {
      case COMMANDS, NAMES -> Kind.LIST;
      case FLAG -> Kind.BOOL;
      case TEXT -> Kind.SCALAR;
      case SECONDS, NUMBER -> Kind.INT;
    };
  }

  /**
   * The first table row in the same slot as this name.
   *
   * @param name a parameter name
   * @return the row, or empty for a name jail(8) does not know (passed on to the kernel)
   */
  public static Optional<Known> known(String name) {
    for (Known k : TABLE) {
      if (sameSlot(name, k.name())) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  /**
   * config.c {@code equalopts()}: the same name, or the same but for a {@code no} in front of the
   * name or of one of its dot-separated tails ({@code persist}/{@code nopersist}, {@code
   * allow.mount.devfs}/{@code allow.mount.nodevfs}).
   *
   * @param opt1 one name
   * @param opt2 the other
   * @return true when they name one slot
   */
  public static boolean sameSlot(String opt1, String opt2) {
    if (opt1.equals(opt2)) {
      return true;
    }
    if (opt1.startsWith("no") && opt1.substring(2).equals(opt2)) {
      return true;
    }
    if (opt2.startsWith("no") && opt1.equals(opt2.substring(2))) {
      return true;
    }
    String a = opt1;
    String b = opt2;
    int dot;
    while ((dot = a.indexOf('.')) >= 0 && b.startsWith(a.substring(0, dot + 1))) {
      b = b.substring(dot + 1);
      a = a.substring(dot + 1);
      if (a.startsWith("no") && a.substring(2).equals(b)) {
        return true;
      }
      if (b.startsWith("no") && a.equals(b.substring(2))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the last dot-separated component starts with {@code no} (config.c {@code
   * bool_param()}), which inverts a boolean. Looser than {@link
   * org.jail4j.param.JailParam#plainNameOf}: a last component of just {@code no} counts too, as it
   * does in config.c.
   *
   * @param name a parameter name
   * @return true for {@code allow.nomount}, {@code nopersist}, {@code mount.nodevfs}
   */
  public static boolean negated(String name) {
    int dot = name.lastIndexOf('.');
    return name.startsWith("no", dot + 1);
  }

  /**
   * C {@code strtol(s, &end, 10)}: leading white space, an optional sign, decimal digits;
   * saturating at the {@code long} range.
   *
   * @param s the text
   * @return the value and where the number ended
   */
  public static Strtol strtol(String s) {
    int i = 0;
    int n = s.length();
    while (i < n && " \t\n\u000b\f\r".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
    boolean neg = false;
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      neg = s.charAt(i) == '-';
      i++;
    }
    int digits = i;
    long v = 0;
    boolean overflow = false;
    while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      int d = s.charAt(i) - '0';
      if (v > (Long.MAX_VALUE - d) / 10) {
        overflow = true;
      } else {
        v = v * 10 + d;
      }
      i++;
    }
    if (i == digits) {
      return new Strtol(0, 0);
    }
    if (overflow) {
      v = neg ? Long.MIN_VALUE : Long.MAX_VALUE;
    } else if (neg) {
      v = -v;
    }
    return new Strtol(v, i);
  }

  /**
   * A {@code strtol} result.
   *
   * @param value the value (0 when no digits)
   * @param end the index after the number (0 when there was none)
   */
  public record Strtol(long value, int end) {}

  /**
   * Whether the whole text is a number for {@code strtol} (jail(8)'s {@code !*ep} checks); the
   * empty text counts, as in config.c.
   *
   * @param s the text
   * @return true when nothing follows the number
   */
  public static boolean wholeNumber(String s) {
    return strtol(s).end() == s.length();
  }

  /**
   * A block name that implies {@code jid} rather than {@code name}: {@code strtol} gives a non-zero
   * number and nothing follows it.
   *
   * @param name the block name
   * @return true for {@code 5309}
   */
  public static boolean numericBlockName(String name) {
    Strtol t = strtol(name);
    return t.value() != 0 && t.end() == name.length();
  }

  /**
   * config.c {@code bool_param()}: true for no values, a last value {@code true} (any case) or a
   * non-zero number, inverted by a {@code no} prefix.
   *
   * @param name the parameter's name as spelled last
   * @param values its values
   * @return the boolean
   */
  public static boolean boolValue(String name, List<String> values) {
    boolean v;
    if (values.isEmpty()) {
      v = true;
    } else {
      String last = values.get(values.size() - 1);
      v = last.equalsIgnoreCase("true") || strtol(last).value() != 0;
    }
    return negated(name) != v;
  }

  /**
   * The check of config.c {@code check_intparams()} for a boolean's last value.
   *
   * @param value the value
   * @return null when acceptable, else jail(8)'s complaint without the name
   */
  public static @Nullable String boolProblem(String value) {
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false") || wholeNumber(value)) {
      return null;
    }
    return "unknown boolean value \"" + value + "\"";
  }

  /**
   * The check of config.c {@code check_intparams()} for an integer's last value.
   *
   * @param value the value
   * @return null when acceptable, else jail(8)'s complaint without the name
   */
  public static @Nullable String intProblem(String value) {
    Strtol t = strtol(value);
    if (t.end() == 0 || t.end() != value.length()) {
      return "non-integer value \"" + value + "\"";
    }
    return null;
  }
}
