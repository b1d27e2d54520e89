package org.jail4j.freebsd.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import org.jail4j.Errno;
import org.jail4j.spi.IoVec;
import org.jail4j.spi.JailKernel;
import org.jail4j.spi.MountRequest;
import org.jail4j.spi.RctlCall;
import org.jail4j.spi.SyscallException;
import org.jspecify.annotations.Nullable;

/**
 * FreeBSD's libc, emulated in Java: the very {@link LibC} interface the provider calls, reading the
 * {@code struct iovec} array out of the real native memory the provider built (pointers and
 * lengths, 16 bytes per entry on 64-bit), handing the bytes to a {@link JailKernel} (the testkit's
 * fake), and writing results, {@code iov_len} and {@code errmsg} back into that memory, with the
 * errno set through jnr's own saved-errno slot ({@code Runtime.setLastError}), which is where the
 * provider reads it after a real {@code @SaveError} call.
 *
 * <p>Kernel rules it keeps itself: {@code jail_get} copies the array out only on success; on
 * failure only the {@code errmsg} buffer is written (freebsd-jail-abi.md §1.4, §2.8).
 */
public final class EmulatedLibc implements LibC {
  private static final int EFAULT = Errno.EFAULT.number();
  private static final int ENOENT = Errno.ENOENT.number();
  private static final int ENOMEM = Errno.ENOMEM.number();
  private static final int EINVAL = Errno.EINVAL.number();

  private final JailKernel kernel;
  private final Runtime runtime;
  private final List<String> extraModules;
  private volatile @Nullable EmulatedSysctl sysctlTree;
  private volatile @Nullable List<String> moduleList;
  private final Set<String> missingSymbols = ConcurrentHashMap.newKeySet();
  private final List<MountRequest> mounts = new CopyOnWriteArrayList<>();
  private final List<IoVec[]> nmountCalls = new CopyOnWriteArrayList<>();
  private final List<String> unmounts = new CopyOnWriteArrayList<>();
  private volatile int nmountErrno;
  private final java.util.concurrent.atomic.AtomicInteger rctlCapacityCalls =
      new java.util.concurrent.atomic.AtomicInteger();

  public EmulatedLibc(JailKernel kernel, Runtime runtime, List<String> extraModules) {
    this.kernel = kernel;
    this.runtime = runtime;
    this.extraModules = List.copyOf(extraModules);
  }

  /** The sysctl tree, built on first use from the kernel's parameter table and capabilities. */
  private EmulatedSysctl sysctlTree() {
    EmulatedSysctl t = sysctlTree;
    if (t == null) {
      t = EmulatedSysctl.of(kernel.params(), kernel.capabilities());
      sysctlTree = t;
    }
    return t;
  }

  /** The loaded modules: some that add no jail parameter, then the kernel's own. */
  private List<String> modules() {
    List<String> m = moduleList;
    if (m == null) {
      List<String> mods = new ArrayList<>(List.of("kernel", "cam", "pci", "ufs"));
      mods.addAll(kernel.capabilities().modules());
      mods.addAll(extraModules);
      m = List.copyOf(mods);
      moduleList = m;
    }
    return m;
  }

  public EmulatedLibc(JailKernel kernel, Runtime runtime) {
    this(kernel, runtime, List.of());
  }

  /** The binding the provider sees: not the process's own libc, so attaching is allowed. */
  public LibcBinding binding() {
    return new LibcBinding(this, runtime, false);
  }

  /** Makes a symbol behave as missing from libc (jnr throws UnsatisfiedLinkError on the call). */
  void withoutSymbol(String symbol) {
    missingSymbols.add(symbol);
  }

  /** Mounts nmount(2) was asked for, decoded from the iovec. */
  List<MountRequest> mounts() {
    return mounts;
  }

  /** Publishes one more sysctl leaf (e.g. a value shaped as an older kernel had it). */
  void publishSysctl(String name, int kind, String format, byte[] value) {
    sysctlTree().leaf(name, kind, format, value);
  }

  /**
   * Makes the JVM a jailed process: {@code security.jail.jailed} reads 1, and {@code
   * kern.osreldate} / {@code kern.osrelease} read the jail's values (its {@code osreldate} and
   * {@code osrelease} parameters), while {@code kern.version} keeps the kernel's own string, as
   * sys/kern/kern_mib.c answers them.
   *
   * @param jailOsreldate the jail's {@code osreldate}
   * @param jailOsrelease the jail's {@code osrelease}
   */
  void runAsJailedProcess(int jailOsreldate, String jailOsrelease) {
    EmulatedSysctl t = sysctlTree();
    t.replace("security.jail.jailed", EmulatedSysctl.intBytes(1));
    t.replace("kern.osreldate", EmulatedSysctl.intBytes(jailOsreldate));
    t.replace("kern.osrelease", EmulatedSysctl.cstring(jailOsrelease));
  }

  /** The kind word and format string the emulated kernel publishes for a sysctl leaf. */
  Optional<Sysctl.Format> published(String name) {
    return sysctlTree().byName(name).map(o -> new Sysctl.Format(o.kind, o.format));
  }

  /** The size of the value the emulated kernel publishes for a sysctl leaf. */
  Optional<Integer> publishedSize(String name) {
    return sysctlTree().byName(name).map(o -> o.value.length);
  }

  /** The raw iovec of every nmount(2) call. */
  List<IoVec[]> nmountCalls() {
    return nmountCalls;
  }

  /** Paths unmount(2) was asked for. */
  List<String> unmounts() {
    return unmounts;
  }

  /** The next nmount(2) fails with this FreeBSD errno and an errmsg. */
  void failNextNmount(int errno) {
    nmountErrno = errno;
  }

  /** How many rctl_get_* calls there were (for the ERANGE retry). */
  int rctlGetCalls() {
    return rctlCapacityCalls.get();
  }

  private int fail(int errno) {
    runtime.setLastError(errno);
    return -1;
  }

  private int fail(SyscallException e) {
    return fail(e.errno().number());
  }

  private void symbol(String name) {
    if (missingSymbols.contains(name)) {
      throw new UnsatisfiedLinkError(name);
    }
  }

  // ---- the iovec array in native memory ----

  private long entrySize() {
    return 2L * runtime.addressSize();
  }

  private long baseAt(Pointer iov, int i) {
    return iov.getAddress(i * entrySize());
  }

  private long lengthAt(Pointer iov, int i) {
    long at = i * entrySize() + runtime.addressSize();
    return runtime.addressSize() == 8 ? iov.getLongLong(at) : iov.getInt(at);
  }

  private void putLength(Pointer iov, int i, long length) {
    long at = i * entrySize() + runtime.addressSize();
    if (runtime.addressSize() == 8) {
      iov.putLongLong(at, length);
    } else {
      iov.putInt(at, (int) length);
    }
  }

  private Pointer at(long address) {
    return runtime.getMemoryManager().newPointer(address);
  }

  /** The kernel's copyin: every base/length pair read out of native memory. */
  private IoVec[] copyIn(Pointer iov, int niov) {
    IoVec[] out = new IoVec[niov];
    for (int i = 0; i < niov; i++) {
      long base = baseAt(iov, i);
      long len = lengthAt(iov, i);
      if (base == 0) {
        out[i] = IoVec.raw(null, (int) len);
      } else {
        byte[] bytes = new byte[(int) len];
        at(base).get(0, bytes, 0, bytes.length);
        out[i] = IoVec.raw(bytes, (int) len);
      }
    }
    return out;
  }

  /** The kernel's copyout of one value: its bytes (as far as the buffer goes) and its length. */
  private void copyOut(Pointer iov, int i, IoVec value, long capacity) {
    long base = baseAt(iov, i);
    byte[] b = value.base();
    if (base != 0 && b != null) {
      int n = (int) Math.min(Math.min(capacity, b.length), Math.max(0, value.length()));
      at(base).put(0, b, 0, n);
    }
    putLength(iov, i, value.length());
  }

  private void copyOutErrmsg(Pointer iov, IoVec[] vecs) {
    for (int i = 0; i + 1 < vecs.length; i += 2) {
      byte[] name = vecs[i].base();
      if (name != null && Sysctl.cString(name).equals("errmsg") && vecs[i + 1].base() != null) {
        long base = baseAt(iov, i + 1);
        byte[] b = vecs[i + 1].base();
        if (base != 0 && b != null) {
          at(base).put(0, b, 0, b.length);
        }
      }
    }
  }

  @Override
  public int jail_set(Pointer iov, int niov, int flags) {
    IoVec[] vecs = copyIn(iov, niov);
    long[] capacity = new long[niov];
    for (int i = 0; i < niov; i++) {
      capacity[i] = lengthAt(iov, i);
    }
    try {
      int jid = kernel.set(vecs, flags);
      // 15.0: a descriptor asked for with JAIL_GET_DESC / JAIL_OWN_DESC comes back in "desc"
      for (int i = 0; i < niov; i++) {
        copyOut(iov, i, vecs[i], capacity[i]);
      }
      return jid;
    } catch (SyscallException e) {
      copyOutErrmsg(iov, vecs);
      return fail(e);
    }
  }

  @Override
  public int jail_get(Pointer iov, int niov, int flags) {
    IoVec[] vecs = copyIn(iov, niov);
    long[] capacity = new long[niov];
    for (int i = 0; i < niov; i++) {
      capacity[i] = lengthAt(iov, i);
    }
    try {
      int jid = kernel.get(vecs, flags);
      // on success the kernel copies the whole array out: values and rewritten lengths
      for (int i = 0; i < niov; i++) {
        copyOut(iov, i, vecs[i], capacity[i]);
      }
      return jid;
    } catch (SyscallException e) {
      copyOutErrmsg(iov, vecs);
      return fail(e);
    }
  }

  @Override
  public int jail_remove(int jid) {
    try {
      kernel.remove(jid);
      return 0;
    } catch (SyscallException e) {
      return fail(e);
    }
  }

  @Override
  public int jail_attach(int jid) {
    try {
      kernel.attach(jid);
      return 0;
    } catch (SyscallException e) {
      return fail(e);
    }
  }

  @Override
  public int jail_remove_jd(int fd) {
    symbol("jail_remove_jd");
    try {
      kernel.removeDescriptor(fd);
      return 0;
    } catch (SyscallException e) {
      return fail(e);
    }
  }

  @Override
  public int jail_attach_jd(int fd) {
    symbol("jail_attach_jd");
    try {
      kernel.attachDescriptor(fd);
      return 0;
    } catch (SyscallException e) {
      return fail(e);
    }
  }

  @Override
  public int close(int fd) {
    try {
      kernel.closeDescriptor(fd);
      return 0;
    } catch (SyscallException e) {
      return fail(e);
    }
  }

  // ---- sysctl ----

  @Override
  public int sysctl(
      Pointer name,
      int namelen,
      @Nullable Pointer oldp,
      Pointer oldlenp,
      @Nullable Pointer newp,
      long newlen) {
    if (namelen < 1 || namelen > Sysctl.CTL_MAXNAME) {
      return fail(EINVAL);
    }
    int[] mib = new int[namelen];
    name.get(0, mib, 0, namelen);
    long capacity = runtime.addressSize() == 8 ? oldlenp.getLongLong(0) : oldlenp.getInt(0);
    byte[] answer;
    if (mib[0] == 0 && namelen >= 2) {
      int[] rest = Arrays.copyOfRange(mib, 2, mib.length);
      Optional<byte[]> internal =
          switch (mib[1]) {
            case Sysctl.MIB_NAME2OID -> {
              if (newp == null) {
                yield Optional.empty();
              }
              byte[] text = new byte[(int) newlen];
              newp.get(0, text, 0, text.length);
              yield sysctlTree()
                  .name2oid(new String(text, StandardCharsets.UTF_8))
                  .map(o -> ints(o.oid));
            }
            case Sysctl.MIB_OIDFMT ->
                sysctlTree()
                    .byOid(rest)
                    .map(
                        o -> {
                          byte[] fmt = EmulatedSysctl.cstring(o.format);
                          byte[] out = new byte[4 + fmt.length];
                          System.arraycopy(EmulatedSysctl.intBytes(o.kind), 0, out, 0, 4);
                          System.arraycopy(fmt, 0, out, 4, fmt.length);
                          return out;
                        });
            case Sysctl.MIB_NEXT -> sysctlTree().next(rest).map(o -> ints(o.oid));
            case Sysctl.MIB_NAME ->
                sysctlTree().byOid(rest).map(o -> EmulatedSysctl.cstring(o.name));
            default -> Optional.empty();
          };
      if (internal.isEmpty()) {
        return fail(ENOENT);
      }
      answer = internal.get();
    } else {
      Optional<EmulatedSysctl.Oid> o = sysctlTree().byOid(mib);
      if (o.isEmpty() || o.get().isNode()) {
        return fail(ENOENT);
      }
      answer = o.get().value;
    }
    if (oldp != null) {
      if (capacity < answer.length) {
        return fail(ENOMEM);
      }
      oldp.put(0, answer, 0, answer.length);
    }
    if (runtime.addressSize() == 8) {
      oldlenp.putLongLong(0, answer.length);
    } else {
      oldlenp.putInt(0, answer.length);
    }
    return 0;
  }

  private static byte[] ints(int[] v) {
    java.nio.ByteBuffer b =
        java.nio.ByteBuffer.allocate(4 * v.length).order(java.nio.ByteOrder.nativeOrder());
    for (int i : v) {
      b.putInt(i);
    }
    return b.array();
  }

  // ---- modules ----

  @Override
  public int modnext(int modid) {
    int next = modid + 1;
    return next <= modules().size() ? next : 0;
  }

  @Override
  public int modstat(int modid, Pointer stat) {
    if (modid < 1 || modid > modules().size()) {
      return fail(ENOENT);
    }
    if (stat.getInt(0) != KernelModules.statSize(runtime)) {
      return fail(EINVAL);
    }
    byte[] name = Arrays.copyOf(modules().get(modid - 1).getBytes(StandardCharsets.UTF_8), 32);
    name[31] = 0;
    stat.put(4, name, 0, 32);
    stat.putInt(36, 1);
    stat.putInt(40, modid);
    return 0;
  }

  // ---- mounts ----

  @Override
  public int nmount(Pointer iov, int niov, int flags) {
    IoVec[] vecs = copyIn(iov, niov);
    nmountCalls.add(vecs);
    if (nmountErrno != 0) {
      int errno = nmountErrno;
      nmountErrno = 0;
      for (int i = 0; i + 1 < niov; i += 2) {
        byte[] n = vecs[i].base();
        if (n != null && Sysctl.cString(n).equals("errmsg")) {
          byte[] msg = EmulatedSysctl.cstring("emulated mount failure");
          at(baseAt(iov, i + 1)).put(0, msg, 0, msg.length);
        }
      }
      return fail(errno);
    }
    String fstype = "";
    String fspath = "";
    String from = "";
    List<String> options = new ArrayList<>();
    for (int i = 0; i + 1 < niov; i += 2) {
      byte[] n = vecs[i].base();
      if (n == null) {
        return fail(EFAULT);
      }
      String key = Sysctl.cString(n);
      byte[] v = vecs[i + 1].base();
      String value = v == null ? "" : Sysctl.cString(v);
      switch (key) {
        case "fstype" -> fstype = value;
        case "fspath" -> fspath = value;
        case "from", "target" -> from = value;
        case "errmsg" -> {}
        default -> options.add(v == null ? key : key + "=" + value);
      }
    }
    mounts.add(new MountRequest(fstype, from, fspath, options, null));
    return 0;
  }

  @Override
  public int unmount(Pointer dir, int flags) {
    byte[] b = new byte[4096];
    int n = 0;
    while (n < b.length && (b[n] = dir.getByte(n)) != 0) {
      n++;
    }
    unmounts.add(new String(b, 0, n, StandardCharsets.UTF_8));
    return 0;
  }

  // ---- rctl ----

  private String in(Pointer in, long inlen) {
    byte[] b = new byte[(int) inlen];
    in.get(0, b, 0, b.length);
    return Sysctl.cString(b);
  }

  private int rctlOut(RctlCall call, Pointer in, long inlen, @Nullable Pointer out, long outlen) {
    try {
      String answer = kernel.rctl(call, in(in, inlen));
      if (call == RctlCall.ADD_RULE || call == RctlCall.REMOVE_RULE) {
        return 0;
      }
      rctlCapacityCalls.incrementAndGet();
      byte[] bytes = EmulatedSysctl.cstring(answer);
      if (out == null || outlen < bytes.length) {
        return fail(FreeBsdErrno.ERANGE);
      }
      out.put(0, bytes, 0, bytes.length);
      return 0;
    } catch (SyscallException e) {
      return fail(e);
    }
  }

  @Override
  public int rctl_get_racct(Pointer in, long inlen, Pointer out, long outlen) {
    return rctlOut(RctlCall.GET_RACCT, in, inlen, out, outlen);
  }

  @Override
  public int rctl_get_rules(Pointer in, long inlen, Pointer out, long outlen) {
    return rctlOut(RctlCall.GET_RULES, in, inlen, out, outlen);
  }

  @Override
  public int rctl_add_rule(Pointer in, long inlen, @Nullable Pointer out, long outlen) {
    return rctlOut(RctlCall.ADD_RULE, in, inlen, out, outlen);
  }

  @Override
  public int rctl_remove_rule(Pointer in, long inlen, @Nullable Pointer out, long outlen) {
    return rctlOut(RctlCall.REMOVE_RULE, in, inlen, out, outlen);
  }
}
