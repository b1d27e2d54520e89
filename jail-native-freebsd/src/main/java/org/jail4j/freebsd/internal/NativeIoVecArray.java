package org.jail4j.freebsd.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.TypeAlias;
import org.jail4j.Errno;
import org.jail4j.spi.IoVec;
import org.jail4j.spi.JailFlags;
import org.jail4j.spi.SyscallException;
import org.jspecify.annotations.Nullable;

/**
 * A {@code struct iovec} array in native memory, built from the SPI's byte-level {@link IoVec}s and
 * copied back after the call. This is the whole of the provider's work on a {@code jail_set} /
 * {@code jail_get} / {@code nmount}: bytes in, bytes and lengths out; no value is interpreted.
 *
 * <p>Layout (freebsd-jail-abi.md §1.1): {@code struct iovec { void *iov_base; size_t iov_len; }},
 * 16 bytes on 64-bit hosts ({@code iov_len} at offset 8). Every non-null base gets its own direct
 * buffer holding a copy of the caller's bytes; a null base stays {@code NULL} with the caller's
 * length, so the kernel itself answers {@code EFAULT} for a NULL base with a non-zero length
 * (§2.3). A length larger than the caller's buffer is refused here with {@code EFAULT} rather than
 * letting the kernel read past the end of the copy.
 *
 * <p>A caller's {@code errmsg} buffer passes through byte for byte: the kernel leaves it untouched
 * on success (§1.4), and clearing it before the call is the caller's part, as in libjail ({@code
 * JailRequest} does it). When the caller passed no {@code errmsg} pair, a zeroed one of {@link
 * JailFlags#ERRMSG_LEN} bytes is appended so that the kernel's text can still be logged; it is not
 * appended when that would change the call's outcome (an odd count, or more than {@link
 * JailFlags#UIO_MAXIOV} entries).
 *
 * <pre>{@code
 * NativeIoVecArray array = NativeIoVecArray.of(runtime, iov, true);
 * int rc = libc.jail_get(array.pointer(), array.count(), 0);
 * array.copyBack(); // values and the rewritten iov_len into iov
 * }</pre>
 */
public final class NativeIoVecArray {
  private static final byte[] ERRMSG = "errmsg\0".getBytes(StandardCharsets.US_ASCII);

  private final IoVec[] entries;
  private final Pointer array;
  private final @Nullable Pointer[] buffers;
  private final int count;
  private final int entrySize;
  private final int wordSize;
  private final int errmsgIndex;

  private NativeIoVecArray(Runtime runtime, IoVec[] entries, boolean addErrmsg)
      throws SyscallException {
    this.entries = entries.clone();
    this.wordSize = runtime.addressSize();
    int sizeT = runtime.findType(TypeAlias.size_t).size();
    if (sizeT != wordSize) {
      throw new IllegalStateException(
          "struct iovec needs size_t (" + sizeT + ") as wide as a pointer (" + wordSize + ")");
    }
    this.entrySize = entrySize(runtime);
    int found = findErrmsg(entries);
    boolean append =
        addErrmsg
            && found < 0
            && entries.length % 2 == 0
            && entries.length + 2 <= JailFlags.UIO_MAXIOV;
    this.count = entries.length + (append ? 2 : 0);
    this.array = Memory.allocateDirect(runtime, Math.max(1, count) * entrySize, true);
    this.buffers = new Pointer[count];
    for (int i = 0; i < entries.length; i++) {
      IoVec v = entries[i];
      byte[] base = v.base();
      int length = v.length();
      if (length < 0 || (base != null && length > base.length)) {
        // a C caller's pointer to fewer bytes than iov_len: the kernel's copyin would fault
        throw new SyscallException("iovec", Errno.EFAULT);
      }
      if (base == null) {
        put(i, 0L, length);
      } else {
        Pointer buffer = Memory.allocateDirect(runtime, Math.max(1, base.length), true);
        buffer.put(0, base, 0, base.length);
        buffers[i] = buffer;
        put(i, buffer.address(), length);
      }
    }
    if (append) {
      Pointer name = Memory.allocateDirect(runtime, ERRMSG.length, true);
      name.put(0, ERRMSG, 0, ERRMSG.length);
      Pointer message = Memory.allocateDirect(runtime, JailFlags.ERRMSG_LEN, true);
      buffers[count - 2] = name;
      buffers[count - 1] = message;
      put(count - 2, name.address(), ERRMSG.length);
      put(count - 1, message.address(), JailFlags.ERRMSG_LEN);
      this.errmsgIndex = count - 1;
    } else {
      this.errmsgIndex = found;
    }
  }

  /**
   * Builds the native array.
   *
   * @param runtime the jnr runtime whose memory to use
   * @param iov the caller's entries (kept, for {@link #copyBack()})
   * @param addErrmsg append an {@code errmsg} pair when the caller has none (jail_set, jail_get)
   * @return the array
   * @throws SyscallException {@code EFAULT} when an entry's length exceeds its buffer
   */
  public static NativeIoVecArray of(Runtime runtime, IoVec[] iov, boolean addErrmsg)
      throws SyscallException {
    return new NativeIoVecArray(runtime, iov, addErrmsg);
  }

  private static int findErrmsg(IoVec[] entries) {
    for (int i = 0; i + 1 < entries.length; i += 2) {
      byte[] b = entries[i].base();
      if (b != null
          && entries[i].length() == ERRMSG.length
          && Arrays.equals(b, 0, ERRMSG.length, ERRMSG, 0, ERRMSG.length)
          && entries[i + 1].base() != null) {
        return i + 1;
      }
    }
    return -1;
  }

  /**
   * {@code sizeof(struct iovec)} for a runtime: a pointer and a {@code size_t}.
   *
   * @param runtime the jnr runtime
   * @return 16 on amd64 and arm64
   */
  public static int entrySize(Runtime runtime) {
    return 2 * runtime.addressSize();
  }

  /**
   * {@code offsetof(struct iovec, iov_len)} for a runtime.
   *
   * @param runtime the jnr runtime
   * @return 8 on amd64 and arm64
   */
  public static int lengthOffset(Runtime runtime) {
    return runtime.addressSize();
  }

  private void put(int index, long address, long length) {
    long at = (long) index * entrySize;
    array.putAddress(at, address);
    if (wordSize == 8) {
      array.putLongLong(at + wordSize, length);
    } else {
      array.putInt(at + wordSize, (int) length);
    }
  }

  /**
   * The address of {@code iov[0]}, to pass to the system call. The array and every value buffer are
   * direct memory freed once this object is unreachable, and the kernel sees only their addresses:
   * a caller keeps this object alive with {@link java.lang.ref.Reference#reachabilityFence} after
   * the call that uses it.
   */
  public Pointer pointer() {
    return array;
  }

  /** The number of entries passed ({@code niov}), including an appended errmsg pair. */
  public int count() {
    return count;
  }

  /** The size of one {@code struct iovec} in bytes. */
  public int entrySize() {
    return entrySize;
  }

  /**
   * The {@code iov_len} currently in native memory for an entry.
   *
   * @param index the entry
   * @return the length
   */
  public long nativeLength(int index) {
    long at = (long) index * entrySize + wordSize;
    return wordSize == 8 ? array.getLongLong(at) : Integer.toUnsignedLong(array.getInt(at));
  }

  /**
   * Copies the kernel's writes back into the caller's entries: every buffer's bytes, and every
   * {@code iov_len} (which {@code jail_get} rewrites, §1.1).
   */
  public void copyBack() {
    for (int i = 0; i < entries.length; i++) {
      IoVec v = entries[i];
      long length = nativeLength(i);
      Pointer buffer = buffers[i];
      byte[] base = v.base();
      if (buffer != null && base != null) {
        buffer.get(0, base, 0, base.length);
      }
      v.setLength((int) Math.min(Integer.MAX_VALUE, length));
    }
  }

  /**
   * The text the kernel wrote into the {@code errmsg} buffer (the caller's or the appended one).
   *
   * @return the message, empty when there is none
   */
  public String kernelMessage() {
    if (errmsgIndex < 0) {
      return "";
    }
    Pointer buffer = buffers[errmsgIndex];
    if (buffer == null) {
      return "";
    }
    byte[] bytes = new byte[(int) buffer.size()];
    buffer.get(0, bytes, 0, bytes.length);
    int end = 0;
    while (end < bytes.length && bytes[end] != 0) {
      end++;
    }
    return new String(bytes, 0, end, StandardCharsets.UTF_8);
  }
}
