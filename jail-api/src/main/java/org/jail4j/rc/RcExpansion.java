package org.jail4j.rc;

import java.util.Map;

/**
 * Expands the variable references sourcing an rc.conf file would: {@code $name}, {@code ${name}},
 * {@code ${name:-word}} and {@code ${name-word}} (with references inside the word expanded too).
 * Unset variables are empty, as for {@code /bin/sh} without {@code set -u}. Command substitution,
 * arithmetic and special parameters cannot be evaluated here and stay as written.
 */
final class RcExpansion {
  private RcExpansion() {}

  static String expand(String expr, Map<String, String> vars) {
    if (expr.startsWith("${") && expr.endsWith("}")) {
      String body = expr.substring(2, expr.length() - 1);
      int i = 0;
      while (i < body.length() && RcParser.isNameChar(body.charAt(i))) {
        i++;
      }
      String name = body.substring(0, i);
      if (!RcParser.isName(name)) {
        return expr;
      }
      String rest = body.substring(i);
      String value = vars.get(name);
      if (rest.isEmpty()) {
        return value == null ? "" : value;
      }
      if (rest.startsWith(":-")) {
        return value == null || value.isEmpty() ? expandWord(rest.substring(2), vars) : value;
      }
      if (rest.startsWith("-")) {
        return value == null ? expandWord(rest.substring(1), vars) : value;
      }
      return expr;
    }
    if (expr.startsWith("$") && RcParser.isName(expr.substring(1))) {
      String value = vars.get(expr.substring(1));
      return value == null ? "" : value;
    }
    return expr;
  }

  /** The default word of {@code ${x:-word}}: its quotes removed and its references expanded. */
  private static String expandWord(String word, Map<String, String> vars) {
    RcEntry.RcWord w = RcParser.parseWord(word);
    if (w == null) {
      return word;
    }
    StringBuilder sb = new StringBuilder();
    for (RcEntry.Part p : w.parts()) {
      sb.append(p.expression() ? expand(p.text(), vars) : p.text());
    }
    return sb.toString();
  }
}
