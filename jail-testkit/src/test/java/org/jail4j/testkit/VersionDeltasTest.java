package org.jail4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jail4j.spi.JailFlags.CREATE;
import static org.jail4j.spi.JailFlags.DYING;
import static org.jail4j.spi.JailFlags.UPDATE;
import static org.jail4j.testkit.Kernels.assertFails;
import static org.jail4j.testkit.Kernels.assertGetFails;
import static org.jail4j.testkit.Kernels.assertSetFails;
import static org.jail4j.testkit.Kernels.newJail;

import org.jail4j.Errno;
import org.jail4j.FreeBsdVersion;
import org.jail4j.spi.SyscallException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** freebsd-jail-abi.md §9: the rows where FreeBSD 13, 14 and 15 differ. */
class VersionDeltasTest {

  private static int dyingJail(FakeJailKernel k, String name) throws SyscallException {
    int jid = newJail(k, name);
    k.hold(jid);
    k.remove(jid);
    return jid;
  }

  @ParameterizedTest
  @EnumSource(
      value = FreeBsdVersion.class,
      names = {"V13", "V14"})
  void dyingJailIsRevivedWithTheDyingFlagOn13And14(FreeBsdVersion v) throws SyscallException {
    FakeJailKernel k = Kernels.v(v);
    int jid = dyingJail(k, "web");
    assertThat(k.set(Iov.of().i32("jid", jid).flag("persist").array(), UPDATE | DYING))
        .isEqualTo(jid);
    assertThat(k.jail(jid).orElseThrow().dying()).isFalse();
  }

  @Test
  void dyingFlagIsIgnoredOn15() throws SyscallException {
    FakeJailKernel k = Kernels.v(FreeBsdVersion.V15);
    int jid = dyingJail(k, "web");
    assertSetFails(
        k,
        Iov.of().i32("jid", jid).flag("persist"),
        UPDATE | DYING,
        Errno.ENOENT,
        "jail " + jid + " not found");
  }

  @Test
  void createWithTheJidOfADyingJailExistsOn14() throws SyscallException {
    FakeJailKernel k = Kernels.v14();
    int jid = dyingJail(k, "web");
    assertSetFails(
        k,
        Iov.of().i32("jid", jid).flag("persist"),
        CREATE,
        Errno.EEXIST,
        "jail " + jid + " already exists");
  }

  @Test
  void createWithTheJidOfADyingJailRenumbersItOn15() throws SyscallException {
    FakeJailKernel k = Kernels.v(FreeBsdVersion.V15);
    int jid = dyingJail(k, "web");
    assertThat(newJail(k, Iov.of().i32("jid", jid).str("name", "new").flag("persist")))
        .isEqualTo(jid);
    assertThat(k.jail(999_999).orElseThrow().dying()).isTrue();
    assertThat(k.jail(jid).orElseThrow().name()).isEqualTo("new");
    k.checkInvariants();
  }

  @Test
  void updateByANameOnlyADyingJailHoldsSaysDyingOn14() throws SyscallException {
    FakeJailKernel k = Kernels.v14();
    dyingJail(k, "web");
    assertSetFails(
        k,
        Iov.of().str("name", "web").flag("persist"),
        UPDATE,
        Errno.ENOENT,
        "jail \"web\" is dying");
  }

  @Test
  void updateByANameOnlyADyingJailHoldsIsNotFoundOn15() throws SyscallException {
    FakeJailKernel k = Kernels.v(FreeBsdVersion.V15);
    dyingJail(k, "web");
    assertSetFails(
        k,
        Iov.of().str("name", "web").flag("persist"),
        UPDATE,
        Errno.ENOENT,
        "jail \"web\" not found");
  }

  @Test
  void dyingParentOfAJidKeyedTargetIsReportedOn14() throws SyscallException {
    FakeJailKernel k = Kernels.v14();
    int p = newJail(k, Iov.of().str("name", "p").i32("children.max", 2).flag("persist"));
    int c = newJail(k, "p.c");
    k.hold(p);
    k.hold(c);
    k.remove(p);
    assertSetFails(
        k,
        Iov.of().i32("jid", c).flag("persist"),
        UPDATE | DYING,
        Errno.ENOENT,
        "jail " + p + " is dying");
  }

  @Test
  void childlessJailIsRefusedBeforeTheFlagMaskOn14() {
    FakeJailKernel k = Kernels.v14();
    int p = newJail(k, "p");
    assertSetFails(k.asProcessIn(p), Iov.of().str("name", "c"), CREATE | 0x20, Errno.EPERM, "");
  }

  @Test
  void atDescSkipsTheChildlessCheckOn15() {
    FakeJailKernel k = Kernels.v(FreeBsdVersion.V15);
    int p = newJail(k, "p");
    assertSetFails(
        k.asProcessIn(p),
        Iov.of().str("name", "c").flag("persist"),
        CREATE | 0x20,
        Errno.ENOENT,
        "missing desc");
    assertSetFails(
        k.asProcessIn(p), Iov.of().str("name", "c").flag("persist"), CREATE, Errno.EPERM, "");
  }

  @ParameterizedTest
  @EnumSource(FreeBsdVersion.class)
  void createOrUpdateNeedsPersistOnEveryModelledVersion(FreeBsdVersion v) {
    assertSetFails(
        Kernels.v(v),
        Iov.of().str("name", "web"),
        CREATE | UPDATE,
        Errno.EINVAL,
        "new jail must persist or attach");
  }

  @Test
  void the12StylePersistExemptionIsASwitch() throws SyscallException {
    FakeJailKernel k =
        FakeJailKernel.builder()
            .version(FreeBsdVersion.V13)
            .paths(PathCheck.anyDirectory())
            .persistCheckOnCreateUpdate(false)
            .build();
    int jid = k.set(Iov.of().str("name", "web").array(), CREATE | UPDATE);
    assertThat(jid).isEqualTo(1);
    assertThat(k.jail(jid)).as("without persist or processes it dies at once").isEmpty();
  }

  @ParameterizedTest
  @EnumSource(FreeBsdVersion.class)
  void oversizeOsreleaseIsNameTooLong(FreeBsdVersion v) {
    assertSetFails(
        Kernels.v(v),
        Iov.of().str("name", "w").flag("persist").str("osrelease", "x".repeat(40)),
        CREATE,
        Errno.ENAMETOOLONG,
        "osrelease string must be 1-31 bytes long");
  }

  @Test
  void parentTamperingMayDifferOnlyOn15() {
    FakeJailKernel k15 = Kernels.v(FreeBsdVersion.V15);
    newJail(k15, Iov.of().str("name", "p").i32("children.max", 2).flag("persist"));
    newJail(
        k15,
        Iov.of().str("name", "p.c").flag("allow.unprivileged_parent_tampering").flag("persist"));
    FakeJailKernel k14 = Kernels.v14();
    assertSetFails(
        k14,
        Iov.of().str("name", "p").flag("allow.unprivileged_parent_tampering").flag("persist"),
        CREATE,
        Errno.EINVAL,
        "unknown parameter: allow.unprivileged_parent_tampering");
  }

  @Test
  void flagMasksWidenOn15() throws SyscallException {
    FakeJailKernel k14 = Kernels.v14();
    newJail(k14, "web");
    assertGetFails(k14, Iov.of().str("name", "web"), 0x40, Errno.EINVAL, "");
    FakeJailKernel k15 = Kernels.v(FreeBsdVersion.V15);
    newJail(k15, "web");
    assertGetFails(k15, Iov.of().str("name", "web"), 0x40, Errno.ENOENT, "missing desc");
    assertGetFails(k15, Iov.of().str("name", "web"), 0x01, Errno.EINVAL, "");
  }

  @Test
  void fifteenOnlyParametersAreUnknownOn14() {
    FakeJailKernel k14 = Kernels.v14();
    for (String p : new String[] {"meta", "env", "allow.routing"}) {
      assertSetFails(
          k14,
          Iov.of().str("name", "w").flag("persist").flag(p),
          CREATE,
          Errno.EINVAL,
          "unknown parameter: " + p);
    }
  }

  @Test
  void descriptorSystemCallsDoNotExistBefore15() {
    FakeJailKernel k14 = Kernels.v14();
    assertFails(() -> k14.attachDescriptor(3), Errno.ENOSYS);
    assertFails(() -> k14.removeDescriptor(3), Errno.ENOSYS);
    assertFails(() -> k14.closeDescriptor(3), Errno.EBADF);
  }

  @Test
  void macDoIsRenamedOn15() {
    FakeJailKernel k14 =
        FakeJailKernel.builder().paths(PathCheck.anyDirectory()).modules("mac_do").build();
    FakeJailKernel k15 =
        FakeJailKernel.builder()
            .version(FreeBsdVersion.V15)
            .paths(PathCheck.anyDirectory())
            .modules("mac_do")
            .build();
    assertThat(k14.param("mdo.rules")).isPresent();
    assertThat(k14.param("mac.do")).isEmpty();
    assertThat(k15.param("mac.do.rules")).isPresent();
    assertThat(k15.param("mdo")).isEmpty();
  }

  @Test
  void resurrectionCanBeSwitchedOffFor14() throws SyscallException {
    FakeJailKernel k =
        FakeJailKernel.builder().paths(PathCheck.anyDirectory()).resurrectDyingJails(false).build();
    int jid = dyingJail(k, "web");
    assertThat(newJail(k, Iov.of().i32("jid", jid).flag("persist"))).isEqualTo(jid);
  }
}
