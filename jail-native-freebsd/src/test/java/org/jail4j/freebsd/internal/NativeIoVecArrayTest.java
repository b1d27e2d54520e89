package org.jail4j.freebsd.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import org.jail4j.Errno;
import org.jail4j.spi.IoVec;
import org.jail4j.spi.SyscallException;
import org.junit.jupiter.api.Test;

/** The struct iovec array the provider builds in real native memory (freebsd-jail-abi.md §1.1). */
class NativeIoVecArrayTest {
  private final Runtime runtime = Runtime.getSystemRuntime();

  private static byte[] read(Runtime runtime, long address, int n) {
    byte[] b = new byte[n];
    runtime.getMemoryManager().newPointer(address).get(0, b, 0, n);
    return b;
  }

  @Test
  void eachEntryIsAPointerFollowedByASizeT() throws SyscallException {
    NativeIoVecArray a =
        NativeIoVecArray.of(runtime, new IoVec[] {IoVec.name("name"), IoVec.string("web")}, false);
    Pointer p = a.pointer();

    assertThat(a.entrySize()).isEqualTo(2 * runtime.addressSize());
    assertThat(p.getAddress(0)).isNotZero();
    assertThat(p.getLongLong(8)).isEqualTo(5); // "name" + NUL
    assertThat(read(runtime, p.getAddress(0), 5))
        .isEqualTo("name\0".getBytes(StandardCharsets.US_ASCII));
    assertThat(p.getLongLong(16 + 8)).isEqualTo(4); // "web" + NUL
    assertThat(read(runtime, p.getAddress(16), 4))
        .isEqualTo("web\0".getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void structIovecIsSixteenBytesOn64BitHosts() throws SyscallException {
    NativeIoVecArray a =
        NativeIoVecArray.of(runtime, new IoVec[] {IoVec.name("persist"), IoVec.empty()}, false);
    if (runtime.addressSize() == 8) {
      assertThat(a.entrySize()).isEqualTo(16);
    } else {
      assertThat(a.entrySize()).isEqualTo(8);
    }
  }

  @Test
  void aNullBaseStaysNullWithTheCallersLength() throws SyscallException {
    NativeIoVecArray a =
        NativeIoVecArray.of(
            runtime, new IoVec[] {IoVec.name("persist"), IoVec.raw(null, 9)}, false);

    assertThat(a.pointer().getAddress(16)).isZero();
    assertThat(a.nativeLength(1)).isEqualTo(9);
  }

  @Test
  void aLengthBeyondTheBufferIsRefusedWithEfault() {
    IoVec[] iov = {IoVec.name("name"), IoVec.raw(new byte[2], 3)};

    assertThatThrownBy(() -> NativeIoVecArray.of(runtime, iov, false))
        .isInstanceOfSatisfying(
            SyscallException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EFAULT));
  }

  @Test
  void theCallersErrmsgBufferPassesUnchanged() throws SyscallException {
    byte[] filled = new byte[1024];
    Arrays.fill(filled, (byte) 'Z');
    IoVec[] iov = {IoVec.name("errmsg"), IoVec.of(filled)};

    NativeIoVecArray a = NativeIoVecArray.of(runtime, iov, true);

    assertThat(read(runtime, a.pointer().getAddress(16), 1024)).containsOnly((byte) 'Z');
    assertThat(a.count()).isEqualTo(2);
  }

  @Test
  void theAppendedErrmsgBufferStartsZeroed() throws SyscallException {
    NativeIoVecArray a =
        NativeIoVecArray.of(runtime, new IoVec[] {IoVec.name("jid"), IoVec.buffer(4)}, true);

    assertThat(read(runtime, a.pointer().getAddress(48), 1024)).containsOnly((byte) 0);
  }

  @Test
  void anErrmsgPairOf1024BytesIsAppendedWhenTheCallerHasNone() throws SyscallException {
    NativeIoVecArray a =
        NativeIoVecArray.of(runtime, new IoVec[] {IoVec.name("jid"), IoVec.buffer(4)}, true);

    assertThat(a.count()).isEqualTo(4);
    assertThat(read(runtime, a.pointer().getAddress(32), 7))
        .isEqualTo("errmsg\0".getBytes(StandardCharsets.US_ASCII));
    assertThat(a.nativeLength(2)).isEqualTo(7);
    assertThat(a.nativeLength(3)).isEqualTo(1024);
  }

  @Test
  void noErrmsgIsAppendedToAnOddArray() throws SyscallException {
    NativeIoVecArray a = NativeIoVecArray.of(runtime, new IoVec[] {IoVec.name("jid")}, true);

    assertThat(a.count()).isEqualTo(1);
  }

  @Test
  void noErrmsgIsAppendedWhenItWouldPassUioMaxiov() throws SyscallException {
    IoVec[] iov = new IoVec[1024];
    for (int i = 0; i < iov.length; i += 2) {
      iov[i] = IoVec.name("persist");
      iov[i + 1] = IoVec.empty();
    }

    assertThat(NativeIoVecArray.of(runtime, iov, true).count()).isEqualTo(1024);
  }

  @Test
  void copyBackBringsTheKernelsBytesAndLengths() throws SyscallException {
    IoVec value = IoVec.buffer(256);
    NativeIoVecArray a =
        NativeIoVecArray.of(runtime, new IoVec[] {IoVec.name("host.hostname"), value}, false);
    long base = a.pointer().getAddress(16);
    runtime
        .getMemoryManager()
        .newPointer(base)
        .put(0, "web\0".getBytes(StandardCharsets.US_ASCII), 0, 4);
    a.pointer().putLongLong(16 + 8, 4);

    a.copyBack();

    assertThat(value.length()).isEqualTo(4);
    assertThat(value.bytes()).isEqualTo("web\0".getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void theKernelMessageIsReadUpToItsNul() throws SyscallException {
    NativeIoVecArray a =
        NativeIoVecArray.of(runtime, new IoVec[] {IoVec.name("jid"), IoVec.buffer(4)}, true);
    byte[] msg = "unknown parameter: foo\0".getBytes(StandardCharsets.US_ASCII);
    runtime.getMemoryManager().newPointer(a.pointer().getAddress(48)).put(0, msg, 0, msg.length);

    assertThat(a.kernelMessage()).isEqualTo("unknown parameter: foo");
  }
}
