package org.jail4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jail4j.spi.JailFlags.CREATE;
import static org.jail4j.testkit.Kernels.newJail;

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
