package org.jail4j.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jail4j.CommandResult;
import org.jail4j.Jail;
import org.jail4j.JailProcess;
import org.jail4j.RunningJail;
import org.jail4j.spi.CommandSpec;
import org.jail4j.testkit.FakeHostSystem;
import org.jail4j.testkit.FakeProcess;
import org.jail4j.testkit.RecordedCommand;
import org.junit.jupiter.api.Test;

/** jexec(8) through {@link RunningJail#exec} and {@link RunningJail#run}. */
class ExecTest {

  private final FakeRig rig = FakeRig.create();
  private final RunningJail web =
      rig.host.start(Jail.builder().name("web").path("/").persist(true).build());

  @Test
  void runCapturesExitCodeAndOutput() {
    rig.fake.onCommand("uname", CommandResult.exit(0).stdout("14.3-RELEASE\n").stderr("w\n"));

    CommandResult r = web.run(Duration.ofSeconds(5), "/usr/bin/uname", "-r");

    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEqualTo("14.3-RELEASE\n");
    assertThat(r.stderr()).isEqualTo("w\n");
    assertThat(r.isSuccess()).isTrue();
    assertThat(rig.fake.jailCommands(web.jid()))
        .extracting(RecordedCommand::argv)
        .containsExactly(java.util.List.of("/usr/bin/uname", "-r"));
  }

  @Test
  void runKillsACommandPastItsTimeout() {
    rig.fake.onCommand("sleep", CommandResult.exit(0).duration(Duration.ofSeconds(30)));

    CommandResult r = web.run(Duration.ofMillis(100), "/bin/sleep", "30");

    assertThat(r.timedOut()).isTrue();
    assertThat(r.isSuccess()).isFalse();
    assertThat(rig.kernel.processes(web.jid())).isEmpty();
  }

  @Test
  void execGivesALiveHandleWithStdinAndKill() throws Exception {
    rig.fake.onCommand("cat", CommandResult.exit(0).duration(Duration.ofSeconds(30)));

    try (JailProcess p = web.exec("/bin/cat")) {
      p.stdin().write("hello\n".getBytes(StandardCharsets.UTF_8));
      p.stdin().flush();
      assertThat(p.isAlive()).isTrue();
      assertThat(p.exitCode()).isEmpty();
      assertThat(rig.kernel.processes(web.jid())).hasSize(1);

      p.kill();

      assertThat(p.waitFor()).isEqualTo(FakeProcess.KILLED_BY_SIGKILL);
      assertThat(rig.fake.runningProcesses()).isEmpty();
    }
  }

  @Test
  void userDirectoryAndCleanEnvironmentReachJexec() {
    CommandSpec spec =
        CommandSpec.of("/bin/ls")
            .withJailUser("www")
            .withWorkingDirectory("/usr/local/www")
            .withCleanEnvironment(true);

    web.run(Duration.ofSeconds(5), spec);

    CommandSpec seen = rig.fake.jailCommands(web.jid()).get(0).command();
    assertThat(seen.user()).isEqualTo("www");
    assertThat(seen.userFromJail()).isTrue();
    assertThat(seen.workingDirectory()).isEqualTo("/usr/local/www");
    assertThat(seen.cleanEnvironment()).isTrue();
  }

  @Test
  void hostUserIsDashU() {
    web.run(Duration.ofSeconds(5), CommandSpec.of("/usr/bin/id").withHostUser("operator"));

    assertThat(rig.fake.jailCommands(web.jid()).get(0).command().userFromJail()).isFalse();
  }

  @Test
  void execInAJailThatIsGoneFailsLikeJexec() {
    web.stop();

    CommandResult r = web.run(Duration.ofSeconds(5), "/bin/echo");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr()).contains("jexec: jail " + web.jid() + " not found");
    assertThat(FakeHostSystem.programIs("echo").test(CommandSpec.of("/bin/echo"))).isTrue();
  }
}
