package org.jail4j.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jail4j.CommandResult;
import org.jail4j.Errno;
import org.jail4j.InvalidJailParameterException;
import org.jail4j.Jail;
import org.jail4j.JailBuilder;
import org.jail4j.JailHost;
import org.jail4j.JailStartException;
import org.jail4j.JailStep;
import org.jail4j.RunningJail;
import org.jail4j.param.JailParam;
import org.jail4j.spi.IpAlias;
import org.jail4j.spi.MountRequest;
import org.jail4j.spi.support.IpLiterals;
import org.jail4j.testkit.FakeJail;
import org.jail4j.testkit.RecordedCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The create sequence of jail(8), step by step, on the fake kernel and host (§6.3). */
class StartTest {

  @TempDir Path root;

  private final FakeRig rig = FakeRig.create();

  private JailBuilder web() {
    return Jail.builder().name("web").path(FakeRig.dir(root)).hostname("web.example.org");
  }

  @Test
  void stepsRunInJailEightOrder() {
    String p = FakeRig.dir(root);
    List<String> seenAtPrestart = new ArrayList<>();
    rig.fake.onCommand(
        spec -> spec.argv().contains("prestart"),
        cmd -> {
          seenAtPrestart.add("jails=" + rig.kernel.jails().size());
          return CommandResult.exit(0);
        });
    Jail jail =
        web()
            .iface("em0")
            .ip4("192.0.2.10")
            .addMounts("/jails/base " + p + "/base nullfs ro 0 0")
            .mountDevfs(true)
            .mountFdescfs(true)
            .mountProcfs(true)
            .addExecPrestart("/bin/echo prestart")
            .addExecCreated("/bin/echo created")
            .addExecStart("/bin/sh /etc/rc")
            .addExecPoststart("/bin/echo poststart")
            .persist(true)
            .build();

    RunningJail running = rig.host.start(jail);

    int jid = running.jid();
    assertThat(rig.fake.journal())
        .containsExactly(
            "ifconfig em0 inet 192.0.2.10/32 alias",
            "mount nullfs /jails/base on " + p + "/base (ro)",
            "mount devfs devfs on " + p + "/dev ruleset 4",
            "mount fdescfs fdesc on " + p + "/dev/fd",
            "mount procfs proc on " + p + "/proc",
            "exec host: /bin/echo prestart",
            "exec host: /bin/echo created",
            "exec jail " + jid + ": /bin/sh /etc/rc",
            "exec host: /bin/echo poststart");
    assertThat(seenAtPrestart).containsExactly("jails=0");
    assertThat(running.isAlive()).isTrue();
    assertThat(running.info().hostname()).isEqualTo("web.example.org");
  }

  @Test
  void aliasWithIfacePrefixAndMaskUsesThem() {
    rig.host.start(web().ip4("em0|192.0.2.11/24").ip6("lo0|2001:db8::11").persist(true).build());

    assertThat(rig.fake.aliases())
        .contains(
            new IpAlias("em0", IpLiterals.parse("192.0.2.11"), 24),
            new IpAlias("lo0", IpLiterals.parse("2001:db8::11"), 128));
  }

  @Test
  void addressWithoutInterfaceAddsNoAlias() {
    rig.host.start(web().ip4("192.0.2.12").persist(true).build());

    assertThat(rig.fake.aliases()).isEmpty();
  }

  @Test
  void netmaskSuffixBecomesPrefixLength() {
    rig.host.start(web().iface("em0").ip4("192.0.2.13/255.255.255.0").persist(true).build());

    assertThat(rig.fake.aliases())
        .containsExactly(new IpAlias("em0", IpLiterals.parse("192.0.2.13"), 24));
  }

  @Test
  void mountFstabLinesAreMountedInFileOrder() throws Exception {
    String p = FakeRig.dir(root);
    Path fstab = root.resolve("fstab.web");
    Files.writeString(
        fstab,
        "# base system\n/jails/base "
            + p
            + "/base nullfs ro 0 0\n\ntmpfs "
            + p
            + "/tmp tmpfs rw,size=1g 0 0\n");

    rig.host.start(web().mountFstab(FakeRig.dir(fstab)).persist(true).build());

    assertThat(rig.fake.mounts())
        .containsExactly(
            new MountRequest("nullfs", "/jails/base", p + "/base", List.of("ro"), null),
            new MountRequest("tmpfs", "tmpfs", p + "/tmp", List.of("rw", "size=1g"), null));
  }

  @Test
  void mountLineWithFewerThanThreeFieldsIsMissingInformation() {
    Jail jail = web().addMounts("/jails/base /jail/x").persist(true).build();

    assertThatThrownBy(() -> rig.host.start(jail))
        .isInstanceOfSatisfying(
            JailStartException.class,
            e -> assertThat(e.failedStep().orElseThrow().step()).isEqualTo(JailStep.MOUNT))
        .hasMessageContaining("mount: /jails/base /jail/x: missing information");
    assertThat(rig.leftovers()).isEmpty();
  }

  @Test
  void devfsRulesetComesFromDevfsRulesetParameter() {
    rig.host.start(web().mountDevfs(true).param(JailParam.DEVFS_RULESET, 10).persist(true).build());

    assertThat(rig.fake.devfsRuleset(FakeRig.dir(root) + "/dev")).hasValue(10);
  }

  @Test
  void hostHooksGetJidJnameAndJpath() {
    RunningJail r = rig.host.start(web().addExecPoststart("env").persist(true).build());

    Map<String, String> env = lastHost("env").command().environment();
    assertThat(env)
        .containsEntry("JID", Integer.toString(r.jid()))
        .containsEntry("JNAME", "web")
        .containsEntry("JPATH", FakeRig.dir(root));
  }

  @Test
  void startCommandsRunInsideTheJailAsJailUserWithCleanEnvironment() {
    RunningJail r =
        rig.host.start(
            web()
                .addExecStart("/bin/sh /etc/rc")
                .execJailUser("www")
                .execClean(true)
                .persist(true)
                .build());

    RecordedCommand c = rig.fake.jailCommands(r.jid()).get(0);
    assertThat(c.argv()).containsExactly("/bin/sh", "/etc/rc");
    assertThat(c.command().user()).isEqualTo("www");
    assertThat(c.command().userFromJail()).isTrue();
    assertThat(c.command().cleanEnvironment()).isTrue();
  }

  @Test
  void systemJailUserIsLookedUpOnTheHost() {
    RunningJail r =
        rig.host.start(
            web()
                .addExecStart("/bin/sh /etc/rc")
                .execJailUser("www")
                .execSystemJailUser(true)
                .persist(true)
                .build());

    assertThat(rig.fake.jailCommands(r.jid()).get(0).command().userFromJail()).isFalse();
  }

  @Test
  void commandWithShellCharactersRunsThroughBinSh() {
    RunningJail r = rig.host.start(web().addExecStart("echo $HOME > /tmp/x").persist(true).build());

    assertThat(rig.fake.jailCommands(r.jid()).get(0).argv())
        .containsExactly("/bin/sh", "-c", "echo $HOME > /tmp/x");
  }

  @Test
  void trailingAmpersandStartsTheCommandWithoutWaitingForIt() {
    rig.fake.onCommand("daemon", CommandResult.exit(0).duration(Duration.ofSeconds(30)));

    long start = System.nanoTime();
    RunningJail r =
        rig.host.start(web().addExecStart("/usr/sbin/daemon /bin/app &").persist(true).build());

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(rig.kernel.processes(r.jid())).hasSize(1);
    assertThat(rig.fake.jailCommands(r.jid()).get(0).argv())
        .containsExactly("/usr/sbin/daemon", "/bin/app");
    r.stop();
    assertThat(rig.fake.runningProcesses()).isEmpty();
  }

  @Test
  void temporaryPersistIsDroppedSoAJailWithoutProcessesDies() {
    RunningJail r = rig.host.start(web().addExecStart("/bin/sh /etc/rc").build());

    assertThat(r.isAlive()).isFalse();
    assertThat(rig.kernel.jails()).allMatch(FakeJail::dying);
  }

  @Test
  void jailWithoutCommandsOrPersistIsRefusedByTheKernel() {
    assertThatThrownBy(() -> rig.host.start(web().build()))
        .isInstanceOfSatisfying(
            InvalidJailParameterException.class,
            e -> {
              assertThat(e.failedStep().orElseThrow().step()).isEqualTo(JailStep.CREATE);
              assertThat(e.errno()).hasValue(Errno.EINVAL);
            })
        .hasMessageContaining("new jail must persist or attach");
  }

  @Test
  void pathThatDoesNotExistFailsBeforeTheKernelIsCalled() {
    Jail jail = web().path(FakeRig.dir(root) + "/missing").persist(true).build();

    assertThatThrownBy(() -> rig.host.start(jail))
        .isInstanceOfSatisfying(
            JailStartException.class,
            e -> {
              assertThat(e.failedStep().orElseThrow().step()).isEqualTo(JailStep.CREATE);
              assertThat(e.errno()).contains(org.jail4j.Errno.ENOENT);
            })
        .hasMessageContaining("path " + FakeRig.dir(root) + "/missing: No such file or directory");
    assertThat(rig.kernel.jails()).isEmpty();
  }

  @Test
  void relativePathIsRefusedWhenTheJailIsBuilt() {
    assertThatThrownBy(() -> web().path("jail/web").persist(true).build())
        .isInstanceOf(org.jail4j.InvalidJailParameterException.class)
        .hasMessageContaining("path: must be absolute");
    assertThat(rig.kernel.jails()).isEmpty();
  }

  @Test
  void pathThatIsAFileIsNotADirectory() throws Exception {
    Path file = Files.writeString(root.resolve("file"), "x");

    assertThatThrownBy(() -> rig.host.start(web().path(FakeRig.dir(file)).persist(true).build()))
        .isInstanceOf(JailStartException.class)
        .hasMessageContaining("path " + FakeRig.dir(file) + ": Not a directory");
  }

  @Test
  void consolelogReceivesInJailOutput() throws Exception {
    Path log = root.resolve("console.log");
    rig.fake.onCommand("rc", CommandResult.exit(0).stdout("Starting sshd.\n").stderr("warn\n"));

    rig.host.start(
        web().addExecStart("/etc/rc").execConsolelog(FakeRig.dir(log)).persist(true).build());

    assertThat(Files.readString(log)).isEqualTo("Starting sshd.\nwarn\n");
  }

  @Test
  void transcriptKeepsEveryHookOutput() {
    rig.fake.onCommand("echo", CommandResult.exit(0).stdout("START\n"));

    RunningJail r = rig.host.start(web().addExecPrestart("echo START").persist(true).build());

    assertThat(r.transcript())
        .singleElement()
        .satisfies(
            run -> {
              assertThat(run.step()).isEqualTo(JailStep.EXEC_PRESTART);
              assertThat(run.result().stdout()).isEqualTo("START\n");
            });
  }

  @Test
  void commandRunningPastExecTimeoutFailsTheStart() {
    rig.fake.onCommand("sleep", CommandResult.exit(0).duration(Duration.ofSeconds(30)));
    Jail jail =
        web().addExecPrestart("sleep 30").execTimeout(Duration.ofMillis(200)).persist(true).build();

    assertThatThrownBy(() -> rig.host.start(jail))
        .isInstanceOfSatisfying(
            JailStartException.class,
            e -> {
              assertThat(e.failedStep().orElseThrow().step()).isEqualTo(JailStep.EXEC_PRESTART);
              assertThat(e.failedStep().orElseThrow().timedOut()).isTrue();
            })
        .hasMessageContaining("sleep 30: timed out");
  }

  @Test
  void failingCommandReportsItsOutputAndExitStatus() {
    rig.fake.onCommand("false", CommandResult.exit(3).stderr("nope\n"));

    assertThatThrownBy(() -> rig.host.start(web().addExecCreated("false").persist(true).build()))
        .isInstanceOfSatisfying(
            JailStartException.class,
            e -> {
              assertThat(e.failedStep().orElseThrow().step()).isEqualTo(JailStep.EXEC_CREATED);
              assertThat(e.failedStep().orElseThrow().command()).hasValue("false");
              assertThat(e.failedStep().orElseThrow().exitCode()).hasValue(3);
              assertThat(e.failedStep().orElseThrow().output()).isEqualTo("nope\n");
            })
        .hasMessageContaining("exec.created")
        .hasMessageContaining("false: failed (exit status 3)");
  }

  @Test
  void builderStartUsesTheGivenHost() {
    RunningJail r = web().persist(true).start(rig.host);

    assertThat(rig.host.find("web"))
        .hasValueSatisfying(f -> assertThat(f.jid()).isEqualTo(r.jid()));
  }

  @Test
  void builderStartWithoutAHostUsesJailHostLocal() {
    String before = System.getProperty(JailHost.PROVIDER_PROPERTY);
    System.setProperty(JailHost.PROVIDER_PROPERTY, "fake");
    try {
      RunningJail r = web().persist(true).start();

      assertThat(r.host().provider().name()).isEqualTo("fake");
      assertThat(r.isAlive()).isTrue();
      r.stop();
      assertThat(r.isAlive()).isFalse();
    } finally {
      if (before == null) {
        System.clearProperty(JailHost.PROVIDER_PROPERTY);
      } else {
        System.setProperty(JailHost.PROVIDER_PROPERTY, before);
      }
    }
  }

  private RecordedCommand lastHost(String program) {
    List<RecordedCommand> all = rig.fake.hostCommands();
    for (int i = all.size() - 1; i >= 0; i--) {
      if (all.get(i).program().equals(program)) {
        return all.get(i);
      }
    }
    throw new AssertionError("no host command " + program + " in " + all);
  }
}
