package org.jail4j.conf.internal;

import java.util.BitSet;
import java.util.function.Consumer;
import org.jail4j.conf.JailConfException;
import org.jail4j.conf.internal.Token.Kind;
import org.jspecify.annotations.Nullable;

/**
 * The jail.conf(5) scanner, rule for rule as FreeBSD's {@code usr.sbin/jail/jaillex.l}: at each
 * position every rule of the current start condition is tried, the longest match wins and ties go
 * to the rule written first (flex semantics). The input holds one byte per char (ISO-8859-1), so
 * values are byte strings exactly as jail(8) sees them.
 *
 * <p>Two states: normal, and {@code DQ} (the rest of a double-quoted string after a variable). The
 * shared <em>in-string</em> flag ({@code instr}) is what joins adjacent pieces: whitespace,
 * comments and punctuation clear it, and a string-like token while it is set continues the value
 * ({@code STR1}/{@code VAR1}).
 *
 * <pre>{@code
 * Lexer lx = new Lexer("x.conf", text, true, new Lexer.Shared(), problems::add);
 * for (Token t = lx.next(); t.kind() != Token.Kind.EOF; t = lx.next()) { ... }
 * }</pre>
 */
public final class Lexer {

  /** State jail(8) keeps in a static variable, shared by the scanners of included files. */
  public static final class Shared {
    boolean instr;
  }

  // rule numbers, in the order of jaillex.l (ties go to the lower number)
  private static final int WS = 1;
  private static final int HASH = 2;
  private static final int SLASHSLASH = 3;
  private static final int COMMENT = 4;
  private static final int PLEQ = 5;
  private static final int PUNCT = 6;
  private static final int ATOM = 7;
  private static final int ESCAPE = 8;
  private static final int SINGLE = 9;
  private static final int SQUOTE = 10;
  private static final int DQUOTE = 11;
  private static final int DQ_END = 12;
  private static final int VAR_NAME = 13;
  private static final int VAR_BRACE = 14;
  private static final int BAD_COMMENT = 15;
  private static final int BAD_STRING = 16;
  private static final int BAD_VAR = 17;
  private static final int ANY = 18;
  private static final int FALLBACK = 19;
  private static final int RULES = FALLBACK;

  private final String file;
  private final String in;
  private final boolean crIsSpace;
  private final Shared shared;
  private final Consumer<JailConfException.Problem> problems;
  private int pos;
  private int start;
  private int line = 1;
  private boolean dq;
  private boolean error;

  /**
   * A scanner over one file.
   *
   * @param file the file name as jail(8) prints it
   * @param in the file's bytes, one per char
   * @param crIsSpace true for the current lexer ({@code \r} is whitespace), false for the older one
   * @param shared the in-string flag shared with the scanners of included files
   * @param problems receives "unterminated ..." diagnostics
   */
  public Lexer(
      String file,
      String in,
      boolean crIsSpace,
      Shared shared,
      Consumer<JailConfException.Problem> problems) {
    this.file = file;
    this.in = in;
    this.crIsSpace = crIsSpace;
    this.shared = shared;
    this.problems = problems;
  }

  /** True once an "unterminated ..." diagnostic was reported (jail(8)'s {@code cflex.error}). */
  public boolean hadError() {
    return error;
  }

  /** The current line ({@code yylineno}). */
  public int line() {
    return line;
  }

  /**
   * The next token.
   *
   * @return the token; {@link Kind#EOF} at the end of the input (and at a NUL byte outside quotes,
   *     which the parser reads as end of input, as yacc does with token 0)
   */
  public Token next() {
    while (true) {
      if (pos >= in.length()) {
        return new Token(Kind.EOF, "", "", line, pos, pos);
      }
      int best = -1;
      int rule = 0;
      for (int r = 1; r <= RULES; r++) {
        int len = match(r);
        if (len > best) {
          best = len;
          rule = r;
        }
      }
      Token t = act(rule, best);
      if (t != null) {
        return t;
      }
    }
  }

  private @Nullable Token act(int rule, int len) {
    // a DQUOTE match runs to the closing quote; only the text before its first variable is this
    // token's, so that is found before anything is copied
    int varAt = -1;
    if (rule == DQUOTE) {
      int skip = in.charAt(pos) == '"' ? 1 : 0;
      int at = varStart(in, pos + skip, pos + len - 1);
      if (at >= 0) {
        varAt = at - pos;
        len = varAt;
      }
    }
    String raw = in.substring(pos, pos + len);
    start = pos;
    switch (rule) {
      case WS:
      case HASH:
      case SLASHSLASH:
      case COMMENT:
        shared.instr = false;
        consume(len);
        return null;
      case PLEQ:
        shared.instr = false;
        consume(len);
        return new Token(Kind.PLEQ, raw, raw, line, start, pos);
      case PUNCT:
        shared.instr = false;
        consume(len);
        return new Token(punct(raw.charAt(0)), raw, raw, line, start, pos);
      case ATOM:
      case ESCAPE:
      case SINGLE:
        consume(len);
        return string(Kind.STR, Kind.STR1, unescape(raw, 0, 0), raw);
      case SQUOTE:
        nulInQuotes(raw);
        consume(len);
        return string(Kind.STR, Kind.STR1, unescape(raw, 1, 1), raw);
      case DQUOTE:
        {
          int skip = raw.charAt(0) == '"' ? 1 : 0;
          int at = varAt;
          if (at < 0) {
            dq = false;
            nulInQuotes(raw);
            consume(len);
            return string(Kind.STR, Kind.STR1, unescape(raw, skip, 1), raw);
          }
          // the string has a variable inside it: return the text before it and go into DQ mode
          dq = true;
          String part = raw.substring(0, at);
          nulInQuotes(part);
          consume(at);
          return string(Kind.STR, Kind.STR1, unescape(part + "\"", skip, 1), part);
        }
      case DQ_END:
        dq = false;
        consume(len);
        return null;
      case VAR_NAME:
        consume(len);
        return string(Kind.VAR, Kind.VAR1, raw.substring(1), raw);
      case VAR_BRACE:
        consume(len);
        return string(Kind.VAR, Kind.VAR1, unescape(raw, 2, 1), raw);
      case BAD_COMMENT:
        consume(len);
        warn("unterminated comment");
        return null;
      case BAD_STRING:
        consume(len);
        warn("unterminated string");
        return null;
      case BAD_VAR:
        consume(len);
        warn("unterminated variable");
        return null;
      case ANY:
        consume(len);
        if (raw.charAt(0) == '\0') {
          return new Token(Kind.EOF, "", "", line, pos, pos);
        }
        return new Token(Kind.CHAR, raw, raw, line, start, pos);
      default: // FALLBACK: leave DQ mode and scan the same text again
        dq = false;
        return null;
    }
  }

  private Token string(Kind first, Kind joined, String text, String raw) {
    Kind k;
    if (shared.instr) {
      k = joined;
    } else {
      shared.instr = true;
      k = first;
    }
    return new Token(k, text, raw, line, start, pos);
  }

  /**
   * jail4j's rule: a NUL byte inside quotes is an error naming its line. jail(8)'s C reader would
   * silently cut the value there (a {@code \0} escape still ends the string, as in C).
   */
  private void nulInQuotes(String raw) {
    int nul = raw.indexOf('\0');
    if (nul < 0) {
      return;
    }
    int at = line;
    for (int i = 0; i < nul; i++) {
      if (raw.charAt(i) == '\n') {
        at++;
      }
    }
    error = true;
    problems.accept(JailConfException.Problem.at(file, at, "NUL byte in a quoted string"));
  }

  private void warn(String what) {
    error = true;
    problems.accept(JailConfException.Problem.at(file, line, what));
  }

  private void consume(int len) {
    for (int i = pos; i < pos + len; i++) {
      if (in.charAt(i) == '\n') {
        line++;
      }
    }
    pos += len;
  }

  private static Kind punct(char c) {
    switch (c) {
      case ',':
        return Kind.COMMA;
      case ';':
        return Kind.SEMI;
      case '=':
        return Kind.EQ;
      case '{':
        return Kind.LBRACE;
      default:
        return Kind.RBRACE;
    }
  }

  // ---- the rules: each returns the length of its longest match at pos, or -1 -----------------

  private int match(int rule) {
    int n = in.length();
    int i = pos;
    char c = in.charAt(i);
    boolean normal = !dq;
    switch (rule) {
      case WS:
        {
          if (!normal) {
            return -1;
          }
          int j = i;
          while (j < n && isSpace(in.charAt(j))) {
            j++;
          }
          return j > i ? j - i : -1;
        }
      case HASH:
        return normal && c == '#' ? toEol(i) - i : -1;
      case SLASHSLASH:
        return normal && in.startsWith("//", i) ? toEol(i) - i : -1;
      case COMMENT:
        {
          if (!normal || !in.startsWith("/*", i)) {
            return -1;
          }
          int end = in.indexOf("*/", i + 2);
          return end < 0 ? -1 : end + 2 - i;
        }
      case PLEQ:
        return normal && in.startsWith("+=", i) ? 2 : -1;
      case PUNCT:
        return normal && ",;={}".indexOf(c) >= 0 ? 1 : -1;
      case ATOM:
        {
          int j = i;
          while (j < n && isAtom(in.charAt(j))) {
            j++;
          }
          return j > i ? j - i : -1;
        }
      case ESCAPE:
        return escapeLength(i);
      case SINGLE:
        return "$*+/\\".indexOf(c) >= 0 ? 1 : -1;
      case SQUOTE:
        return normal && c == '\'' ? quoted(i + 1, '\'', i) : -1;
      case DQUOTE:
        if (normal) {
          return c == '"' ? quoted(i + 1, '"', i) : -1;
        }
        return c != '"' && c != '$' && c != '\\' ? quoted(i + 1, '"', i) : -1;
      case DQ_END:
        return !normal && c == '"' ? 1 : -1;
      case VAR_NAME:
        {
          if (c != '$' || i + 1 >= n || !isNameStart(in.charAt(i + 1))) {
            return -1;
          }
          int j = i + 2;
          while (j < n && isNameChar(in.charAt(j))) {
            j++;
          }
          return j - i;
        }
      case VAR_BRACE:
        return braceVariable(i, normal, true);
      case BAD_COMMENT:
        {
          if (!normal || !in.startsWith("/*", i)) {
            return -1;
          }
          // the loop cannot swallow a "*/": with one, the match stops after its '*'
          int end = in.indexOf("*/", i + 2);
          return end < 0 ? n - i : end + 1 - i;
        }
      case BAD_STRING:
        return normal && (c == '\'' || c == '"') ? badString(i, c) : -1;
      case BAD_VAR:
        return braceVariable(i, normal, false);
      case ANY:
        return normal && c != '\n' ? 1 : -1;
      default:
        return 1;
    }
  }

  private boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || (c == '\r' && crIsSpace);
  }

  private int toEol(int i) {
    int e = in.indexOf('\n', i);
    return e < 0 ? in.length() : e;
  }

  /** {@code [A-Za-z0-9_!%&()\-.:<>?@\[\]^`|~]}. */
  static boolean isAtom(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "_!%&()-.:<>?@[]^`|~".indexOf(c) >= 0;
  }

  static boolean isNameStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  static boolean isNameChar(char c) {
    return isNameStart(c) || (c >= '0' && c <= '9');
  }

  private static boolean isOctal(char c) {
    return c >= '0' && c <= '7';
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** {@code \\(.|\n|[0-7]{1,3}|x[0-9A-Fa-f]{1,2})}. */
  private int escapeLength(int i) {
    int n = in.length();
    if (in.charAt(i) != '\\' || i + 1 >= n) {
      return -1;
    }
    char c = in.charAt(i + 1);
    if (isOctal(c)) {
      int j = i + 1;
      while (j < n && j < i + 4 && isOctal(in.charAt(j))) {
        j++;
      }
      return j - i;
    }
    if (c == 'x') {
      int j = i + 2;
      while (j < n && j < i + 4 && isHex(in.charAt(j))) {
        j++;
      }
      return j - i;
    }
    return 2;
  }

  /** The body of a quoted string, {@code ([^Q\\]|\\(.|\n))*Q}, from {@code j}. */
  private int quoted(int j, char q, int start) {
    int end = quotedEnd(j, q);
    return end < 0 ? -1 : end - start;
  }

  /*
   * The last scan of quotedEnd: where it started, where it ended (after the closing quote, or -1)
   * and the positions it stepped over as the second character of an escape. A double-quoted string
   * with variables is scanned again from every piece (the rule matches to the closing quote, then
   * gives back everything from the first variable on, as jaillex.l's yyless does); a scan from a
   * position the last scan stepped on would follow the same path to the same end.
   */
  private int memoFrom = -1;
  private int memoEnd = -1;
  private char memoQuote;
  private @Nullable BitSet memoSkipped;

  /** The index after the closing quote of a quoted body starting at {@code j}, or -1. */
  private int quotedEnd(int j, char q) {
    int n = in.length();
    if (memoFrom >= 0
        && q == memoQuote
        && j >= memoFrom
        && j < (memoEnd < 0 ? n : memoEnd)
        && (memoSkipped == null || !memoSkipped.get(j))) {
      return memoEnd;
    }
    int from = j;
    BitSet skipped = null;
    int end = -1;
    while (j < n) {
      char c = in.charAt(j);
      if (c == q) {
        end = j + 1;
        break;
      }
      if (c == '\\') {
        if (j + 1 >= n) {
          break;
        }
        if (skipped == null) {
          skipped = new BitSet();
        }
        skipped.set(j + 1);
        j += 2;
      } else {
        j++;
      }
    }
    memoFrom = from;
    memoEnd = end;
    memoQuote = q;
    memoSkipped = skipped;
    return end;
  }

  /** {@code Q([^\nQ\\]|\\.)*}: a quote that no closing quote follows. */
  private int badString(int i, char q) {
    int n = in.length();
    int j = i + 1;
    while (j < n) {
      char c = in.charAt(j);
      if (c == '\n' || c == q) {
        break;
      }
      if (c == '\\') {
        if (j + 1 < n && in.charAt(j + 1) != '\n') {
          j += 2;
        } else {
          break;
        }
      } else {
        j++;
      }
    }
    return j - i;
  }

  /**
   * <code>$\{([^\n{}]|\\(.|\n))*\}</code> (complete) or <code>$\{([^\n{}]|\\.)*</code>
   * (unterminated); in DQ mode {@code "} is excluded too. The backslash may be read either as a
   * plain character or as the start of an escape, so both readings are followed and the longest
   * match is kept, as flex's automaton does.
   */
  private int braceVariable(int i, boolean normal, boolean complete) {
    int n = in.length();
    if (!in.startsWith("${", i)) {
      return -1;
    }
    boolean a = true; // inside the loop, ready for the next item
    boolean b = false; // after a backslash that starts an escape
    int best = complete ? -1 : 2;
    for (int j = i + 2; j < n && (a || b); j++) {
      char c = in.charAt(j);
      boolean plain = c != '\n' && c != '{' && c != '}' && (normal || c != '"');
      boolean na = false;
      boolean nb = false;
      if (a) {
        if (complete && c == '}') {
          best = j + 1 - i;
        }
        if (plain) {
          na = true;
        }
        if (c == '\\') {
          nb = true;
        }
      }
      if (b && (complete || c != '\n')) {
        na = true;
      }
      a = na;
      b = nb;
      if (!complete && a) {
        best = j + 1 - i;
      }
    }
    return best;
  }

  /** Where {@code text2lval} with {@code tovar} stops: the first unescaped {@code $}, or -1. */
  private static int varStart(String raw, int from, int end) {
    for (int s = from; s < end; s++) {
      char c = raw.charAt(s);
      if (c == '\\') {
        s++;
      } else if (c == '$') {
        return s;
      }
    }
    return -1;
  }

  /**
   * jaillex.l's {@code text2lval}: copies {@code raw} without {@code triml}/{@code trimr} quote
   * characters, processing C escapes, octal {@code \0}-{@code \377}, hex {@code \xH}/{@code \xHH}
   * and backslash-newline (dropped). The result is a C string, so it ends at the first NUL.
   */
  @SuppressWarnings("IncrementInForLoopAndHeader") // an escape consumes the characters it reads
  static String unescape(String raw, int triml, int trimr) {
    int se = raw.length() - trimr;
    StringBuilder d = new StringBuilder(Math.max(0, se - triml));
    for (int s = triml; s < se; s++) {
      char c = raw.charAt(s);
      if (c != '\\') {
        d.append(c);
        continue;
      }
      s++;
      char e = s < raw.length() ? raw.charAt(s) : '\0';
      if (isOctal(e)) {
        int v = e - '0';
        if (s + 1 < se && isOctal(raw.charAt(s + 1))) {
          v = 8 * v + (raw.charAt(++s) - '0');
          if (s + 1 < se && isOctal(raw.charAt(s + 1))) {
            v = 8 * v + (raw.charAt(++s) - '0');
          }
        }
        d.append((char) (v & 0xFF));
        continue;
      }
      switch (e) {
        case 'a':
          d.append('\u0007');
          break;
        case 'b':
          d.append('\b');
          break;
        case 'f':
          d.append('\f');
          break;
        case 'n':
          d.append('\n');
          break;
        case 'r':
          d.append('\r');
          break;
        case 't':
          d.append('\t');
          break;
        case 'v':
          d.append('\u000b');
          break;
        case '\n':
          break;
        case 'x':
          {
            int v = 0;
            if (s + 1 < se && isHex(raw.charAt(s + 1))) {
              v = Character.digit(raw.charAt(++s), 16);
              if (s + 1 < se && isHex(raw.charAt(s + 1))) {
                v = v * 16 + Character.digit(raw.charAt(++s), 16);
              }
            }
            d.append((char) v);
            break;
          }
        default:
          d.append(e);
          break;
      }
    }
    int nul = d.indexOf("\0");
    return nul >= 0 ? d.substring(0, nul) : d.toString();
  }
}
