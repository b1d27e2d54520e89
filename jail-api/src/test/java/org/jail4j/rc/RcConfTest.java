package org.jail4j.rc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jail4j.JailException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RcConfTest {

  // ---- parsing -------------------------------------------------------------------------------

  @Test
  void doubleQuotedValueLosesItsQuotes() {
    assertThat(RcConf.parse("sshd_enable=\"YES\"\n").get("sshd_enable")).contains("YES");
  }

  @Test
  void unquotedValueIsTheWord() {
    assertThat(RcConf.parse("jail_enable=YES\n").get("jail_enable")).contains("YES");
  }

  @Test
  void singleQuotedValueIsLiteral() {
    assertThat(RcConf.parse("a='$x \\n \"y\"'\n").get("a")).contains("$x \\n \"y\"");
  }

  @Test
  void singleQuotesInsideDoubleQuotesArePartOfTheValue() {
    assertThat(RcConf.parse("cron_flags=\"-m ''\"\n").get("cron_flags")).contains("-m ''");
  }

  @Test
  void escapedQuoteInsideDoubleQuotesIsAQuote() {
    assertThat(RcConf.parse("a=\"say \\\"hi\\\" \\\\ \\x\"\n").get("a"))
        .contains("say \"hi\" \\ \\x");
  }

  @Test
  void backslashOutsideQuotesEscapesTheNextCharacter() {
    assertThat(RcConf.parse("a=x\\ y\\\"z\n").get("a")).contains("x y\"z");
  }

  @Test
  void piecesOfOneWordAreJoinedAndReportedAsMixed() {
    RcConf rc = RcConf.parse("a=\"x y\"'z'w\n");
    assertThat(rc.get("a")).contains("x yzw");
    assertThat(rc.quoting("a")).contains(QuoteStyle.MIXED);
  }

  @Test
  void quoteStyleIsReported() {
    RcConf rc = RcConf.parse("a=1\nb='2'\nc=\"3\"\nd=\n");
    assertThat(rc.quoting("a")).contains(QuoteStyle.NONE);
    assertThat(rc.quoting("b")).contains(QuoteStyle.SINGLE);
    assertThat(rc.quoting("c")).contains(QuoteStyle.DOUBLE);
    assertThat(rc.quoting("d")).contains(QuoteStyle.NONE);
    assertThat(rc.get("d")).contains("");
  }

  @Test
  void variableReferencesAreLeftAsText() {
    RcConf rc = RcConf.parse("cron_flags=\"${cron_flags} -J 15\"\nb=$HOME/x\n");
    assertThat(rc.get("cron_flags")).contains("${cron_flags} -J 15");
    assertThat(rc.get("b")).contains("$HOME/x");
  }

  @Test
  void trailingCommentIsNotPartOfTheValue() {
    RcConf rc = RcConf.parse("jail_enable=\"NO\"\t# Set to NO to disable\n");
    assertThat(rc.get("jail_enable")).contains("NO");
  }

  @Test
  void hashInsideAWordIsNotAComment() {
    assertThat(RcConf.parse("a=x#y\n").get("a")).contains("x#y");
  }

  @Test
  void backslashNewlineContinuesTheValue() {
    RcConf rc = RcConf.parse("ifconfig_em0=\"inet 192.0.2.1 \\\n  netmask 255.255.255.0\"\nb=1\n");
    assertThat(rc.get("ifconfig_em0")).contains("inet 192.0.2.1   netmask 255.255.255.0");
    assertThat(rc.assignments()).extracting(RcAssignment::line).containsExactly(1, 3);
  }

  @Test
  void quotedValueMaySpanLines() {
    RcConf rc = RcConf.parse("a=\"one\ntwo\"\nb=2\n");
    assertThat(rc.get("a")).contains("one\ntwo");
    assertThat(rc.get("b")).contains("2");
  }

  @Test
  void lastAssignmentWins() {
    RcConf rc = RcConf.parse("sshd_enable=\"YES\"\nsshd_enable=\"NO\"\n");
    assertThat(rc.get("sshd_enable")).contains("NO");
    assertThat(rc.names()).containsExactly("sshd_enable");
    assertThat(rc.assignments()).hasSize(2);
  }

  @Test
  void namesAreInOrderOfFirstAssignment() {
    assertThat(RcConf.parse("b=1\n# c=3\na=2\nb=3\n").names()).containsExactly("b", "a");
  }

  @Test
  void shellStatementsAreKeptVerbatimAndIgnored() {
    String text = ". /etc/rc.conf.site\nif [ -x /bin/x ]; then a=1; fi\nb=2 c=3\nd=4\n";
    RcConf rc = RcConf.parse(text);
    assertThat(rc.names()).containsExactly("d");
    assertThat(rc.toString()).isEqualTo(text);
  }

  @Test
  void indentedAssignmentIsAnAssignment() {
    assertThat(RcConf.parse("  \ta=1\n").get("a")).contains("1");
  }

  @Test
  void unterminatedDoubleQuoteIsAnErrorNamingTheLine() {
    assertThatThrownBy(() -> RcConf.parse("a=1\nb=\"x\n\n"))
        .isInstanceOf(RcConfException.class)
        .isInstanceOf(JailException.class)
        .satisfies(
            e -> {
              RcConfException r = (RcConfException) e;
              assertThat(r.line()).hasValue(2);
              assertThat(r.rule()).isEqualTo("unterminated double quote");
            })
        .hasMessageContaining("2: unterminated double quote");
  }

  @Test
  void unterminatedSingleQuoteIsAnError() {
    assertThatThrownBy(() -> RcConf.parse("a='x\n"))
        .isInstanceOf(RcConfException.class)
        .hasMessageContaining("1: unterminated single quote");
  }

  @Test
  void unterminatedBraceExpressionIsAnError() {
    assertThatThrownBy(() -> RcConf.parse("a=${x\n"))
        .isInstanceOf(RcConfException.class)
        .hasMessageContaining("unterminated ${");
  }

  @Test
  void nulByteIsRefused() {
    assertThatThrownBy(() -> RcConf.parse("a=1\nb=\0\n"))
        .isInstanceOf(RcConfException.class)
        .satisfies(e -> assertThat(((RcConfException) e).line()).hasValue(2))
        .hasMessageContaining("NUL byte");
  }

  @Test
  void strictParsingRefusesATemplateNameNamingIt() {
    assertThatThrownBy(() -> RcConf.parseStrict("# x\nifconfig_e0b_@NAME@=\"SYNCDHCP\"\n"))
        .isInstanceOf(RcConfException.class)
        .satisfies(
            e -> {
              RcConfException r = (RcConfException) e;
              assertThat(r.line()).hasValue(2);
              assertThat(r.variable()).contains("ifconfig_e0b_@NAME@");
            })
        .hasMessageContaining("not a valid variable name");
  }

  @Test
  void strictParsingRefusesCommands() {
    assertThatThrownBy(() -> RcConf.parseStrict("a=1\n. /etc/other\n"))
        .isInstanceOf(RcConfException.class)
        .hasMessageContaining("2: not a variable assignment");
  }

  @Test
  void lenientParsingKeepsATemplateLineAsShell() {
    RcConf rc = RcConf.parse("ifconfig_e0b_@NAME@=\"SYNCDHCP\"\n");
    assertThat(rc.names()).isEmpty();
    assertThat(rc.toString()).isEqualTo("ifconfig_e0b_@NAME@=\"SYNCDHCP\"\n");
  }

  @Test
  void carriageReturnBeforeNewlineIsPartOfTheValueAsInSh() {
    RcConf rc = RcConf.parse("sshd_enable=\"YES\"\r\n");
    assertThat(rc.get("sshd_enable")).contains("YES\r");
    assertThat(rc.checkYesNo("sshd_enable").state()).isEqualTo(YesNo.State.NOT_SET_PROPERLY);
    assertThat(rc.toString()).isEqualTo("sshd_enable=\"YES\"\r\n");
  }

  @Test
  void missingFinalNewlineIsKept() {
    assertThat(RcConf.parse("a=1\nb=2").toString()).isEqualTo("a=1\nb=2");
  }

  // ---- editing -------------------------------------------------------------------------------

  @Test
  void setReplacesInPlaceKeepingDoubleQuotesAndComment() {
    RcConf rc = RcConf.parse("# x\njail_enable=\"NO\"\t# comment\nb=1\n");
    rc.set("jail_enable", "YES");
    assertThat(rc.toString()).isEqualTo("# x\njail_enable=\"YES\"\t# comment\nb=1\n");
  }

  @Test
  void setKeepsUnquotedStyleWhenTheValueIsSafe() {
    RcConf rc = RcConf.parse("jail_list=www\n");
    rc.set("jail_list", "www2");
    assertThat(rc.toString()).isEqualTo("jail_list=www2\n");
  }

  @Test
  void setQuotesAnUnquotedValueThatNeedsQuoting() {
    RcConf rc = RcConf.parse("jail_list=www\n");
    rc.set("jail_list", "www git");
    assertThat(rc.toString()).isEqualTo("jail_list=\"www git\"\n");
  }

  @Test
  void setKeepsSingleQuotes() {
    RcConf rc = RcConf.parse("syslogd_flags='-s'\n");
    rc.set("syslogd_flags", "-ss");
    assertThat(rc.toString()).isEqualTo("syslogd_flags='-ss'\n");
  }

  @Test
  void setUsesDoubleQuotesWhenASingleQuotedValueGetsASingleQuote() {
    RcConf rc = RcConf.parse("cron_flags='-J 1'\n");
    rc.set("cron_flags", "-m ''");
    assertThat(rc.toString()).isEqualTo("cron_flags=\"-m ''\"\n");
    assertThat(RcConf.parse(rc.toString()).get("cron_flags")).contains("-m ''");
  }

  @Test
  void setEscapesDollarSoTheValueNeverExpands() {
    RcConf rc = RcConf.empty().set("a", "$(reboot) `x` \"q\" \\");
    assertThat(rc.toString()).isEqualTo("a=\"\\$(reboot) \\`x\\` \\\"q\\\" \\\\\"\n");
    assertThat(RcConf.parse(rc.toString()).get("a")).contains("$(reboot) `x` \"q\" \\");
    assertThat(RcConf.parse(rc.toString()).expand("a")).contains("$(reboot) `x` \"q\" \\");
  }

  @Test
  void setAppendsDoubleQuotedAtTheEnd() {
    RcConf rc = RcConf.parse("a=1\n\n");
    rc.set("sshd_enable", "YES");
    assertThat(rc.toString()).isEqualTo("a=1\n\nsshd_enable=\"YES\"\n");
  }

  @Test
  void setAppendingAfterAMissingFinalNewlineAddsOne() {
    RcConf rc = RcConf.parse("a=1");
    rc.set("b", "2");
    assertThat(rc.toString()).isEqualTo("a=1\nb=\"2\"\n");
  }

  @Test
  void setReplacesOnlyTheLastOfDuplicates() {
    RcConf rc = RcConf.parse("a=\"1\"\nb=\"x\"\na=\"2\"\n");
    rc.set("a", "3");
    assertThat(rc.toString()).isEqualTo("a=\"1\"\nb=\"x\"\na=\"3\"\n");
  }

  @Test
  void setOfAMultiLineValueReplacesAllItsLines() {
    RcConf rc = RcConf.parse("a=\"x \\\ny\" # c\nb=1\n");
    rc.set("a", "z");
    assertThat(rc.toString()).isEqualTo("a=\"z\" # c\nb=1\n");
  }

  @Test
  void setWithANewlineQuotesIt() {
    RcConf rc = RcConf.parse("a=x\n");
    rc.set("a", "one\ntwo");
    assertThat(RcConf.parse(rc.toString()).get("a")).contains("one\ntwo");
  }

  @Test
  void setRefusesAnInvalidNameAndChangesNothing() {
    RcConf rc = RcConf.parse("a=1\n");
    assertThatThrownBy(() -> rc.set("1abc", "x"))
        .isInstanceOf(RcConfException.class)
        .satisfies(e -> assertThat(((RcConfException) e).variable()).contains("1abc"))
        .hasMessageContaining("[A-Za-z_][A-Za-z0-9_]*");
    assertThat(rc.toString()).isEqualTo("a=1\n");
  }

  @Test
  void setRefusesNul() {
    assertThatThrownBy(() -> RcConf.empty().set("a", "x\0y"))
        .isInstanceOf(RcConfException.class)
        .hasMessageContaining("a: a value cannot hold a NUL byte");
  }

  @Test
  void setWithAStyleWritesThatStyle() {
    assertThat(RcConf.empty().set("a", "x", QuoteStyle.SINGLE).toString()).isEqualTo("a='x'\n");
    assertThat(RcConf.empty().set("a", "x", QuoteStyle.NONE).toString()).isEqualTo("a=x\n");
    assertThat(RcConf.empty().set("a", "", QuoteStyle.NONE).toString()).isEqualTo("a=\"\"\n");
  }

  @Test
  void setRawWritesAnExpandingWord() {
    RcConf rc = RcConf.empty().setRaw("cron_flags", "\"${cron_flags} -J 15\"");
    assertThat(rc.toString()).isEqualTo("cron_flags=\"${cron_flags} -J 15\"\n");
    assertThat(rc.evaluate(Map.of("cron_flags", ""))).containsEntry("cron_flags", " -J 15");
  }

  @Test
  void setRawRefusesMoreThanOneWord() {
    assertThatThrownBy(() -> RcConf.empty().setRaw("a", "x; reboot"))
        .isInstanceOf(RcConfException.class)
        .hasMessageContaining("not one complete shell word");
  }

  @Test
  void removeDeletesEveryAssignmentAndNothingElse() {
    RcConf rc = RcConf.parse("a=1\n# keep\nb=2\na=3\n");
    assertThat(rc.remove("a")).isTrue();
    assertThat(rc.toString()).isEqualTo("# keep\nb=2\n");
    assertThat(rc.remove("a")).isFalse();
  }

  @Test
  void copyIsIndependent() {
    RcConf rc = RcConf.parse("a=1\n");
    RcConf copy = rc.copy().set("a", "2");
    assertThat(rc.get("a")).contains("1");
    assertThat(copy.get("a")).contains("2");
  }

  // ---- evaluation ----------------------------------------------------------------------------

  @Test
  void evaluateExpandsReferencesFromEarlierAssignmentsAndDefaults() {
    RcConf rc = RcConf.parse("b=\"$a/x\"\nc=${a:-none}${z:-dflt}\nd=${z-'u v'}\n");
    Map<String, String> v = rc.evaluate(Map.of("a", "A"));
    assertThat(v).containsEntry("b", "A/x").containsEntry("c", "Adflt").containsEntry("d", "u v");
  }

  @Test
  void evaluateKeepsLiteralDollarsFromSingleQuotesAndEscapes() {
    RcConf rc = RcConf.parse("a='$x'\nb=\"\\$x\"\nc=$x\n");
    assertThat(rc.evaluate(Map.of("x", "X")))
        .containsEntry("a", "$x")
        .containsEntry("b", "$x")
        .containsEntry("c", "X");
  }

  @Test
  void evaluateLeavesCommandSubstitutionAsText() {
    assertThat(RcConf.parse("h=$(hostname -s)\n").expand("h")).contains("$(hostname -s)");
  }

  // ---- checkyesno ----------------------------------------------------------------------------

  @Test
  void checkYesNoAcceptsTheTrueWordsInAnyCase() {
    RcConf rc = RcConf.parse("a=YES\nb=true\nc=On\nd=1\n");
    for (String n : List.of("a", "b", "c", "d")) {
      assertThat(rc.checkYesNo(n).state()).as(n).isEqualTo(YesNo.State.YES);
      assertThat(rc.checkYesNo(n).warning()).isEmpty();
    }
  }

  @Test
  void checkYesNoAcceptsTheFalseWordsInAnyCase() {
    RcConf rc = RcConf.parse("a=no\nb=FALSE\nc=off\nd=0\n");
    for (String n : List.of("a", "b", "c", "d")) {
      assertThat(rc.checkYesNo(n).state()).as(n).isEqualTo(YesNo.State.NO);
      assertThat(rc.checkYesNo(n).isYes()).isFalse();
    }
  }

  @Test
  void checkYesNoWarnsForAnythingElseAndAnswersNo() {
    YesNo none = RcConf.parse("sendmail_enable=\"NONE\"\n").checkYesNo("sendmail_enable");
    assertThat(none.state()).isEqualTo(YesNo.State.NOT_SET_PROPERLY);
    assertThat(none.isYes()).isFalse();
    assertThat(none.warning()).contains("$sendmail_enable is not set properly - see rc.conf(5).");
  }

  @Test
  void checkYesNoOfAnUnsetVariableWarns() {
    YesNo unset = RcConf.empty().checkYesNo("sshd_enable");
    assertThat(unset.value()).isEmpty();
    assertThat(unset.warning()).contains("$sshd_enable is not set properly - see rc.conf(5).");
  }

  @Test
  void checkYesNoOfEmptyValueWarns() {
    assertThat(RcConf.parse("a=\"\"\n").checkYesNo("a").state())
        .isEqualTo(YesNo.State.NOT_SET_PROPERLY);
  }

  // ---- typed helpers -------------------------------------------------------------------------

  @Test
  void enableAndDisableWriteTheServiceKnob() {
    RcConf rc = RcConf.empty().enable("sshd").disable("sendmail");
    assertThat(rc.toString()).isEqualTo("sshd_enable=\"YES\"\nsendmail_enable=\"NO\"\n");
    assertThat(rc.isEnabled("sshd")).isTrue();
    assertThat(rc.isEnabled("sendmail")).isFalse();
  }

  @Test
  void enableRefusesAServiceThatGivesNoVariableName() {
    assertThatThrownBy(() -> RcConf.empty().enable("my-svc"))
        .isInstanceOf(RcConfException.class)
        .hasMessageContaining("my-svc_enable");
  }

  @Test
  void ifconfigMangledInterfaceNames() {
    RcConf rc = RcConf.empty().ifconfig("em0.100", "inet 192.0.2.1/24");
    assertThat(rc.get("ifconfig_em0_100")).contains("inet 192.0.2.1/24");
    assertThat(rc.ifconfig("em0.100")).contains("inet 192.0.2.1/24");
  }

  @Test
  void ifconfigRefusesAnInterfaceNameWithShellCharacters() {
    assertThatThrownBy(() -> RcConf.empty().ifconfig("e0b_@NAME@", "DHCP"))
        .isInstanceOf(RcConfException.class)
        .hasMessageContaining("gives no valid variable name");
  }

  @Test
  void addAliasTakesTheNextFreeNumber() {
    RcConf rc = RcConf.parse("ifconfig_re0_alias0=\"inet 192.168.1.226 netmask 255.255.255.0\"\n");
    assertThat(rc.addAlias("re0", "inet 192.168.1.227/32")).isEqualTo("ifconfig_re0_alias1");
    assertThat(rc.aliases("re0"))
        .containsExactly("inet 192.168.1.226 netmask 255.255.255.0", "inet 192.168.1.227/32");
  }

  @Test
  void addAliasFillsTheFirstGapBecauseNetworkSubrStopsThere() {
    RcConf rc = RcConf.parse("ifconfig_em0_alias0=\"a\"\nifconfig_em0_alias2=\"c\"\n");
    assertThat(rc.aliases("em0")).containsExactly("a");
    assertThat(rc.addAlias("em0", "b")).isEqualTo("ifconfig_em0_alias1");
  }

  @Test
  void defaultRouterAndHostname() {
    RcConf rc = RcConf.empty().defaultRouter("192.0.2.1").hostname("web.example.org");
    assertThat(rc.defaultRouter()).contains("192.0.2.1");
    assertThat(rc.hostname()).contains("web.example.org");
    assertThat(rc.toString())
        .isEqualTo("defaultrouter=\"192.0.2.1\"\nhostname=\"web.example.org\"\n");
  }

  @Test
  void securelevelSetsBothKnobs() {
    RcConf rc = RcConf.empty().securelevel(3);
    assertThat(rc.toString())
        .isEqualTo("kern_securelevel_enable=\"YES\"\nkern_securelevel=\"3\"\n");
    assertThat(rc.securelevel()).hasValue(3);
    assertThat(rc.noSecurelevel().securelevel()).isEmpty();
  }

  @Test
  void securelevelOutsideMinusOneToThreeIsRefused() {
    assertThatThrownBy(() -> RcConf.empty().securelevel(4))
        .isInstanceOf(RcConfException.class)
        .hasMessageContaining("kern_securelevel: must be -1, 0, 1, 2 or 3");
  }

  @Test
  void clearTmpWritesTheKnob() {
    assertThat(RcConf.empty().clearTmp(true).checkYesNo("clear_tmp_enable").isYes()).isTrue();
    assertThat(RcConf.empty().clearTmp(false).get("clear_tmp_enable")).contains("NO");
  }

  // ---- files ---------------------------------------------------------------------------------

  @Test
  void readAndWriteKeepLatin1BytesExactly(@TempDir Path dir) throws Exception {
    byte[] bytes = "# caf\u00e9\na=\"1\"\n".getBytes(StandardCharsets.ISO_8859_1);
    Path f = dir.resolve("rc.conf");
    Files.write(f, bytes);
    RcConf rc = RcConf.read(f);
    assertThat(rc.toBytes()).isEqualTo(bytes);
    rc.set("a", "2").write(f);
    assertThat(Files.readAllBytes(f))
        .isEqualTo("# caf\u00e9\na=\"2\"\n".getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void readOfAMissingFileIsATypedErrorNamingIt(@TempDir Path dir) {
    Path f = dir.resolve("nope");
    assertThatThrownBy(() -> RcConf.read(f))
        .isInstanceOf(RcConfException.class)
        .hasMessageContaining(f.toString())
        .hasMessageContaining("cannot read");
  }

  @Test
  void parseErrorFromAFileNamesTheFile(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("rc.conf");
    Files.writeString(f, "a=\"x\n");
    assertThatThrownBy(() -> RcConf.read(f))
        .isInstanceOf(RcConfException.class)
        .hasMessageContaining(f + ":1: unterminated double quote");
  }
}
