package org.jail4j.conf.internal;

import java.util.List;
import org.jail4j.InvalidJailParameterException;
import org.jail4j.param.JailParam;
import org.jail4j.param.ParamText;
import org.jail4j.param.ParamType;

/**
 * The one place where jail.conf text becomes a typed kernel parameter value and back. The text
 * rules are libjail's ({@link ParamText}); what jail.conf adds is which values libjail sees:
 * jail(8) hands it the <em>last</em> value of every parameter that is not an array (config.c {@code
 * import_params()}: "Scalar parameters silently discard multiple (array) values"), and all values
 * of an address list.
 *
 * <pre>{@code
 * Integer level = KernelValues.parse(JailParam.SECURELEVEL, List.of("1", "3")); // 3
 * List<String> text = KernelValues.format(JailParam.SECURELEVEL, 3);             // ["3"]
 * }</pre>
 */
public final class KernelValues {
  private KernelValues() {}

  /**
   * Converts jail.conf values to a parameter's Java value.
   *
   * @param p the parameter
   * @param values the values (none means a valueless flag such as {@code persist;})
   * @param <T> the value type
   * @return the value
   * @throws InvalidJailParameterException naming the parameter when the text does not fit its type
   */
  public static <T> T parse(JailParam<T> p, List<String> values) {
    ParamType.Kind kind = p.type().kind();
    switch (kind) {
      case STRING_LIST:
      case IP4_LIST:
      case IP6_LIST:
        return ParamText.parse(p, values);
      default:
        break;
    }
    if (values.isEmpty()) {
      // a valueless string is the empty string (a bare "meta" reads back as ""), a valueless
      // jailsys is "new", a valueless boolean is true
      boolean empty = kind == ParamType.Kind.STRING || kind == ParamType.Kind.KEY_VALUE;
      return ParamText.parse(p, empty || kind == ParamType.Kind.JAILSYS ? List.of("") : List.of());
    }
    String last = values.get(values.size() - 1);
    if (kind == ParamType.Kind.BOOL && ParamNames.boolProblem(last) != null) {
      throw new InvalidJailParameterException(
          "jail.conf", null, p.name(), "unknown boolean value \"" + last + "\"");
    }
    return ParamText.parse(p, List.of(last));
  }

  /**
   * Converts a parameter's Java value to jail.conf values that {@link #parse} reads back: one value
   * for everything but lists (a key-value map is one value of {@code key=value} lines).
   *
   * @param p the parameter
   * @param value the value
   * @param <T> the value type
   * @return the values
   */
  public static <T> List<String> format(JailParam<T> p, T value) {
    List<String> text = ParamText.format(p, value);
    if (p.type().kind() == ParamType.Kind.KEY_VALUE) {
      return List.of(String.join("\n", text));
    }
    return text;
  }
}
