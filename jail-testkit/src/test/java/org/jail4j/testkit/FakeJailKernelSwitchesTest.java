package org.jail4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jail4j.spi.JailFlags.CREATE;
import static org.jail4j.spi.JailFlags.UPDATE;
import static org.jail4j.testkit.Kernels.assertSetFails;
import static org.jail4j.testkit.Kernels.newJail;

import org.jail4j.Errno;
import org.jail4j.FreeBsdVersion;
import org.jail4j.spi.SyscallException;
import org.junit.jupiter.api.Test;

/**
 * The builder switches for rules read from source but not yet confirmed on a 15.0-RELEASE kernel
 * (freebsd-jail-abi.md errata; docs/FAKE-KERNEL.md "Rules not yet confirmed on a real kernel"):
 * each in its default and its other setting.
 */
class FakeJailKernelSwitchesTest {
  private static FakeJailKernel.Builder v15() {
    return FakeJailKernel.builder().version(FreeBsdVersion.V15).paths(PathCheck.anyDirectory());
  }

  private static int grandchild(FakeJailKernel k) {
    newJail(
        k, Iov.of().str("name", "a").i32("children.max", 1).i32("securelevel", 2).flag("persist"));
    return newJail(k, "a.b");
  }

  @Test
  void callerJailForJidUpdatesIsTheDefaultOn15() throws SyscallException {
    FakeJailKernel k = v15().build();
    int b = grandchild(k);
    k.set(Iov.of().i32("jid", b).str("name", "c").array(), UPDATE);
    assertThat(k.jail(b).orElseThrow().name()).isEqualTo("c");
    assertSetFails(
        k,
        Iov.of().i32("jid", b).str("name", "a.c"),
        UPDATE,
        Errno.EINVAL,
        "cannot change jail's parent");
    k.set(Iov.of().i32("jid", b).i32("securelevel", 0).array(), UPDATE);
    assertThat(Kernels.getInt(k, b, "securelevel")).isZero();
    k.checkInvariants();
  }

  @Test
  void callerJailForJidUpdatesOffComparesWithTheRealParent() throws SyscallException {
    FakeJailKernel k = v15().callerJailForJidUpdates(false).build();
    int b = grandchild(k);
    k.set(Iov.of().i32("jid", b).str("name", "a.c").array(), UPDATE);
    assertThat(k.jail(b).orElseThrow().name()).isEqualTo("a.c");
    k.set(Iov.of().i32("jid", b).str("name", "d").array(), UPDATE);
    assertThat(k.jail(b).orElseThrow().name()).isEqualTo("a.d");
    assertSetFails(k, Iov.of().i32("jid", b).i32("securelevel", 0), UPDATE, Errno.EPERM, "");
    k.checkInvariants();
  }

  @Test
  void callerJailForJidUpdatesIsOffOn13And14() throws SyscallException {
    for (FreeBsdVersion v : new FreeBsdVersion[] {FreeBsdVersion.V13, FreeBsdVersion.V14}) {
      FakeJailKernel k = Kernels.v(v);
      int b = grandchild(k);
      k.set(Iov.of().i32("jid", b).str("name", "d").array(), UPDATE);
      assertThat(k.jail(b).orElseThrow().name()).isEqualTo("a.d");
    }
  }

  private static int renumberTwice(FakeJailKernel k) throws SyscallException {
    int first = newJail(k, "dead1");
    FakeJailKernel.Hold hold = k.hold(first);
    k.remove(first);
    newJail(k, Iov.of().i32("jid", first).str("name", "new1").flag("persist"));
    assertThat(k.jail(999_999).orElseThrow().name()).isEqualTo("dead1");
    hold.close();
    assertThat(k.jail(999_999)).isEmpty();
    int second = newJail(k, "dead2");
    k.hold(second);
    k.remove(second);
    k.set(Iov.of().i32("jid", second).str("name", "new2").flag("persist").array(), CREATE);
    k.checkInvariants();
    return k.jails().stream().filter(j -> j.name().equals("dead2")).findFirst().orElseThrow().jid();
  }

  @Test
  void renumberingCountsDownFromTheLastDeadIdByDefault() throws SyscallException {
    assertThat(renumberTwice(v15().build())).isEqualTo(999_998);
  }

  @Test
  void renumberingFromLastDeadIdOffRestartsAt999999() throws SyscallException {
    assertThat(renumberTwice(v15().renumberFromLastDeadId(false).build())).isEqualTo(999_999);
  }
}
