package org.jail4j.param;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jail4j.InvalidJailParameterException;
import org.jail4j.spi.support.IpLiterals;

/**
 * Parameter values as text, with libjail's rules ({@code jailparam_import(3)} / {@code
 * jailparam_export(3)}, freebsd-jail-abi.md §5): what jail.conf, {@code jail -c name=value} and
 * {@code jls -n} use.
 *
 * <p>Parsing takes the values a parameter was given (jail.conf's {@code a = v1, v2;} gives two).
 * Except for jail(8)'s own lists and key-value maps, the values are joined with commas first, as
 * jail(8) does before it calls libjail; then:
 *
 * <ul>
 *   <li>booleans: {@code true} / {@code false} in any case, or an integer (non-zero is true); no
 *       value at all ({@code persist;}) is true;
 *   <li>jailsys: {@code disable} / {@code new} / {@code inherit} in any case, or 0 / 1 / 2; the
 *       empty string is {@code new};
 *   <li>ints and unsigned longs: decimal, as {@code strtol(3)} / {@code strtoul(3)} in base 10
 *       (leading white space skipped, nothing after the digits);
 *   <li>strings: the text itself;
 *   <li>address lists: split at commas, each an {@code inet_pton(3)} literal (never a host name);
 *       {@code ""} or {@code "-"} is the empty list;
 *   <li>key-value maps ({@code meta}, {@code env}): {@code key=value} items, one per value or per
 *       line;
 *   <li>jail(8) lists ({@code exec.start}, {@code mount}, ...): one item per value, commas kept.
 * </ul>
 *
 * <pre>{@code
 * List<Inet4Address> a = ParamText.parse(JailParam.IP4_ADDR, List.of("10.0.0.1,10.0.0.2"));
 * JailSys s = ParamText.parse(JailParam.SYSVSHM, List.of("new"));
 * List<String> text = ParamText.format(JailParam.PERSIST, true); // ["true"]
 * }</pre>
 */
public final class ParamText {
  private ParamText() {}

  /**
   * The typed value of a parameter from its text values.
   *
   * @param param the parameter
   * @param values the values as given (possibly none)
   * @param <T> the value type
   * @return the value
   * @throws InvalidJailParameterException naming the parameter and the rule when the text is not a
   *     value of its type
   */
  @SuppressWarnings("unchecked")
  public static <T> T parse(JailParam<T> param, List<String> values) {
    Objects.requireNonNull(param, "param");
    Objects.requireNonNull(values, "values");
    ParamType<T> type = param.type();
    switch (type.kind()) {
      case STRING_LIST:
        return (T) List.copyOf(values);
      case KEY_VALUE:
        return (T) keyValues(param, values);
      case BOOL:
        Boolean b = values.isEmpty() || bool(param, String.join(",", values));
        return (T) b;
      case IP4_LIST:
      case IP6_LIST:
        return (T)
            addresses(param, String.join(",", values), type.kind() == ParamType.Kind.IP4_LIST);
      default:
        break;
    }
    if (values.isEmpty()) {
      throw bad(param, "needs a value");
    }
    String text = String.join(",", values);
    switch (type.kind()) {
      case INT:
        return (T) Integer.valueOf(integer(param, text));
      case ULONG:
        return (T) Long.valueOf(unsignedLong(param, text));
      case JAILSYS:
        return (T)
            JailSys.fromWord(text)
                .orElseThrow(
                    () ->
                        bad(
                            param,
                            "\""
                                + ParamCodec.printable(text)
                                + "\" is not disable, new, inherit, 0, 1 or 2"));
      case STRING:
        return (T) text;
      default:
        throw new IllegalStateException("unhandled kind " + type.kind());
    }
  }

  /**
   * The text values of a parameter value, as {@code jailparam_export(3)} and jls(8) print them: one
   * item per list element (addresses in {@code inet_ntop(3)} form), one item otherwise.
   *
   * @param param the parameter
   * @param value its value
   * @param <T> the value type
   * @return the text values; empty for an empty list or map
   */
  public static <T> List<String> format(JailParam<T> param, T value) {
    Objects.requireNonNull(param, "param");
    Objects.requireNonNull(value, "value");
    ParamType<T> type = param.type();
    if (!type.accepts(value)) {
      throw bad(
          param,
          "a value of type "
              + value.getClass().getSimpleName()
              + " is not a "
              + type.javaTypeName());
    }
    switch (type.kind()) {
      case BOOL:
        return List.of(((Boolean) value) ? "true" : "false");
      case JAILSYS:
        return List.of(((JailSys) value).word());
      case INT:
        return List.of(Integer.toString((Integer) value));
      case ULONG:
        return List.of(Long.toUnsignedString((Long) value));
      case STRING:
        return List.of((String) value);
      case IP4_LIST:
      case IP6_LIST:
        {
          List<String> out = new ArrayList<>();
          for (Object a : (List<?>) value) {
            out.add(IpLiterals.format((InetAddress) a));
          }
          return List.copyOf(out);
        }
      case KEY_VALUE:
        {
          List<String> out = new ArrayList<>();
          for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
            out.add(e.getKey() + "=" + e.getValue());
          }
          return List.copyOf(out);
        }
      case STRING_LIST:
        return List.copyOf(castList(value));
      default:
        throw new IllegalStateException("unhandled kind " + type.kind());
    }
  }

  @SuppressWarnings("unchecked")
  private static List<String> castList(Object value) {
    return (List<String>) value;
  }

  private static InvalidJailParameterException bad(JailParam<?> p, String rule) {
    return new InvalidJailParameterException("import", null, p.name(), rule);
  }

  private static Boolean bool(JailParam<?> param, String text) {
    String t = text.toLowerCase(Locale.ROOT);
    if (t.equals("true")) {
      return Boolean.TRUE;
    }
    if (t.equals("false")) {
      return Boolean.FALSE;
    }
    Optional<Long> n = decimal(text);
    if (n.isEmpty()) {
      throw bad(param, "\"" + ParamCodec.printable(text) + "\" is not true, false or an integer");
    }
    return n.get() != 0;
  }

  private static int integer(JailParam<?> param, String text) {
    Optional<Long> n = decimal(text);
    if (n.isEmpty()) {
      throw bad(param, "non-integer value \"" + ParamCodec.printable(text) + "\"");
    }
    long v = n.get();
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw bad(param, "value " + text + " is outside the range of a 4-byte int");
    }
    return (int) v;
  }

  private static long unsignedLong(JailParam<?> param, String raw) {
    String text = raw.replaceFirst("^[ \\t\\n\\x0B\\f\\r]+", "");
    if (!text.matches("[+]?[0-9]{1,20}")) {
      throw bad(param, "non-integer value \"" + ParamCodec.printable(text) + "\"");
    }
    try {
      return Long.parseUnsignedLong(text.startsWith("+") ? text.substring(1) : text);
    } catch (NumberFormatException e) {
      throw bad(param, "value " + text + " is outside the range of an unsigned long");
    }
  }

  /**
   * Base-10 digits with an optional sign, at most 19 digits; like {@code strtol(3)} leading white
   * space is skipped, and nothing may follow the digits.
   */
  private static Optional<Long> decimal(String raw) {
    String text = raw.replaceFirst("^[ \\t\\n\\x0B\\f\\r]+", "");
    if (!text.matches("[+-]?[0-9]{1,19}")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(text));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static List<InetAddress> addresses(JailParam<?> param, String text, boolean v4) {
    if (text.isEmpty() || text.equals("-")) {
      return List.of();
    }
    List<InetAddress> out = new ArrayList<>();
    for (String item : text.split(",", -1)) {
      try {
        out.add(v4 ? IpLiterals.parse4(item) : IpLiterals.parse6(item));
      } catch (InvalidJailParameterException e) {
        throw bad(
            param,
            "\"" + ParamCodec.printable(item) + "\" is not an IPv" + (v4 ? "4" : "6") + " address");
      }
    }
    return List.copyOf(out);
  }

  private static Map<String, String> keyValues(JailParam<?> param, List<String> values) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String v : values) {
      for (String line : v.split("\n", -1)) {
        if (line.isEmpty()) {
          continue;
        }
        int eq = line.indexOf('=');
        if (eq <= 0) {
          throw bad(param, "\"" + ParamCodec.printable(line) + "\" is not key=value");
        }
        out.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return java.util.Collections.unmodifiableMap(out);
  }
}
