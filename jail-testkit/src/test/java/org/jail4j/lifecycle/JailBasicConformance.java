package org.jail4j.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.jail4j.CommandResult;
import org.jail4j.Jail;
import org.jail4j.RunningJail;
import org.jail4j.jls.JailListing;
import org.jail4j.testkit.FakeHostSystem;
import org.jail4j.testkit.RecordedCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle behaviours of FreeBSD's own {@code usr.sbin/jail/tests/jail_basic_test.sh}, as
 * restated in {@code shared/corpus/freebsd-tests/README.md} (cases A1, A4 and A6), run on the fake.
 */
class JailBasicConformance {

  @TempDir Path root;

  private final FakeRig rig = FakeRig.create();

  private Jail basejail() {
    return Jail.builder().name("basejail").persist(true).ip4("192.0.1.1").build();
  }

  @Test
  void a1CreateListRemove() {
    rig.host.start(basejail());

    JailListing ls = JailListing.of(rig.host.list());
    assertThat(ls.render()).contains("192.0.1.1");
    assertThat(ls.render("-v")).contains("basejail").contains("ACTIVE");
    assertThat(ls.render("-n")).contains("name=basejail").contains(" persist");

    rig.host.find("basejail").orElseThrow().stop();
    assertThat(rig.host.list()).isEmpty();
  }

  @Test
  void a1RemovalByNumericJid() {
    RunningJail first = rig.host.start(basejail());
    first.stop();
    RunningJail again = rig.host.start(basejail());
    String jid =
        JailListing.of(java.util.List.of(rig.host.find("basejail").orElseThrow().info()))
            .render("jid")
            .strip();

    rig.host.find(jid).orElseThrow().stop();

    assertThat(jid).isEqualTo(Integer.toString(again.jid()));
    assertThat(rig.host.list()).isEmpty();
  }

  @Test
  void a1CreateOrModifyCreatesAnAbsentJail() {
    RunningJail r = rig.host.apply(basejail());

    assertThat(r.isAlive()).isTrue();
    assertThat(rig.host.list()).hasSize(1);
  }

  @Test
  void a1RestartOfAnExistingJailGivesANewJid() {
    RunningJail first = rig.host.start(basejail());

    RunningJail second = first.restart();

    assertThat(second.jid()).isNotEqualTo(first.jid());
    assertThat(rig.host.list())
        .singleElement()
        .satisfies(i -> assertThat(i.jid()).isEqualTo(second.jid()));
  }

  @Test
  void a4HooksSeeJidJnameJpathAndStopRunsPrestop() {
    rig.fake.onCommand(
        FakeHostSystem.programIs("env"),
        cmd ->
            CommandResult.exit(0)
                .stdout(
                    "JID="
                        + cmd.command().environment().get("JID")
                        + "\nJNAME="
                        + cmd.command().environment().get("JNAME")
                        + "\nJPATH="
                        + cmd.command().environment().get("JPATH")
                        + "\n"));
    rig.fake.onCommand(
        spec -> spec.argv().equals(java.util.List.of("echo", "START")),
        CommandResult.exit(0).stdout("START\n"));
    rig.fake.onCommand(
        spec -> spec.argv().equals(java.util.List.of("echo", "STOP")),
        CommandResult.exit(0).stdout("STOP\n"));
    Jail jail =
        Jail.builder()
            .name("basejail")
            .addExecPrestop("echo STOP")
            .addExecPrestart("echo START")
            .addExecPoststart("env")
            .persist(true)
            .path(FakeRig.dir(root))
            .build();

    RunningJail r = rig.host.start(jail);
    String out = String.join("", r.transcript().stream().map(c -> c.result().stdout()).toList());
    assertThat(out.lines())
        .contains("START", "JID=" + r.jid(), "JNAME=basejail", "JPATH=" + FakeRig.dir(root));

    int runsBefore = r.transcript().size();
    rig.host.get(r.jid()).withConfig(jail).stop();
    assertThat(rig.host.list()).isEmpty();
    assertThat(rig.fake.hostCommands())
        .extracting(RecordedCommand::argv)
        .contains(java.util.List.of("echo", "STOP"));
    assertThat(runsBefore).isEqualTo(2);
  }

  @Test
  void a6NonPersistentJailDiesWhenItsCommandExits() {
    RunningJail r =
        rig.host.start(
            Jail.builder().path("/").addExecPoststart("true").addCommand("/usr/bin/true").build());

    assertThat(r.isAlive()).isFalse();
    assertThat(rig.host.list()).isEmpty();
    assertThat(rig.fake.jailCommands(r.jid()))
        .extracting(RecordedCommand::argv)
        .containsExactly(java.util.List.of("/usr/bin/true"));
  }

  @Test
  void a6PoststopSeesTheJidAfterTheJailIsGone() {
    Jail jail =
        Jail.builder()
            .name("basejail")
            .path("/")
            .persist(true)
            .addExecPoststop("echo JID=$JID")
            .build();
    RunningJail r = rig.host.start(jail);
    int jid = r.jid();
    rig.fake.onCommand(
        spec -> spec.argv().contains("echo JID=$JID"),
        cmd -> {
          assertThat(rig.kernel.jail(jid)).isEmpty();
          return CommandResult.exit(0)
              .stdout("JID=" + cmd.command().environment().get("JID") + "\n");
        });

    r.stop();

    assertThat(r.transcript())
        .last()
        .satisfies(c -> assertThat(c.result().stdout()).isEqualTo("JID=" + jid + "\n"));
  }

  @Test
  void a6VnetJailWithInterfaceAndCommandStartsAndDies() {
    // FreeBSD's test clones lo; the fake host numbers clones without counting the built-in lo0
    String iface = rig.fake.createInterface("tap", null);
    rig.baseline();

    RunningJail r =
        rig.host.start(
            Jail.builder()
                .path("/")
                .param(org.jail4j.param.JailParam.VNET, org.jail4j.param.JailSys.NEW)
                .addVnetInterfaces(iface)
                .addCommand("/usr/bin/true")
                .build());

    assertThat(r.isAlive()).isFalse();
    assertThat(rig.fake.interfaces()).contains(iface);
  }
}
