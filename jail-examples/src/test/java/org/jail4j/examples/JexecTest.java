package org.jail4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.List;
import org.jail4j.CommandResult;
import org.jail4j.Jail;
import org.jail4j.JailHost;
import org.jail4j.RunningJail;
import org.jail4j.spi.CommandSpec;
import org.jail4j.testkit.FakeHostSystem;
import org.jail4j.testkit.RecordedCommand;
import org.jail4j.testkit.junit.FakeJails;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@FakeJails
class JexecTest {
  private JailHost host;
  private FakeHostSystem fake;
  private RunningJail web;

  @BeforeEach
  void startWeb(JailHost host, FakeHostSystem fake) {
    this.host = host;
    this.fake = fake;
    web = host.start(Jail.builder().name("web").path("/jail/web").persist(true).build());
  }

  @AfterEach
  void stopWeb() {
    web.close();
  }

  private int jexec(Output out, Output err, String... args) {
    return Jexec.run(host, args, new ByteArrayInputStream(new byte[0]), out.stream, err.stream);
  }

  private CommandSpec lastCommandInWeb() {
    List<RecordedCommand> in = fake.jailCommands(web.jid());
    return in.get(in.size() - 1).command();
  }

  @Test
  void runsTheCommandInsideTheNamedJailAndPrintsItsOutput() {
    fake.onCommand(
        FakeHostSystem.programIs("hostname"),
        cmd -> CommandResult.exit(0).stdout("web in jail " + cmd.jid() + "\n"));
    Output out = new Output();

    int status = jexec(out, new Output(), "web", "hostname");

    assertThat(status).isZero();
    assertThat(out.text()).isEqualTo("web in jail " + web.jid() + "\n");
    assertThat(lastCommandInWeb().argv()).containsExactly("hostname");
  }

  @Test
  void aJidNamesTheJailToo() {
    int status = jexec(new Output(), new Output(), Integer.toString(web.jid()), "true");

    assertThat(status).isZero();
    assertThat(lastCommandInWeb().argv()).containsExactly("true");
  }

  @Test
  void theCommandsExitStatusAndStderrPassThrough() {
    fake.onCommand("false", CommandResult.exit(3).stderr("no\n"));
    Output err = new Output();

    int status = jexec(new Output(), err, "web", "false");

    assertThat(status).isEqualTo(3);
    assertThat(err.text()).isEqualTo("no\n");
  }

  @Test
  void dashUpperUDashDAndDashLReachTheCommand() {
    jexec(new Output(), new Output(), "-l", "-U", "www", "-d", "/usr/local/www", "web", "ls");

    CommandSpec spec = lastCommandInWeb();
    assertThat(spec.cleanEnvironment()).isTrue();
    assertThat(spec.user()).isEqualTo("www");
    assertThat(spec.userFromJail()).isTrue();
    assertThat(spec.workingDirectory()).isEqualTo("/usr/local/www");
  }

  @Test
  void dashLowerUTakesTheUserFromTheHost() {
    jexec(new Output(), new Output(), "-uoperator", "web", "id");

    CommandSpec spec = lastCommandInWeb();
    assertThat(spec.user()).isEqualTo("operator");
    assertThat(spec.userFromJail()).isFalse();
  }

  @Test
  void withoutACommandItRunsTheShell() {
    jexec(new Output(), new Output(), "web");

    assertThat(lastCommandInWeb().argv()).containsExactly("/bin/sh");
  }

  @Test
  void bothUserOptionsAreAUsageError() {
    Output err = new Output();

    int status = jexec(new Output(), err, "-u", "root", "-U", "www", "web", "id");

    assertThat(status).isEqualTo(2);
    assertThat(err.text()).contains("-u and -U are mutually exclusive").contains(Jexec.USAGE);
  }

  @Test
  void anUnknownJailFails() {
    Output err = new Output();

    int status = jexec(new Output(), err, "mail", "id");

    assertThat(status).isEqualTo(1);
    assertThat(err.text()).isEqualTo("jexec: jail \"mail\" not found\n");
  }

  @Test
  void noJailIsAUsageError() {
    Output err = new Output();

    int status = jexec(new Output(), err, "-l");

    assertThat(status).isEqualTo(2);
    assertThat(err.text())
        .isEqualTo(
            "jexec: no jail given: name a running jail by JID or name\n" + Jexec.USAGE + "\n");
  }

  @Test
  void noArgumentsAreReportedBeforeTheHostIsLookedUp() {
    java.util.concurrent.atomic.AtomicInteger lookups =
        new java.util.concurrent.atomic.AtomicInteger();
    Output err = new Output();

    int status =
        Jexec.launch(
            new String[0],
            () -> {
              lookups.incrementAndGet();
              return JailHost.local();
            },
            new ByteArrayInputStream(new byte[0]),
            new Output().stream,
            err.stream);

    assertThat(status).isEqualTo(2);
    assertThat(lookups).hasValue(0);
    assertThat(err.text())
        .isEqualTo(
            "jexec: no jail given: name a running jail by JID or name\n" + Jexec.USAGE + "\n");
  }

  @Test
  void aBadFlagIsReportedBeforeTheHostIsLookedUp() {
    Output err = new Output();

    int status =
        Jexec.launch(
            new String[] {"-x", "web"},
            () -> {
              throw new AssertionError("host looked up before the arguments were checked");
            },
            new ByteArrayInputStream(new byte[0]),
            new Output().stream,
            err.stream);

    assertThat(status).isEqualTo(2);
    assertThat(err.text()).isEqualTo("jexec: illegal option -- x\n" + Jexec.USAGE + "\n");
  }
}
