package org.jail4j.rc;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Expands the variable references sourcing an rc.conf file would: {@code $name}, {@code ${name}},
 * {@code ${name:-word}} and {@code ${name-word}} (with references inside the word expanded too).
 * Unset variables are empty, as for {@code /bin/sh} without {@code set -u}. Command substitution,
 * arithmetic and special parameters cannot be evaluated here and stay as written.
 *
 * <p>Nesting is bounded by {@link RcConf#MAX_EXPANSION_DEPTH} (so the recursion cannot overflow the
 * stack) and the characters produced by {@link RcConf#MAX_EXPANSION_CHARS} (so a doubling chain
 * {@code y2="${y1}${y1}"} cannot exhaust the heap).
 */
final class RcExpansion {
  private final int line;
  private final @Nullable String source;
  private long budget = RcConf.MAX_EXPANSION_CHARS;

  /** One expansion run: the budget is shared by every value of one {@code evaluate} call. */
  RcExpansion(@Nullable String source, int line) {
    this.source = source;
    this.line = line;
  }

  /** Charges {@code chars} expanded characters to the budget. */
  void charge(long chars) {
    budget -= chars;
    if (budget < 0) {
      throw RcConfException.overLimit(
          source,
          line,
          RcConf.MAX_EXPANSION_CHARS_NAME,
          RcConf.MAX_EXPANSION_CHARS,
          "expanding the variables produces more than MAX_EXPANSION_CHARS ("
              + RcConf.MAX_EXPANSION_CHARS
              + ") characters");
    }
  }

  String expand(String expr, Map<String, String> vars) {
    return expand(expr, vars, 1);
  }

  private String expand(String expr, Map<String, String> vars, int depth) {
    if (depth > RcConf.MAX_EXPANSION_DEPTH) {
      throw RcConfException.overLimit(
          source,
          line,
          RcConf.MAX_EXPANSION_DEPTH_NAME,
          RcConf.MAX_EXPANSION_DEPTH,
          "${...} nested more than MAX_EXPANSION_DEPTH (" + RcConf.MAX_EXPANSION_DEPTH + ") deep");
    }
    if (expr.startsWith("${") && expr.endsWith("}") && expr.length() >= 3) {
      // indices into expr, never copies of its body: a nested default holds no copy per level
      int end = expr.length() - 1;
      int i = 2;
      while (i < end && RcParser.isNameChar(expr.charAt(i))) {
        i++;
      }
      String name = expr.substring(2, i);
      if (!RcParser.isName(name)) {
        return expr;
      }
      String value = vars.get(name);
      if (i == end) {
        return value == null ? "" : value;
      }
      if (expr.startsWith(":-", i)) {
        return value == null || value.isEmpty() ? expandWord(expr, i + 2, end, vars, depth) : value;
      }
      if (expr.charAt(i) == '-') {
        return value == null ? expandWord(expr, i + 1, end, vars, depth) : value;
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
  private String expandWord(String expr, int from, int to, Map<String, String> vars, int depth) {
    RcEntry.RcWord w = RcParser.parseWord(expr, from, to);
    if (w == null) {
      return expr.substring(from, to);
    }
    StringBuilder sb = new StringBuilder();
    for (RcEntry.Part p : w.parts()) {
      String piece = p.expression() ? expand(p.text(), vars, depth + 1) : p.text();
      charge(piece.length());
      sb.append(piece);
    }
    return sb.toString();
  }
}
