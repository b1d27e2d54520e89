package org.jail4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jail4j.spi.JailFlags.CREATE;
import static org.jail4j.testkit.Kernels.assertSetFails;
import static org.jail4j.testkit.Kernels.newJail;

import org.jail4j.Errno;
import org.jail4j.FreeBsdVersion;
import org.jail4j.spi.JailKernel;
import org.jail4j.spi.SyscallException;
import org.junit.jupiter.api.Test;

/** freebsd-jail-abi.md §3.3: limits, JID allocation and the defaults of a new jail. */
class CreationTest {
  private final FakeJailKernel kernel =
      FakeJailKernel.builder()
          .paths(PathCheck.anyDirectory())
          .modules("sysvmsg", "sysvsem", "sysvshm", "linux", "zfs")
          .build();

  @Test
  void jidsAreMonotonicNotLowestFree() throws SyscallException {
    assertThat(newJail(kernel, "a")).isEqualTo(1);
    assertThat(newJail(kernel, "b")).isEqualTo(2);
    assertThat(newJail(kernel, "c")).isEqualTo(3);
    kernel.remove(1);
    assertThat(newJail(kernel, "d")).isEqualTo(4);
  }

  @Test
  void explicitJidsDoNotMoveTheAllocator() {
    assertThat(newJail(kernel, Iov.of().i32("jid", 10).flag("persist"))).isEqualTo(10);
    assertThat(newJail(kernel, "a")).isEqualTo(1);
  }

  @Test
  void allocationSkipsTakenJids() {
    newJail(kernel, Iov.of().i32("jid", 2).flag("persist"));
    assertThat(newJail(kernel, "a")).isEqualTo(1);
    assertThat(newJail(kernel, "b")).isEqualTo(3);
  }

  @Test
  void jid999999IsAssignableAndAllocationWrapsToOne() {
    FakeJailKernel k =
        FakeJailKernel.builder().paths(PathCheck.anyDirectory()).lastAllocatedJid(999_998).build();
    assertThat(newJail(k, "a")).isEqualTo(999_999);
    assertThat(newJail(k, "b")).isEqualTo(1);
  }

  @Test
  void allocationContinuesAfterLastpridAndSkipsTakenJids() {
    FakeJailKernel k =
        FakeJailKernel.builder().paths(PathCheck.anyDirectory()).lastAllocatedJid(999_999).build();
    newJail(k, Iov.of().i32("jid", 1).flag("persist"));
    // lastprid 999999 gives candidate 1, which is taken
    assertThat(newJail(k, "a")).isEqualTo(2);
  }

  @Test
  void prisonLimitOfTheCallersJailIsEnforced() {
    int base = newJail(kernel, Iov.of().str("name", "base").i32("children.max", 1).flag("persist"));
    JailKernel inside = kernel.asProcessIn(base);
    newJail(inside, "nested");
    assertSetFails(
        inside,
        Iov.of().str("name", "second").flag("persist"),
        CREATE,
        Errno.EPERM,
        "prison limit exceeded");
  }

  @Test
  void anAncestorMayCreateBelowAJailWithChildrenMaxZero() {
    newJail(kernel, "a");
    int b = newJail(kernel, "a.b");
    assertThat(kernel.jail(b).orElseThrow().parentJid()).isEqualTo(1);
  }

  @Test
  void childrenCurCountsEveryDescendantOfEveryAncestor() {
    int a = newJail(kernel, Iov.of().str("name", "a").i32("children.max", 5).flag("persist"));
    newJail(kernel, Iov.of().str("name", "a.b").i32("children.max", 4).flag("persist"));
    newJail(kernel, "a.b.c");
    assertThat(kernel.jail(a).orElseThrow().childrenCur()).isEqualTo(2);
    kernel.checkInvariants();
  }

  @Test
  void newJailDefaults() throws SyscallException {
    int parent =
        newJail(
            kernel,
            Iov.of()
                .str("name", "p")
                .i32("securelevel", 1)
                .i32("devfs_ruleset", 4)
                .i32("children.max", 3)
                .flag("persist"));
    int jid = newJail(kernel, Iov.of().str("name", "p.c").flag("persist"));
    Iov get =
        Iov.of()
            .i32("jid", jid)
            .out("name", 256)
            .out("path", 1024)
            .out("host", 4)
            .out("host.hostname", 256)
            .out("host.hostuuid", 64)
            .out("host.hostid", 8)
            .out("ip4", 4)
            .out("ip4.addr", 16)
            .out("ip4.saddrsel", 4)
            .out("vnet", 4)
            .out("securelevel", 4)
            .out("enforce_statfs", 4)
            .out("devfs_ruleset", 4)
            .out("children.max", 4)
            .out("children.cur", 4)
            .out("allow.set_hostname", 4)
            .out("allow.reserved_ports", 4)
            .out("allow.raw_sockets", 4)
            .out("allow.mount", 4)
            .out("osrelease", 32)
            .out("osreldate", 4)
            .out("sysvmsg", 4)
            .out("linux", 4)
            .out("zfs", 4)
            .out("zfs.mount_snapshot", 4)
            .out("parent", 4);
    kernel.get(get.array(), 0);
    assertThat(get.stringValue("name")).isEqualTo("p.c");
    assertThat(get.stringValue("path")).isEqualTo("/");
    assertThat(get.intValue("host")).isEqualTo(1);
    assertThat(get.stringValue("host.hostname")).isEmpty();
    assertThat(get.stringValue("host.hostuuid")).isEqualTo("00000000-0000-0000-0000-000000000000");
    assertThat(get.longValue("host.hostid")).isZero();
    assertThat(get.intValue("ip4")).isZero();
    assertThat(get.value("ip4.addr").length()).isZero();
    assertThat(get.intValue("ip4.saddrsel")).isEqualTo(1);
    assertThat(get.intValue("vnet")).isEqualTo(2);
    assertThat(get.intValue("securelevel")).isEqualTo(1);
    assertThat(get.intValue("enforce_statfs")).isEqualTo(2);
    assertThat(get.intValue("devfs_ruleset")).isEqualTo(4);
    assertThat(get.intValue("children.max")).isZero();
    assertThat(get.intValue("children.cur")).isZero();
    assertThat(get.intValue("allow.set_hostname")).isEqualTo(1);
    assertThat(get.intValue("allow.reserved_ports")).isEqualTo(1);
    assertThat(get.intValue("allow.raw_sockets")).isZero();
    assertThat(get.intValue("allow.mount")).isZero();
    assertThat(get.stringValue("osrelease")).isEqualTo("14.3-RELEASE");
    assertThat(get.intValue("osreldate")).isEqualTo(1403000);
    assertThat(get.intValue("sysvmsg")).isZero();
    assertThat(get.intValue("linux")).isEqualTo(1);
    assertThat(get.intValue("zfs")).isEqualTo(2);
    assertThat(get.intValue("zfs.mount_snapshot")).isZero();
    assertThat(get.intValue("parent")).isEqualTo(parent);
  }

  @Test
  void newJailHasANewCpusetId() throws SyscallException {
    int a = newJail(kernel, "a");
    int b = newJail(kernel, "b");
    assertThat(Kernels.getInt(kernel, a, "cpuset.id"))
        .isNotEqualTo(Kernels.getInt(kernel, b, "cpuset.id"))
        .isGreaterThan(1);
  }

  @Test
  void defaultAllowSetIsIntersectedWithTheParents() throws SyscallException {
    newJail(
        kernel,
        Iov.of()
            .str("name", "p")
            .flag("allow.noset_hostname")
            .i32("children.max", 2)
            .flag("persist"));
    int c = newJail(kernel, "p.c");
    assertThat(Kernels.getInt(kernel, c, "allow.set_hostname")).isZero();
    assertThat(Kernels.getInt(kernel, c, "allow.suser")).isEqualTo(1);
  }

  @Test
  void ip4InheritCopiesTheParentsRestriction() throws SyscallException {
    newJail(
        kernel,
        Iov.of()
            .str("name", "p")
            .ip("ip4.addr", "10.1.0.1", "10.1.0.2")
            .i32("children.max", 2)
            .flag("persist"));
    int c = newJail(kernel, Iov.of().str("name", "p.c").i32("ip4", 2).flag("persist"));
    Iov get = Iov.of().i32("jid", c).out("ip4", 4).out("ip4.addr", 64);
    kernel.get(get.array(), 0);
    assertThat(get.intValue("ip4")).isEqualTo(2);
    assertThat(get.ipValue("ip4.addr", 4)).containsExactly("10.1.0.1", "10.1.0.2");
  }

  @Test
  void vnetJailHasNoIpRestriction() throws SyscallException {
    int jid = newJail(kernel, Iov.of().str("name", "v").i32("vnet", 1).flag("persist"));
    assertThat(Kernels.getInt(kernel, jid, "ip4")).isEqualTo(2);
    assertThat(Kernels.getInt(kernel, jid, "vnet")).isEqualTo(1);
  }

  @Test
  void legacyAllowSysvipcMakesSysvInherit() throws SyscallException {
    int jid = newJail(kernel, Iov.of().str("name", "s").flag("allow.sysvipc").flag("persist"));
    assertThat(Kernels.getInt(kernel, jid, "sysvmsg")).isEqualTo(2);
    assertThat(Kernels.getInt(kernel, jid, "sysvshm")).isEqualTo(2);
    assertThat(Kernels.getInt(kernel, jid, "allow.sysvipc")).isEqualTo(1);
  }

  @Test
  void hostInheritCopiesTheParentsHostName() throws SyscallException {
    int jid = newJail(kernel, Iov.of().str("name", "h").i32("host", 2).flag("persist"));
    assertThat(Kernels.getString(kernel, jid, "host.hostname")).isEqualTo("fakehost");
    assertThat(Kernels.getInt(kernel, jid, "host")).isEqualTo(2);
  }

  @Test
  void osreleaseDefaultsFollowTheVersion() throws SyscallException {
    FakeJailKernel k15 = Kernels.v(FreeBsdVersion.V15);
    int jid = newJail(k15, "a");
    assertThat(Kernels.getString(k15, jid, "osrelease")).isEqualTo("15.0-RELEASE");
  }
}
