package org.jail4j.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jail4j.Jail;
import org.jail4j.conf.JailConfDocument.Scope;
import org.jail4j.conf.JailConfEditException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One behaviour per test: each edit of {@link JailConfDocument}, its refusals and its bounds. */
class JailConfDocumentTest {

  private static final String FILE =
      "# host-wide defaults\n"
          + "exec.start = \"/bin/sh /etc/rc\";\n"
          + "exec.clean;\n"
          + "path = \"/var/jail/$name\";\n"
          + "\n"
          + "web {\n"
          + "    host.hostname = web.example.org;   // the public name\n"
          + "    ip4.addr = 10.0.0.1;\n"
          + "}\n"
          + "\n"
          + "db {\n"
          + "    ip4.addr = 10.0.0.2;\n"
          + "    /* no raw sockets */ allow.raw_sockets = 0;\n"
          + "}\n";

  private static JailConfDocument doc() {
    return JailConfDocument.parse(FILE);
  }

  private static List<String> values(JailConfDocument d, String jail, String param) {
    return d.evaluate().jail(jail).orElseThrow().values(param).orElse(List.of());
  }

  private static void sameAsParsed(JailConfDocument d) {
    JailConf reread = JailConf.parse(d.text());
    assertThat(d.evaluate().exhibit("|")).isEqualTo(reread.exhibit("|"));
  }

  @Test
  void untouchedDocumentWritesBackByteForByte() {
    assertThat(doc().text()).isEqualTo(FILE);
  }

  @Test
  void evaluationIsTheReadersEvaluation() {
    assertThat(doc().evaluate().exhibit("|")).isEqualTo(JailConf.parse(FILE).exhibit("|"));
  }

  @Test
  void setReplacesTheStatementInPlaceAndKeepsItsComment() {
    JailConfDocument d = doc();
    JailConfDocument.Change c = d.set("web", "host.hostname", "www.example.org");
    assertThat(c.changedJails()).containsExactly("web");
    assertThat(d.text())
        .isEqualTo(
            FILE.replace("host.hostname = web.example.org;", "host.hostname = www.example.org;"));
    sameAsParsed(d);
  }

  @Test
  void setOfANewParameterAddsALineInTheBlocksIndentation() {
    JailConfDocument d = doc();
    d.set("web", "persist");
    d.set("web", "exec.stop", "/bin/sh /etc/rc.shutdown");
    assertThat(d.text())
        .isEqualTo(
            FILE.replace(
                "    ip4.addr = 10.0.0.1;\n",
                "    ip4.addr = 10.0.0.1;\n"
                    + "    persist;\n"
                    + "    exec.stop = \"/bin/sh /etc/rc.shutdown\";\n"));
    assertThat(values(d, "web", "persist")).isEmpty();
    assertThat(values(d, "web", "exec.stop")).containsExactly("/bin/sh /etc/rc.shutdown");
  }

  @Test
  void literalsAreEscapedSoTheyReadBackExactly() {
    JailConfDocument d = doc();
    String tricky = "say \"hi\" $name ${x} \\ # // /* ; , { } 'q'\ttab\nline é";
    d.set("web", "exec.prestart", tricky);
    assertThat(values(d, "web", "exec.prestart")).containsExactly(tricky);
    assertThat(JailConf.parse(d.text()).jail("web").orElseThrow().values("exec.prestart"))
        .hasValue(List.of(tricky));
  }

  @Test
  void aTemplateIsWrittenWithItsReferences() {
    JailConfDocument d = doc();
    d.set(
        "web",
        "mount.fstab",
        List.of(JailConfValue.template("/etc/fstab.$name")),
        Scope.REFUSE_SHARED);
    assertThat(d.text()).contains("    mount.fstab = \"/etc/fstab.$name\";\n");
    assertThat(values(d, "web", "mount.fstab")).containsExactly("/etc/fstab.web");
  }

  @Test
  void aTemplateThatIsNotOneValueIsRefused() {
    assertThatThrownBy(() -> JailConfValue.template("${unterminated"))
        .isInstanceOfSatisfying(
            JailConfEditException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID));
  }

  @Test
  void appendAddsAPlusEqualsLine() {
    JailConfDocument d = doc();
    assertThat(d.append("web", "ip4.addr", "10.0.0.11").changedJails()).containsExactly("web");
    assertThat(d.text()).contains("    ip4.addr = 10.0.0.1;\n    ip4.addr += 10.0.0.11;\n}");
    assertThat(values(d, "web", "ip4.addr")).containsExactly("10.0.0.1", "10.0.0.11");
  }

  @Test
  void appendToASharedValueExtendsOnlyThisJail() {
    JailConfDocument d = doc();
    d.append("db", "exec.start", "/usr/local/bin/dbinit");
    assertThat(values(d, "db", "exec.start"))
        .containsExactly("/bin/sh /etc/rc", "/usr/local/bin/dbinit");
    assertThat(values(d, "web", "exec.start")).containsExactly("/bin/sh /etc/rc");
  }

  @Test
  void removeTakesTheWholeLineWithItsComment() {
    JailConfDocument d = doc();
    d.remove("web", "host.hostname");
    assertThat(d.text())
        .isEqualTo(FILE.replace("    host.hostname = web.example.org;   // the public name\n", ""));
    assertThat(d.evaluate().jail("web").orElseThrow().values("host.hostname")).isEmpty();
  }

  @Test
  void removeKeepsWhatElseIsOnTheLine() {
    JailConfDocument d = doc();
    d.remove("db", "allow.raw_sockets");
    assertThat(d.text()).contains("    /* no raw sockets */ \n}");
  }

  @Test
  void removeOfAParameterTheBlockDoesNotSetIsRefused() {
    assertThatThrownBy(() -> doc().remove("web", "securelevel"))
        .isInstanceOfSatisfying(
            JailConfEditException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_SET));
  }

  @Test
  void addJailAppendsABlockInTheFilesStyle() {
    JailConfDocument d = doc();
    assertThat(d.addJail("mail").changedJails()).containsExactly("mail");
    assertThat(d.text()).isEqualTo(FILE + "\nmail {\n}\n");
    d.set("mail", "ip4.addr", "10.0.0.3");
    assertThat(d.text()).isEqualTo(FILE + "\nmail {\n    ip4.addr = 10.0.0.3;\n}\n");
    assertThat(values(d, "mail", "path")).containsExactly("/var/jail/mail");
  }

  @Test
  void addJailFromAValueWritesItsStatements() {
    JailConfDocument d = JailConfDocument.parse("");
    Jail mail =
        Jail.builder().name("mail").path("/jail/mail").ip4("10.0.0.3").persist(true).build();
    d.addJail(mail);
    assertThat(d.text())
        .isEqualTo("mail {\n\tpath = /jail/mail;\n\tip4.addr = 10.0.0.3;\n\tpersist;\n}\n");
    assertThat(d.evaluate().toJails()).containsExactly(mail);
  }

  @Test
  void addJailOfAnExistingNameIsRefused() {
    assertThatThrownBy(() -> doc().addJail("web"))
        .isInstanceOfSatisfying(
            JailConfEditException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.DUPLICATE_JAIL));
  }

  @Test
  void removeJailTakesItsLinesAndOneBlankLine() {
    JailConfDocument d = doc();
    assertThat(d.removeJail("web").changedJails()).containsExactly("web");
    assertThat(d.text())
        .isEqualTo(
            "# host-wide defaults\n"
                + "exec.start = \"/bin/sh /etc/rc\";\n"
                + "exec.clean;\n"
                + "path = \"/var/jail/$name\";\n"
                + "\n"
                + "db {\n"
                + "    ip4.addr = 10.0.0.2;\n"
                + "    /* no raw sockets */ allow.raw_sockets = 0;\n"
                + "}\n");
  }

  @Test
  void removeJailWithNestedJailsIsRefused() {
    JailConfDocument d = JailConfDocument.parse("a {\n\tb {\n\t}\n}\n");
    assertThatThrownBy(() -> d.removeJail("a"))
        .isInstanceOfSatisfying(
            JailConfEditException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.NESTED_JAILS);
              assertThat(e.affectedJails()).containsExactly("a.b");
            });
  }

  @Test
  void setGlobalReplacesTheGlobalAndNamesEveryJailItChanges() {
    JailConfDocument d = doc();
    JailConfDocument.Change c = d.setGlobal("exec.start", "/bin/sh /etc/rc.local");
    assertThat(c.changedJails()).containsExactly("web", "db");
    assertThat(d.text())
        .isEqualTo(FILE.replace("\"/bin/sh /etc/rc\";", "\"/bin/sh /etc/rc.local\";"));
  }

  @Test
  void aNewGlobalGoesAfterTheLastGlobalBeforeTheBlocks() {
    JailConfDocument d = doc();
    d.setGlobal("mount.devfs");
    assertThat(d.text())
        .isEqualTo(
            FILE.replace(
                "path = \"/var/jail/$name\";\n", "path = \"/var/jail/$name\";\nmount.devfs;\n"));
  }

  @Test
  void aFirstGlobalGoesBeforeTheFirstBlock() {
    JailConfDocument d = JailConfDocument.parse("# jails\nweb {\n}\n");
    d.setGlobal("persist");
    assertThat(d.text()).isEqualTo("# jails\npersist;\nweb {\n}\n");
    assertThat(values(d, "web", "persist")).isEmpty();
    assertThat(d.evaluate().jail("web").orElseThrow().params()).containsKey("persist");
  }

  @Test
  void removeGlobalRemovesItsLine() {
    JailConfDocument d = doc();
    assertThat(d.removeGlobal("exec.clean").changedJails()).containsExactly("web", "db");
    assertThat(d.text()).isEqualTo(FILE.replace("exec.clean;\n", ""));
  }

  @Test
  void setGlobalVariableAddsAVariableTheJailsCanUse() {
    JailConfDocument d = doc();
    d.setGlobalVariable("base", "/jails");
    d.setGlobal("path", List.of(JailConfValue.template("$base/$name")));
    assertThat(d.text()).contains("path = \"$base/$name\";\n").contains("$base = /jails;\n");
    assertThat(values(d, "web", "path")).containsExactly("/jails/web");
    assertThat(values(d, "db", "path")).containsExactly("/jails/db");
  }

  @Test
  void setVariableChangesAJailsOwnVariable() {
    JailConfDocument d =
        JailConfDocument.parse(
            "ip4.addr = \"10.0.0.$ip\";\nweb {\n\t$ip = 1;\n}\ndb {\n\t$ip = 2;\n}\n");
    assertThat(d.setVariable("web", "ip", "7").changedJails()).containsExactly("web");
    assertThat(d.text()).contains("\t$ip = 7;\n");
    assertThat(values(d, "web", "ip4.addr")).containsExactly("10.0.0.7");
    assertThat(values(d, "db", "ip4.addr")).containsExactly("10.0.0.2");
  }

  @Test
  void settingASharedValueForOneJailNeedsAChoice() {
    JailConfDocument d = doc();
    assertThatThrownBy(() -> d.set("web", "exec.start", "/bin/sh /etc/rc.web"))
        .isInstanceOfSatisfying(
            JailConfEditException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.SHARED);
              assertThat(e.section()).hasValue("*");
              assertThat(e.affectedJails()).containsExactly("db");
              assertThat(e.getMessage()).contains("OVERRIDE_IN_JAIL").contains("EDIT_SHARED");
            });
    assertThat(d.text()).isEqualTo(FILE);
  }

  @Test
  void overrideInJailWritesTheValueInTheJailsBlockOnly() {
    JailConfDocument d = doc();
    JailConfDocument.Change c =
        d.set(
            "web",
            "exec.start",
            List.of(JailConfValue.literal("/bin/sh /etc/rc.web")),
            Scope.OVERRIDE_IN_JAIL);
    assertThat(c.changedJails()).containsExactly("web");
    assertThat(values(d, "web", "exec.start")).containsExactly("/bin/sh /etc/rc.web");
    assertThat(values(d, "db", "exec.start")).containsExactly("/bin/sh /etc/rc");
  }

  @Test
  void editSharedChangesTheGlobalAndNamesTheOthers() {
    JailConfDocument d = doc();
    JailConfDocument.Change c =
        d.set(
            "web",
            "exec.start",
            List.of(JailConfValue.literal("/bin/sh /etc/rc.all")),
            Scope.EDIT_SHARED);
    assertThat(c.changedJails()).containsExactly("web", "db");
    assertThat(d.text()).isEqualTo(FILE.replace("/etc/rc\";", "/etc/rc.all\";"));
  }

  @Test
  void removingASharedValueForOneJailNeedsAChoice() {
    JailConfDocument d = doc();
    assertThatThrownBy(() -> d.remove("web", "exec.clean"))
        .isInstanceOfSatisfying(
            JailConfEditException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SHARED));
    d.remove("web", "exec.clean", Scope.EDIT_SHARED);
    assertThat(d.text()).isEqualTo(FILE.replace("exec.clean;\n", ""));
  }

  private static final String WILD =
      "\"web.*\" {\n\tpersist;\n}\nweb {\n}\nweb.a {\n}\nweb.b {\n\tpersist;\n}\n";

  @Test
  void editingInsideAWildcardSectionThatChangesJailsNeedsAChoice() {
    JailConfDocument d = JailConfDocument.parse(WILD);
    assertThatThrownBy(
            () ->
                d.set(
                    "web.*",
                    "host.hostname",
                    List.of(JailConfValue.template("$name.example.org")),
                    Scope.REFUSE_SHARED))
        .isInstanceOfSatisfying(
            JailConfEditException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.SHARED);
              assertThat(e.affectedJails()).containsExactly("web.a", "web.b");
            });
    assertThat(d.text()).isEqualTo(WILD);
    JailConfDocument.Change c =
        d.set(
            "web.*",
            "host.hostname",
            List.of(JailConfValue.template("$name.example.org")),
            Scope.EDIT_SHARED);
    assertThat(c.changedJails()).containsExactly("web.a", "web.b");
    assertThat(values(d, "web.a", "host.hostname")).containsExactly("web.a.example.org");
  }

  @Test
  void aJailEditThatALaterWildcardOverridesIsRefused() {
    JailConfDocument d = JailConfDocument.parse("web {\n}\n* {\n\tsecurelevel = 3;\n}\n");
    assertThatThrownBy(
            () ->
                d.set(
                    "web",
                    "securelevel",
                    List.of(JailConfValue.literal("1")),
                    Scope.OVERRIDE_IN_JAIL))
        .isInstanceOfSatisfying(
            JailConfEditException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.OVERRIDDEN);
              assertThat(e.section()).hasValue("*");
            });
  }

  @Test
  void anEditThatWouldBreakAJailIsRefused() {
    JailConfDocument d = doc();
    assertThatThrownBy(
            () ->
                d.set(
                    "web",
                    "host.hostname",
                    List.of(JailConfValue.template("$nothere")),
                    Scope.REFUSE_SHARED))
        .isInstanceOfSatisfying(
            JailConfEditException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.BREAKS_JAIL);
              assertThat(e.getMessage()).contains("variable \"nothere\" not found");
            });
    assertThat(d.text()).isEqualTo(FILE);
  }

  @Test
  void aJailThatIsNotInTheFileIsNamed() {
    assertThatThrownBy(() -> doc().set("mail", "persist"))
        .isInstanceOfSatisfying(
            JailConfEditException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.NO_SUCH_JAIL);
              assertThat(e.getMessage()).contains("mail");
            });
  }

  @Test
  void aOneLineBlockGetsItsStatementOnTheSameLine() {
    JailConfDocument d = JailConfDocument.parse("web { path = /j/web; }\nempty {}\n");
    d.set("web", "persist");
    d.set("empty", "persist");
    assertThat(d.text()).isEqualTo("web { path = /j/web; persist; }\nempty {\n\tpersist;\n}\n");
  }

  @Test
  void newLinesFollowTheFilesHabits() {
    String crlf = "$base='/jails';\r\nweb\r\n{\r\n  path='/jails/web';\r\n}\r\n";
    JailConfDocument d = JailConfDocument.parse(crlf);
    d.set("web", "host.hostname", "web");
    d.addJail("db");
    d.setVariable("db", "ip", "2");
    assertThat(d.text())
        .isEqualTo(
            "$base='/jails';\r\nweb\r\n{\r\n  path='/jails/web';\r\n  host.hostname='web';\r\n}"
                + "\r\n\r\ndb\r\n{\r\n  $ip='2';\r\n}\r\n");
  }

  @Test
  void aFileWithAnIncludeKeepsIt(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("common.conf"), "exec.clean;\n");
    Path main = dir.resolve("jail.conf");
    String text = ".include \"common.conf\";\nweb {\n}\n";
    Files.writeString(main, text);
    JailConfDocument d = JailConfDocument.read(main);
    assertThat(d.text()).isEqualTo(text);
    assertThat(d.evaluate().jail("web").orElseThrow().params()).containsKey("exec.clean");
    assertThatThrownBy(() -> d.remove("web", "exec.clean", Scope.EDIT_SHARED))
        .isInstanceOfSatisfying(
            JailConfEditException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.INCLUDED_FILE));
    d.set("web", "persist");
    d.write(main);
    assertThat(Files.readString(main))
        .isEqualTo(".include \"common.conf\";\nweb {\n\tpersist;\n}\n");
  }

  @Test
  void aDocumentIsParsedByTheReadersRules() {
    assertThatThrownBy(() -> JailConfDocument.parse("web {\n\tpath = /x\n}\n"))
        .isInstanceOf(JailConfException.class)
        .hasMessage("jail: STDIN line 3: }: syntax error");
  }

  @Test
  void aDocumentOverTheFileBoundIsRefused() {
    String big = "#" + "x".repeat(org.jail4j.conf.internal.Parser.MAX_FILE_BYTES) + "\n";
    assertThatThrownBy(() -> JailConfDocument.parse(big))
        .isInstanceOf(JailConfException.class)
        .hasMessageContaining("file too large: more than 16777216 bytes");
  }

  @Test
  void anEditThatWouldPassTheFileBoundIsRefused() {
    String nearly = "#" + "x".repeat(org.jail4j.conf.internal.Parser.MAX_FILE_BYTES - 20) + "\n";
    JailConfDocument d = JailConfDocument.parse(nearly);
    assertThatThrownBy(() -> d.setGlobal("exec.start", "x".repeat(100)))
        .isInstanceOfSatisfying(
            JailConfEditException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
  }

  @Test
  void aNulInALiteralIsRefused() {
    assertThatThrownBy(() -> doc().set("web", "path", "/a\0b"))
        .isInstanceOfSatisfying(
            JailConfEditException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID));
  }
}
