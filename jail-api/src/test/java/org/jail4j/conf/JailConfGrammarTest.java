package org.jail4j.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The lexical structure and grammar of jail.conf (jailconf-grammar.md §1, §2). */
class JailConfGrammarTest {

  private static List<String> values(String text, String jail, String param) {
    return JailConf.parse(text).jail(jail).orElseThrow().values(param).orElseThrow();
  }

  private static List<String> problems(String text) {
    return problems(JailConf.parser(), text);
  }

  private static List<String> problems(JailConfParser parser, String text) {
    try {
      parser.parse(text);
    } catch (JailConfException e) {
      return e.problems().stream().map(JailConfException.Problem::text).toList();
    }
    throw new AssertionError("expected a JailConfException for: " + text);
  }

  // ---- comments ------------------------------------------------------------------------------

  @Test
  void hashSlashSlashAndBlockCommentsAreWhitespace() {
    String text = "# one\n// two\n/* three\n still */ a { x = 1; # four\n }\n";
    assertThat(values(text, "a", "x")).containsExactly("1");
  }

  @Test
  void hashEndsAnUnquotedToken() {
    assertThat(values("a { x = abc#def\n; }", "a", "x")).containsExactly("abc");
  }

  @Test
  void doubleSlashInAnUnquotedPathStartsAComment() {
    assertThat(problems("a {\n path = /jails//x;\n host.hostname = h;\n}\n"))
        .containsExactly("STDIN line 3: host.hostname: syntax error");
  }

  @Test
  void commentCharactersInsideQuotesAreText() {
    assertThat(values("a { x = \"/j//x/*y*/#z\"; }", "a", "x")).containsExactly("/j//x/*y*/#z");
  }

  @Test
  void unterminatedCommentIsReportedAtTheEndOfTheFile() {
    assertThat(problems("a { x = 1; }\n/* open\nmore\n"))
        .containsExactly("STDIN line 4: unterminated comment");
  }

  // ---- quoting and escapes -------------------------------------------------------------------

  @Test
  void singleQuotesProcessEscapesButNotVariables() {
    assertThat(values("a { x = 'a\\tb$x\\''; }", "a", "x")).containsExactly("a\tb$x'");
  }

  @Test
  void doubleQuotesProcessCEscapesOctalAndHex() {
    assertThat(values("a { x = \"\\x41\\101\\n\\\\\\\"\\a\\v\"; }", "a", "x"))
        .containsExactly("AA\n\\\"\u0007\u000b");
  }

  @Test
  void octalEscapeTakesAtMostThreeDigits() {
    assertThat(values("a { x = \"\\1011\"; }", "a", "x")).containsExactly("A1");
  }

  @Test
  void hexEscapeTakesOneOrTwoDigits() {
    assertThat(values("a { x = \"\\x4g\"; }", "a", "x")).containsExactly("\u0004g");
  }

  @Test
  void escapesWorkInUnquotedText() {
    assertThat(values("a { x = a\\;b\\ c; }", "a", "x")).containsExactly("a;b c");
  }

  @Test
  void nulEscapeEndsTheStringAsInC() {
    assertThat(values("a { x = \"ab\\0cd\"; }", "a", "x")).containsExactly("ab");
  }

  @Test
  void blocksNested100000DeepAreATypedError() {
    int n = 100_000;
    String text = "a {\n".repeat(n) + "}\n".repeat(n);
    int limit = org.jail4j.conf.internal.Parser.MAX_BLOCK_DEPTH;
    assertThat(problems(text))
        .containsExactly(
            "STDIN line " + (limit + 1) + ": blocks nested more than " + limit + " deep");
    assertThat(JailConf.parse("a {\n".repeat(limit) + "}\n".repeat(limit)).jails()).hasSize(limit);
  }

  @Test
  void nulByteInsideAQuotedValueIsAnErrorNamingTheLine() {
    assertThat(problems("a {\n x = \"ab\0cd\";\n}\n"))
        .containsExactly("STDIN line 2: NUL byte in a quoted string");
    assertThat(problems("a {\n x = 'ab\0cd';\n}\n"))
        .containsExactly("STDIN line 2: NUL byte in a quoted string");
    assertThat(problems("a {\n x = \"a\nb\0${name}\";\n}\n"))
        .containsExactly("STDIN line 3: NUL byte in a quoted string");
  }

  @Test
  void backslashNewlineContinuesAnUnquotedValue() {
    assertThat(values("a { x = abc\\\ndef; }", "a", "x")).containsExactly("abcdef");
  }

  @Test
  void backslashNewlineInsideQuotesIsDropped() {
    assertThat(values("a { x = \"abc\\\ndef\"; }", "a", "x")).containsExactly("abcdef");
  }

  @Test
  void quotedStringsMaySpanLines() {
    assertThat(values("a { x = 'one\ntwo'; }", "a", "x")).containsExactly("one\ntwo");
  }

  @Test
  void unterminatedStringIsReportedOnItsLine() {
    assertThat(problems("a {\n x = \"abc;\n}\n"))
        .first()
        .isEqualTo("STDIN line 2: unterminated string");
  }

  @Test
  void strayQuoteSwallowsUpToTheNextMatchingQuote() {
    assertThat(values("a { x = \"one;\n y = two; z = \"; }", "a", "x"))
        .containsExactly("one;\n y = two; z = ");
  }

  // ---- joining and lists ---------------------------------------------------------------------

  @Test
  void adjacentPiecesJoinIntoOneValue() {
    assertThat(values("web { x = \"/jail/\"$name'-x'; }", "web", "x"))
        .containsExactly("/jail/web-x");
  }

  @Test
  void unquotedSlashStarAndPlusJoin() {
    assertThat(values("a { p = /usr/local/jails; n = 10.0.0.1/24; s = *; q = a+b; }", "a", "n"))
        .containsExactly("10.0.0.1/24");
    assertThat(values("a { p = /usr/local/jails; }", "a", "p")).containsExactly("/usr/local/jails");
    assertThat(values("a { q = a+b; }", "a", "q")).containsExactly("a+b");
  }

  @Test
  void piecesSeparatedByWhitespaceAreASyntaxError() {
    assertThat(problems("a { x = \"a\" \"b\"; }"))
        .containsExactly("STDIN line 1: \"b\": syntax error");
  }

  @Test
  void commaSeparatesListValues() {
    assertThat(values("a { x = one, \"two\", 'three'; }", "a", "x"))
        .containsExactly("one", "two", "three");
  }

  @Test
  void templatePlaceholdersAreLegalUnquoted() {
    assertThat(values("a { x = [busybox-ip]; y = %%JAIL%%; z = @D@; w = x|y; }", "a", "w"))
        .containsExactly("x|y");
  }

  @Test
  void braceTemplateIsASyntaxError() {
    assertThat(problems("a { host.hostname = {name}; }"))
        .containsExactly("STDIN line 1: {: syntax error");
  }

  // ---- variables (lexical) -------------------------------------------------------------------

  @Test
  void dollarNameStopsAtTheFirstNonNameCharacter() {
    assertThat(values("$host = h; a { x = $host.hostname; }", "a", "x"))
        .containsExactly("h.hostname");
  }

  @Test
  void bracedReferenceMayHoldDots() {
    assertThat(values("a { host.hostname = h; x = ${host.hostname}.x; }", "a", "x"))
        .containsExactly("h.x");
  }

  @Test
  void loneDollarIsLiteral() {
    assertThat(values("a { x = \"cost $5\"; }", "a", "x")).containsExactly("cost $5");
    assertThat(values("a { y = a$; }", "a", "y")).containsExactly("a$");
  }

  @Test
  void unterminatedBracedVariableIsReported() {
    assertThat(problems("a { x = ${abc\n; }"))
        .first()
        .isEqualTo("STDIN line 1: unterminated variable");
  }

  // ---- statements and blocks -----------------------------------------------------------------

  @Test
  void plusEqualsNeedsNoSpaces() {
    assertThat(values("a { x=1; x+=2; }", "a", "x")).containsExactly("1", "2");
  }

  @Test
  void equalsSignMayBeLeftOut() {
    assertThat(values("a { x \"v\"; }", "a", "x")).containsExactly("v");
  }

  @Test
  void emptyValueNeedsQuotes() {
    assertThat(problems("a { x = ; }")).containsExactly("STDIN line 1: ;: syntax error");
    assertThat(values("a { x = \"\"; }", "a", "x")).containsExactly("");
  }

  @Test
  void valuelessParameterIsAnEmptyList() {
    assertThat(values("a { persist; }", "a", "persist")).isEmpty();
  }

  @Test
  void emptyStatementsAreAllowed() {
    assertThat(values(";; a { ; x = 1;; } ;", "a", "x")).containsExactly("1");
  }

  @Test
  void unquotedWildcardComponentNameIsASyntaxError() {
    assertThat(problems("foo.* { x = 1; }")).containsExactly("STDIN line 1: *: syntax error");
  }

  @Test
  void quotedWildcardNameAndLoneStarAreBlocks() {
    assertThat(values("\"foo.*\" { x = 1; } * { y = 2; } foo.bar { }", "foo.bar", "y"))
        .containsExactly("2");
  }

  @Test
  void variableCannotNameABlock() {
    assertThat(problems("$x { }")).containsExactly("STDIN line 1: {: syntax error");
  }

  @Test
  void nameMustBeASingleToken() {
    assertThat(problems("a { x\"y\" = 1; }")).containsExactly("STDIN line 1: \"y\": syntax error");
  }

  @Test
  void nestedBlocksDefineDottedJailsAndKeepTheirStatements() {
    JailConf conf = JailConf.parse("a { x = 1; b { y = 2; } z = 3; }");
    assertThat(conf.jails()).extracting(ConfJail::name).containsExactly("a", "a.b");
    assertThat(conf.jail("a").orElseThrow().params().keySet()).containsExactly("name", "x", "z");
    assertThat(conf.jail("a.b").orElseThrow().params().keySet()).containsExactly("name", "y");
  }

  @Test
  void legacyParserRejectsNestedBlocks() {
    assertThat(problems(JailConf.parser().dialect(JailConfDialect.LEGACY), "a { b { } }"))
        .containsExactly("STDIN line 1: {: syntax error");
  }

  @Test
  void endOfFileInsideABlockIsUnexpected() {
    assertThat(problems("a { x = 1;")).containsExactly("STDIN: unexpected EOF");
  }

  @Test
  void strayClosingBraceIsASyntaxError() {
    assertThat(problems("x = 1;\n}\n")).containsExactly("STDIN line 2: }: syntax error");
  }

  @Test
  void carriageReturnIsWhitespaceInTheCurrentLexer() {
    assertThat(values("a {\r\n x = 1;\r\n}\r\n", "a", "x")).containsExactly("1");
  }

  @Test
  void carriageReturnIsASyntaxErrorInTheOlderLexer() {
    assertThat(problems(JailConf.parser().dialect(JailConfDialect.LEGACY), "a {\r\n x = 1;\r\n}"))
        .containsExactly("STDIN line 1: \r: syntax error");
  }

  @Test
  void onlyTheFirstSyntaxErrorIsReported() {
    assertThat(problems("a { x = ; y = ; }")).hasSize(1);
  }

  @Test
  void problemNamesTheFileGiven() {
    assertThatThrownBy(() -> JailConf.parser().parse("a {", "/etc/jail.conf"))
        .isInstanceOfSatisfying(
            JailConfException.class,
            e -> {
              assertThat(e.file()).hasValue("/etc/jail.conf");
              assertThat(e.getMessage()).isEqualTo("jail: /etc/jail.conf: unexpected EOF");
            });
  }

  @Test
  void nonAsciiTextIsKeptInQuotes() {
    assertThat(values("a { x = \"café ✓\"; }", "a", "x")).containsExactly("café ✓");
  }

  @Test
  void nonAsciiOutsideQuotesIsASyntaxError() {
    assertThat(problems("a { x = é; }")).hasSize(1).first().asString().endsWith(": syntax error");
  }
}
