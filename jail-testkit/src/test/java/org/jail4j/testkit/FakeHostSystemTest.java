package org.jail4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jail4j.CommandResult;
import org.jail4j.Errno;
import org.jail4j.JailException;
import org.jail4j.spi.CommandSpec;
import org.jail4j.spi.IoVec;
import org.jail4j.spi.IpAlias;
import org.jail4j.spi.JailFlags;
import org.jail4j.spi.MountRequest;
import org.jail4j.spi.SyscallException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FakeHostSystemTest {
  private final FakeJailKernel kernel =
      FakeJailKernel.builder().paths(PathCheck.anyDirectory()).build();
  private final FakeHostSystem host = new FakeHostSystem(kernel);

  private static MountRequest nullfs(String source, String target) {
    return new MountRequest("nullfs", source, target, List.of("ro"), null);
  }

  private static IpAlias alias(String iface, String address, int prefix) throws IOException {
    return new IpAlias(iface, InetAddress.getByName(address), prefix);
  }

  private static Errno errnoOf(Throwable t) {
    return ((JailException) t).errno().orElseThrow();
  }

  private int createPersistentJail(String name) throws SyscallException {
    return kernel.set(
        new IoVec[] {IoVec.name("name"), IoVec.string(name), IoVec.name("persist"), IoVec.empty()},
        JailFlags.CREATE);
  }

  private int createJail(String name, boolean vnet) throws SyscallException {
    IoVec[] iov =
        vnet
            ? new IoVec[] {
              IoVec.name("name"), IoVec.string(name),
              IoVec.name("persist"), IoVec.empty(),
              IoVec.name("vnet"), IoVec.of(new byte[] {1, 0, 0, 0})
            }
            : new IoVec[] {
              IoVec.name("name"), IoVec.string(name), IoVec.name("persist"), IoVec.empty()
            };
    return kernel.set(iov, JailFlags.CREATE);
  }

  @Nested
  class Mounts {
    @Test
    void mountsAreListedInMountOrder() {
      host.mount(nullfs("/jails/base", "/jail/web"));
      host.mount(MountRequest.devfs("/jail/web/dev", 4));

      assertThat(host.mounts())
          .extracting(MountRequest::target)
          .containsExactly("/jail/web", "/jail/web/dev");
    }

    @Test
    void devfsRulesetIsRecorded() {
      host.mount(MountRequest.devfs("/jail/web/dev", 5));

      assertThat(host.devfsRuleset("/jail/web/dev")).hasValue(5);
    }

    @Test
    void devfsRulesetOutsideRangeIsEinval() {
      assertThatThrownBy(() -> host.mount(MountRequest.devfs("/jail/web/dev", 65536)))
          .satisfies(e -> assertThat(errnoOf(e)).isEqualTo(Errno.EINVAL))
          .hasMessageContaining("ruleset");
      assertThat(host.mounts()).isEmpty();
    }

    @Test
    void relativeTargetIsEinval() {
      assertThatThrownBy(() -> host.mount(nullfs("/a", "jail/web")))
          .satisfies(e -> assertThat(errnoOf(e)).isEqualTo(Errno.EINVAL));
    }

    @Test
    void unknownFileSystemTypeIsEnodev() {
      assertThatThrownBy(
              () -> host.mount(new MountRequest("nosuchfs", "x", "/mnt", List.of(), null)))
          .satisfies(e -> assertThat(errnoOf(e)).isEqualTo(Errno.ENODEV));
    }

    @Test
    void unmountRemovesTheMount() {
      host.mount(MountRequest.devfs("/jail/web/dev", 4));
      host.unmount("/jail/web/dev", false);

      assertThat(host.mounts()).isEmpty();
    }

    @Test
    void unmountOfUnknownTargetIsEinval() {
      assertThatThrownBy(() -> host.unmount("/jail/web/dev", false))
          .isInstanceOf(JailException.class)
          .satisfies(e -> assertThat(errnoOf(e)).isEqualTo(Errno.EINVAL))
          .hasMessageContaining("/jail/web/dev");
    }

    @Test
    void unmountingInTheWrongOrderIsEbusyEvenWithForce() {
      host.mount(nullfs("/jails/base", "/jail/web"));
      host.mount(MountRequest.devfs("/jail/web/dev", 4));

      assertThatThrownBy(() -> host.unmount("/jail/web", true))
          .satisfies(e -> assertThat(errnoOf(e)).isEqualTo(Errno.EBUSY))
          .hasMessageContaining("/jail/web/dev");
      assertThat(host.mounts()).hasSize(2);
    }

    @Test
    void busyTargetIsEbusyUnlessForced() {
      host.mount(MountRequest.devfs("/jail/web/dev", 4));
      host.markBusy("/jail/web/dev");

      assertThatThrownBy(() -> host.unmount("/jail/web/dev", false))
          .satisfies(e -> assertThat(errnoOf(e)).isEqualTo(Errno.EBUSY));
      host.unmount("/jail/web/dev", true);
      assertThat(host.mounts()).isEmpty();
    }

    @Test
    void stackedMountsUnmountTopFirst() {
      host.mount(new MountRequest("tmpfs", "tmpfs", "/mnt", List.of(), null));
      host.mount(nullfs("/data", "/mnt"));
      host.unmount("/mnt", false);

      assertThat(host.mounts()).extracting(MountRequest::fsType).containsExactly("tmpfs");
    }

    @Test
    void failNextMountFailsOnceWithTheErrno() {
      host.failNextMount(Errno.EPERM);

      assertThatThrownBy(() -> host.mount(MountRequest.devfs("/jail/a/dev", 4)))
          .satisfies(e -> assertThat(errnoOf(e)).isEqualTo(Errno.EPERM));
      host.mount(MountRequest.devfs("/jail/a/dev", 4));
      assertThat(host.mounts()).hasSize(1);
    }

    @Test
    void failNextMountWithPredicateSkipsOtherMounts() {
      host.failNextMount(m -> m.fsType().equals("procfs"), Errno.ENOENT);
      host.mount(MountRequest.devfs("/jail/a/dev", 4));

      assertThatThrownBy(
              () -> host.mount(new MountRequest("procfs", "proc", "/jail/a/proc", List.of(), null)))
          .satisfies(e -> assertThat(errnoOf(e)).isEqualTo(Errno.ENOENT));
    }

    @Test
    void failNextUnmountFailsOnce() {
      host.mount(MountRequest.devfs("/jail/a/dev", 4));
      host.failNextUnmount(Errno.EBUSY);

      assertThatThrownBy(() -> host.unmount("/jail/a/dev", true))
          .satisfies(e -> assertThat(errnoOf(e)).isEqualTo(Errno.EBUSY));
      host.unmount("/jail/a/dev", true);
    }
  }

  @Nested
  class Aliases {
    @Test
    void aliasIsAddedAndRecordedAsIfconfigArgs() throws IOException {
      IpAlias a = alias("em0", "192.0.2.4", 32);
      host.addAlias(a);

      assertThat(host.aliases()).containsExactly(a);
      assertThat(host.ifconfigCalls())
          .containsExactly(List.of("em0", "inet", "192.0.2.4/32", "alias"));
    }

    @Test
    void aliasOnMissingInterfaceIsEnxio() throws IOException {
      IpAlias a = alias("em9", "192.0.2.4", 32);

      assertThatThrownBy(() -> host.addAlias(a))
          .satisfies(e -> assertThat(errnoOf(e)).isEqualTo(Errno.ENXIO))
          .hasMessageContaining("em9 does not exist");
    }

    @Test
    void sameAddressOnAnotherInterfaceIsEexist() throws IOException {
      host.addAlias(alias("em0", "192.0.2.4", 32));

      assertThatThrownBy(() -> host.addAlias(alias("lo0", "192.0.2.4", 32)))
          .satisfies(e -> assertThat(errnoOf(e)).isEqualTo(Errno.EEXIST));
    }

    @Test
    void addingTheSameAliasTwiceKeepsOne() throws IOException {
      host.addAlias(alias("em0", "192.0.2.4", 32));
      host.addAlias(alias("em0", "192.0.2.4", 24));

      assertThat(host.aliases()).containsExactly(alias("em0", "192.0.2.4", 24));
    }

    @Test
    void removingAnAbsentAliasIsEaddrnotavail() throws IOException {
      assertThatThrownBy(() -> host.removeAlias(alias("em0", "192.0.2.4", 32)))
          .satisfies(e -> assertThat(errnoOf(e)).isEqualTo(Errno.EADDRNOTAVAIL));
    }

    @Test
    void removeAliasRemovesIt() throws IOException {
      IpAlias a = alias("em0", "2001:db8::4", 128);
      host.addAlias(a);
      host.removeAlias(a);

      assertThat(host.aliases()).isEmpty();
      assertThat(host.ifconfigCalls()).containsExactly(a.ifconfigArgs(), a.ifconfigRemoveArgs());
    }

    @Test
    void failNextAliasFailsOnce() throws IOException {
      host.failNextAlias(Errno.EADDRINUSE);

      assertThatThrownBy(() -> host.addAlias(alias("em0", "192.0.2.4", 32)))
          .satisfies(e -> assertThat(errnoOf(e)).isEqualTo(Errno.EADDRINUSE));
      host.addAlias(alias("em0", "192.0.2.4", 32));
      assertThat(host.aliases()).hasSize(1);
    }

    @Test
    void ifconfigAliasArgumentsAddAnAlias() throws IOException {
      host.ifconfig(List.of("em0", "inet", "192.0.2.7/24", "alias"));

      assertThat(host.aliases()).containsExactly(alias("em0", "192.0.2.7", 24));
    }
  }

  @Nested
  class Interfaces {
    @Test
    void hostStartsWithLoopbackAndEthernet() {
      assertThat(host.interfaces()).containsExactly("lo0", "em0");
    }

    @Test
    void epairCreatesBothEndsWithTheLowestFreeUnit() {
      assertThat(host.createInterface("epair", null)).isEqualTo("epair0a");
      assertThat(host.createInterface("epair", null)).isEqualTo("epair1a");
      host.destroyInterface("epair0b");

      assertThat(host.createInterface("epair", null)).isEqualTo("epair0a");
      assertThat(host.interfaces()).contains("epair0a", "epair0b", "epair1a", "epair1b");
    }

    @Test
    void destroyingOneEndOfAnEpairDestroysBoth() {
      host.createInterface("epair", null);
      host.destroyInterface("epair0a");

      assertThat(host.interfaces()).containsExactly("lo0", "em0");
    }

    @Test
    void namedEpairNamesBothEnds() {
      assertThat(host.createInterface("epair", "web0a")).isEqualTo("web0a");

      assertThat(host.interfaces()).contains("web0a", "web0b");
    }

    @Test
    void unknownClonerIsEinval() {
      assertThatThrownBy(() -> host.createInterface("nosuch", null))
          .satisfies(e -> assertThat(errnoOf(e)).isEqualTo(Errno.EINVAL));
    }

    @Test
    void creatingAnExistingNameIsEexist() {
      host.createInterface("bridge", null);

      assertThatThrownBy(() -> host.createInterface("bridge0", null))
          .satisfies(e -> assertThat(errnoOf(e)).isEqualTo(Errno.EEXIST));
    }

    @Test
    void destroyingAPhysicalInterfaceIsEinval() {
      assertThatThrownBy(() -> host.destroyInterface("em0"))
          .satisfies(e -> assertThat(errnoOf(e)).isEqualTo(Errno.EINVAL));
    }

    @Test
    void destroyingAMissingInterfaceIsEnxio() {
      assertThatThrownBy(() -> host.destroyInterface("epair7a"))
          .satisfies(e -> assertThat(errnoOf(e)).isEqualTo(Errno.ENXIO));
    }

    @Test
    void bridgeMembersAreRecorded() {
      String bridge = host.createInterface("bridge", null);
      String a = host.createInterface("epair", null);
      host.ifconfig(List.of(bridge, "addm", a, "up"));

      assertThat(host.bridgeMembers(bridge)).containsExactly("epair0a");
      assertThat(host.ifconfigCalls()).contains(List.of("bridge0", "addm", "epair0a", "up"));
    }

    @Test
    void failNextInterfaceFailsOnce() {
      host.failNextInterface(Errno.ENOSPC);

      assertThatThrownBy(() -> host.createInterface("epair", null))
          .satisfies(e -> assertThat(errnoOf(e)).isEqualTo(Errno.ENOSPC));
      assertThat(host.createInterface("epair", null)).isEqualTo("epair0a");
    }

    @Test
    void vnetMoveOfAMissingJailIsEnxio() {
      host.createInterface("epair", null);

      assertThatThrownBy(() -> host.ifconfig(List.of("epair0b", "vnet", "nosuch")))
          .satisfies(e -> assertThat(errnoOf(e)).isEqualTo(Errno.ENXIO));
      assertThat(host.interfaces()).contains("epair0b");
    }

    @Test
    void vnetMoveIntoAVnetJailTakesTheInterfaceOffTheHost() throws SyscallException {
      int jid = createJail("web", true);
      host.createInterface("epair", null);
      host.ifconfig(List.of("epair0b", "vnet", "web"));

      assertThat(host.interfaces()).doesNotContain("epair0b");
      assertThat(host.interfacesIn(jid)).containsExactly("epair0b");
      assertThat(host.ifconfigCalls()).contains(List.of("epair0b", "vnet", "web"));
    }

    @Test
    void vnetMoveIntoANonVnetJailIsEexist() throws SyscallException {
      createJail("web", false);
      host.createInterface("epair", null);

      assertThatThrownBy(() -> host.ifconfig(List.of("epair0b", "vnet", "web")))
          .satisfies(e -> assertThat(errnoOf(e)).isEqualTo(Errno.EEXIST));
    }

    @Test
    void interfacesComeBackWhenTheVnetJailIsRemoved() throws SyscallException {
      int jid = createJail("web", true);
      host.createInterface("epair", null);
      host.ifconfig(List.of("epair0b", "vnet", String.valueOf(jid)));
      kernel.remove(jid);

      assertThat(host.interfaces()).contains("epair0b");
      assertThat(host.interfacesIn(jid)).isEmpty();
    }
  }

  @Nested
  class Commands {
    @Test
    void defaultIsExitZeroWithoutOutput() throws Exception {
      Process p = host.startOnHost(CommandSpec.of("/usr/bin/true"));

      assertThat(p.waitFor()).isZero();
      assertThat(p.getInputStream().readAllBytes()).isEmpty();
      assertThat(p.getErrorStream().readAllBytes()).isEmpty();
    }

    @Test
    void handlerByProgramNameAnswers() throws Exception {
      host.onCommand("make", CommandResult.exit(2).stdout("out\n").stderr("err\n"));
      Process p = host.startOnHost(CommandSpec.of("/usr/bin/make", "-C", "/src"));

      assertThat(p.waitFor()).isEqualTo(2);
      assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("out\n");
      assertThat(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("err\n");
    }

    @Test
    void laterHandlerWins() throws Exception {
      host.onCommand(spec -> true, CommandResult.exit(1));
      host.onCommand("echo", CommandResult.exit(0).stdout("hi\n"));

      assertThat(host.startOnHost(CommandSpec.of("echo", "hi")).waitFor()).isZero();
      assertThat(host.startOnHost(CommandSpec.of("ls")).waitFor()).isEqualTo(1);
    }

    @Test
    void handlerSeesTheJailOfTheCommand() throws Exception {
      int jid = createPersistentJail("web");
      host.onCommand(
          FakeHostSystem.programIs("hostname"),
          cmd -> CommandResult.exit(0).stdout("jail " + cmd.jid()));
      Process p = host.startInJail(jid, CommandSpec.of("hostname"));

      assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("jail " + jid);
    }

    @Test
    void hostAndJailCommandsAreRecordedSeparately() throws Exception {
      int jid = createPersistentJail("web");
      host.startOnHost(CommandSpec.of("echo", "START")).waitFor();
      host.startInJail(jid, CommandSpec.of("/bin/sh", "/etc/rc")).waitFor();

      assertThat(host.hostCommands())
          .containsExactly(
              new RecordedCommand(RecordedCommand.HOST, CommandSpec.of("echo", "START")));
      assertThat(host.jailCommands())
          .containsExactly(new RecordedCommand(jid, CommandSpec.of("/bin/sh", "/etc/rc")));
    }

    @Test
    void durationKeepsTheProcessRunning() throws Exception {
      host.onCommand("sleep", CommandResult.exit(0).duration(Duration.ofMillis(300)));
      Process p = host.startOnHost(CommandSpec.of("sleep", "1"));

      assertThat(p.isAlive()).isTrue();
      assertThatThrownBy(p::exitValue).isInstanceOf(IllegalThreadStateException.class);
      assertThat(p.waitFor(5, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isZero();
    }

    @Test
    void waitForWithTimeoutReturnsFalseWhileRunning() throws Exception {
      host.onCommand("sleep", CommandResult.exit(0).duration(Duration.ofHours(1)));
      Process p = host.startOnHost(CommandSpec.of("sleep", "3600"));

      assertThat(p.waitFor(20, TimeUnit.MILLISECONDS)).isFalse();
      p.destroyForcibly();
    }

    @Test
    void destroyEndsWithSigtermStatus() throws Exception {
      host.onCommand("sleep", CommandResult.exit(0).duration(Duration.ofHours(1)));
      Process p = host.startOnHost(CommandSpec.of("sleep", "3600"));
      p.destroy();

      assertThat(p.waitFor()).isEqualTo(143);
    }

    @Test
    void destroyForciblyEndsWithSigkillStatus() throws Exception {
      host.onCommand("sleep", CommandResult.exit(0).duration(Duration.ofHours(1)));
      Process p = host.startOnHost(CommandSpec.of("sleep", "3600"));

      assertThat(p.destroyForcibly().waitFor()).isEqualTo(137);
      assertThat(p.onExit().get(5, TimeUnit.SECONDS).exitValue()).isEqualTo(137);
    }

    @Test
    void stdinIsRecorded() throws Exception {
      FakeProcess p = (FakeProcess) host.startOnHost(CommandSpec.of("cat"));
      p.getOutputStream().write("hello".getBytes(StandardCharsets.UTF_8));

      assertThat(new String(p.stdinBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
    }

    @Test
    void failNextCommandFailsOnlyTheNextMatch() throws Exception {
      host.failNextCommand("zfs", 1);

      assertThat(host.startOnHost(CommandSpec.of("zfs", "list")).waitFor()).isEqualTo(1);
      assertThat(host.startOnHost(CommandSpec.of("zfs", "list")).waitFor()).isZero();
    }

    @Test
    void inJailCommandIsAProcessOfTheJailWhileItRuns() throws Exception {
      int jid = createPersistentJail("web");
      host.onCommand("sleep", CommandResult.exit(0).duration(Duration.ofHours(1)));
      Process p = host.startInJail(jid, CommandSpec.of("sleep", "3600"));

      assertThat(kernel.processes(jid)).containsExactly((int) p.pid());
      p.destroy();
      p.waitFor();
      assertThat(kernel.processes(jid)).isEmpty();
    }

    @Test
    void nonPersistentJailDiesWhenItsLastCommandExits() throws Exception {
      int jid = createPersistentJail("web");
      host.onCommand("sleep", CommandResult.exit(0).duration(Duration.ofMillis(100)));
      Process p = host.startInJail(jid, CommandSpec.of("sleep", "0.1"));
      kernel.set(
          new IoVec[] {
            IoVec.name("name"), IoVec.string("web"), IoVec.name("nopersist"), IoVec.empty()
          },
          JailFlags.UPDATE);

      assertThat(kernel.jail(jid)).hasValueSatisfying(j -> assertThat(j.dying()).isFalse());
      assertThat(p.waitFor()).isZero();
      assertThat(kernel.jails().stream().filter(j -> j.jid() == jid && !j.dying())).isEmpty();
    }

    @Test
    void removingTheJailKillsItsCommandWithSigkillStatus() throws Exception {
      int jid = createPersistentJail("web");
      host.onCommand("sleep", CommandResult.exit(0).duration(Duration.ofHours(1)));
      Process p = host.startInJail(jid, CommandSpec.of("sleep", "3600"));
      kernel.remove(jid);

      assertThat(p.waitFor(5, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isEqualTo(137);
    }

    @Test
    void signalToTheJailEndsItsCommandWithSigtermStatus() throws Exception {
      int jid = createPersistentJail("web");
      host.onCommand("sleep", CommandResult.exit(0).duration(Duration.ofHours(1)));
      Process p = host.startInJail(jid, CommandSpec.of("sleep", "3600"));
      kernel.signal(jid, 15);

      assertThat(p.waitFor(5, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isEqualTo(143);
    }

    @Test
    void runningProcessesListsOnlyLiveOnes() throws Exception {
      host.onCommand("sleep", CommandResult.exit(0).duration(Duration.ofHours(1)));
      Process running = host.startOnHost(CommandSpec.of("sleep", "3600"));
      host.startOnHost(CommandSpec.of("true")).waitFor();

      assertThat(host.runningProcesses()).containsExactly((FakeProcess) running);
      host.killAll();
      assertThat(host.runningProcesses()).isEmpty();
    }

    @Test
    void commandInAMissingJailFailsLikeJexec() throws Exception {
      Process p = host.startInJail(42, CommandSpec.of("ls"));

      assertThat(p.waitFor()).isEqualTo(1);
      assertThat(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("jexec: jail 42 not found\n");
    }
  }

  @Nested
  class JailHelpers {
    @Test
    void cloningLoopbackSkipsTheBuiltInLo0() {
      assertThat(host.createInterface("lo", null)).isEqualTo("lo1");
      assertThat(host.interfaces()).contains("lo0", "lo1");
    }

    @Test
    void aHostWithoutItsOwnPathCheckUsesTheKernels() {
      FakeJailKernel anyKernel = FakeJailKernel.builder().paths(PathCheck.anyDirectory()).build();
      assertThat(new FakeHostSystem(anyKernel).checkDirectory("/j4j-no-such-dir/web")).isEmpty();
      assertThat(new FakeHostSystem(FakeJailKernel.create()).checkDirectory("/j4j-no-such-dir/web"))
          .contains(Errno.ENOENT);
    }

    @Test
    void checkDirectoryUsesTheHostsPathCheck() throws Exception {
      FakeHostSystem real = new FakeHostSystem(kernel, PathCheck.realFileSystem());
      FakeHostSystem any = new FakeHostSystem(kernel, PathCheck.anyDirectory());
      java.nio.file.Path file = java.nio.file.Files.createTempFile("fakehost", ".txt");
      try {
        assertThat(real.checkDirectory("/j4j-no-such-dir/web")).contains(Errno.ENOENT);
        assertThat(real.checkDirectory(PathCheck.jailPath(file))).contains(Errno.ENOTDIR);
        assertThat(
                real.checkDirectory(
                    PathCheck.jailPath(
                        java.nio.file.Path.of(System.getProperty("java.io.tmpdir")))))
            .isEmpty();
        assertThat(any.checkDirectory("/j4j-no-such-dir/web")).isEmpty();
      } finally {
        java.nio.file.Files.delete(file);
      }
    }

    @Test
    void signalJailEndsTheJailsProcessesThroughTheKernel() throws Exception {
      int jid = createPersistentJail("web");
      host.onCommand("sleep", CommandResult.exit(0).duration(Duration.ofHours(1)));
      Process p = host.startInJail(jid, CommandSpec.of("sleep", "3600"));

      assertThat(host.jailProcesses(jid)).containsExactly((int) p.pid());
      host.signalJail(jid, 15);
      assertThat(p.waitFor(5, TimeUnit.SECONDS)).isTrue();
      assertThat(host.jailProcesses(jid)).isEmpty();
      assertThat(host.journal()).contains("signal 15 to jail " + jid);
    }
  }

  @Nested
  class Concurrency {
    @Test
    void parallelMountsAliasesAndCommandsLoseNothing() throws Exception {
      int threads = 8;
      int perThread = 50;
      java.util.concurrent.ExecutorService pool =
          java.util.concurrent.Executors.newFixedThreadPool(threads);
      try {
        List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int thread = t;
          done.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < perThread; i++) {
                      String target = "/jail/t" + thread + "/m" + i;
                      host.mount(MountRequest.devfs(target, 4));
                      host.addAlias(alias("em0", "10.1." + thread + "." + i, 32));
                      assertThat(host.startOnHost(CommandSpec.of("true")).waitFor()).isZero();
                      if (i % 2 == 0) {
                        host.unmount(target, false);
                      }
                    }
                    return null;
                  }));
        }
        for (java.util.concurrent.Future<?> f : done) {
          f.get(30, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }

      assertThat(host.mounts()).hasSize(threads * perThread / 2);
      assertThat(host.aliases()).hasSize(threads * perThread);
      assertThat(host.hostCommands()).hasSize(threads * perThread);
    }
  }

  @Nested
  class Inspection {
    @Test
    void leftoversNameJailsMountsAliasesAndInterfaces() throws Exception {
      createPersistentJail("web");
      host.mount(MountRequest.devfs("/jail/web/dev", 4));
      host.addAlias(alias("em0", "192.0.2.4", 32));
      host.createInterface("epair", null);

      Leftovers left = host.leftovers();

      assertThat(left.jails()).singleElement().asString().startsWith("web (jid ");
      assertThat(left.mounts()).hasSize(1);
      assertThat(left.aliases()).hasSize(1);
      assertThat(left.interfaces()).containsExactly("epair0a", "epair0b");
      assertThat(left.describe())
          .contains(
              "jail web",
              "mount devfs /jail/web/dev",
              "alias 192.0.2.4/32 on em0",
              "interface epair0a");
    }

    @Test
    void leftoversSinceASnapshotShowOnlyWhatIsNew() throws Exception {
      host.mount(MountRequest.devfs("/a/dev", 4));
      Leftovers before = host.leftovers();
      host.mount(MountRequest.devfs("/b/dev", 4));

      assertThat(host.leftovers().since(before).mounts())
          .extracting(MountRequest::target)
          .containsExactly("/b/dev");
    }

    @Test
    void journalListsOperationsInOrder() throws Exception {
      host.addAlias(alias("em0", "192.0.2.4", 32));
      host.mount(MountRequest.devfs("/jail/web/dev", 4));
      host.startOnHost(CommandSpec.of("echo", "START"));

      assertThat(host.journal())
          .containsExactly(
              "ifconfig em0 inet 192.0.2.4/32 alias",
              "mount devfs devfs on /jail/web/dev ruleset 4",
              "exec host: echo START");
    }
  }
}
