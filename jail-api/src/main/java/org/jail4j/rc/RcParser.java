package org.jail4j.rc;

import java.util.ArrayList;
import java.util.List;
import org.jail4j.rc.RcEntry.Assignment;
import org.jail4j.rc.RcEntry.Part;
import org.jail4j.rc.RcEntry.RcWord;
import org.jail4j.rc.RcEntry.Verbatim;
import org.jspecify.annotations.Nullable;

/**
 * Splits rc.conf text into statements the way {@code /bin/sh} reads it: quotes, backslash escapes,
 * line continuations, {@code $} expressions and comments. Only the lexical rules matter here:
 * nothing is executed or expanded.
 */
final class RcParser {
  private static final String WORD_END = " \t\n;&|<>()";

  private final String text;
  private final int n;
  private final @Nullable String source;

  private RcParser(String text, @Nullable String source) {
    this(text, text.length(), source);
  }

  private RcParser(String text, int end, @Nullable String source) {
    this.text = text;
    this.n = end;
    this.source = source;
  }

  /**
   * Parses a whole text.
   *
   * @param text the file's text
   * @param source the file name for messages, may be null
   * @param strict refuse statements that are not assignments, blank lines or comments
   * @return the statements, in order, whose texts join to {@code text}
   */
  static List<RcEntry> parse(String text, @Nullable String source, boolean strict) {
    return new RcParser(text, source).parseAll(strict);
  }

  /**
   * Parses one value word as it would follow {@code NAME=}.
   *
   * @param word the raw word, e.g. {@code "${x} y"}
   * @return the word, or null when the text is not exactly one complete word
   */
  static @Nullable RcWord parseWord(String word) {
    return parseWord(word, 0, word.length());
  }

  /**
   * {@link #parseWord(String)} of {@code text.substring(from, to)}, without copying it: the default
   * words of nested {@code ${a:-${b:-...}}} are parsed in place, so expanding them holds no copy of
   * the rest of the expression per level.
   */
  static @Nullable RcWord parseWord(String text, int from, int to) {
    RcParser p = new RcParser(text, to, null);
    try {
      int[] end = new int[1];
      RcWord w = p.word(from, end);
      return end[0] == to ? w : null;
    } catch (RcConfException e) {
      return null;
    }
  }

  static boolean isName(String s) {
    if (s.isEmpty() || !isNameStart(s.charAt(0))) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      if (!isNameChar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  static boolean isNameStart(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
  }

  static boolean isNameChar(char c) {
    return isNameStart(c) || (c >= '0' && c <= '9');
  }

  private List<RcEntry> parseAll(boolean strict) {
    int nul = text.indexOf('\0');
    if (nul >= 0) {
      throw RcConfException.at(source, lineAt(nul), "NUL byte: a shell file cannot hold one");
    }
    List<RcEntry> out = new ArrayList<>();
    int pos = 0;
    while (pos < n) {
      int p = skipBlanks(pos);
      if (p >= n || text.charAt(p) == '\n') {
        int end = p >= n ? n : p + 1;
        out.add(new Verbatim(text.substring(pos, end), Verbatim.Kind.BLANK));
        pos = end;
      } else if (text.charAt(p) == '#') {
        int end = endOfLine(p);
        out.add(new Verbatim(text.substring(pos, end), Verbatim.Kind.COMMENT));
        pos = end;
      } else {
        Assignment a = assignment(pos, p);
        if (a != null) {
          out.add(a);
          pos += a.text().length();
        } else {
          if (strict) {
            throw notAnAssignment(p);
          }
          int end = statementEnd(p);
          out.add(new Verbatim(text.substring(pos, end), Verbatim.Kind.SHELL));
          pos = end;
        }
      }
    }
    return out;
  }

  private RcConfException notAnAssignment(int p) {
    int eq = p;
    while (eq < n && text.charAt(eq) != '=' && WORD_END.indexOf(text.charAt(eq)) < 0) {
      eq++;
    }
    if (eq < n && text.charAt(eq) == '=' && eq > p) {
      String name = text.substring(p, eq);
      if (!isName(name)) {
        return new RcConfException(
            source,
            lineAt(p),
            name,
            "not a valid variable name (a name is [A-Za-z_][A-Za-z0-9_]*)",
            null);
      }
    }
    return RcConfException.at(
        source,
        lineAt(p),
        "not a variable assignment (strict parsing accepts only NAME=VALUE, comments and blank"
            + " lines)");
  }

  /** An assignment statement starting at {@code start} (name at {@code p}), or null. */
  private @Nullable Assignment assignment(int start, int p) {
    int i = p;
    if (!isNameStart(text.charAt(i))) {
      return null;
    }
    while (i < n && isNameChar(text.charAt(i))) {
      i++;
    }
    if (i >= n || text.charAt(i) != '=') {
      return null;
    }
    String name = text.substring(p, i);
    int valueStart = i + 1;
    int[] endOut = new int[1];
    RcWord word = word(valueStart, endOut);
    int valueEnd = endOut[0];
    int q = skipBlanks(valueEnd);
    int end;
    if (q >= n) {
      end = n;
    } else if (text.charAt(q) == '\n') {
      end = q + 1;
    } else if (text.charAt(q) == '#' && q > valueEnd) {
      end = endOfLine(q);
    } else {
      // More words or a command after the value (a=1 b=2, a=1; cmd, a=1 cmd): not one
      // assignment, so the statement is kept as shell text.
      return null;
    }
    return new Assignment(
        text.substring(start, end), name, valueStart - start, valueEnd - start, word);
  }

  /** The end of a non-assignment statement: the first unquoted newline, after comments. */
  private int statementEnd(int p) {
    int i = p;
    int[] endOut = new int[1];
    while (true) {
      i = skipBlanks(i);
      if (i >= n) {
        return n;
      }
      char c = text.charAt(i);
      if (c == '\n') {
        return i + 1;
      }
      if (c == '#') {
        return endOfLine(i);
      }
      if (WORD_END.indexOf(c) >= 0) {
        i++;
        continue;
      }
      word(i, endOut);
      i = Math.max(endOut[0], i + 1);
    }
  }

  /** Reads one shell word from {@code start}; stores its end in {@code endOut[0]}. */
  private RcWord word(int start, int[] endOut) {
    List<Part> parts = new ArrayList<>();
    StringBuilder lit = new StringBuilder();
    int pieces = 0;
    boolean bare = false;
    boolean single = false;
    boolean dbl = false;
    int i = start;
    while (i < n) {
      char c = text.charAt(i);
      if (WORD_END.indexOf(c) >= 0) {
        break;
      }
      if (c == '\\') {
        if (i + 1 >= n) {
          lit.append('\\');
          i++;
        } else if (text.charAt(i + 1) == '\n') {
          i += 2; // a line continuation: removed
          continue;
        } else {
          lit.append(text.charAt(i + 1));
          i += 2;
        }
        bare = true;
        pieces++;
      } else if (c == '\'') {
        int close = text.indexOf('\'', i + 1);
        if (close < 0) {
          throw RcConfException.at(source, lineAt(i), "unterminated single quote");
        }
        lit.append(text, i + 1, close);
        i = close + 1;
        single = true;
        pieces++;
      } else if (c == '"') {
        i = doubleQuoted(i, parts, lit);
        dbl = true;
        pieces++;
      } else if (c == '$' || c == '`') {
        i = expression(i, parts, lit);
        bare = true;
        pieces++;
      } else {
        lit.append(c);
        i++;
        bare = true;
        pieces++;
      }
    }
    flush(parts, lit);
    endOut[0] = i;
    QuoteStyle style;
    if (pieces == 0 || (bare && !single && !dbl)) {
      style = QuoteStyle.NONE;
    } else if (pieces == 1 && single) {
      style = QuoteStyle.SINGLE;
    } else if (pieces == 1 && dbl) {
      style = QuoteStyle.DOUBLE;
    } else {
      style = QuoteStyle.MIXED;
    }
    return new RcWord(List.copyOf(parts), style);
  }

  private int doubleQuoted(int open, List<Part> parts, StringBuilder lit) {
    int i = open + 1;
    while (true) {
      if (i >= n) {
        throw RcConfException.at(source, lineAt(open), "unterminated double quote");
      }
      char c = text.charAt(i);
      if (c == '"') {
        return i + 1;
      }
      if (c == '\\' && i + 1 < n) {
        char d = text.charAt(i + 1);
        if (d == '\n') {
          i += 2;
        } else if (d == '$' || d == '`' || d == '"' || d == '\\') {
          lit.append(d);
          i += 2;
        } else {
          lit.append('\\');
          i++;
        }
      } else if (c == '$' || c == '`') {
        i = expression(i, parts, lit);
      } else {
        lit.append(c);
        i++;
      }
    }
  }

  /** A {@code $...} or backquote expression at {@code i}, kept as text; returns its end. */
  private int expression(int i, List<Part> parts, StringBuilder lit) {
    int end;
    char c = text.charAt(i);
    if (c == '`') {
      end = i + 1;
      while (true) {
        if (end >= n) {
          throw RcConfException.at(source, lineAt(i), "unterminated backquote");
        }
        char d = text.charAt(end);
        if (d == '\\') {
          end += 2;
        } else if (d == '`') {
          end++;
          break;
        } else {
          end++;
        }
      }
    } else {
      char d = i + 1 < n ? text.charAt(i + 1) : '\0';
      if (d == '{') {
        end = closing(i, i + 2, '{', '}', "unterminated ${");
      } else if (d == '(') {
        end = closing(i, i + 2, '(', ')', "unterminated $(");
      } else if (isNameStart(d)) {
        end = i + 2;
        while (end < n && isNameChar(text.charAt(end))) {
          end++;
        }
      } else if ((d >= '0' && d <= '9') || (i + 1 < n && "@*#?-$!".indexOf(d) >= 0)) {
        end = i + 2;
      } else {
        lit.append('$');
        return i + 1;
      }
    }
    flush(parts, lit);
    parts.add(new Part(text.substring(i, Math.min(end, n)), true));
    return Math.min(end, n);
  }

  /** The index after the bracket closing one opened before {@code from}, skipping quotes. */
  private int closing(int at, int from, char open, char close, String rule) {
    int depth = 1;
    int i = from;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == '\'') {
        int q = text.indexOf('\'', i + 1);
        if (q < 0) {
          break;
        }
        i = q + 1;
        continue;
      }
      if (c == '"') {
        int j = i + 1;
        while (j < n && text.charAt(j) != '"') {
          j += text.charAt(j) == '\\' ? 2 : 1;
        }
        if (j >= n) {
          break;
        }
        i = j + 1;
        continue;
      }
      if (c == open) {
        depth++;
      } else if (c == close) {
        depth--;
        if (depth == 0) {
          return i + 1;
        }
      }
      i++;
    }
    throw RcConfException.at(source, lineAt(at), rule);
  }

  private static void flush(List<Part> parts, StringBuilder lit) {
    if (lit.length() > 0) {
      parts.add(new Part(lit.toString(), false));
      lit.setLength(0);
    }
  }

  private int skipBlanks(int i) {
    while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  private int endOfLine(int i) {
    int nl = text.indexOf('\n', i);
    return nl < 0 ? n : nl + 1;
  }

  private int lineAt(int pos) {
    int line = 1;
    for (int i = 0; i < pos && i < n; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
