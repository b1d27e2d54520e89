package org.jail4j.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.jail4j.InvalidJailParameterException;
import org.jail4j.Jail;
import org.jail4j.param.JailParam;
import org.jail4j.param.JailSys;
import org.junit.jupiter.api.Test;

/** The writer's output and the {@code jail -e} quoting rules (§4). */
class JailConfWriterTest {

  private static Jail readBack(String text) {
    return JailConf.parse(text).toJails().get(0);
  }

  @Test
  void writesACleanBlock() {
    Jail web =
        Jail.builder()
            .name("web")
            .path("/jail/web")
            .hostname("web.example.org")
            .ip4("192.168.1.4", "em0|10.0.0.1/24")
            .persist(true)
            .param(JailParam.SECURELEVEL, 3)
            .execStart(List.of("/bin/sh /etc/rc"))
            .mountDevfs(true)
            .build();
    assertThat(JailConfWriter.write(web))
        .isEqualTo(
            "web {\n"
                + "\tpath = /jail/web;\n"
                + "\thost.hostname = web.example.org;\n"
                + "\tip4.addr = 192.168.1.4, em0|10.0.0.1/24;\n"
                + "\tpersist;\n"
                + "\tsecurelevel = 3;\n"
                + "\tmount.devfs;\n"
                + "\texec.start = \"/bin/sh /etc/rc\";\n"
                + "}\n");
  }

  @Test
  void exhibitOfAJailValueIsTheLineJailDashEPrints() {
    Jail j =
        Jail.builder()
            .name("web")
            .path("/jail/web")
            .persist(true)
            .execStart(List.of("/bin/sh /etc/rc"))
            .build();
    assertThat(JailConfWriter.exhibit(j, "|"))
        .isEqualTo("name=web|path=/jail/web|persist|exec.start=\"/bin/sh /etc/rc\"");
  }

  @Test
  void awkwardTextIsQuotedSoItReadsBackUnchanged() {
    List<String> awkward =
        List.of(
            "",
            "a b",
            "it's",
            "say \"hi\"",
            "$HOME and ${x}",
            "back\\slash",
            "two\nlines\tand\rcr",
            "/jails//x /* y */ # z",
            "a;b,c{d}e=f",
            "café ✓",
            "a+=b",
            "\u0001\u007f");
    Jail j = Jail.builder().name("w").execStart(awkward).hostname("h s").build();
    assertThat(readBack(JailConfWriter.write(j))).isEqualTo(j);
  }

  @Test
  void numericNameIsWrittenAsABlockThatSetsJid() {
    Jail j = Jail.builder().name("5309").jid(5309).build();
    String text = JailConfWriter.write(j);
    assertThat(text).isEqualTo("5309 {\n\tname = 5309;\n}\n");
    assertThat(readBack(text)).isEqualTo(j);
  }

  @Test
  void explicitJidIsWrittenForANamedBlock() {
    Jail j = Jail.builder().name("web").jid(7).build();
    assertThat(JailConfWriter.write(j)).contains("\tjid = 7;\n");
    assertThat(readBack(JailConfWriter.write(j))).isEqualTo(j);
  }

  @Test
  void falsePersistIsTheDefaultAndLeftOut() {
    Jail j = Jail.builder().name("w").persist(false).build();
    assertThat(JailConfWriter.write(j)).doesNotContain("persist");
  }

  @Test
  void kernelBooleansAreFlagsInTheirPositiveOrNoForm() {
    Jail j =
        Jail.builder()
            .name("w")
            .param(JailParam.ALLOW_RAW_SOCKETS, true)
            .param(JailParam.ALLOW_MOUNT_ZFS, false)
            .build();
    String text = JailConfWriter.write(j);
    assertThat(text).contains("\tallow.raw_sockets;\n", "\tallow.mount.nozfs;\n");
    assertThat(readBack(text)).isEqualTo(j);
  }

  @Test
  void keyValueTextIsOneValueOfLines() {
    Jail j = Jail.builder().name("w").param(JailParam.META, java.util.Map.of("a", "1")).build();
    String text = JailConfWriter.write(j);
    assertThat(text).contains("\tmeta = \"a=1\";\n");
    assertThat(readBack(text)).isEqualTo(j);
  }

  @Test
  void jailsysAndTimeoutsAreWords() {
    Jail j =
        Jail.builder()
            .name("w")
            .param(JailParam.VNET, JailSys.NEW)
            .execTimeout(Duration.ofSeconds(30))
            .stopTimeout(Duration.ofSeconds(3))
            .build();
    String text = JailConfWriter.write(j);
    assertThat(text).contains("\tvnet = new;\n", "\texec.timeout = 30;\n", "\tstop.timeout = 3;\n");
    assertThat(readBack(text)).isEqualTo(j);
  }

  @Test
  void limitsAreCommentsBecauseJailConfHasNone() {
    Jail j = Jail.builder().name("w").limit("memoryuse", "4g", "deny").build();
    assertThat(JailConfWriter.write(j))
        .contains("\t# rctl(8) rule, not part of jail.conf: memoryuse:deny=4g\n");
  }

  @Test
  void namelessJailIsRefused() {
    assertThatThrownBy(() -> JailConfWriter.write(Jail.builder().jid(3).build()))
        .isInstanceOfSatisfying(
            InvalidJailParameterException.class,
            e -> assertThat(e.violations().get(0).field()).isEqualTo("name"));
  }

  @Test
  void wildcardNameIsRefused() {
    assertThatThrownBy(() -> JailConfWriter.write(Jail.builder().name("a.*").build()))
        .isInstanceOf(InvalidJailParameterException.class)
        .hasMessageContaining("wildcard");
  }

  @Test
  void numericNameWithoutThatJidIsRefused() {
    assertThatThrownBy(() -> JailConfWriter.write(Jail.builder().name("12").build()))
        .isInstanceOf(InvalidJailParameterException.class)
        .hasMessageContaining("needs jid 12");
  }

  @Test
  void fractionalTimeoutIsRefused() {
    Jail j = Jail.builder().name("w").execTimeout(Duration.ofMillis(1500)).build();
    assertThatThrownBy(() -> JailConfWriter.write(j))
        .isInstanceOf(InvalidJailParameterException.class)
        .hasMessageContaining("whole seconds");
  }

  @Test
  void writtenTextReadsBackInTheLegacyDialectToo() {
    Jail j = Jail.builder().name("w").path("/j").hostname("x y").persist(true).build();
    Jail back =
        JailConf.parser()
            .dialect(JailConfDialect.LEGACY)
            .parse(JailConfWriter.write(j))
            .toJails()
            .get(0);
    assertThat(back).isEqualTo(j);
  }

  // ---- jail -e quoting -----------------------------------------------------------------------

  private static String exhibit(String value) {
    return JailConf.parse("a { x = " + value + "; }").jail("a").orElseThrow().exhibit("|");
  }

  @Test
  void exhibitPrintsAnEmptyValueAsTwoDoubleQuotes() {
    assertThat(exhibit("\"\"")).isEqualTo("name=a|x=\"\"");
  }

  @Test
  void exhibitUsesDoubleQuotesWhenTheValueHasASingleQuote() {
    assertThat(exhibit("\"it's \\\"x\\\"\"")).isEqualTo("name=a|x=\"it's \\\"x\\\"\"");
  }

  @Test
  void exhibitUsesSingleQuotesWhenTheValueHasADoubleQuote() {
    assertThat(exhibit("'say \"hi\"'")).isEqualTo("name=a|x='say \"hi\"'");
  }

  @Test
  void exhibitUsesDoubleQuotesForSpacesAndTabs() {
    assertThat(exhibit("\"a\\tb\"")).isEqualTo("name=a|x=\"a\tb\"");
  }

  @Test
  void exhibitEscapesBackslashesEvenBare() {
    assertThat(exhibit("'a\\\\b'")).isEqualTo("name=a|x=a\\\\b");
  }

  @Test
  void exhibitPrintsValuelessBareAndListsWithCommas() {
    assertThat(JailConf.parse("a { p; l = 1, \"2 3\"; }").exhibit(" "))
        .isEqualTo("name=a p l=1,\"2 3\"\n");
  }
}
