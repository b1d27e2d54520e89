package org.jail4j.conf;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jail4j.InvalidJailParameterException;
import org.jail4j.Jail;
import org.jail4j.JailAddress;
import org.jail4j.JailLimit;
import org.jail4j.JailSetting;
import org.jail4j.conf.internal.Evaluator;
import org.jail4j.conf.internal.KernelValues;
import org.jail4j.conf.internal.ParamNames;
import org.jail4j.conf.internal.Quoting;
import org.jail4j.param.JailParam;
import org.jail4j.param.ParamType;

/**
 * Writes {@link Jail} values as a clean jail.conf(5): one flat block per jail named after it, one
 * statement per set parameter, values bare when the lexer reads them back unchanged and
 * double-quoted (with {@code \}, {@code "}, {@code $} and control characters escaped) otherwise,
 * lists comma-separated, true booleans valueless ({@code persist;}) and false kernel booleans in
 * their {@code no} form ({@code allow.noraw_sockets;}). Defaults are left out. Reading the text
 * back with {@link JailConf#parse(String)} gives equal values, in either dialect.
 *
 * <p>Resource limits are not part of jail.conf(5) (they are rctl(8) rules); they are written as
 * comments and are not read back.
 *
 * <pre>{@code
 * String text = JailConfWriter.write(List.of(web, db));
 * Files.writeString(Path.of("/etc/jail.conf.d/web.conf"), text);
 * }</pre>
 */
public final class JailConfWriter {
  private JailConfWriter() {}

  /**
   * Writes jails.
   *
   * @param jails the jails
   * @return the file's text
   * @throws InvalidJailParameterException for a jail jail.conf cannot express: no name, a wildcard
   *     name, a numeric name without the same {@code jid}, a timeout that is not whole seconds
   */
  public static String write(Jail... jails) {
    return write(Arrays.asList(jails));
  }

  /**
   * Writes jails.
   *
   * @param jails the jails
   * @return the file's text
   * @throws InvalidJailParameterException for a jail jail.conf cannot express (see {@link
   *     #write(Jail...)})
   */
  public static String write(Collection<Jail> jails) {
    StringBuilder b = new StringBuilder();
    boolean first = true;
    for (Jail j : jails) {
      if (!first) {
        b.append('\n');
      }
      first = false;
      block(b, j);
    }
    return b.toString();
  }

  /**
   * The line {@code jail -e SEPARATOR} would print for this jail if it were read from the text
   * {@link #write(Jail...)} produces.
   *
   * @param jail the jail
   * @param separator the separator, e.g. {@code |}
   * @return the line, without a newline
   * @throws InvalidJailParameterException for a jail jail.conf cannot express
   */
  public static String exhibit(Jail jail, String separator) {
    return JailConf.parse(write(jail)).jails().get(0).exhibit(separator);
  }

  /**
   * The block name a jail is written under, checked as {@link #write(Jail...)} checks it.
   *
   * @param j the jail
   * @return its name
   */
  static String blockName(Jail j) {
    String name =
        j.name()
            .orElseThrow(
                () -> refuse(null, "name", "a jail.conf block needs a name (the block name)"));
    if (name.isEmpty()) {
      throw refuse(name, "name", "a jail.conf block name cannot be empty");
    }
    if (Evaluator.wildName(name)) {
      throw refuse(name, "name", "a name with a * component would be a wildcard block");
    }
    boolean numeric = ParamNames.numericBlockName(name);
    if (numeric) {
      long implied = ParamNames.strtol(name).value();
      if (j.jid().isEmpty() || j.jid().getAsInt() != implied) {
        throw refuse(
            name, "name", "a numeric block name also sets jid, so this name needs jid " + implied);
      }
    }
    return name;
  }

  /**
   * The statements a jail's block holds, in the writer's order: each the name then its values
   * (text, not yet quoted); a name alone is a valueless statement.
   *
   * @param j the jail
   * @return the statements
   * @throws InvalidJailParameterException for a jail jail.conf cannot express
   */
  static List<String[]> statements(Jail j) {
    String name = blockName(j);
    boolean numeric = ParamNames.numericBlockName(name);
    List<String[]> lines = new ArrayList<>();
    if (numeric) {
      // the block sets jid; the older jail(8) does not fill in name from it, so say it
      lines.add(stmt("name", List.of(name)));
    }
    if (j.jid().isPresent() && !numeric) {
      lines.add(stmt("jid", List.of(Integer.toString(j.jid().getAsInt()))));
    }
    j.path().ifPresent(p -> lines.add(stmt("path", List.of(p))));
    j.hostname().ifPresent(h -> lines.add(stmt("host.hostname", List.of(h))));
    List<String> v4 = new ArrayList<>();
    List<String> v6 = new ArrayList<>();
    for (JailAddress a : j.addresses()) {
      (a.isIpv4() ? v4 : v6).add(a.toString());
    }
    if (!v4.isEmpty()) {
      lines.add(stmt("ip4.addr", v4));
    }
    if (!v6.isEmpty()) {
      lines.add(stmt("ip6.addr", v6));
    }
    if (j.persist()) {
      lines.add(flag("persist"));
    }
    for (Map.Entry<JailParam<?>, Object> e : j.params().entrySet()) {
      lines.add(kernel(e.getKey(), e.getValue()));
    }
    for (JailSetting s : ORDER) {
      setting(name, j, s).ifPresent(lines::add);
    }
    return lines;
  }

  private static void block(StringBuilder b, Jail j) {
    String name = blockName(j);
    List<String[]> lines = statements(j);
    b.append(Quoting.name(name)).append(" {\n");
    for (String[] l : lines) {
      b.append('\t').append(Quoting.name(l[0]));
      if (l.length > 1) {
        b.append(" = ");
        for (int i = 1; i < l.length; i++) {
          if (i > 1) {
            b.append(", ");
          }
          b.append(Quoting.value(l[i]));
        }
      }
      b.append(";\n");
    }
    for (JailLimit limit : j.limits()) {
      b.append("\t# rctl(8) rule, not part of jail.conf: ")
          .append(limit.resource())
          .append(':')
          .append(limit.action())
          .append('=')
          .append(limit.amount().replace('\n', ' '))
          .append('\n');
    }
    b.append("}\n");
  }

  @SuppressWarnings("unchecked")
  private static String[] kernel(JailParam<?> p, Object value) {
    if (p.type().kind() == ParamType.Kind.BOOL && p.isCatalogued()) {
      boolean v = (Boolean) value;
      if (v) {
        return flag(p.name());
      }
      if (JailParam.plainNameOf(p.name()).isEmpty()) {
        return flag(JailParam.noNameOf(p.name()));
      }
    }
    return stmt(p.name(), KernelValues.format((JailParam<Object>) p, value));
  }

  /** The order a block lists the jail(8) settings in, after the kernel parameters. */
  private static final List<JailSetting> ORDER =
      List.of(
          JailSetting.INTERFACE,
          JailSetting.VNET_INTERFACE,
          JailSetting.ZFS_DATASET,
          JailSetting.MOUNT,
          JailSetting.MOUNT_FSTAB,
          JailSetting.MOUNT_DEVFS,
          JailSetting.MOUNT_FDESCFS,
          JailSetting.MOUNT_PROCFS,
          JailSetting.EXEC_PREPARE,
          JailSetting.EXEC_PRESTART,
          JailSetting.EXEC_CREATED,
          JailSetting.EXEC_START,
          JailSetting.COMMAND,
          JailSetting.EXEC_POSTSTART,
          JailSetting.EXEC_PRESTOP,
          JailSetting.EXEC_STOP,
          JailSetting.EXEC_POSTSTOP,
          JailSetting.EXEC_RELEASE,
          JailSetting.EXEC_CLEAN,
          JailSetting.EXEC_JAIL_USER,
          JailSetting.EXEC_SYSTEM_JAIL_USER,
          JailSetting.EXEC_SYSTEM_USER,
          JailSetting.EXEC_TIMEOUT,
          JailSetting.EXEC_CONSOLELOG,
          JailSetting.EXEC_FIB,
          JailSetting.STOP_TIMEOUT,
          JailSetting.IP_HOSTNAME,
          JailSetting.ALLOW_DYING,
          JailSetting.DEPEND);

  static {
    // every setting is written, or a jail.conf would silently drop it
    if (EnumSet.copyOf(ORDER).size() != JailSetting.values().length) {
      throw new IllegalStateException("JailConfWriter.ORDER misses a JailSetting");
    }
  }

  /** One setting's statement, empty when it is unset or at jail(8)'s default. */
  @SuppressWarnings("unchecked")
  private static Optional<String[]> setting(String jail, Jail j, JailSetting s) {
    String n = s.param().name();
    return switch (s.kind()) {
      case COMMANDS, NAMES -> s.read(j).map(v -> stmt(n, (List<String>) v));
      case FLAG -> s.read(j).filter(Boolean.TRUE::equals).map(v -> flag(n));
      case TEXT -> s.read(j).map(v -> stmt(n, List.of((String) v)));
      case NUMBER -> s.read(j).map(v -> stmt(n, List.of(v.toString())));
      case SECONDS -> duration(j, s).map(d -> stmt(n, List.of(seconds(jail, n, d))));
    };
  }

  /** A seconds setting as its {@code Duration}: the writer refuses a fraction of a second. */
  private static Optional<Duration> duration(Jail j, JailSetting s) {
    if (s == JailSetting.EXEC_TIMEOUT) {
      return j.execTimeout();
    }
    if (s == JailSetting.STOP_TIMEOUT) {
      return Optional.of(j.stopTimeout()).filter(d -> !d.equals(Duration.ofSeconds(10)));
    }
    throw new IllegalStateException(s + " is not a duration of Jail");
  }

  private static String seconds(String jail, String field, Duration d) {
    if (d.getNano() != 0) {
      throw refuse(jail, field, "jail.conf takes whole seconds, not " + d);
    }
    return Long.toString(d.getSeconds());
  }

  private static String[] flag(String name) {
    return new String[] {name};
  }

  private static String[] stmt(String name, List<String> values) {
    if (values.isEmpty()) {
      return flag(name);
    }
    String[] s = new String[values.size() + 1];
    s[0] = name;
    for (int i = 0; i < values.size(); i++) {
      s[i + 1] = values.get(i);
    }
    return s;
  }

  private static InvalidJailParameterException refuse(
      @org.jspecify.annotations.Nullable String jail, String field, String rule) {
    return new InvalidJailParameterException("write jail.conf", jail, field, rule);
  }
}
