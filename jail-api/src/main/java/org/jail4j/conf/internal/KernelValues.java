package org.jail4j.conf.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jail4j.InvalidJailParameterException;
import org.jail4j.param.JailParam;
import org.jail4j.param.JailSys;

/**
 * The one place where jail.conf text becomes a typed kernel parameter value and back, as libjail's
 * {@code jailparam_import} / {@code jailparam_export} do. jail(8) hands libjail the last value of a
 * scalar parameter (config.c {@code import_params()}), so only the last value counts here.
 *
 * <pre>{@code
 * Integer level = KernelValues.parse(JailParam.SECURELEVEL, List.of("3"));
 * List<String> text = KernelValues.format(JailParam.SECURELEVEL, 3); // ["3"]
 * }</pre>
 */
public final class KernelValues {
  private KernelValues() {}

  /**
   * Converts jail.conf values to a parameter's Java value.
   *
   * @param p the parameter
   * @param values the values (the last one counts; none means a valueless flag)
   * @param <T> the value type
   * @return the value
   * @throws InvalidJailParameterException naming the parameter when the text does not fit its type
   */
  @SuppressWarnings("unchecked")
  public static <T> T parse(JailParam<T> p, List<String> values) {
    String last = values.isEmpty() ? null : values.get(values.size() - 1);
    switch (p.type().kind()) {
      case INT:
        {
          if (last == null || ParamNames.intProblem(last) != null) {
            throw invalid(p, "non-integer value \"" + (last == null ? "" : last) + "\"");
          }
          long v = ParamNames.strtol(last).value();
          if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw invalid(p, "value out of range \"" + last + "\"");
          }
          return (T) Integer.valueOf((int) v);
        }
      case ULONG:
        {
          if (last == null || !last.matches("[0-9]{1,20}")) {
            throw invalid(p, "non-integer value \"" + (last == null ? "" : last) + "\"");
          }
          try {
            return (T) Long.valueOf(Long.parseUnsignedLong(last));
          } catch (NumberFormatException e) {
            throw invalid(p, "value out of range \"" + last + "\"");
          }
        }
      case BOOL:
        {
          if (last != null && ParamNames.boolProblem(last) != null) {
            throw invalid(p, "unknown boolean value \"" + last + "\"");
          }
          return (T) Boolean.valueOf(ParamNames.boolValue(p.name(), values));
        }
      case JAILSYS:
        {
          if (last == null) {
            return (T) JailSys.NEW;
          }
          String w = last.toLowerCase(Locale.ROOT);
          for (JailSys s : JailSys.values()) {
            if (s.word().equals(w)) {
              return (T) s;
            }
          }
          if (ParamNames.intProblem(last) == null) {
            long v = ParamNames.strtol(last).value();
            if (v >= 0 && v <= 2) {
              return (T) JailSys.values()[(int) v];
            }
          }
          throw invalid(p, "unknown jailsys value \"" + last + "\"");
        }
      case KEY_VALUE:
        {
          Map<String, String> m = new LinkedHashMap<>();
          if (last != null && !last.isEmpty()) {
            for (String line : last.split("\n", -1)) {
              if (line.isEmpty()) {
                continue;
              }
              int eq = line.indexOf('=');
              if (eq < 0) {
                m.put(line, "");
              } else {
                m.put(line.substring(0, eq), line.substring(eq + 1));
              }
            }
          }
          return (T) Map.copyOf(m);
        }
      case STRING_LIST:
        return (T) List.copyOf(values);
      case STRING:
        return (T) (last == null ? "" : last);
      default:
        throw invalid(p, "cannot be set from jail.conf text");
    }
  }

  /**
   * Converts a parameter's Java value to jail.conf values.
   *
   * @param p the parameter
   * @param value the value
   * @param <T> the value type
   * @return the values
   */
  public static <T> List<String> format(JailParam<T> p, T value) {
    switch (p.type().kind()) {
      case INT:
      case BOOL:
        return List.of(String.valueOf(value));
      case ULONG:
        return List.of(Long.toUnsignedString((Long) value));
      case JAILSYS:
        return List.of(((JailSys) value).word());
      case KEY_VALUE:
        {
          StringBuilder b = new StringBuilder();
          for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
            if (b.length() > 0) {
              b.append('\n');
            }
            b.append(e.getKey()).append('=').append(e.getValue());
          }
          return List.of(b.toString());
        }
      case STRING_LIST:
        {
          List<String> out = new ArrayList<>();
          for (Object o : (List<?>) value) {
            out.add(String.valueOf(o));
          }
          return out;
        }
      default:
        return List.of(String.valueOf(value));
    }
  }

  private static InvalidJailParameterException invalid(JailParam<?> p, String rule) {
    return new InvalidJailParameterException("jail.conf", null, p.name(), rule);
  }
}
