package org.jail4j.freebsd.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import jnr.ffi.Runtime;
import org.jail4j.Errno;
import org.jail4j.JailException;
import org.jail4j.spi.CommandSpec;
import org.jail4j.spi.IoVec;
import org.jail4j.spi.IpAlias;
import org.jail4j.spi.MountRequest;
import org.jail4j.spi.support.IpLiterals;
import org.junit.jupiter.api.Test;

/** Mounts through nmount(2) in native memory, and the command lines the host system runs. */
class NativeHostSystemTest {
  private final Runtime runtime = Runtime.getSystemRuntime();
  private final EmulatedLibc libc = new EmulatedLibc(new ScriptedKernel(), runtime);
  private final RecordingStarter starter = new RecordingStarter();
  private final NativeHostSystem host = libc.binding().hostSystem(starter);

  @Test
  void aDevfsMountIsFstypeFspathFromAndErrmsg() {
    host.mount(new MountRequest("devfs", "devfs", "/jail/web/dev", List.of(), null));

    IoVec[] iov = libc.nmountCalls().get(0);
    assertThat(iov).hasSize(8);
    assertThat(Sysctl.cString(iov[0].bytes())).isEqualTo("fstype");
    assertThat(iov[0].length()).isEqualTo(7);
    assertThat(Sysctl.cString(iov[1].bytes())).isEqualTo("devfs");
    assertThat(Sysctl.cString(iov[2].bytes())).isEqualTo("fspath");
    assertThat(Sysctl.cString(iov[3].bytes())).isEqualTo("/jail/web/dev");
    assertThat(Sysctl.cString(iov[4].bytes())).isEqualTo("from");
    assertThat(Sysctl.cString(iov[6].bytes())).isEqualTo("errmsg");
    assertThat(iov[7].length()).isEqualTo(255);
  }

  @Test
  void nullfsPassesItsSourceAsTargetAndOptionsAsPairs() {
    host.mount(
        new MountRequest("nullfs", "/jails/base", "/jail/web", List.of("ro", "size=1g"), null));

    assertThat(libc.mounts())
        .containsExactly(
            new MountRequest("nullfs", "/jails/base", "/jail/web", List.of("ro", "size=1g"), null));
    IoVec[] iov = libc.nmountCalls().get(0);
    assertThat(Sysctl.cString(iov[4].bytes())).isEqualTo("target");
    assertThat(iov[7].base()).isNull(); // "ro" carries no value
    assertThat(iov[7].length()).isZero();
  }

  @Test
  void aDevfsRulesetIsPassedToNmountAsTheRulesetOption() {
    host.mount(MountRequest.devfs("/jail/web/dev", 4));

    IoVec[] iov = libc.nmountCalls().get(0);
    assertThat(iov).hasSize(10);
    assertThat(Sysctl.cString(iov[6].bytes())).isEqualTo("ruleset");
    assertThat(Sysctl.cString(iov[7].bytes())).isEqualTo("4");
    assertThat(iov[7].length()).isEqualTo(2); // "4" with its NUL, as mount(8) passes it
    assertThat(Sysctl.cString(iov[8].bytes())).isEqualTo("errmsg");
    assertThat(libc.mounts().get(0).options()).containsExactly("ruleset=4");
  }

  @Test
  void aRulesetOptionGivenByTheCallerIsNotPassedTwice() {
    host.mount(new MountRequest("devfs", "devfs", "/jail/web/dev", List.of("ruleset=4"), 4));

    assertThat(libc.mounts().get(0).options()).containsExactly("ruleset=4");
  }

  @Test
  void aDevfsMountWithoutARulesetHasNoRulesetOption() {
    host.mount(new MountRequest("devfs", "devfs", "/jail/web/dev", List.of(), null));

    assertThat(libc.mounts().get(0).options()).isEmpty();
    assertThat(starter.commandLines()).isEmpty();
  }

  @Test
  void aDevfsRulesetIsAppliedAfterTheMount() {
    host.mount(MountRequest.devfs("/jail/web/dev", 4));

    assertThat(libc.mounts()).hasSize(1);
    assertThat(starter.commandLines())
        .containsExactly(
            List.of("/sbin/devfs", "-m", "/jail/web/dev", "rule", "-s", "4", "applyset"));
  }

  @Test
  void aFailedRulesetUnmountsTheDevfsAgain() {
    starter.answer = argv -> RecordingStarter.finished(1, "", "devfs: ruleset 99 does not exist");

    assertThatThrownBy(() -> host.mount(MountRequest.devfs("/jail/web/dev", 99)))
        .isInstanceOf(JailException.class)
        .hasMessageContaining("exit status 1")
        .hasMessageContaining("ruleset 99 does not exist");
    assertThat(libc.unmounts()).containsExactly("/jail/web/dev");
  }

  @Test
  void aFailedMountCarriesErrnoAndTheKernelsMessage() {
    libc.failNextNmount(Errno.ENOENT.number());

    assertThatThrownBy(() -> host.mount(MountRequest.devfs("/nowhere/dev", 4)))
        .isInstanceOfSatisfying(
            JailException.class,
            e -> {
              assertThat(e.errno()).contains(Errno.ENOENT);
              assertThat(e.operation()).isEqualTo("mount");
              assertThat(e.kernelMessage())
                  .hasValueSatisfying(m -> assertThat(m).contains("emulated mount failure"));
            });
    assertThat(starter.started).isEmpty();
  }

  @Test
  void unmountPassesThePath() {
    host.unmount("/jail/web/dev", true);

    assertThat(libc.unmounts()).containsExactly("/jail/web/dev");
  }

  @Test
  void anAliasIsAddedAndRemovedWithIfconfig() {
    IpAlias alias = new IpAlias("lo0", IpLiterals.parse("127.0.1.5"), 32);

    host.addAlias(alias);
    host.removeAlias(alias);

    assertThat(starter.commandLines())
        .containsExactly(
            List.of("/sbin/ifconfig", "lo0", "inet", "127.0.1.5/32", "alias"),
            List.of("/sbin/ifconfig", "lo0", "inet", "127.0.1.5", "-alias"));
  }

  @Test
  void aFailingIfconfigIsAJailExceptionWithItsStderr() {
    starter.answer =
        argv -> RecordingStarter.finished(1, "", "ifconfig: interface nope0 does not exist");

    assertThatThrownBy(() -> host.ifconfig(List.of("nope0", "up")))
        .isInstanceOf(JailException.class)
        .hasMessageContaining("/sbin/ifconfig nope0 up failed with exit status 1")
        .hasMessageContaining("does not exist");
  }

  @Test
  void interfacesComeFromIfconfigDashL() {
    starter.answer = argv -> RecordingStarter.finished(0, "em0 lo0\n", "");

    assertThat(host.interfaces()).containsExactly("em0", "lo0");
  }

  @Test
  void theMountTableComesFromMountDashP() {
    starter.answer = argv -> RecordingStarter.finished(0, "devfs /jail/web/dev devfs rw 0 0\n", "");

    assertThat(host.mounts())
        .containsExactly(new MountRequest("devfs", "devfs", "/jail/web/dev", List.of(), null));
    assertThat(starter.commandLines()).containsExactly(List.of("/sbin/mount", "-p"));
  }

  @Test
  void aliasesComeFromIfconfigDashA() {
    starter.answer =
        argv ->
            RecordingStarter.finished(
                0,
                "lo0: flags=8049<UP> metric 0 mtu 16384\n\tinet 127.0.53.1 netmask 0xffffffff\n",
                "");

    assertThat(host.aliases())
        .containsExactly(new IpAlias("lo0", IpLiterals.parse("127.0.53.1"), 32));
    assertThat(starter.commandLines()).containsExactly(List.of("/sbin/ifconfig", "-a"));
  }

  @Test
  void anEpairIsRenamedAtBothEnds() {
    starter.answer =
        argv -> RecordingStarter.finished(0, argv.contains("create") ? "epair3a\n" : "", "");

    assertThat(host.createInterface("epair", "web0a")).isEqualTo("web0a");
    assertThat(starter.commandLines())
        .containsExactly(
            List.of("/sbin/ifconfig", "epair", "create"),
            List.of("/sbin/ifconfig", "epair3a", "name", "web0a"),
            List.of("/sbin/ifconfig", "epair3b", "name", "web0b"));
  }

  @Test
  void aCommandInAJailRunsThroughJexecAndReturnsItsProcess() throws IOException {
    starter.answer = argv -> RecordingStarter.finished(0, "hello\n", "");

    Process p =
        host.startInJail(5, CommandSpec.of("/bin/echo", "hello").withEnvironment(Map.of("X", "1")));

    assertThat(
            new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("hello\n");
    RecordingStarter.Started s = starter.started.get(0);
    assertThat(s.argv()).containsExactly("/usr/sbin/jexec", "5", "/bin/echo", "hello");
    assertThat(s.env()).containsEntry("X", "1");
  }

  @Test
  void aCommandInAJailWithADirectoryAndCleanEnvironmentEntersItThroughShAsTheJailsRoot()
      throws IOException {
    starter.answer = argv -> RecordingStarter.finished(0, "", "");

    host.startInJail(
        5, CommandSpec.of("/bin/pwd").withCleanEnvironment(true).withWorkingDirectory("/var/db"));

    RecordingStarter.Started s = starter.started.get(0);
    assertThat(s.argv())
        .containsExactly(
            "/usr/sbin/jexec",
            "-l",
            "-U",
            "root",
            "5",
            "/bin/sh",
            "-c",
            "cd \"$1\" && shift && exec \"$@\"",
            "sh",
            "/var/db",
            "/bin/pwd");
    // the directory is inside the jail, never the host process's directory
    assertThat(s.dir()).isNull();
  }

  @Test
  void aHostCommandRunsWithItsDirectoryAndEnvironment() throws IOException {
    host.startOnHost(
        CommandSpec.of("/usr/bin/make")
            .withWorkingDirectory("/usr/src")
            .withEnvironment(Map.of("JID", "5")));

    RecordingStarter.Started s = starter.started.get(0);
    assertThat(s.argv()).containsExactly("/usr/bin/make");
    assertThat(s.dir()).isEqualTo("/usr/src");
    assertThat(s.env()).containsEntry("JID", "5");
  }

  @Test
  void theRealProcessBuilderStartsARealProcess() throws Exception {
    Process p =
        ProcessStarter.PROCESS_BUILDER.start(
            List.of("sh", "-c", "echo $X"), Map.of("X", "42"), false, null);

    assertThat(
            new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                .trim())
        .isEqualTo("42");
    assertThat(p.waitFor()).isZero();
  }
}
