package org.jail4j.conf.internal;

import java.util.ArrayList;
import java.util.List;
import org.jail4j.conf.JailConfException;
import org.jail4j.conf.internal.Token.Kind;
import org.jspecify.annotations.Nullable;

/**
 * How a jail.conf file is written, read from the file itself so that new lines look like the old
 * ones: the line ending, the indentation, the spaces around {@code =} and after {@code ,}, the
 * quotes, {@code $x} or <code>${x}</code> for variables, what is between a block's name and its
 * brace, and whether blocks are separated by a blank line. A file that does not show a habit gets
 * the writer's (a tab, {@code " = "}, {@code ", "}, bare values when they read back unchanged,
 * double quotes otherwise).
 *
 * <pre>{@code
 * ConfStyle style = ConfStyle.of(tree);
 * style.statement("path", false, Ast.Op.ASSIGN, List.of(style.literal("/jail/web"))); // path = /jail/web;
 * }</pre>
 */
public final class ConfStyle {

  /** How literal values are quoted. */
  public enum Quotes {
    /** Bare when the lexer reads the value back unchanged, double quotes otherwise. */
    BARE,
    /** Always double quotes. */
    DOUBLE,
    /** Always single quotes. */
    SINGLE
  }

  /** The writer's defaults, for a file that does not show its own. */
  private static final class JailConfWriterDefaults {
    static final String INDENT = "\t";
    static final String SPACE = " ";
  }

  private final String newline;
  private final String indent;
  private final String beforeEq;
  private final String afterEq;
  private final String afterComma;
  private final String blockGap;
  private final Quotes quotes;
  private final boolean braceVariables;
  private final boolean blankBetweenBlocks;

  private ConfStyle(
      String newline,
      String indent,
      String beforeEq,
      String afterEq,
      String afterComma,
      String blockGap,
      Quotes quotes,
      boolean braceVariables,
      boolean blankBetweenBlocks) {
    this.newline = newline;
    this.indent = indent;
    this.beforeEq = beforeEq;
    this.afterEq = afterEq;
    this.afterComma = afterComma;
    this.blockGap = blockGap;
    this.quotes = quotes;
    this.braceVariables = braceVariables;
    this.blankBetweenBlocks = blankBetweenBlocks;
  }

  /**
   * Reads a file's habits.
   *
   * @param tree the parsed file
   * @return its style
   */
  public static ConfStyle of(ConfTree tree) {
    String text = tree.text();
    String newline = text.contains("\r\n") ? "\r\n" : "\n";
    @Nullable String indent = null;
    @Nullable String beforeEq = null;
    @Nullable String afterEq = null;
    @Nullable String afterComma = null;
    @Nullable Boolean braces = null;
    int bare = 0;
    int quotedBare = 0;
    int single = 0;
    int dbl = 0;
    for (ConfTree.Stmt s : tree.statements()) {
      List<Token> t = s.tokens();
      ConfTree.Block b = s.block();
      if (indent == null && b != null && b.parent() == null) {
        String own = lineIndent(text, s.start());
        String outer = lineIndent(text, b.start());
        if (own != null
            && outer != null
            && own.startsWith(outer)
            && own.length() > outer.length()) {
          indent = own.substring(outer.length());
        }
      }
      if (braces == null && s.statement().variable()) {
        braces = t.get(0).raw().startsWith("${");
      }
      for (int i = 1; i < t.size(); i++) {
        Token k = t.get(i);
        Token prev = t.get(i - 1);
        if (k.kind() == Kind.EQ || k.kind() == Kind.PLEQ) {
          if (beforeEq == null && i == 1) {
            beforeEq = blanks(text, prev.end(), k.start());
          }
          if (afterEq == null && i + 1 < t.size()) {
            afterEq = blanks(text, k.end(), t.get(i + 1).start());
          }
        }
        if (k.kind() == Kind.COMMA && afterComma == null && i + 1 < t.size()) {
          afterComma = blanks(text, k.end(), t.get(i + 1).start());
        }
        boolean startsValue =
            (k.kind() == Kind.STR || k.kind() == Kind.VAR)
                && (prev.kind() == Kind.EQ
                    || prev.kind() == Kind.PLEQ
                    || prev.kind() == Kind.COMMA);
        if (startsValue) {
          char c = k.raw().isEmpty() ? ' ' : k.raw().charAt(0);
          boolean couldBeBare =
              k.kind() == Kind.STR && Quoting.bareValue(k.text()) && valueEnds(t, i);
          if (c == '\'' || c == '"') {
            single += c == '\'' ? 1 : 0;
            dbl += c == '"' ? 1 : 0;
            quotedBare += couldBeBare ? 1 : 0;
          } else {
            bare++;
          }
        }
      }
    }
    Quotes quotes;
    if (quotedBare > bare) {
      quotes = single > dbl ? Quotes.SINGLE : Quotes.DOUBLE;
    } else {
      quotes = Quotes.BARE;
    }
    String blockGap = " ";
    boolean blank = true;
    List<ConfTree.Block> tops = new ArrayList<>();
    for (ConfTree.Block b : tree.blocks()) {
      if (b.parent() == null) {
        tops.add(b);
      }
    }
    if (!tops.isEmpty()) {
      ConfTree.Block first = tops.get(0);
      String gap = text.substring(first.nameToken().end(), first.open().start());
      if (gap.chars().allMatch(c -> c == ' ' || c == '\t' || c == '\r' || c == '\n')) {
        blockGap = gap;
      }
    }
    if (tops.size() > 1) {
      String between = text.substring(tops.get(0).end(), tops.get(1).start());
      blank = between.replace("\r", "").replaceAll("[ \t]", "").contains("\n\n");
    }
    return new ConfStyle(
        newline,
        indent != null ? indent : JailConfWriterDefaults.INDENT,
        beforeEq != null ? beforeEq : JailConfWriterDefaults.SPACE,
        afterEq != null ? afterEq : JailConfWriterDefaults.SPACE,
        afterComma != null ? afterComma : JailConfWriterDefaults.SPACE,
        blockGap,
        quotes,
        braces != null && braces,
        blank);
  }

  /** True when the value that starts at token {@code i} is that one token. */
  private static boolean valueEnds(List<Token> t, int i) {
    return i + 1 >= t.size()
        || (t.get(i + 1).kind() != Kind.STR1 && t.get(i + 1).kind() != Kind.VAR1);
  }

  /** The spaces and tabs between two offsets, or null when there is anything else. */
  private static @Nullable String blanks(String text, int from, int to) {
    String s = text.substring(from, to);
    return s.chars().allMatch(c -> c == ' ' || c == '\t') ? s : null;
  }

  /** The indentation of the line an offset is on, or null when other text precedes it. */
  private static @Nullable String lineIndent(String text, int at) {
    int ls = lineStart(text, at);
    String s = text.substring(ls, at);
    return s.chars().allMatch(c -> c == ' ' || c == '\t') ? s : null;
  }

  /**
   * Where the line holding an offset starts.
   *
   * @param text the text
   * @param at the offset
   * @return the offset after the previous newline, or 0
   */
  public static int lineStart(String text, int at) {
    return text.lastIndexOf('\n', at - 1) + 1;
  }

  /** The line ending: {@code \r\n} when the file uses it, else {@code \n}. */
  public String newline() {
    return newline;
  }

  /** One level of indentation. */
  public String indent() {
    return indent;
  }

  /** What goes between a block's name and its brace. */
  public String blockGap() {
    return blockGap;
  }

  /** How literals are quoted. */
  public Quotes quotes() {
    return quotes;
  }

  /** Whether new blocks are separated from the previous one by a blank line. */
  public boolean blankBetweenBlocks() {
    return blankBetweenBlocks;
  }

  /**
   * A literal value written so that it reads back as exactly itself, in the file's quoting.
   *
   * @param bytes the value, one byte per char, without NUL
   * @return its syntax
   */
  public String literal(String bytes) {
    return switch (quotes) {
      case BARE -> Quoting.value(bytes);
      case DOUBLE -> Quoting.doubleQuoted(bytes);
      case SINGLE -> Quoting.singleQuoted(bytes);
    };
  }

  /**
   * A statement in the file's style.
   *
   * @param name the parameter or variable name (bytes)
   * @param variable true for a variable definition
   * @param op {@link Ast.Op#ASSIGN}, {@link Ast.Op#APPEND} or {@link Ast.Op#FLAG}
   * @param values the values' syntax (empty for a flag)
   * @return the statement, from its name to its {@code ;}
   */
  public String statement(String name, boolean variable, Ast.Op op, List<String> values) {
    StringBuilder b = new StringBuilder();
    if (variable) {
      b.append(!braceVariables && Quoting.simpleVariable(name) ? "$" + name : "${" + name + "}");
    } else {
      b.append(Quoting.name(name));
    }
    if (op == Ast.Op.FLAG || values.isEmpty()) {
      return b.append(';').toString();
    }
    b.append(beforeEq).append(op == Ast.Op.APPEND ? "+=" : "=").append(afterEq);
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        b.append(',').append(afterComma);
      }
      b.append(values.get(i));
    }
    return b.append(';').toString();
  }

  /**
   * A template ({@code $name} and <code>${name}</code> expand, everything else is literal) as a
   * double-quoted value, checked with the lexer to be one value.
   *
   * @param bytes the template, one byte per char
   * @return its syntax
   * @throws IllegalArgumentException naming the rule when it is not one value
   */
  public static String template(String bytes) {
    StringBuilder b = new StringBuilder(bytes.length() + 2).append('"');
    for (int i = 0; i < bytes.length(); i++) {
      char c = bytes.charAt(i);
      if (c == '$') {
        b.append(c);
      } else {
        String q = Quoting.doubleQuoted(String.valueOf(c));
        b.append(q, 1, q.length() - 1);
      }
    }
    String syntax = b.append('"').toString();
    List<JailConfException.Problem> problems = new ArrayList<>();
    Lexer lx = new Lexer("template", syntax, true, new Lexer.Shared(), problems::add);
    Token first = lx.next();
    Token t = lx.next();
    while (t.kind() == Kind.STR1 || t.kind() == Kind.VAR1) {
      t = lx.next();
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(problems.get(0).message());
    }
    if ((first.kind() != Kind.STR && first.kind() != Kind.VAR) || t.kind() != Kind.EOF) {
      throw new IllegalArgumentException("not one value");
    }
    return syntax;
  }
}
