package org.jail4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jail4j.JailHost;
import org.jail4j.conf.JailConf;
import org.jail4j.spi.IpAlias;
import org.jail4j.testkit.FakeHostSystem;
import org.jail4j.testkit.RecordedCommand;
import org.jail4j.testkit.junit.FakeJails;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@FakeJails
class StartFromJailConfTest {
  private JailHost host;
  private FakeHostSystem fake;
  @TempDir Path dir;
  private Path conf;

  @BeforeEach
  void writeJailConf(JailHost host, FakeHostSystem fake) throws IOException {
    this.host = host;
    this.fake = fake;
    Files.createDirectories(dir.resolve("web"));
    Files.createDirectories(dir.resolve("db"));
    conf = dir.resolve("jail.conf");
    Files.writeString(
        conf,
        "# an /etc/jail.conf as the handbook writes them\n"
            + "exec.start = \"/bin/sh /etc/rc\";\n"
            + "exec.stop = \"/bin/sh /etc/rc.shutdown\";\n"
            + "exec.clean;\n"
            + "mount.devfs;\n"
            + "persist;\n"
            + "path = \""
            + dir
            + "/$name\";\n"
            + "host.hostname = \"$name.example.org\";\n"
            + "web {\n"
            + "  ip4.addr = \"em0|192.0.2.10/24\";\n"
            + "}\n"
            + "db {\n"
            + "  ip4.addr = \"em0|192.0.2.11\";\n"
            + "}\n");
  }

  private int start(Output out, Output err, String... args) {
    return StartFromJailConf.run(host, args, false, out.stream, err.stream);
  }

  @Test
  void startsTheNamedJailWithItsAliasMountAndExecStart() {
    Output out = new Output();

    int status = start(out, new Output(), conf.toString(), "web");

    try {
      assertThat(status).isZero();
      assertThat(fake.aliases())
          .extracting(IpAlias::iface, a -> a.address().getHostAddress(), IpAlias::prefixLength)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("em0", "192.0.2.10", 24));
      assertThat(fake.mounts())
          .anyMatch(m -> m.fsType().equals("devfs") && m.target().equals(dir + "/web/dev"));
      int jid = host.find("web").orElseThrow().jid();
      assertThat(fake.jailCommands(jid))
          .extracting(RecordedCommand::argv)
          .containsExactly(java.util.List.of("/bin/sh", "/etc/rc"));
      assertThat(out.text())
          .contains("jail -e prints it")
          .contains("host.hostname=web.example.org")
          .contains("exec.start: /bin/sh /etc/rc (exit 0)")
          .contains("192.0.2.10      web.example.org");
    } finally {
      host.stop(JailConf.read(conf).jail("web").orElseThrow().toJail());
    }
  }

  @Test
  void theJailKeepsRunningWithoutDashDashStop() {
    start(new Output(), new Output(), conf.toString(), "db");

    try {
      assertThat(host.find("db")).isPresent();
      assertThat(host.find("web")).isEmpty();
    } finally {
      host.stop(JailConf.read(conf).jail("db").orElseThrow().toJail());
    }
  }

  @Test
  void dashDashStopStopsItAgainAndLeavesNothing() {
    Output out = new Output();

    int status = start(out, new Output(), "--stop", conf.toString(), "web");

    assertThat(status).isZero();
    assertThat(out.text()).contains("# stopped web");
    assertThat(host.list()).isEmpty();
    assertThat(fake.leftovers().isEmpty()).isTrue();
  }

  @Test
  void aJailWithoutPersistEndsWithItsLastProcess() throws IOException {
    Files.writeString(conf, Files.readString(conf).replace("persist;\n", ""));
    Output out = new Output();

    int status = start(out, new Output(), conf.toString(), "web");

    assertThat(status).isZero();
    assertThat(out.text()).contains("# web ended when its last process exited");
    assertThat(host.list()).isEmpty();
    assertThat(fake.leftovers().isEmpty()).as(fake.leftovers().describe()).isTrue();
  }

  @Test
  void aFileWithSeveralJailsNeedsAName() {
    Output err = new Output();

    int status = start(new Output(), err, conf.toString());

    assertThat(status).isEqualTo(2);
    assertThat(err.text()).contains("defines [web, db]: name the one to start");
  }

  @Test
  void anUnknownJailNameFails() {
    Output err = new Output();

    int status = start(new Output(), err, conf.toString(), "mail");

    assertThat(status).isEqualTo(1);
    assertThat(err.text()).contains("\"mail\" not found in " + conf + "; it defines [web, db]");
  }

  @Test
  void aSyntaxErrorIsReportedAsJailReportsIt() throws IOException {
    Files.writeString(conf, "web { path = /jail/web\n");
    Output err = new Output();

    int status = start(new Output(), err, conf.toString(), "web");

    assertThat(status).isEqualTo(1);
    assertThat(err.text()).contains(conf.toString());
    assertThat(host.list()).isEmpty();
  }

  @Test
  void aUsageErrorIsReportedBeforeTheHostIsTaken() {
    Output out = new Output();
    Output err = new Output();

    int status =
        StartFromJailConf.launch(
            new String[0],
            () -> {
              throw new AssertionError("host taken before the arguments were checked");
            },
            out.stream,
            err.stream);

    assertThat(status).isEqualTo(2);
    assertThat(out.text()).isEmpty();
    assertThat(err.text())
        .isEqualTo(
            "StartFromJailConf: no FILE given: name a jail.conf file\n"
                + StartFromJailConf.USAGE
                + "\n");
  }

  @Test
  void tooManyArgumentsSayWhy() {
    Output err = new Output();

    int status = start(new Output(), err, conf.toString(), "web", "db");

    assertThat(status).isEqualTo(2);
    assertThat(err.text())
        .startsWith("StartFromJailConf: too many arguments: FILE and at most one JAIL, got 3")
        .contains(StartFromJailConf.USAGE);
  }

  @Test
  void everyProblemOfTheJailIsReported() throws IOException {
    Files.writeString(
        conf,
        "web {\n"
            + "  path = \"/jails/web\";\n"
            + "  x = $nope;\n"
            + "  persist = maybe;\n"
            + "  securelevel = high;\n"
            + "}\n");
    Output err = new Output();

    int status = start(new Output(), err, conf.toString(), "web");

    assertThat(status).isEqualTo(1);
    assertThat(err.text().lines())
        .containsExactly(
            "jail: web: x: variable \"nope\" not found (" + conf + " line 3)",
            "jail: web: persist: unknown boolean value \"maybe\" (" + conf + " line 4)",
            "jail: web: securelevel: non-integer value \"high\" (" + conf + " line 5)");
    assertThat(host.list()).isEmpty();
  }

  @Test
  void anUnresolvedVariableIsReportedNextToTheParametersAsJailDashEPrintsThem() throws IOException {
    Files.writeString(conf, "web {\n  path = \"/jails/web\";\n  host.hostname = $nosuch;\n}\n");
    Output out = new Output();
    Output err = new Output();

    int status = start(out, err, conf.toString(), "web");

    assertThat(status).isEqualTo(1);
    assertThat(out.text()).contains("  host.hostname=\"\"\n");
    assertThat(err.text().lines())
        .containsExactly(
            "jail: web: host.hostname: variable \"nosuch\" not found (" + conf + " line 3)");
    assertThat(host.list()).isEmpty();
  }

  @Test
  void onTheFakeATypicalJailConfStartsWithoutItsPathOnThisMachine() throws IOException {
    Files.writeString(
        conf,
        "web {\n"
            + "  path = \"/jails/web\";\n"
            + "  host.hostname = \"web.example.org\";\n"
            + "  ip4.addr = \"em0|192.0.2.10\";\n"
            + "  mount.devfs;\n"
            + "  exec.start = \"/bin/sh /etc/rc\";\n"
            + "  persist;\n"
            + "}\n");
    Output out = new Output();
    Output err = new Output();

    int status =
        StartFromJailConf.launch(
            new String[] {conf.toString()},
            () -> ExampleHost.onFake(StartFromJailConf.FAKE_PATHS, "no provider in this test"),
            out.stream,
            err.stream);

    assertThat(status).as(err.text()).isZero();
    assertThat(out.text())
        .startsWith("(no jail provider supports this machine: running on the testkit's fake")
        .contains("# started web as JID 1 on fake")
        .contains("/jails/web")
        .contains("# stopped web");
  }
}
