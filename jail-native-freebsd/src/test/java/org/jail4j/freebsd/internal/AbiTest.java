package org.jail4j.freebsd.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jnr.ffi.NativeType;
import jnr.ffi.Runtime;
import jnr.ffi.TypeAlias;
import org.jail4j.FreeBsdVersion;
import org.jail4j.spi.JailFlags;
import org.junit.jupiter.api.Test;

/**
 * The numbers the provider depends on, pinned to freebsd-jail-abi.md (§1.1 syscalls, §1.2 flags and
 * masks, §1.3 constants, §4.1 sysctl types) and to the FreeBSD headers for the rest.
 */
class AbiTest {
  private final Runtime runtime = Runtime.getSystemRuntime();

  @Test
  void syscallNumbersMatchSyscallH() {
    assertThat(Syscall.JAIL.number()).isEqualTo(338);
    assertThat(Syscall.JAIL_ATTACH.number()).isEqualTo(436);
    assertThat(Syscall.JAIL_GET.number()).isEqualTo(506);
    assertThat(Syscall.JAIL_SET.number()).isEqualTo(507);
    assertThat(Syscall.JAIL_REMOVE.number()).isEqualTo(508);
    assertThat(Syscall.JAIL_ATTACH_JD.number()).isEqualTo(597);
    assertThat(Syscall.JAIL_REMOVE_JD.number()).isEqualTo(598);
  }

  @Test
  void descriptorSyscallsExistOnlyFromFifteen() {
    assertThat(Syscall.JAIL_ATTACH_JD.existsOn(FreeBsdVersion.V14)).isFalse();
    assertThat(Syscall.JAIL_REMOVE_JD.existsOn(FreeBsdVersion.V13)).isFalse();
    assertThat(Syscall.JAIL_REMOVE_JD.existsOn(FreeBsdVersion.V15)).isTrue();
    assertThat(Syscall.JAIL_SET.existsOn(FreeBsdVersion.V13)).isTrue();
  }

  @Test
  void jailFlagsMatchJailH() {
    assertThat(JailFlags.CREATE).isEqualTo(0x01);
    assertThat(JailFlags.UPDATE).isEqualTo(0x02);
    assertThat(JailFlags.ATTACH).isEqualTo(0x04);
    assertThat(JailFlags.DYING).isEqualTo(0x08);
    assertThat(JailFlags.USE_DESC).isEqualTo(0x10);
    assertThat(JailFlags.AT_DESC).isEqualTo(0x20);
    assertThat(JailFlags.GET_DESC).isEqualTo(0x40);
    assertThat(JailFlags.OWN_DESC).isEqualTo(0x80);
  }

  @Test
  void flagMasksPerVersion() {
    assertThat(JailFlags.SET_MASK_14).isEqualTo(0x0f);
    assertThat(JailFlags.GET_MASK_14).isEqualTo(0x08);
    assertThat(JailFlags.SET_MASK_15).isEqualTo(0xff);
    assertThat(JailFlags.GET_MASK_15).isEqualTo(0xf8);
  }

  @Test
  void limitsAndBufferSizes() {
    assertThat(JailFlags.JAIL_MAX).isEqualTo(999_999);
    assertThat(JailFlags.ERRMSG_LEN).isEqualTo(1024);
    assertThat(JailFlags.UIO_MAXIOV).isEqualTo(1024);
    assertThat(JailFlags.MAX_AF_IPS).isEqualTo(255);
    assertThat(NativeHostSystem.MOUNT_ERRMSG_LEN).isEqualTo(255);
  }

  @Test
  void structIovecIsAPointerAndASizeT() {
    // freebsd-jail-abi.md §1.1: { void *iov_base; size_t iov_len; }, 16 bytes on amd64
    assertThat(runtime.findType(TypeAlias.size_t).size()).isEqualTo(runtime.addressSize());
    if (runtime.addressSize() == 8) {
      assertThat(2 * runtime.addressSize()).isEqualTo(16);
    }
  }

  @Test
  void moduleStatIsFiftySixBytesOn64Bit() {
    if (runtime.findType(NativeType.SLONG).size() == 8) {
      assertThat(KernelModules.statSize(runtime)).isEqualTo(56);
    } else {
      assertThat(KernelModules.statSize(runtime)).isEqualTo(48);
    }
  }

  @Test
  void sysctlKindBitsMatchSysctlH() {
    assertThat(Sysctl.CTLTYPE_MASK).isEqualTo(0xf);
    assertThat(Sysctl.CTLTYPE_NODE).isEqualTo(1);
    assertThat(Sysctl.CTLFLAG_RD).isEqualTo(0x80000000);
    assertThat(Sysctl.CTLFLAG_WR).isEqualTo(0x40000000);
    assertThat(Sysctl.CTLFLAG_TUN).isEqualTo(0x00080000);
    assertThat(Sysctl.CTL_MAXNAME).isEqualTo(24);
    assertThat(new int[] {Sysctl.MIB_NAME, Sysctl.MIB_NEXT, Sysctl.MIB_NAME2OID, Sysctl.MIB_OIDFMT})
        .containsExactly(1, 2, 3, 4);
  }

  @Test
  void kindWordsMapToAccess() {
    assertThat(KernelParamTable.access(Sysctl.CTLFLAG_RD | Sysctl.CTLFLAG_WR | 2))
        .isEqualTo(org.jail4j.spi.KernelParam.Access.RW);
    assertThat(KernelParamTable.access(Sysctl.CTLFLAG_RD | Sysctl.CTLFLAG_TUN | 2))
        .isEqualTo(org.jail4j.spi.KernelParam.Access.RDTUN);
    assertThat(KernelParamTable.access(Sysctl.CTLFLAG_RD | 2))
        .isEqualTo(org.jail4j.spi.KernelParam.Access.RD);
  }

  @Test
  void unmountForceAndRctlRangeMatchTheHeaders() {
    assertThat(NativeHostSystem.MNT_FORCE).isEqualTo(0x00080000);
    assertThat(FreeBsdErrno.ERANGE).isEqualTo(34);
  }
}
