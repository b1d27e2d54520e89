package org.jail4j.conf.internal;

/**
 * One token of jaillex.l.
 *
 * <pre>{@code
 * Token t = lexer.next(); // t.kind() == Token.Kind.STR, t.text() == "web"
 * }</pre>
 *
 * @param kind what it is
 * @param text the decoded value (escapes processed) for string and variable tokens, as bytes held
 *     one per char
 * @param raw the text as matched ({@code yytext}), used in syntax error messages
 * @param line the line the scanner is on after the token ({@code yylineno})
 * @param start where the token's text starts in the file (a char offset, one char per byte)
 * @param end where it ends; the bytes between one token's end and the next one's start are
 *     whitespace and comments (and the closing quote of a double-quoted string with a variable)
 */
public record Token(Kind kind, String text, String raw, int line, int start, int end) {

  /** The token kinds of jailparse.y. */
  public enum Kind {
    /** A string that starts a new value. */
    STR,
    /** A string piece joined to the one before (no whitespace between them). */
    STR1,
    /** A variable reference that starts a new value. */
    VAR,
    /** A variable reference joined to the piece before. */
    VAR1,
    /** {@code +=}. */
    PLEQ,
    /** {@code ,}. */
    COMMA,
    /** {@code ;}. */
    SEMI,
    /** {@code =}. */
    EQ,
    /** <code>{</code>. */
    LBRACE,
    /** <code>}</code>. */
    RBRACE,
    /** Any other character: always a syntax error. */
    CHAR,
    /** End of input. */
    EOF
  }
}
