package org.jail4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.jail4j.Errno;
import org.jail4j.Jail;
import org.jail4j.JailBuilder;
import org.jail4j.JailException;
import org.jail4j.JailHost;
import org.jail4j.RunningJail;
import org.jail4j.param.JailParam;
import org.jail4j.spi.CommandSpec;
import org.jail4j.spi.HostSystem;
import org.jail4j.spi.IpAlias;
import org.jail4j.spi.MountRequest;
import org.jail4j.spi.support.IpLiterals;
import org.jail4j.testkit.junit.FakeJails;
import org.junit.jupiter.api.Test;

/** The host as a root process inside a jail sees it (freebsd-jail-abi.md §8). */
@FakeJails(modules = "tmpfs")
class JailedHostSystemTest {

  private static RunningJail parent(JailHost host, boolean mayMount) {
    JailBuilder b =
        Jail.builder()
            .name("build")
            .path("/jails/build")
            .persist(true)
            .param(JailParam.CHILDREN_MAX, 4);
    if (mayMount) {
      b.param(JailParam.ALLOW_MOUNT, true)
          .param(JailParam.ALLOW_MOUNT_TMPFS, true)
          .param(JailParam.ENFORCE_STATFS, 1);
    }
    return host.start(b.build());
  }

  private static MountRequest tmpfs(String target) {
    return new MountRequest("tmpfs", "tmpfs", target, List.of("rw"), null);
  }

  private static void assertErrno(Runnable call, Errno errno) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(JailException.class, e -> assertThat(e.errno()).contains(errno));
  }

  @Test
  void mountsFromInsideLandBelowTheJailsRootAndAreSeenFromInside(
      JailHost host, FakeHostSystem fake) {
    try (RunningJail build = parent(host, true)) {
      HostSystem inside = fake.asProcessIn(build.jid());
      inside.mount(tmpfs("/tmp"));
      assertThat(fake.mounts())
          .extracting(MountRequest::target)
          .containsExactly("/jails/build/tmp");
      assertThat(inside.mounts()).extracting(MountRequest::target).containsExactly("/tmp");
      inside.unmount("/tmp", false);
      assertThat(fake.mounts()).isEmpty();
    }
  }

  @Test
  void mountingNeedsAllowMountAndTheFileSystemsFlag(JailHost host, FakeHostSystem fake) {
    try (RunningJail build = parent(host, false)) {
      HostSystem inside = fake.asProcessIn(build.jid());
      assertErrno(() -> inside.mount(tmpfs("/tmp")), Errno.EPERM);
      assertThat(fake.mounts()).isEmpty();
    }
  }

  @Test
  void aDevfsMountMayUseOnlyTheJailsOwnRuleset(JailHost host, FakeHostSystem fake) {
    Jail build =
        Jail.builder()
            .name("build")
            .path("/jails/build")
            .persist(true)
            .param(JailParam.ALLOW_MOUNT, true)
            .param(JailParam.ALLOW_MOUNT_DEVFS, true)
            .param(JailParam.ENFORCE_STATFS, 1)
            .param(JailParam.DEVFS_RULESET, 4)
            .build();
    try (RunningJail running = host.start(build)) {
      HostSystem inside = fake.asProcessIn(running.jid());
      assertErrno(() -> inside.mount(MountRequest.devfs("/dev", 5)), Errno.EPERM);
      inside.mount(MountRequest.devfs("/dev", 4));
      assertThat(fake.devfsRuleset("/jails/build/dev")).hasValue(4);
      inside.unmount("/dev", false);
    }
  }

  @Test
  void aNonVnetJailCannotConfigureAddressesOrInterfaces(JailHost host, FakeHostSystem fake) {
    try (RunningJail build = parent(host, false)) {
      HostSystem inside = fake.asProcessIn(build.jid());
      IpAlias alias = new IpAlias("em0", IpLiterals.parse("192.0.2.9"), 24);
      assertErrno(() -> inside.addAlias(alias), Errno.EPERM);
      assertErrno(() -> inside.createInterface("epair", null), Errno.EPERM);
      assertThat(fake.aliases()).isEmpty();
      assertThat(inside.interfaces()).isEqualTo(fake.interfaces());
    }
  }

  @Test
  void commandsRunInTheJailAndOnlyInJailsBelowIt(JailHost host, FakeHostSystem fake)
      throws Exception {
    try (RunningJail build = parent(host, false);
        RunningJail other =
            host.start(Jail.builder().name("other").path("/jails/other").persist(true).build())) {
      HostSystem inside = fake.asProcessIn(build.jid());
      assertThat(inside.startOnHost(CommandSpec.of("hostname")).waitFor()).isZero();
      assertThat(fake.jailCommands(build.jid()))
          .extracting(RecordedCommand::argv)
          .containsExactly(List.of("hostname"));
      Process p = inside.startInJail(other.jid(), CommandSpec.of("hostname"));
      assertThat(p.waitFor()).isEqualTo(1);
      assertThat(
              new String(
                  p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo("jexec: jail " + other.jid() + " not found\n");
      assertThat(inside.jailProcesses(other.jid())).isEmpty();
    }
  }

  @Test
  void aJailThatIsNotAliveHasNoHost(FakeJailProvider fake) {
    assertThatThrownBy(() -> fake.inJail(42))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no live jail with JID 42");
    assertThatThrownBy(() -> fake.fakeHost().asProcessIn(42))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no live jail with JID 42");
  }

  @Test
  void theProviderInsideIsTheFakeAndNeverOffersItself(JailHost host, FakeJailProvider fake) {
    try (RunningJail build = parent(host, false)) {
      assertThat(fake.inJail(build.jid()).name()).isEqualTo(FakeJailProvider.NAME);
      assertThat(fake.inJail(build.jid()).support().supported()).isFalse();
    }
  }
}
