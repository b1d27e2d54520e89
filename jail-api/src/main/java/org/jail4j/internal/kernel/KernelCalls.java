package org.jail4j.internal.kernel;

import java.nio.charset.StandardCharsets;
import org.jail4j.Errno;
import org.jail4j.JailException;
import org.jail4j.spi.IoVec;
import org.jail4j.spi.JailFlags;
import org.jail4j.spi.JailKernel;
import org.jail4j.spi.SyscallException;
import org.jspecify.annotations.Nullable;

/**
 * One {@code jail_set(2)} or {@code jail_get(2)} as libjail makes it: a zeroed {@code errmsg}
 * buffer on every call, value buffers sized by a probe, the read retried when an address list grew
 * in between, and a failure turned into the {@link JailException} its errno maps to, with the
 * kernel's message. The parameters arrive encoded: this layer knows buffers, not types.
 */
public final class KernelCalls {

  /** libjail's {@code ARRAY_SANITY}: how many times a {@code jail_get} is retried. */
  public static final int ARRAY_ATTEMPTS = 5;

  /** libjail's {@code ARRAY_SLOP}: extra elements allocated for address lists that may grow. */
  public static final int ARRAY_SLACK = 5;

  /** The NUL-terminated name {@code errmsg}, shared: kernels read names and never write them. */
  private static final IoVec ERRMSG_NAME = IoVec.name("errmsg");

  private KernelCalls() {}

  /**
   * One value a {@code jail_get} reads, and how its buffer is sized.
   *
   * @param name the parameter name
   * @param nameEntry its name entry (NUL-terminated; kernels never write names, so one entry may
   *     serve every call)
   * @param fromKey true when a key of the call carries it (read back from the key's own buffer)
   * @param fixedSize the buffer size when known without a probe, else 0
   * @param elementSize for an address list, the size of one address (the probe's answer gets {@link
   *     #ARRAY_SLACK} more of them); else 0
   */
  public record Slot(
      String name, IoVec nameEntry, boolean fromKey, int fixedSize, int elementSize) {}

  /** What a {@code jail_get} read: the JID and the value buffers, one per slot in order. */
  public static final class Read {
    private final int jid;
    private final IoVec[] values;

    Read(int jid, IoVec[] values) {
      this.jid = jid;
      this.values = values;
    }

    /** The JID of the jail read. */
    public int jid() {
      return jid;
    }

    /**
     * The value buffers, one per slot in order ({@link IoVec#empty()} for a slot read from its
     * key): the array itself, made for this call and the caller's to keep.
     */
    public IoVec[] values() {
      return values;
    }
  }

  /**
   * {@code jail_set(2)}.
   *
   * @param kernel the kernel
   * @param iov the name/value pairs followed by two free entries, where the {@code errmsg} pair is
   *     put (so the call needs no copy of the array)
   * @param flags {@link JailFlags} bits
   * @param jid the jail's JID for the error, when the request names one
   * @param name the jail's name for the error, when the request names one
   * @return the JID of the jail created or changed
   * @throws JailException the kernel's failure, with its errmsg
   */
  public static int set(
      JailKernel kernel, IoVec[] iov, int flags, @Nullable Integer jid, @Nullable String name) {
    Errmsg errmsg = putErrmsg(iov);
    try {
      return kernel.set(iov, flags);
    } catch (SyscallException e) {
      throw failure("jail_set", e, errmsg, jid, name);
    } finally {
      errmsg.release();
    }
  }

  /**
   * {@code jail_get(2)} of the slots' values, the keys first. Slots without a fixed size are sized
   * with one probe call first; when an address list grew between the probe and the read ({@code
   * EINVAL} without an errmsg), the read is retried up to {@link #ARRAY_ATTEMPTS} times (§2.8); an
   * {@code EINVAL} with an errmsg is the kernel's answer and is not retried.
   *
   * @param kernel the kernel
   * @param keys the key name/value pairs, without {@code errmsg}
   * @param slots the values to read
   * @param flags {@link JailFlags#DYING} or 0
   * @param jid the jail's JID for the error, when the keys name one
   * @param name the jail's name for the error, when the keys name one
   * @return the JID and the value buffers
   * @throws JailException the kernel's failure, with its errmsg
   */
  public static Read get(
      JailKernel kernel,
      IoVec[] keys,
      Slot[] slots,
      int flags,
      @Nullable Integer jid,
      @Nullable String name) {
    int n = slots.length;
    int read = 0;
    for (Slot s : slots) {
      if (!s.fromKey()) {
        read++;
      }
    }
    IoVec[] values = new IoVec[n];
    for (int attempt = 1; ; attempt++) {
      boolean probed = probe(kernel, keys, slots, values, flags, jid, name);
      IoVec[] iov = new IoVec[keys.length + 2 * read + 2];
      System.arraycopy(keys, 0, iov, 0, keys.length);
      int at = keys.length;
      for (int i = 0; i < n; i++) {
        if (!slots[i].fromKey()) {
          iov[at++] = slots[i].nameEntry();
          iov[at++] = values[i];
        }
      }
      Errmsg errmsg = putErrmsg(iov);
      try {
        return new Read(kernel.get(iov, flags), values);
      } catch (SyscallException e) {
        // an address list outgrew its buffer: probe again (§2.8). An EINVAL the kernel explained
        // in errmsg is a real error, so libjail's jailparam_get stops there (jail_errmsg[0]).
        if (e.errno() == Errno.EINVAL && probed && attempt < ARRAY_ATTEMPTS && !errmsg.wrote()) {
          continue;
        }
        throw failure("jail_get", e, errmsg, jid, name);
      } finally {
        errmsg.release();
      }
    }
  }

  /**
   * Sizes the value buffers: fixed sizes directly, the rest with one probe call (null buffers, the
   * kernel writes only the needed length). Returns whether a probe was needed.
   */
  private static boolean probe(
      JailKernel kernel,
      IoVec[] keys,
      Slot[] slots,
      IoVec[] values,
      int flags,
      @Nullable Integer jid,
      @Nullable String name) {
    int probes = 0;
    for (int i = 0; i < slots.length; i++) {
      Slot s = slots[i];
      if (s.fromKey()) {
        values[i] = IoVec.empty(); // read back from the key's own buffer
      } else if (s.fixedSize() > 0) {
        values[i] = IoVec.buffer(s.fixedSize());
      } else {
        values[i] = IoVec.empty(); // a probe: a null buffer, the kernel writes the length
        probes++;
      }
    }
    if (probes == 0) {
      return false;
    }
    IoVec[] iov = new IoVec[keys.length + 2 * probes + 2];
    System.arraycopy(keys, 0, iov, 0, keys.length);
    int at = keys.length;
    for (int i = 0; i < slots.length; i++) {
      if (isProbed(slots[i])) {
        iov[at++] = slots[i].nameEntry();
        iov[at++] = values[i];
      }
    }
    Errmsg errmsg = putErrmsg(iov);
    try {
      kernel.get(iov, flags);
    } catch (SyscallException e) {
      throw failure("jail_get", e, errmsg, jid, name);
    } finally {
      errmsg.release();
    }
    for (int i = 0; i < slots.length; i++) {
      Slot s = slots[i];
      if (isProbed(s)) {
        int len = Math.max(values[i].length(), 0);
        values[i] =
            IoVec.buffer(
                s.elementSize() > 0 ? len + ARRAY_SLACK * s.elementSize() : Math.max(len, 1));
      }
    }
    return true;
  }

  /** A slot whose buffer only a probe can size. */
  private static boolean isProbed(Slot s) {
    return !s.fromKey() && s.fixedSize() <= 0;
  }

  /** Puts the {@code errmsg} pair into the last two entries of the call. */
  private static Errmsg putErrmsg(IoVec[] iov) {
    Errmsg errmsg = Errmsg.take();
    iov[iov.length - 2] = ERRMSG_NAME;
    iov[iov.length - 1] = errmsg.entry;
    return errmsg;
  }

  private static JailException failure(
      String op, SyscallException e, Errmsg errmsg, @Nullable Integer jid, @Nullable String name) {
    String text = cString(errmsg.bytes);
    return JailException.fromErrno(op, jid, name, e.errno(), text.isEmpty() ? null : text);
  }

  /**
   * The {@code errmsg} buffer of one call: zeroed when the call starts, as a fresh buffer would be
   * (the kernel writes into it only on failure, §1.4). Each thread keeps one and clears it after
   * use; a call made while the thread's buffer is in use (a kernel that calls back into this layer)
   * gets a new one.
   */
  private static final class Errmsg {
    private static final ThreadLocal<Errmsg> SPARE = new ThreadLocal<>();

    final byte[] bytes = new byte[JailFlags.ERRMSG_LEN];
    final IoVec entry = IoVec.of(bytes);
    private boolean inUse;

    static Errmsg take() {
      Errmsg e = SPARE.get();
      if (e == null || e.inUse) {
        Errmsg fresh = new Errmsg();
        if (e == null) {
          SPARE.set(fresh);
        }
        e = fresh;
      }
      e.inUse = true;
      return e;
    }

    /** True when the kernel wrote a message. */
    boolean wrote() {
      return bytes[0] != 0;
    }

    /** Zeroes whatever the kernel wrote and gives the buffer back to its thread. */
    void release() {
      java.util.Arrays.fill(bytes, (byte) 0);
      entry.reset(bytes, bytes.length);
      inUse = false;
    }
  }

  /** The kernel's NUL-terminated UTF-8 message. */
  private static String cString(byte[] buffer) {
    int end = 0;
    while (end < buffer.length && buffer[end] != 0) {
      end++;
    }
    return new String(buffer, 0, end, StandardCharsets.UTF_8);
  }
}
