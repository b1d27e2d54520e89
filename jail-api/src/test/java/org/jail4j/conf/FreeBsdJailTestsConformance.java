package org.jail4j.conf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jail4j.Corpus;
import org.jail4j.Jail;
import org.junit.jupiter.api.Test;

/**
 * The jail.conf expectations of {@code shared/corpus/freebsd-tests/README.md}: the fixtures of
 * FreeBSD's {@code jail_basic_test.sh} (A4, A5, A6) and the 5BSD expansion test (I).
 */
class FreeBsdJailTestsConformance {

  private static Path dir() {
    return Corpus.resolve("freebsd-tests");
  }

  private static JailConf read(String file) {
    return JailConf.parser().baseDirectory(dir()).read(Path.of(file));
  }

  private static JailConf read(String file, JailConfDialect dialect) {
    return JailConf.parser().dialect(dialect).baseDirectory(dir()).read(Path.of(file));
  }

  @Test
  void a4GlobalHooksAndATrailingGlobalPathApplyToTheEarlierJail() {
    ConfJail j = read("commands.jail.conf.as-used").jail("basejail").orElseThrow();
    assertThat(j.values("exec.prestart")).hasValue(List.of("echo START"));
    assertThat(j.values("exec.poststart")).hasValue(List.of("env"));
    assertThat(j.values("exec.prestop")).hasValue(List.of("echo STOP"));
    assertThat(j.values("persist")).hasValue(List.of());
    assertThat(j.values("path")).hasValue(List.of("/tmp/WORKDIR"));
    Jail jail = j.toJail();
    assertThat(jail.persist()).isTrue();
    assertThat(jail.path()).hasValue("/tmp/WORKDIR");
    assertThat(jail.execPrestart()).containsExactly("echo START");
  }

  @Test
  void a4OlderFixtureHasNoPoststart() {
    ConfJail j = read("commands.jail.conf.older-1b1334b").jail("basejail").orElseThrow();
    assertThat(j.values("exec.poststart")).isEmpty();
    assertThat(j.values("exec.prestart")).hasValue(List.of("echo START"));
  }

  @Test
  void a4LegacyParserStartsANewGlobalSectionAfterTheBlockSoPathStillApplies() {
    ConfJail j =
        read("commands.jail.conf.as-used", JailConfDialect.LEGACY).jail("basejail").orElseThrow();
    assertThat(j.values("path")).hasValue(List.of("/tmp/WORKDIR"));
  }

  @Test
  void a5NumericBlockWithExplicitNameKeepsTheName() {
    JailConf conf = read("jid_name_set.1.conf");
    ConfJail j = conf.jail("5309").orElseThrow();
    assertThat(j.failed()).isFalse();
    assertThat(j.params().keySet()).containsExactly("jid", "name", "persist");
    Jail jail = j.toJail();
    assertThat(jail.jid()).hasValue(5309);
    assertThat(jail.name()).hasValue("basejail");
  }

  @Test
  void a5NumericBlockNameExpandsAsNameInTheCurrentJail() {
    ConfJail j = read("jid_name_set.2.conf").jail("5309").orElseThrow();
    assertThat(j.values("host.hostname")).hasValue(List.of("5309"));
    assertThat(j.exhibit("|")).isEqualTo("host.hostname=5309|persist|name=5309");
    Jail jail = j.toJail();
    assertThat(jail.hostname()).hasValue("5309");
    assertThat(jail.name()).hasValue("5309");
    assertThat(jail.jid()).hasValue(5309);
  }

  @Test
  void a5OlderJailHasNoNameBackfillSoTheVariableIsNotFound() {
    ConfJail j = read("jid_name_set.2.conf", JailConfDialect.LEGACY).jail("5309").orElseThrow();
    assertThat(j.problems())
        .extracting(JailConfException.Problem::text)
        .containsExactly("5309: host.hostname: variable \"name\" not found");
  }

  @Test
  void a5NamedBlockMaySetJid() {
    ConfJail j = read("jid_name_set.3.conf").jail("basejail").orElseThrow();
    assertThat(j.failed()).isFalse();
    assertThat(j.toJail().jid()).hasValue(5309);
    assertThat(j.toJail().name()).hasValue("basejail");
  }

  @Test
  void a6LoneSlashPathAndSingleQuotedCommand() {
    Jail jail = read("param_consistency.1.conf").jail("basejail").orElseThrow().toJail();
    assertThat(jail.path()).hasValue("/");
    assertThat(jail.execPrestop()).containsExactly("echo STOP");
    assertThat(jail.persist()).isTrue();
  }

  @Test
  void a6NumericBlockGetsItsNameLast() {
    ConfJail j = read("param_consistency.2.conf").jail("5309").orElseThrow();
    assertThat(j.exhibit("|")).isEqualTo("path=/|exec.prestop=\"echo STOP\"|persist|name=5309");
  }

  @Test
  void a6NumericBlockWithExplicitName() {
    Jail jail = read("param_consistency.3.conf").jail("5309").orElseThrow().toJail();
    assertThat(jail.name()).hasValue("basejail");
    assertThat(jail.jid()).hasValue(5309);
    assertThat(jail.execPrestop()).containsExactly("echo STOP");
  }

  @Test
  void a6SingleQuotesKeepDollarForTheShell() {
    Jail jail = read("param_consistency.4.conf").jail("basejail").orElseThrow().toJail();
    assertThat(jail.execPoststop()).containsExactly("echo JID=$JID");
  }

  @Test
  void fixturesAllConvertToJails() {
    for (String f :
        List.of(
            "commands.jail.conf",
            "commands.jail.conf.as-used",
            "commands.jail.conf.older-1b1334b",
            "jid_name_set.1.conf",
            "jid_name_set.2.conf",
            "jid_name_set.3.conf",
            "param_consistency.1.conf",
            "param_consistency.2.conf",
            "param_consistency.3.conf",
            "param_consistency.4.conf")) {
      assertThat(read(f).toJails()).as(f).hasSize(1);
    }
  }

  @Test
  void i5bsdExpansionPrintsTheExpectedLines() throws IOException {
    String expected =
        Files.readString(
            dir().resolve("5bsd-derivative/expansion.expected"), StandardCharsets.UTF_8);
    assertThat(read("5bsd-derivative/expansion.jail.conf").exhibit("|")).isEqualTo(expected);
  }

  @Test
  void i5bsdLargeExpansionHasNoParseTimeLimit() {
    String x = "x".repeat(8192);
    JailConf conf =
        JailConf.parse(
            "$long = \"" + x + "\";\ngrowth { path = \"prefix${long}middle${long}suffix\"; }\n");
    assertThat(conf.exhibit("|"))
        .isEqualTo("name=growth|path=prefix" + x + "middle" + x + "suffix\n");
    assertThat(conf.jails().get(0).values("path").orElseThrow().get(0))
        .hasSize(6 + 8192 + 6 + 8192 + 6);
  }
}
