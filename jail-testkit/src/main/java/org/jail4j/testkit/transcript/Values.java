package org.jail4j.testkit.transcript;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jail4j.testkit.PathCheck;
import org.jspecify.annotations.Nullable;

/**
 * The text form of one iovec entry ({@code docs/TRANSCRIPTS.md}, "Values"): {@code null}, {@code
 * i32 N}, {@code jid T}, {@code fd T}, or an escaped byte string with optional {@code cap} and
 * {@code len}.
 */
final class Values {
  private Values() {}

  /**
   * An iovec as bytes: the buffer (or null) and the length. A carrier from the parser to the
   * replay, never compared or hashed, so the array's identity equality does not matter.
   */
  @SuppressWarnings("ArrayRecordComponent")
  record Raw(byte @Nullable [] base, int length) {}

  /** What the pair's name says the value is. */
  static Symbols.@Nullable Kind kindOf(String name) {
    switch (name) {
      case "jid":
      case "lastjid":
      case "parent":
        return Symbols.Kind.JID;
      case "desc":
        return Symbols.Kind.FD;
      default:
        return null;
    }
  }

  private static final Pattern JAIL_NUMBER = Pattern.compile("(?<=jail )([0-9]+)");
  private static final String TMPFILE = "${tmpfile}";

  /** The temporary files the contract makes ({@code ContractContext.regularFile()}). */
  static Pattern tmpfilePattern() {
    // the contract gives the kernel the file's jail path: / between names on every host
    String dir = PathCheck.jailPath(Path.of(System.getProperty("java.io.tmpdir", "/tmp")));
    return Pattern.compile(Pattern.quote(dir) + "/?j4jct[0-9]+\\.file");
  }

  /**
   * Renders an entry.
   *
   * @param output whether the kernel wrote it (new numbers become symbols)
   */
  static String render(
      byte @Nullable [] base, int length, Symbols.@Nullable Kind kind, Symbols s, boolean output) {
    if (base == null) {
      return length == 0 ? "null" : "null len " + length;
    }
    if (base.length == 4 && length == 4) {
      int v = ByteBuffer.wrap(base).order(ByteOrder.nativeOrder()).getInt();
      if (kind == Symbols.Kind.JID) {
        return "jid " + (output ? s.out(kind, v) : s.in(kind, v));
      }
      if (kind == Symbols.Kind.FD) {
        return "fd " + (output ? s.out(kind, v) : s.in(kind, v));
      }
      if (!(base[3] == 0 && base[0] >= 0x20 && base[0] < 0x7f)) {
        return "i32 " + v;
      }
    }
    int last = base.length - 1;
    while (last >= 0 && base[last] == 0) {
      last--;
    }
    int shown = Math.min(base.length, last + 2);
    StringBuilder b = new StringBuilder();
    b.append('"').append(escape(Arrays.copyOf(base, shown), s, output)).append('"');
    if (base.length != shown) {
      b.append(" cap ").append(base.length);
    }
    if (length != base.length) {
      b.append(" len ").append(length);
    }
    return b.toString();
  }

  private static String escape(byte[] bytes, Symbols s, boolean output) {
    StringBuilder b = new StringBuilder();
    for (byte x : bytes) {
      int c = x & 0xff;
      switch (c) {
        case 0 -> b.append("\\0");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\\' -> b.append("\\\\");
        case '"' -> b.append("\\\"");
        case '$' -> b.append("\\$");
        default -> {
          if (c >= 0x20 && c < 0x7f) {
            b.append((char) c);
          } else {
            b.append(String.format(Locale.ROOT, "\\x%02x", c));
          }
        }
      }
    }
    String text =
        tmpfilePattern().matcher(b.toString()).replaceAll(Matcher.quoteReplacement(TMPFILE));
    if (!output) {
      return text;
    }
    Matcher m = JAIL_NUMBER.matcher(text);
    StringBuilder r = new StringBuilder();
    while (m.find()) {
      String token;
      try {
        token = s.in(Symbols.Kind.JID, Integer.parseInt(m.group(1)));
      } catch (NumberFormatException tooLong) {
        token = m.group(1);
      }
      m.appendReplacement(
          r, Matcher.quoteReplacement(token.charAt(0) == 'J' ? "${" + token + "}" : token));
    }
    m.appendTail(r);
    return r.toString();
  }

  /** Resolves the placeholders of a value when it is turned back into bytes. */
  interface Resolver {
    /** The number a token stands for. */
    int number(Symbols.Kind kind, String token);

    /** The path of the replay's temporary regular file. */
    String tmpfile();
  }

  /**
   * Parses an entry.
   *
   * @throws IllegalArgumentException naming the rule broken
   */
  static Raw parse(String text, Resolver r) {
    if (text.startsWith("null")) {
      String rest = text.substring(4);
      if (rest.isEmpty()) {
        return new Raw(null, 0);
      }
      if (!rest.startsWith(" len ")) {
        throw new IllegalArgumentException("null may only be followed by len N");
      }
      return new Raw(null, nonNegative(rest.substring(5), "len"));
    }
    for (String prefix : new String[] {"i32 ", "jid ", "fd "}) {
      if (text.startsWith(prefix)) {
        String token = text.substring(prefix.length());
        int v;
        if (prefix.equals("i32 ")) {
          try {
            v = Integer.parseInt(token);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("i32 needs a decimal int: " + token, e);
          }
        } else {
          Symbols.Kind kind = prefix.equals("jid ") ? Symbols.Kind.JID : Symbols.Kind.FD;
          if (!Symbols.isToken(kind, token)) {
            throw new IllegalArgumentException(
                prefix.trim() + " needs an int or " + kind.letter + "<n>: " + token);
          }
          v = r.number(kind, token);
        }
        return new Raw(ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(v).array(), 4);
      }
    }
    if (!text.startsWith("\"")) {
      throw new IllegalArgumentException(
          "a value is null, i32 N, jid T, fd T or a quoted string: " + text);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 1;
    boolean closed = false;
    while (i < text.length()) {
      char c = text.charAt(i++);
      if (c == '"') {
        closed = true;
        break;
      }
      if (c != '\\') {
        if (c < 0x20 || c >= 0x7f) {
          throw new IllegalArgumentException("byte " + (int) c + " must be written as \\xHH");
        }
        if (c == '$') {
          i = placeholder(text, i, out, r);
          continue;
        }
        out.write(c);
        continue;
      }
      if (i >= text.length()) {
        throw new IllegalArgumentException("a backslash ends the string");
      }
      char e = text.charAt(i++);
      switch (e) {
        case '0' -> out.write(0);
        case 'n' -> out.write('\n');
        case 't' -> out.write('\t');
        case '\\', '"', '$' -> out.write(e);
        case 'x' -> {
          if (i + 2 > text.length()) {
            throw new IllegalArgumentException("\\x needs two hex digits");
          }
          int hi = Character.digit(text.charAt(i), 16);
          int lo = Character.digit(text.charAt(i + 1), 16);
          if (hi < 0 || lo < 0) {
            throw new IllegalArgumentException("\\x needs two hex digits");
          }
          out.write(hi * 16 + lo);
          i += 2;
        }
        default -> throw new IllegalArgumentException("unknown escape \\" + e);
      }
    }
    if (!closed) {
      throw new IllegalArgumentException("unterminated string");
    }
    byte[] shown = out.toByteArray();
    String rest = text.substring(i);
    int cap = shown.length;
    if (rest.startsWith(" cap ")) {
      int end = rest.indexOf(' ', 5);
      String n = end < 0 ? rest.substring(5) : rest.substring(5, end);
      cap = nonNegative(n, "cap");
      if (cap < shown.length) {
        throw new IllegalArgumentException("cap " + cap + " is less than the string's bytes");
      }
      if (cap > 1 << 20) {
        throw new IllegalArgumentException("cap " + cap + " is over 1048576");
      }
      rest = end < 0 ? "" : rest.substring(end);
    }
    int len = cap;
    if (rest.startsWith(" len ")) {
      len = nonNegative(rest.substring(5), "len");
      rest = "";
    }
    if (!rest.isEmpty()) {
      throw new IllegalArgumentException("a string may only be followed by cap N and len N");
    }
    return new Raw(Arrays.copyOf(shown, cap), len);
  }

  private static int placeholder(String text, int i, ByteArrayOutputStream out, Resolver r) {
    if (i >= text.length() || text.charAt(i) != '{') {
      throw new IllegalArgumentException("a literal $ is written \\$");
    }
    int end = text.indexOf('}', i);
    if (end < 0) {
      throw new IllegalArgumentException("unterminated ${");
    }
    String name = text.substring(i + 1, end);
    String value;
    if (name.equals("tmpfile")) {
      value = r.tmpfile();
    } else if (name.length() > 1
        && name.charAt(0) == 'J'
        && Symbols.isToken(Symbols.Kind.JID, name)) {
      value = Integer.toString(r.number(Symbols.Kind.JID, name));
    } else {
      throw new IllegalArgumentException("unknown placeholder ${" + name + "}");
    }
    byte[] b = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.write(b, 0, b.length);
    return end + 1;
  }

  private static int nonNegative(String n, String what) {
    try {
      int v = Integer.parseInt(n);
      if (v < 0) {
        throw new IllegalArgumentException(what + " must not be negative: " + n);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " needs a decimal int: " + n, e);
    }
  }
}
