package org.jail4j.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jail4j.CommandResult;
import org.jail4j.Errno;
import org.jail4j.Jail;
import org.jail4j.JailBuilder;
import org.jail4j.JailStep;
import org.jail4j.JailStopException;
import org.jail4j.RunningJail;
import org.jail4j.testkit.RecordedCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The remove sequence of jail(8) (§6.3 "Remove"), step by step, on the fake kernel and host. */
class StopTest {

  @TempDir Path root;

  private final FakeRig rig = FakeRig.create();

  private JailBuilder web() {
    return Jail.builder().name("web").path(FakeRig.dir(root)).persist(true);
  }

  @Test
  void stepsRunInJailEightOrderAndUndoTheStart() {
    String p = FakeRig.dir(root);
    Jail jail =
        web()
            .iface("em0")
            .ip4("192.0.2.40")
            .addMounts("/jails/base " + p + "/base nullfs ro 0 0")
            .mountDevfs(true)
            .mountFdescfs(true)
            .mountProcfs(true)
            .addExecPrestop("/bin/echo prestop")
            .addExecStop("/bin/sh /etc/rc.shutdown")
            .addExecPoststop("/bin/echo poststop")
            .build();
    RunningJail r = rig.host.start(jail);
    int jid = r.jid();
    int before = rig.fake.journal().size();

    r.stop();

    List<String> journal = rig.fake.journal();
    assertThat(journal.subList(before, journal.size()))
        .filteredOn(line -> !line.startsWith("signal "))
        .containsExactly(
            "exec host: /bin/echo prestop",
            "exec jail " + jid + ": /bin/sh /etc/rc.shutdown",
            "exec host: /bin/echo poststop",
            "unmount " + p + "/proc",
            "unmount " + p + "/dev/fd",
            "unmount " + p + "/dev",
            "unmount " + p + "/base",
            "ifconfig em0 inet 192.0.2.40 -alias");
    assertThat(rig.kernel.jail(jid)).isEmpty();
    assertThat(rig.leftovers()).isEmpty();
  }

  @Test
  void poststopStillSeesTheJid() {
    RunningJail r = rig.host.start(web().addExecPoststop("echo JID=$JID").build());
    int jid = r.jid();

    r.stop();

    RecordedCommand poststop = rig.fake.hostCommands().get(rig.fake.hostCommands().size() - 1);
    assertThat(poststop.argv()).containsExactly("/bin/sh", "-c", "echo JID=$JID");
    assertThat(poststop.command().environment()).containsEntry("JID", Integer.toString(jid));
    assertThat(rig.kernel.jail(jid)).isEmpty();
  }

  @Test
  void processesGetSigtermBeforeRemoval() throws Exception {
    RunningJail r = rig.host.start(web().build());
    int pid = rig.kernel.spawn(r.jid());

    r.stop();

    assertThat(rig.kernel.processes(r.jid())).doesNotContain(pid);
    List<String> journal = rig.fake.journal();
    assertThat(journal).contains("signal 15 to jail " + r.jid());
  }

  @Test
  void processIgnoringSigtermIsKilledByRemovalAfterStopTimeout() throws Exception {
    RunningJail r = rig.host.start(web().stopTimeout(Duration.ofMillis(300)).build());
    int pid = rig.kernel.spawn(r.jid());
    rig.kernel.ignoreSignals(pid);
    long start = System.nanoTime();

    r.stop();

    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(rig.kernel.jail(r.jid())).isEmpty();
  }

  @Test
  void stopTimeoutZeroSendsNoSigterm() throws Exception {
    RunningJail r = rig.host.start(web().stopTimeout(Duration.ZERO).build());
    rig.kernel.spawn(r.jid());

    r.stop();

    assertThat(rig.fake.journal()).noneMatch(line -> line.startsWith("signal "));
    assertThat(rig.kernel.jail(r.jid())).isEmpty();
  }

  @Test
  void failingPrestopLeavesTheJailRunning() {
    rig.fake.onCommand("false", CommandResult.exit(1).stdout("busy\n"));
    RunningJail r = rig.host.start(web().addExecPrestop("false").build());

    assertThatThrownBy(r::stop)
        .isInstanceOfSatisfying(
            JailStopException.class,
            e -> {
              assertThat(e.failedStep().orElseThrow().step()).isEqualTo(JailStep.EXEC_PRESTOP);
              assertThat(e.failedStep().orElseThrow().output()).isEqualTo("busy\n");
            });
    assertThat(r.isAlive()).isTrue();
  }

  @Test
  void failingUnmountIsReportedAfterEveryOtherCleanup() {
    String p = FakeRig.dir(root);
    RunningJail r =
        rig.host.start(
            web().iface("em0").ip4("192.0.2.41").mountDevfs(true).mountProcfs(true).build());
    rig.fake.failNextUnmount(Errno.EBUSY);

    assertThatThrownBy(r::stop)
        .isInstanceOfSatisfying(
            JailStopException.class,
            e -> {
              assertThat(e.failedStep().orElseThrow().step()).isEqualTo(JailStep.UNMOUNT);
              assertThat(e.errno()).hasValue(Errno.EBUSY);
            });
    assertThat(rig.fake.aliases()).isEmpty();
    assertThat(rig.fake.mounts()).extracting(m -> m.target()).containsExactly(p + "/proc");
    assertThat(r.isAlive()).isFalse();
  }

  @Test
  void stopOfAJailThatDiedOnItsOwnStillCleansUp() {
    String p = FakeRig.dir(root);
    RunningJail r =
        rig.host.start(
            Jail.builder().name("web").path(p).mountDevfs(true).addCommand("/bin/true").build());
    assertThat(r.isAlive()).isFalse();

    r.stop();

    assertThat(rig.leftovers()).isEmpty();
  }

  @Test
  void closeStopsTheJail() {
    int jid;
    try (RunningJail r = rig.host.start(web().build())) {
      jid = r.jid();
    }
    assertThat(rig.kernel.jail(jid)).isEmpty();
  }

  @Test
  void removeSkipsHooksAndCleanup() {
    RunningJail r = rig.host.start(web().mountDevfs(true).addExecPrestop("echo STOP").build());

    r.remove();

    assertThat(rig.kernel.jail(r.jid())).isEmpty();
    assertThat(rig.fake.hostCommands()).noneMatch(c -> c.argv().contains("STOP"));
    assertThat(rig.fake.mounts()).hasSize(1);
  }

  @Test
  void restartGivesANewJid() {
    RunningJail first = rig.host.start(web().build());

    RunningJail second = first.restart();

    assertThat(second.jid()).isNotEqualTo(first.jid());
    assertThat(second.isAlive()).isTrue();
    assertThat(first.isAlive()).isFalse();
  }

  @Test
  void restartWithoutConfigurationSaysSo() {
    rig.host.start(web().build());
    RunningJail found = rig.host.find("web").orElseThrow();

    assertThatThrownBy(found::restart).hasMessageContaining("no configuration to start from");
  }
}
