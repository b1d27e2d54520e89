package org.jail4j.conf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Evaluation: collection order, assignment, the no twins, name/jid, variables (§3). */
class JailConfEvaluationTest {

  private static ConfJail jail(String text, String name) {
    return JailConf.parse(text).jail(name).orElseThrow();
  }

  private static ConfJail legacy(String text, String name) {
    return JailConf.parser().dialect(JailConfDialect.LEGACY).parse(text).jail(name).orElseThrow();
  }

  private static List<String> problems(String text, String name) {
    return jail(text, name).problems().stream().map(JailConfException.Problem::text).toList();
  }

  // ---- collection and assignment -------------------------------------------------------------

  @Test
  void globalBeforeAJailIsADefaultTheJailOverrides() {
    assertThat(jail("x = g; a { x = j; }", "a").values("x")).hasValue(List.of("j"));
  }

  @Test
  void wildcardAfterAJailOverridesTheJail() {
    assertThat(jail("a { x = j; } * { x = w; }", "a").values("x")).hasValue(List.of("w"));
  }

  @Test
  void currentParserHasOneGlobalSectionWhereverItsStatementsAre() {
    assertThat(jail("x = 1; a { x = 2; } x = 3;", "a").values("x")).hasValue(List.of("2"));
  }

  @Test
  void legacyParserStartsANewGlobalSectionAfterEachBlock() {
    assertThat(legacy("x = 1; a { x = 2; } x = 3;", "a").values("x")).hasValue(List.of("3"));
  }

  @Test
  void assignmentReplacesTheWholeList() {
    assertThat(jail("a { x = 1, 2; x += 3; x = 4; }", "a").values("x")).hasValue(List.of("4"));
  }

  @Test
  void appendStartsAListWhenNothingIsSet() {
    assertThat(jail("a { x += 1; x += 2; }", "a").values("x")).hasValue(List.of("1", "2"));
  }

  @Test
  void appendAddsToAGlobalList() {
    assertThat(jail("x = g; a { x += j; }", "a").values("x")).hasValue(List.of("g", "j"));
  }

  @Test
  void valuelessAssignmentEmptiesTheListButAnEmptyStringIsAValue() {
    assertThat(jail("a { x = 1; x; }", "a").values("x")).hasValue(List.of());
    assertThat(jail("a { x; x = \"\"; }", "a").values("x")).hasValue(List.of(""));
  }

  @Test
  void noTwinSharesTheSlotAndRenamesIt() {
    ConfJail a = jail("allow.mount; y = 1; a { allow.nomount; }", "a");
    assertThat(a.params().keySet()).containsExactly("name", "allow.nomount", "y");
  }

  @Test
  void noTwinAfterADotSharesTheSlot() {
    ConfJail a = jail("a { mount.devfs; mount.nodevfs; }", "a");
    assertThat(a.params().keySet()).containsExactly("name", "mount.nodevfs");
    assertThat(a.toJail().mountDevfs()).isFalse();
  }

  @Test
  void noPrefixInvertsTheValue() {
    assertThat(jail("a { mount.nodevfs = 0; }", "a").toJail().mountDevfs()).isTrue();
    assertThat(jail("a { nopersist; }", "a").toJail().persist()).isFalse();
    assertThat(jail("a { persist = 0; persist = TRUE; }", "a").toJail().persist()).isTrue();
  }

  // ---- wildcards and blocks ------------------------------------------------------------------

  @Test
  void finalStarMatchesOneOrMoreComponents() {
    JailConf conf = JailConf.parse("\"foo.*\" { x = w; } foo { } foo.bar { } foo.bar.baz { }");
    assertThat(conf.jail("foo").orElseThrow().values("x")).isEmpty();
    assertThat(conf.jail("foo.bar").orElseThrow().values("x")).hasValue(List.of("w"));
    assertThat(conf.jail("foo.bar.baz").orElseThrow().values("x")).hasValue(List.of("w"));
  }

  @Test
  void middleStarMatchesExactlyOneComponent() {
    JailConf conf = JailConf.parse("\"*.bar\" { x = w; } a.bar { } a.b.bar { } a.baz { }");
    assertThat(conf.jail("a.bar").orElseThrow().values("x")).hasValue(List.of("w"));
    assertThat(conf.jail("a.b.bar").orElseThrow().values("x")).isEmpty();
    assertThat(conf.jail("a.baz").orElseThrow().values("x")).isEmpty();
  }

  @Test
  void wildcardBlocksAreNotJails() {
    assertThat(JailConf.parse("* { x = 1; } \"a.*\" { } a { }").jails())
        .extracting(ConfJail::name)
        .containsExactly("a");
  }

  @Test
  void nestedWildcardBlockAppliesToItsSiblings() {
    JailConf conf = JailConf.parse("a { * { x = w; } b { } } c { }");
    assertThat(conf.jail("a.b").orElseThrow().values("x")).hasValue(List.of("w"));
    assertThat(conf.jail("c").orElseThrow().values("x")).isEmpty();
  }

  // ---- name and jid --------------------------------------------------------------------------

  @Test
  void blockNameImpliesNameFirst() {
    assertThat(jail("x = 1; a { y = 2; }", "a").params().keySet())
        .containsExactly("name", "x", "y");
  }

  @Test
  void numericBlockSetsJidAndItsNameComesLast() {
    ConfJail j = jail("5309 { persist; }", "5309");
    assertThat(j.params().keySet()).containsExactly("jid", "persist", "name");
    assertThat(j.values("jid")).hasValue(List.of("5309"));
  }

  @Test
  void zeroIsNotANumericBlockName() {
    assertThat(jail("0 { }", "0").params().keySet()).containsExactly("name");
  }

  @Test
  void legacyNumericBlockSetsOnlyJid() {
    assertThat(legacy("5309 { }", "5309").params().keySet()).containsExactly("jid");
  }

  @Test
  void blockNameCannotBeRedefined() {
    assertThat(problems("t1 { name = \"t1\"; }", "t1"))
        .containsExactly("t1: cannot redefine parameter \"name\".");
  }

  @Test
  void numericBlockJidCannotBeRedefined() {
    assertThat(problems("5 { jid = 6; }", "5"))
        .containsExactly("5: cannot redefine parameter \"jid\".");
  }

  @Test
  void explicitJidCannotBeSetTwice() {
    assertThat(problems("a { jid = 6; jid = 7; }", "a"))
        .containsExactly("a: cannot redefine parameter \"jid\".");
  }

  @Test
  void globalNameFailsEveryJail() {
    assertThat(problems("name = x; a { }", "a"))
        .containsExactly("a: cannot redefine parameter \"name\".");
  }

  // ---- variables -----------------------------------------------------------------------------

  @Test
  void globalMayUseAVariableOnlyTheJailDefines() {
    assertThat(jail("ip4.addr = 10.0.0.$ip; j { $ip = 5; }", "j").values("ip4.addr"))
        .hasValue(List.of("10.0.0.5"));
  }

  @Test
  void referenceMayComeBeforeItsDefinition() {
    assertThat(jail("a { h = $v; $v = x; }", "a").values("h")).hasValue(List.of("x"));
  }

  @Test
  void wildcardTextExpandsPerJail() {
    JailConf conf = JailConf.parse("path = /j/$name; a { } b { }");
    assertThat(conf.jail("a").orElseThrow().values("path")).hasValue(List.of("/j/a"));
    assertThat(conf.jail("b").orElseThrow().values("path")).hasValue(List.of("/j/b"));
  }

  @Test
  void parametersAreVariables() {
    assertThat(jail("a { interface = em0; x = \"$interface:${name}\"; }", "a").values("x"))
        .hasValue(List.of("em0:a"));
  }

  @Test
  void variablesAreNotInTheParameterList() {
    assertThat(jail("$v = 1; a { $w = 2; }", "a").params().keySet()).containsExactly("name");
  }

  @Test
  void missingVariableFailsTheJailAndIsDropped() {
    ConfJail a = jail("a { path = \"/j/$nope/x\"; }", "a");
    assertThat(a.problems())
        .extracting(JailConfException.Problem::text)
        .containsExactly("a: path: variable \"nope\" not found");
    assertThat(a.exhibit("|")).isEqualTo("name=a|path=/j//x");
  }

  @Test
  void valuelessVariableIsNotFound() {
    assertThat(problems("a { $v; x = $v; }", "a"))
        .containsExactly("a: x: variable \"v\" not found");
  }

  @Test
  void emptyStringVariableExpandsToNothing() {
    assertThat(jail("a { $e = \"\"; x = pre${e}post; }", "a").values("x"))
        .hasValue(List.of("prepost"));
  }

  @Test
  void variableLoopIsReportedOnce() {
    assertThat(problems("a { $x = \"$y\"; $y = \"$x\"; h = $x; }", "a"))
        .containsExactly("a: x: variable loop");
  }

  @Test
  void selfReferenceIsALoop() {
    assertThat(problems("a { path = \"$path/x\"; }", "a"))
        .containsExactly("a: path: variable loop");
  }

  @Test
  void listCannotBeSubstitutedInline() {
    assertThat(problems("a { $l = x, y; h = \"pre$l\"; }", "a"))
        .containsExactly("a: h: array cannot be substituted inline");
  }

  @Test
  void wholeValueReferenceSplicesAList() {
    assertThat(
            jail("a { $l = 10.0.0.1, 10.0.0.2; ip4.addr = $l, 10.0.0.3; }", "a").values("ip4.addr"))
        .hasValue(List.of("10.0.0.1", "10.0.0.2", "10.0.0.3"));
  }

  @Test
  void expansionHappensOnce() {
    assertThat(jail("$a = \"\\$b\"; $b = x; a { h = $a; }", "a").values("h"))
        .hasValue(List.of("$b"));
  }

  @Test
  void variableCannotShareAParameterName() {
    assertThat(problems("a { $path = /x; }", "a"))
        .containsExactly("a: variable \"$path\" cannot have the same name as a parameter.");
    assertThat(problems("a { foo = 1; $foo = 2; }", "a"))
        .containsExactly("a: variable \"$foo\" cannot have the same name as a parameter.");
  }

  @Test
  void referencedParameterStillHoldingReferencesMovesInFront() {
    assertThat(jail("a { h = \"$p\"; p = \"$name/x\"; }", "a").exhibit("|"))
        .isEqualTo("name=a|p=a/x|h=a/x");
  }

  @Test
  void runawayExpansionIsBounded() {
    StringBuilder b = new StringBuilder("$v0 = \"xxxxxxxxxxxxxxxx\";\n");
    for (int i = 1; i <= 30; i++) {
      b.append("$v").append(i).append(" = \"$v").append(i - 1).append("$v").append(i - 1);
      b.append("\";\n");
    }
    b.append("a { h = $v30; }\n");
    ConfJail a = jail(b.toString(), "a");
    assertThat(a.failed()).isTrue();
    assertThat(a.problems().get(0).message()).contains("variable expansion exceeds");
  }

  // ---- problems next to exhibit ----------------------------------------------------------------

  @Test
  void anUnresolvedVariableExhibitsEmptyAndIsPrintedAsJailPrintsItOnStderr() {
    JailConf conf =
        JailConf.parser().parse("web {\n  host.hostname = $nosuch;\n}\n", "/etc/jail.conf");
    ConfJail web = conf.jail("web").orElseThrow();

    assertThat(web.exhibit("|")).isEqualTo("name=web|host.hostname=\"\"");
    assertThat(web.exhibitProblems())
        .isEqualTo(
            "jail: web: host.hostname: variable \"nosuch\" not found (/etc/jail.conf line 2)\n");
    assertThat(conf.exhibitProblems()).isEqualTo(web.exhibitProblems());
  }

  @Test
  void aJailWithoutProblemsHasNothingToPrintOnStderr() {
    JailConf conf = JailConf.parse("web { host.hostname = web; }\n");

    assertThat(conf.jail("web").orElseThrow().exhibitProblems()).isEmpty();
    assertThat(conf.exhibitProblems()).isEmpty();
  }

  @Test
  void everyJailsProblemsArePrintedInFileOrder() {
    JailConf conf = JailConf.parse("a { x = $p; } b { y = $q; }\n");

    assertThat(conf.exhibitProblems().lines())
        .containsExactly(
            "jail: a: x: variable \"p\" not found (STDIN line 1)",
            "jail: b: y: variable \"q\" not found (STDIN line 1)");
  }
}
