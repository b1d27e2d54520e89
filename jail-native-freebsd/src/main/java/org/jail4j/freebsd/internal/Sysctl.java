package org.jail4j.freebsd.internal;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.TypeAlias;
import org.jail4j.Errno;
import org.jail4j.spi.SyscallException;
import org.jspecify.annotations.Nullable;

/**
 * sysctl(3) through the kernel's internal MIBs, the way libjail and sysctl(8) use them: {@code
 * {0,3}} turns a name into an OID, {@code {0,4}} gives an OID's kind word and format string, {@code
 * {0,2}} the next leaf and {@code {0,1}} a leaf's name (freebsd-jail-abi.md §5, "Type discovery").
 *
 * <pre>{@code
 * Sysctl sysctl = new Sysctl(libc, runtime);
 * int[] oid = sysctl.oid("security.jail.param.path").orElseThrow();
 * Sysctl.Format f = sysctl.format(oid).orElseThrow(); // kind CTLFLAG_RD|CTLFLAG_TUN|CTLTYPE_STRING, "A"
 * }</pre>
 */
public final class Sysctl {
  /** Most components an OID can have ({@code CTL_MAXNAME}). */
  public static final int CTL_MAXNAME = 24;

  /** The type bits of a kind word ({@code CTLTYPE}). */
  public static final int CTLTYPE_MASK = 0xf;

  /** {@code CTLTYPE_NODE}. */
  public static final int CTLTYPE_NODE = 1;

  /** {@code CTLFLAG_RD}. */
  public static final int CTLFLAG_RD = 0x80000000;

  /** {@code CTLFLAG_WR}. */
  public static final int CTLFLAG_WR = 0x40000000;

  /** {@code CTLFLAG_TUN}: settable as a tunable, i.e. for jail parameters only at creation. */
  public static final int CTLFLAG_TUN = 0x00080000;

  /** The internal MIB {@code {0,1}}: OID to name. */
  public static final int MIB_NAME = 1;

  /** The internal MIB {@code {0,2}}: the next leaf OID. */
  public static final int MIB_NEXT = 2;

  /** The internal MIB {@code {0,3}}: name to OID. */
  public static final int MIB_NAME2OID = 3;

  /** The internal MIB {@code {0,4}}: OID to kind word and format string. */
  public static final int MIB_OIDFMT = 4;

  private static final int ENOENT = Errno.ENOENT.number();
  private static final int ENOMEM = Errno.ENOMEM.number();

  private final LibC libc;
  private final Runtime runtime;
  private final int sizeT;

  /**
   * sysctl over this libc.
   *
   * @param libc the binding (native or emulated)
   * @param runtime the jnr runtime that owns errno and memory
   */
  public Sysctl(LibC libc, Runtime runtime) {
    this.libc = libc;
    this.runtime = runtime;
    this.sizeT = runtime.findType(TypeAlias.size_t).size();
  }

  /**
   * An OID's kind word and format string, as {@code {0,4}} returns them.
   *
   * @param kind the kind word: {@code CTLTYPE_*} in the low 4 bits, {@code CTLFLAG_*} above
   * @param format the format string, e.g. {@code I}, {@code A}, {@code E,jailsys}
   */
  public record Format(int kind, String format) {
    /** The {@code CTLTYPE} code. */
    public int ctlType() {
      return kind & CTLTYPE_MASK;
    }

    /** True for a node (whose type, for jail parameters, sits on its empty-named child). */
    public boolean isNode() {
      return ctlType() == CTLTYPE_NODE;
    }
  }

  /**
   * {@code sysctlnametomib(3)}: the OID of a name (a trailing dot names a node's empty child).
   *
   * @param name e.g. {@code kern.osreldate}
   * @return the OID, or empty when the kernel has no such name
   * @throws SyscallException for any other failure
   */
  public Optional<int[]> oid(String name) throws SyscallException {
    byte[] text = name.getBytes(StandardCharsets.UTF_8);
    // the kernel NUL-terminates the name itself; libc passes strlen(name) bytes
    Pointer newp = Memory.allocateDirect(runtime, Math.max(1, text.length), true);
    newp.put(0, text, 0, text.length);
    Pointer out = Memory.allocateDirect(runtime, CTL_MAXNAME * 4, true);
    Optional<Long> len =
        call(new int[] {0, MIB_NAME2OID}, out, CTL_MAXNAME * 4L, newp, text.length, "name2oid");
    if (len.isEmpty()) {
      return Optional.empty();
    }
    int[] oid = new int[(int) (len.get() / 4)];
    out.get(0, oid, 0, oid.length);
    return Optional.of(oid);
  }

  /**
   * The kind word and format string of an OID ({@code {0,4}}).
   *
   * @param oid the OID
   * @return the format, or empty when the OID does not exist
   * @throws SyscallException for any other failure
   */
  public Optional<Format> format(int[] oid) throws SyscallException {
    int capacity = 4 + 1024;
    Pointer out = Memory.allocateDirect(runtime, capacity, true);
    Optional<Long> len = call(prefixed(MIB_OIDFMT, oid), out, capacity, null, 0, "oidfmt");
    if (len.isEmpty()) {
      return Optional.empty();
    }
    int kind = out.getInt(0);
    String format = cString(out, 4, (int) Math.max(0, len.get() - 4));
    return Optional.of(new Format(kind, format));
  }

  /**
   * The name of an OID ({@code {0,1}}).
   *
   * @param oid the OID
   * @return the dotted name, or empty when the OID does not exist
   * @throws SyscallException for any other failure
   */
  public Optional<String> name(int[] oid) throws SyscallException {
    int capacity = 1024;
    Pointer out = Memory.allocateDirect(runtime, capacity, true);
    Optional<Long> len = call(prefixed(MIB_NAME, oid), out, capacity, null, 0, "name");
    return len.map(n -> cString(out, 0, (int) (long) n));
  }

  /**
   * The leaf after an OID in the kernel's walk order ({@code {0,2}}).
   *
   * @param oid the OID to start after
   * @return the next leaf, or empty after the last
   * @throws SyscallException for any other failure
   */
  public Optional<int[]> next(int[] oid) throws SyscallException {
    Pointer out = Memory.allocateDirect(runtime, CTL_MAXNAME * 4, true);
    Optional<Long> len = call(prefixed(MIB_NEXT, oid), out, CTL_MAXNAME * 4L, null, 0, "next");
    if (len.isEmpty()) {
      return Optional.empty();
    }
    int[] next = new int[(int) (len.get() / 4)];
    out.get(0, next, 0, next.length);
    return Optional.of(next);
  }

  /**
   * Reads a sysctl's value: a size probe, then the read (retried when the value grew in between).
   *
   * @param oid the OID
   * @return the bytes, or empty when the OID does not exist
   * @throws SyscallException for any other failure
   */
  public Optional<byte[]> read(int[] oid) throws SyscallException {
    for (int attempt = 0; ; attempt++) {
      Optional<Long> size = call(oid, null, 0, null, 0, "read");
      if (size.isEmpty()) {
        return Optional.empty();
      }
      long capacity = size.get() + 64;
      Pointer out = Memory.allocateDirect(runtime, capacity, true);
      try {
        Optional<Long> len = call(oid, out, capacity, null, 0, "read");
        if (len.isEmpty()) {
          return Optional.empty();
        }
        byte[] bytes = new byte[(int) (long) len.get()];
        out.get(0, bytes, 0, bytes.length);
        return Optional.of(bytes);
      } catch (SyscallException e) {
        if (e.errno() != Errno.ENOMEM || attempt >= 4) {
          throw e;
        }
      }
    }
  }

  /**
   * Reads an integer sysctl by name ({@code CTLTYPE_INT}, native order).
   *
   * @param name e.g. {@code kern.osreldate}
   * @return the value, or empty when the kernel has no such name
   * @throws SyscallException for any other failure
   */
  public Optional<Integer> readInt(String name) throws SyscallException {
    Optional<int[]> oid = oid(name);
    if (oid.isEmpty()) {
      return Optional.empty();
    }
    Optional<byte[]> bytes = read(oid.get());
    if (bytes.isEmpty() || bytes.get().length < 4) {
      return Optional.empty();
    }
    return Optional.of(ByteBuffer.wrap(bytes.get()).order(ByteOrder.nativeOrder()).getInt());
  }

  /**
   * Reads a boolean sysctl by name. FreeBSD's {@code SYSCTL_BOOL} (e.g. {@code kern.racct.enable})
   * is one byte ({@code CTLTYPE_U8}, format {@code "CU"}); older kernels published some of these as
   * a 4-byte int, so a 4-byte value is read as an int. Any other size reads as absent.
   *
   * @param name e.g. {@code kern.racct.enable}
   * @return the value, or empty when the kernel has no such name or it is not 1 or 4 bytes
   * @throws SyscallException for any other failure
   */
  public Optional<Boolean> readBool(String name) throws SyscallException {
    Optional<int[]> oid = oid(name);
    if (oid.isEmpty()) {
      return Optional.empty();
    }
    Optional<byte[]> bytes = read(oid.get());
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    byte[] b = bytes.get();
    if (b.length == 1) {
      return Optional.of(b[0] != 0);
    }
    if (b.length == 4) {
      return Optional.of(ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).getInt() != 0);
    }
    return Optional.empty();
  }

  /**
   * Reads a string sysctl by name (up to its NUL).
   *
   * @param name e.g. {@code kern.osrelease}
   * @return the value, or empty when the kernel has no such name
   * @throws SyscallException for any other failure
   */
  public Optional<String> readString(String name) throws SyscallException {
    Optional<int[]> oid = oid(name);
    if (oid.isEmpty()) {
      return Optional.empty();
    }
    return read(oid.get()).map(Sysctl::cString);
  }

  /**
   * The text of a C string in a byte array: up to the first NUL, or all of it.
   *
   * @param bytes the bytes
   * @return the string
   */
  public static String cString(byte[] bytes) {
    int end = 0;
    while (end < bytes.length && bytes[end] != 0) {
      end++;
    }
    return new String(bytes, 0, end, StandardCharsets.UTF_8);
  }

  private static String cString(Pointer p, long offset, int max) {
    byte[] bytes = new byte[Math.max(0, max)];
    p.get(offset, bytes, 0, bytes.length);
    return cString(bytes);
  }

  private static int[] prefixed(int op, int[] oid) {
    int[] mib = new int[oid.length + 2];
    mib[0] = 0;
    mib[1] = op;
    System.arraycopy(oid, 0, mib, 2, oid.length);
    return mib;
  }

  /** One sysctl(3) call; the returned length, or empty for ENOENT. */
  private Optional<Long> call(
      int[] mib,
      @Nullable Pointer oldp,
      long oldCapacity,
      @Nullable Pointer newp,
      long newlen,
      String what)
      throws SyscallException {
    if (mib.length > CTL_MAXNAME) {
      throw new SyscallException("sysctl", Errno.EINVAL);
    }
    Pointer name = Memory.allocateDirect(runtime, mib.length * 4, true);
    name.put(0, mib, 0, mib.length);
    Pointer oldlenp = Memory.allocateDirect(runtime, sizeT, true);
    putSize(oldlenp, oldCapacity);
    int rc;
    int errno;
    try {
      rc = libc.sysctl(name, mib.length, oldp, oldlenp, newp, newlen);
      errno = rc == -1 ? runtime.getLastError() : 0;
    } finally {
      // direct buffers are freed when unreachable: keep every one alive until the call returned
      Reference.reachabilityFence(name);
      Reference.reachabilityFence(oldp);
      Reference.reachabilityFence(newp);
    }
    if (rc == -1) {
      if (errno == ENOENT) {
        return Optional.empty();
      }
      if (errno == ENOMEM) {
        throw new SyscallException("sysctl " + what + " " + Arrays.toString(mib), Errno.ENOMEM);
      }
      throw FreeBsdErrno.failure("sysctl " + what + " " + Arrays.toString(mib), errno);
    }
    return Optional.of(getSize(oldlenp));
  }

  private void putSize(Pointer p, long value) {
    if (sizeT == 8) {
      p.putLongLong(0, value);
    } else {
      p.putInt(0, (int) value);
    }
  }

  private long getSize(Pointer p) {
    return sizeT == 8 ? p.getLongLong(0) : Integer.toUnsignedLong(p.getInt(0));
  }
}
