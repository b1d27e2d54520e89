package org.jail4j.conf.internal;

/**
 * How values are quoted: jail.c's {@code quoted_print()} for {@code jail -e}, and the writer's
 * rule, which chooses text that jaillex.l reads back as exactly the same single token or value.
 *
 * <pre>{@code
 * Quoting.exhibit("/bin/sh /etc/rc");   // "\"/bin/sh /etc/rc\""
 * Quoting.value("/jail/web");           // "/jail/web"
 * Quoting.value("a b");                 // "\"a b\""
 * }</pre>
 */
public final class Quoting {
  private Quoting() {}

  /**
   * jail.c {@code quoted_print()}: {@code ""} for an empty value; double quotes when the value has
   * a {@code '}, else single quotes when it has a {@code "}, else double quotes when it has a space
   * or tab; bare otherwise. A backslash and the chosen quote are escaped with a backslash.
   *
   * @param s the value
   * @return the printed form
   */
  public static String exhibit(String s) {
    char qc;
    if (s.isEmpty()) {
      qc = '"';
    } else if (s.indexOf('\'') >= 0) {
      qc = '"';
    } else if (s.indexOf('"') >= 0) {
      qc = '\'';
    } else if (s.indexOf(' ') >= 0 || s.indexOf('\t') >= 0) {
      qc = '"';
    } else {
      qc = 0;
    }
    StringBuilder b = new StringBuilder(s.length() + 2);
    if (qc != 0) {
      b.append(qc);
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' || c == qc) {
        b.append('\\');
      }
      b.append(c);
    }
    if (qc != 0) {
      b.append(qc);
    }
    return b.toString();
  }

  /**
   * Whether a name can be written bare: one atomic run, which the lexer returns as a single token.
   *
   * @param s the name
   * @return true when no quotes are needed
   */
  public static boolean bareName(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!Lexer.isAtom(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a value can be written bare: atomic characters and {@code /}, but no {@code //} or
   * {@code /*} (which would start a comment).
   *
   * @param s the value
   * @return true when no quotes are needed
   */
  public static boolean bareValue(String s) {
    if (s.isEmpty() || s.contains("//") || s.contains("/*")) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!Lexer.isAtom(c) && c != '/') {
        return false;
      }
    }
    return true;
  }

  /**
   * A name as the writer writes it: bare, or double-quoted.
   *
   * @param s the name
   * @return the text
   */
  public static String name(String s) {
    return bareName(s) ? s : doubleQuoted(s);
  }

  /**
   * A value as the writer writes it: bare, or double-quoted.
   *
   * @param s the value
   * @return the text
   */
  public static String value(String s) {
    return bareValue(s) ? s : doubleQuoted(s);
  }

  /**
   * Double quotes with every character that is special inside them escaped: {@code \}, {@code "}
   * and {@code $} (so nothing is expanded), and control characters as C escapes.
   *
   * @param s the text
   * @return the quoted text
   */
  public static String doubleQuoted(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\':
        case '"':
        case '$':
          b.append('\\').append(c);
          break;
        case '\n':
          b.append("\\n");
          break;
        case '\t':
          b.append("\\t");
          break;
        case '\r':
          b.append("\\r");
          break;
        default:
          if (c < 0x20 || c == 0x7f) {
            b.append('\\').append(String.format("%03o", (int) c));
          } else {
            b.append(c);
          }
      }
    }
    return b.append('"').toString();
  }

  /**
   * Single quotes (no variable is expanded inside them) with {@code \}, {@code '} and control
   * characters escaped: jaillex.l processes escapes in single quotes too.
   *
   * @param s the text
   * @return the quoted text
   */
  public static String singleQuoted(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('\'');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' || c == '\'') {
        b.append('\\').append(c);
      } else if (c == '"' || c == '$') {
        b.append(c);
      } else {
        String q = doubleQuoted(String.valueOf(c));
        b.append(q, 1, q.length() - 1);
      }
    }
    return b.append('\'').toString();
  }

  /**
   * Whether a variable name can be written {@code $name} rather than <code>${name}</code>.
   *
   * @param s the name
   * @return true for {@code [A-Za-z_][A-Za-z0-9_]*}
   */
  public static boolean simpleVariable(String s) {
    if (s.isEmpty() || !Lexer.isNameStart(s.charAt(0))) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      if (!Lexer.isNameChar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
