package org.jail4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jail4j.spi.JailFlags.CREATE;
import static org.jail4j.spi.JailFlags.UPDATE;
import static org.jail4j.testkit.Kernels.assertSetFails;
import static org.jail4j.testkit.Kernels.getInt;
import static org.jail4j.testkit.Kernels.newJail;

import org.jail4j.Errno;
import org.jail4j.spi.JailKernel;
import org.jail4j.spi.SyscallException;
import org.junit.jupiter.api.Test;

/** freebsd-jail-abi.md §3.4: what a jail may not exceed compared with its parent. */
class ParentValidationTest {
  private final FakeJailKernel kernel =
      FakeJailKernel.builder().paths(PathCheck.anyDirectory()).modules("sysvmsg").build();

  private int parent(Iov extra) {
    return newJail(kernel, extra.str("name", "p").i32("children.max", 10).flag("persist"));
  }

  private static Iov child() {
    return Iov.of().str("name", "p.c").flag("persist");
  }

  @Test
  void securelevelBelowTheParentsIsRefused() {
    parent(Iov.of().i32("securelevel", 2));
    assertSetFails(kernel, child().i32("securelevel", 1), CREATE, Errno.EPERM, "");
  }

  @Test
  void raisingSecurelevelRaisesEveryDescendant() throws SyscallException {
    int p = parent(Iov.of());
    int c = newJail(kernel, child().i32("securelevel", 0));
    kernel.set(Iov.of().i32("jid", p).i32("securelevel", 3).array(), UPDATE);
    assertThat(getInt(kernel, c, "securelevel")).isEqualTo(3);
  }

  @Test
  void aParentMayLowerAChildDownToItsOwnLevel() throws SyscallException {
    parent(Iov.of().i32("securelevel", 1));
    int c = newJail(kernel, child().i32("securelevel", 3));
    kernel.set(Iov.of().i32("jid", c).i32("securelevel", 1).array(), UPDATE);
    assertThat(getInt(kernel, c, "securelevel")).isEqualTo(1);
  }

  @Test
  void childrenMaxMustStayBelowTheParents() {
    parent(Iov.of());
    assertSetFails(kernel, child().i32("children.max", 10), CREATE, Errno.EPERM, "");
  }

  @Test
  void loweringChildrenMaxClampsDescendantsByDepth() throws SyscallException {
    int p = parent(Iov.of());
    int c = newJail(kernel, child().i32("children.max", 8));
    int g = newJail(kernel, Iov.of().str("name", "p.c.g").i32("children.max", 7).flag("persist"));
    kernel.set(Iov.of().i32("jid", p).i32("children.max", 2).array(), UPDATE);
    assertThat(getInt(kernel, c, "children.max")).isEqualTo(1);
    assertThat(getInt(kernel, g, "children.max")).isZero();
    kernel.checkInvariants();
  }

  @Test
  void enforceStatfsBelowTheParentsIsRefused() {
    parent(Iov.of().i32("enforce_statfs", 1));
    assertSetFails(kernel, child().i32("enforce_statfs", 0), CREATE, Errno.EPERM, "");
  }

  @Test
  void raisingEnforceStatfsRaisesDescendants() throws SyscallException {
    int p = parent(Iov.of().i32("enforce_statfs", 0));
    int c = newJail(kernel, child().i32("enforce_statfs", 1));
    kernel.set(Iov.of().i32("jid", p).i32("enforce_statfs", 2).array(), UPDATE);
    assertThat(getInt(kernel, c, "enforce_statfs")).isEqualTo(2);
  }

  @Test
  void devfsRulesetOutsideTheUint16RangeIsInvalid() {
    assertSetFails(
        kernel,
        Iov.of().str("name", "x").flag("persist").i32("devfs_ruleset", 65536),
        CREATE,
        Errno.EINVAL,
        "");
  }

  @Test
  void devfsRulesetSetOnAJailOverwritesEveryDescendant() throws SyscallException {
    int p = parent(Iov.of().i32("devfs_ruleset", 4));
    int c = newJail(kernel, child().i32("devfs_ruleset", 9));
    kernel.set(Iov.of().i32("jid", p).i32("devfs_ruleset", 5).array(), UPDATE);
    assertThat(getInt(kernel, c, "devfs_ruleset")).isEqualTo(5);
  }

  @Test
  void aJailedCallerCannotChooseAnotherDevfsRuleset() throws SyscallException {
    int p = parent(Iov.of().i32("devfs_ruleset", 4));
    JailKernel inside = kernel.asProcessIn(p);
    assertSetFails(
        inside,
        Iov.of().str("name", "c").flag("persist").i32("devfs_ruleset", 7),
        CREATE,
        Errno.EPERM,
        "");
    int c = newJail(inside, Iov.of().str("name", "c").flag("persist").i32("devfs_ruleset", 0));
    assertThat(getInt(kernel, c, "devfs_ruleset")).isEqualTo(4);
  }

  @Test
  void addressesMustBeASubsetOfARestrictedParent() {
    parent(Iov.of().ip("ip4.addr", "10.0.0.1"));
    assertSetFails(kernel, child().ip("ip4.addr", "10.0.0.3"), CREATE, Errno.EPERM, "");
    newJail(kernel, child().ip("ip4.addr", "10.0.0.1"));
  }

  @Test
  void aChildOverlappingAParentWithSeveralAddressesClashes() {
    // the clash scan covers every live IP-restricted jail of the stack, the parent included
    parent(Iov.of().ip("ip4.addr", "10.0.0.1", "10.0.0.2"));
    assertSetFails(
        kernel,
        child().ip("ip4.addr", "10.0.0.2"),
        CREATE,
        Errno.EADDRINUSE,
        "IPv4 addresses clash");
  }

  @Test
  void overlappingAddressesClashWhenEitherJailHasMoreThanOne() {
    newJail(
        kernel, Iov.of().str("name", "a").ip("ip4.addr", "10.0.0.1", "10.0.0.2").flag("persist"));
    assertSetFails(
        kernel,
        Iov.of().str("name", "b").ip("ip4.addr", "10.0.0.2").flag("persist"),
        CREATE,
        Errno.EADDRINUSE,
        "IPv4 addresses clash");
  }

  @Test
  void twoSingleAddressJailsMayShareTheAddress() {
    newJail(kernel, Iov.of().str("name", "a").ip("ip4.addr", "10.0.0.1").flag("persist"));
    newJail(kernel, Iov.of().str("name", "b").ip("ip4.addr", "10.0.0.1").flag("persist"));
    assertThat(kernel.jails()).hasSize(2);
  }

  @Test
  void ipv6OverlapClashesToo() {
    newJail(kernel, Iov.of().str("name", "a").ip("ip6.addr", "fd00::1", "fd00::2").flag("persist"));
    assertSetFails(
        kernel,
        Iov.of().str("name", "b").ip("ip6.addr", "fd00::1").flag("persist"),
        CREATE,
        Errno.EADDRINUSE,
        "IPv6 addresses clash");
  }

  @Test
  void vnetJailsHaveTheirOwnAddressSpace() {
    newJail(
        kernel, Iov.of().str("name", "a").ip("ip4.addr", "10.0.0.1", "10.0.0.2").flag("persist"));
    newJail(
        kernel, Iov.of().str("name", "v").i32("vnet", 1).i32("children.max", 3).flag("persist"));
    newJail(
        kernel, Iov.of().str("name", "v.b").ip("ip4.addr", "10.0.0.1", "10.0.0.2").flag("persist"));
    kernel.checkInvariants();
  }

  @Test
  void addressesOfAnUnrestrictedJailCannotBeSetLater() throws SyscallException {
    int jid = newJail(kernel, Iov.of().str("name", "a").i32("ip4", 2).flag("persist"));
    assertSetFails(
        kernel,
        Iov.of().i32("jid", jid).ip("ip4.addr", "10.0.0.1"),
        UPDATE,
        Errno.EINVAL,
        "ip4 cannot be changed after creation");
  }

  @Test
  void changingTheAddressListRestrictsDescendants() throws SyscallException {
    int p = parent(Iov.of().ip("ip4.addr", "10.0.0.1"));
    int c = newJail(kernel, child().ip("ip4.addr", "10.0.0.1"));
    kernel.set(Iov.of().i32("jid", p).ip("ip4.addr", "10.0.0.2").array(), UPDATE);
    Iov get = Iov.of().i32("jid", c).out("ip4", 4).out("ip4.addr", 64);
    kernel.get(get.array(), 0);
    assertThat(get.value("ip4.addr").length()).isZero();
    assertThat(get.intValue("ip4")).isZero();
  }

  @Test
  void inheritingDescendantsFollowTheNewAddressList() throws SyscallException {
    int p = parent(Iov.of().ip("ip4.addr", "10.0.0.1", "10.0.0.2", "10.0.0.3"));
    int c = newJail(kernel, child().i32("ip4", 2));
    kernel.set(Iov.of().i32("jid", p).ip("ip4.addr", "10.0.0.3", "10.0.0.1").array(), UPDATE);
    Iov get = Iov.of().i32("jid", c).out("ip4.addr", 64);
    kernel.get(get.array(), 0);
    assertThat(get.ipValue("ip4.addr", 4)).containsExactly("10.0.0.3", "10.0.0.1");
  }

  @Test
  void allowFlagTheParentLacksIsRefused() {
    parent(Iov.of());
    assertSetFails(kernel, child().flag("allow.raw_sockets"), CREATE, Errno.EPERM, "");
  }

  @Test
  void unprivilegedProcDebugMayDifferFromTheParent() {
    parent(Iov.of().flag("allow.nounprivileged_proc_debug"));
    newJail(kernel, child().flag("allow.unprivileged_proc_debug"));
    assertThat(kernel.jails()).hasSize(2);
  }

  @Test
  void clearingAnAllowFlagClearsItInDescendants() throws SyscallException {
    int p = parent(Iov.of().flag("allow.raw_sockets"));
    int c = newJail(kernel, child().flag("allow.raw_sockets"));
    kernel.set(Iov.of().i32("jid", p).flag("allow.noraw_sockets").array(), UPDATE);
    assertThat(getInt(kernel, c, "allow.raw_sockets")).isZero();
  }

  @Test
  void fullDottedNameOf256BytesIsTooLong() {
    newJail(kernel, Iov.of().str("name", "a".repeat(200)).i32("children.max", 2).flag("persist"));
    assertSetFails(
        kernel,
        Iov.of().str("name", "a".repeat(200) + "." + "b".repeat(55)).flag("persist"),
        CREATE,
        Errno.ENAMETOOLONG,
        "");
    newJail(kernel, Iov.of().str("name", "a".repeat(200) + "." + "b".repeat(54)).flag("persist"));
  }

  @Test
  void renameThatMakesADescendantsNameTooLongIsRefused() {
    int p = parent(Iov.of());
    newJail(kernel, Iov.of().str("name", "p." + "c".repeat(250)).flag("persist"));
    assertSetFails(
        kernel, Iov.of().i32("jid", p).str("name", "ppppp"), UPDATE, Errno.ENAMETOOLONG, "");
  }

  @Test
  void renamingRewritesDescendantNames() throws SyscallException {
    int p = parent(Iov.of());
    int c = newJail(kernel, child());
    kernel.set(Iov.of().i32("jid", p).str("name", "q").array(), UPDATE);
    assertThat(kernel.jail(c).orElseThrow().name()).isEqualTo("q.c");
  }

  @Test
  void numericNameOtherThanTheJidIsRefused() {
    assertSetFails(
        kernel,
        Iov.of().str("name", "007").flag("persist"),
        CREATE,
        Errno.EINVAL,
        "name cannot be numeric (unless it is the jid)");
    assertSetFails(
        kernel,
        Iov.of().i32("jid", 3).str("name", "4").flag("persist"),
        CREATE,
        Errno.EINVAL,
        "name cannot be numeric (unless it is the jid)");
  }

  @Test
  void sysvNewUnderADisabledParentIsRefusedByTheModule() {
    parent(Iov.of());
    assertSetFails(kernel, child().i32("sysvmsg", 1), CREATE, Errno.EPERM, "");
  }

  @Test
  void moduleErrorsComeBeforeUnknownParameters() {
    assertSetFails(
        kernel,
        Iov.of().str("name", "x").flag("persist").i32("sysvmsg", 7).flag("bogus"),
        CREATE,
        Errno.EINVAL,
        "");
  }

  @Test
  void hostChangesReachDescendantsThatInherit() throws SyscallException {
    int p = parent(Iov.of());
    int c = newJail(kernel, child().i32("host", 2));
    kernel.set(Iov.of().i32("jid", p).str("host.hostname", "new.example").array(), UPDATE);
    assertThat(Kernels.getString(kernel, c, "host.hostname")).isEqualTo("new.example");
  }
}
