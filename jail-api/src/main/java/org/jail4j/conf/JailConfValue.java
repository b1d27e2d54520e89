package org.jail4j.conf;

import java.util.Objects;
import org.jail4j.conf.internal.ByteStrings;
import org.jail4j.conf.internal.ConfStyle;

/**
 * A value to write into a {@link JailConfDocument}: a literal, written so that jail(8) reads
 * exactly that text (quotes and escapes as needed, {@code $} never expands), or a template whose
 * {@code $name} and <code>${name}</code> references jail(8) expands per jail, written in double
 * quotes.
 *
 * <pre>{@code
 * JailConfValue.literal("/bin/sh /etc/rc");      // "/bin/sh /etc/rc"
 * JailConfValue.literal("price: $5");            // "price: \$5"
 * JailConfValue.template("/var/jail/$name");     // "/var/jail/$name"
 * JailConfValue.variable("host.hostname");       // "${host.hostname}"
 * }</pre>
 */
public final class JailConfValue {
  private final String text;
  private final boolean template;

  private JailConfValue(String text, boolean template) {
    this.text = text;
    this.template = template;
  }

  /**
   * A literal value.
   *
   * @param text the value jail(8) is to read
   * @return the value
   * @throws JailConfEditException ({@link JailConfEditException.Reason#INVALID}) for a NUL
   *     character, which jail.conf values (C strings) cannot hold
   */
  public static JailConfValue literal(String text) {
    Objects.requireNonNull(text, "text");
    noNul(text, "a literal");
    return new JailConfValue(text, false);
  }

  /**
   * A template: {@code $name} and <code>${name}</code> are references jail(8) expands (to a
   * variable or a parameter of the same jail), everything else is literal.
   *
   * @param text the template, e.g. {@code /var/jail/$name}
   * @return the value
   * @throws JailConfEditException ({@link JailConfEditException.Reason#INVALID}) when it is not one
   *     jail.conf value (an unterminated <code>${</code>, a NUL character)
   */
  public static JailConfValue template(String text) {
    Objects.requireNonNull(text, "text");
    noNul(text, "a template");
    try {
      ConfStyle.template(ByteStrings.fromText(text));
    } catch (IllegalArgumentException e) {
      throw invalid("template " + text + ": " + e.getMessage());
    }
    return new JailConfValue(text, true);
  }

  /**
   * A reference to a variable or parameter, written <code>"${name}"</code>.
   *
   * @param name the variable or parameter, e.g. {@code ip} or {@code host.hostname}
   * @return the value
   * @throws JailConfEditException ({@link JailConfEditException.Reason#INVALID}) for an empty name
   *     or one with <code>{</code>, <code>}</code>, {@code "}, a backslash or a line break
   */
  public static JailConfValue variable(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty() || name.chars().anyMatch(c -> "{}\"\\\n\0".indexOf(c) >= 0)) {
      throw invalid("variable name \"" + name + "\": not empty, no {, }, \", \\ or line break");
    }
    return template("${" + name + "}");
  }

  private static void noNul(String text, String what) {
    if (text.indexOf('\0') >= 0) {
      throw invalid(what + " cannot hold a NUL character (jail.conf values are C strings)");
    }
  }

  private static JailConfEditException invalid(String detail) {
    return new JailConfEditException(
        "value",
        "*",
        null,
        JailConfEditException.Reason.INVALID,
        null,
        java.util.List.of(),
        detail);
  }

  /** The text: the literal, or the template as given. */
  public String text() {
    return text;
  }

  /** True for a template (references expand), false for a literal. */
  public boolean isTemplate() {
    return template;
  }

  @Override
  public boolean equals(@org.jspecify.annotations.Nullable Object o) {
    return o instanceof JailConfValue v && v.template == template && v.text.equals(text);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text, template);
  }

  @Override
  public String toString() {
    return (template ? "template " : "literal ") + text;
  }
}
