package org.jail4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.jail4j.Jail;
import org.jail4j.JailHost;
import org.jail4j.RunningJail;
import org.jail4j.testkit.FakeJailKernel;
import org.jail4j.testkit.junit.FakeJails;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@FakeJails
class JlsTest {
  private JailHost host;
  private FakeJailKernel kernel;
  private RunningJail web;
  private RunningJail db;

  @BeforeEach
  void startTwoJails(JailHost host, FakeJailKernel kernel) {
    this.host = host;
    this.kernel = kernel;
    web =
        host.start(
            Jail.builder()
                .name("web")
                .path("/jail/web")
                .hostname("web.example.org")
                .ip4("192.0.2.4")
                .persist(true)
                .build());
    db =
        host.start(
            Jail.builder()
                .name("db")
                .path("/jail/db")
                .hostname("db.example.org")
                .ip4("192.0.2.5")
                .persist(true)
                .build());
  }

  @AfterEach
  void stop() {
    web.close();
    db.close();
  }

  private Run jls(String... args) {
    Output out = new Output();
    Output err = new Output();
    int status = Jls.run(host, args, out.stream, err.stream);
    return new Run(status, out.text(), err.text());
  }

  record Run(int status, String out, String err) {}

  @Test
  void noArgumentsPrintsTheDefaultTable() {
    Run r = jls();

    assertThat(r.status()).isZero();
    assertThat(r.out())
        .isEqualTo(
            "   JID  IP Address      Hostname                      Path\n"
                + "     1  192.0.2.4       web.example.org               /jail/web\n"
                + "     2  192.0.2.5       db.example.org                /jail/db\n");
  }

  @Test
  void dashJSelectsOneJailByName() {
    Run r = jls("-j", "db", "-n", "name", "host.hostname");

    assertThat(r.out()).isEqualTo("name=db host.hostname=db.example.org\n");
  }

  @Test
  void dashJSelectsOneJailByJidAttached() {
    Run r = jls("-j1", "name");

    assertThat(r.out()).isEqualTo("web\n");
  }

  @Test
  void dashJWithAnUnknownJailFailsWithJlsMessage() {
    Run r = jls("-j", "mail");

    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("jls: jail \"mail\" not found\n");
  }

  @Test
  void dashVPrintsTheVerboseLayout() {
    Run r = jls("-v", "-j", "web");

    assertThat(r.out())
        .startsWith("   JID  Hostname                      Path\n")
        .contains("web.example.org")
        .contains("ACTIVE")
        .contains("192.0.2.4");
  }

  @Test
  void dashNPrintsJailNamesInTheDefaultTable() {
    Run r = jls("-N");

    assertThat(r.out())
        .isEqualTo(
            " JID             IP Address      Hostname                      Path\n"
                + " web             192.0.2.4       web.example.org               /jail/web\n"
                + " db              192.0.2.5       db.example.org                /jail/db\n");
  }

  @Test
  void dashHPrintsAHeaderLine() {
    Run r = jls("-h", "jid", "name");

    assertThat(r.out()).isEqualTo("jid name\n1 web\n2 db\n");
  }

  @Test
  void dashQQuotesEmptyValues() {
    Run r = jls("-q", "-j", "web", "host.domainname");

    assertThat(r.out()).isEqualTo("\"\"\n");
  }

  @Test
  void dashSLeavesOutReadOnlyParameters() {
    Run r = jls("-s", "-j", "web");

    assertThat(r.out())
        .contains("jid=1 name=web")
        .contains(" persist ")
        .contains("host.hostname=web.example.org")
        .doesNotContain("dying")
        .doesNotContain("children.cur")
        .doesNotContain("cpuset.id");
  }

  @Test
  void libxoJsonPrintsJlsJsonShape() {
    Run r = jls("--libxo", "json", "-j", "web", "jid", "name", "ip4.addr");

    assertThat(r.out())
        .startsWith("{\"__version\": \"2\", \"jail-information\": {\"jail\": [")
        .contains("\"name\":\"web\"")
        .contains("[\"192.0.2.4\"]");
  }

  @Test
  void dashDIncludesDyingJails() {
    RunningJail old =
        host.start(Jail.builder().name("old").path("/jail/old").persist(true).build());
    try (FakeJailKernel.Hold ref = kernel.hold(old.jid())) {
      old.remove();

      assertThat(jls("-n", "name").out()).doesNotContain("name=old");
      assertThat(jls("-d", "-n", "name", "dying").out()).contains("name=old dying");
    }
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    Run r = jls("-x");

    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("jls: illegal option -- x").contains(Jls.USAGE);
  }

  @Test
  void aBadFlagIsReportedBeforeTheHostIsLookedUp() {
    java.util.concurrent.atomic.AtomicInteger lookups =
        new java.util.concurrent.atomic.AtomicInteger();
    Output out = new Output();
    Output err = new Output();

    int status =
        Jls.launch(
            new String[] {"-x"},
            () -> {
              lookups.incrementAndGet();
              return JailHost.local();
            },
            out.stream,
            err.stream);

    assertThat(status).isEqualTo(2);
    assertThat(lookups).hasValue(0);
    assertThat(err.text()).isEqualTo("jls: illegal option -- x\n" + Jls.USAGE + "\n");
    assertThat(out.text()).isEmpty();
  }

  @Test
  void validArgumentsLookTheHostUpThroughLaunch() {
    Output out = new Output();

    int status =
        Jls.launch(new String[] {"-n", "name"}, () -> host, out.stream, new Output().stream);

    assertThat(status).isZero();
    assertThat(out.text()).isEqualTo("name=web\nname=db\n");
  }
}
