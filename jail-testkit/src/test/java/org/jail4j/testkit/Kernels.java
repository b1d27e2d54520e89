package org.jail4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.jail4j.Errno;
import org.jail4j.FreeBsdVersion;
import org.jail4j.spi.JailFlags;
import org.jail4j.spi.JailKernel;
import org.jail4j.spi.SyscallException;

/** Shared test steps: kernels, creating jails, and asserting errno plus errmsg. */
final class Kernels {
  private Kernels() {}

  static FakeJailKernel v(FreeBsdVersion version) {
    return FakeJailKernel.builder().version(version).paths(PathCheck.anyDirectory()).build();
  }

  static FakeJailKernel v14() {
    return v(FreeBsdVersion.V14);
  }

  static int newJail(JailKernel k, String name) {
    try {
      return k.set(Iov.of().str("name", name).flag("persist").array(), JailFlags.CREATE);
    } catch (SyscallException e) {
      throw new AssertionError("creating " + name + ": " + e.getMessage(), e);
    }
  }

  static int newJail(JailKernel k, Iov iov) {
    try {
      return k.set(iov.array(), JailFlags.CREATE);
    } catch (SyscallException e) {
      throw new AssertionError("create failed: " + e.getMessage() + " " + iov.errmsg(), e);
    }
  }

  interface Call {
    void run() throws SyscallException;
  }

  /** Runs a set/get with this iovec and asserts the errno and the errmsg the kernel wrote. */
  static void assertSetFails(JailKernel k, Iov iov, int flags, Errno errno, String errmsg) {
    SyscallException e =
        catchThrowableOfType(SyscallException.class, () -> k.set(iov.array(), flags));
    assertThat(e).as("jail_set should fail with %s", errno).isNotNull();
    assertThat(e.errno()).isEqualTo(errno);
    assertThat(iov.errmsg()).isEqualTo(errmsg);
  }

  static void assertGetFails(JailKernel k, Iov iov, int flags, Errno errno, String errmsg) {
    SyscallException e =
        catchThrowableOfType(SyscallException.class, () -> k.get(iov.array(), flags));
    assertThat(e).as("jail_get should fail with %s", errno).isNotNull();
    assertThat(e.errno()).isEqualTo(errno);
    assertThat(iov.errmsg()).isEqualTo(errmsg);
  }

  static void assertFails(Call call, Errno errno) {
    SyscallException e = catchThrowableOfType(SyscallException.class, call::run);
    assertThat(e).as("call should fail with %s", errno).isNotNull();
    assertThat(e.errno()).isEqualTo(errno);
  }

  /** Reads one int parameter of a jail by JID. */
  static int getInt(JailKernel k, int jid, String param) throws SyscallException {
    Iov iov = Iov.of().i32("jid", jid).out(param, 4);
    k.get(iov.array(), JailFlags.DYING);
    return iov.intValue(param);
  }

  static String getString(JailKernel k, int jid, String param) throws SyscallException {
    Iov iov = Iov.of().i32("jid", jid).out(param, 1024);
    k.get(iov.array(), JailFlags.DYING);
    return iov.stringValue(param);
  }
}
