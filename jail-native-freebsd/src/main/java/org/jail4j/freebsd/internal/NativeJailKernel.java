package org.jail4j.freebsd.internal;

import java.lang.System.Logger.Level;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import org.jail4j.Errno;
import org.jail4j.FreeBsdVersion;
import org.jail4j.HostCapabilities;
import org.jail4j.spi.IoVec;
import org.jail4j.spi.JailFlags;
import org.jail4j.spi.JailKernel;
import org.jail4j.spi.KernelParam;
import org.jail4j.spi.RctlCall;
import org.jail4j.spi.SyscallException;
import org.jspecify.annotations.Nullable;

/**
 * {@link JailKernel} over FreeBSD's libc: the SPI's byte-level iovec is copied into native memory,
 * the system call runs, and results, rewritten lengths and the kernel's {@code errmsg} are copied
 * back. Nothing is encoded or decoded here (the codec lives in {@code org.jail4j.param}).
 *
 * <p>The running version ({@code kern.osreldate}, or {@code kern.version} in a jail) chooses
 * 13/14/15 behaviour: the descriptor calls ({@code jail_attach_jd}, {@code jail_remove_jd}) exist
 * only on 15 and answer {@code ENOSYS} before; the flags of {@code jail_set} / {@code jail_get}
 * pass through unchanged, so the kernel's own mask answers {@code EINVAL} for descriptor flags on
 * 13 and 14 (freebsd-jail-abi.md §1.2).
 *
 * <p>Attaching moves the calling process, here the JVM, into the jail (chroot and all). Unless
 * built with {@code attachAllowed}, {@link #attach}, {@link #attachDescriptor} and {@code jail_set}
 * with {@link JailFlags#ATTACH} refuse with {@link UnsupportedOperationException}; commands run in
 * a jail through jexec(8) ({@code HostSystem.startInJail}).
 *
 * <pre>{@code
 * LibC libc = LibraryLoader.create(LibC.class).load("c");
 * JailKernel kernel = new NativeJailKernel(libc, Runtime.getRuntime(libc), false);
 * }</pre>
 */
public final class NativeJailKernel implements JailKernel {
  private static final System.Logger LOG = System.getLogger(NativeJailKernel.class.getName());
  private static final byte[] DESC = "desc\0".getBytes(StandardCharsets.US_ASCII);
  private static final int RCTL_FIRST_BUFFER = 4096;
  private static final int RCTL_MAX_BUFFER = 16 * 1024 * 1024;

  private final LibC libc;
  private final Runtime runtime;
  private final boolean attachAllowed;
  private final Sysctl sysctl;
  private final KernelParamTable params;
  private final Set<Integer> descriptors = ConcurrentHashMap.newKeySet();
  private volatile @Nullable FreeBsdVersion version;

  /**
   * A kernel over this libc.
   *
   * @param libc the binding (native, or the tests' emulation)
   * @param runtime the jnr runtime that owns errno and native memory
   * @param attachAllowed whether {@code jail_attach} may be called at all (never for the JVM on a
   *     real host)
   */
  public NativeJailKernel(LibC libc, Runtime runtime, boolean attachAllowed) {
    this.libc = libc;
    this.runtime = runtime;
    this.attachAllowed = attachAllowed;
    this.sysctl = new Sysctl(libc, runtime);
    this.params = new KernelParamTable(sysctl);
  }

  /** The sysctl access this kernel reads types and capabilities through. */
  public Sysctl sysctl() {
    return sysctl;
  }

  @Override
  public int set(IoVec[] iov, int flags) throws SyscallException {
    if ((flags & JailFlags.ATTACH) != 0) {
      refuseAttach("jail_set with JAIL_ATTACH");
    }
    NativeIoVecArray array = NativeIoVecArray.of(runtime, iov, true);
    Answer a = invoke(array, (p, n) -> libc.jail_set(p, n, flags));
    return finish(Syscall.JAIL_SET, a.rc(), a.errno(), array, iov, flags);
  }

  @Override
  public int get(IoVec[] iov, int flags) throws SyscallException {
    NativeIoVecArray array = NativeIoVecArray.of(runtime, iov, true);
    Answer a = invoke(array, (p, n) -> libc.jail_get(p, n, flags));
    return finish(Syscall.JAIL_GET, a.rc(), a.errno(), array, iov, flags);
  }

  /** {@code jail_set} or {@code jail_get} on an iovec array. */
  @FunctionalInterface
  private interface IoVecCall {
    int call(Pointer iov, int niov);
  }

  /** A call's return value and errno (0 unless it returned -1). */
  private record Answer(int rc, int errno) {}

  /**
   * Makes the call, reads errno and copies the kernel's writes back, with the array kept alive
   * until then: its value buffers are freed once it is unreachable, and the kernel sees only their
   * addresses.
   */
  private Answer invoke(NativeIoVecArray array, IoVecCall c) {
    try {
      int rc = c.call(array.pointer(), array.count());
      int errno = rc == -1 ? runtime.getLastError() : 0;
      array.copyBack();
      return new Answer(rc, errno);
    } finally {
      Reference.reachabilityFence(array);
    }
  }

  private int finish(
      Syscall call, int rc, int errno, NativeIoVecArray array, IoVec[] iov, int flags)
      throws SyscallException {
    if (rc == -1) {
      SyscallException failure = FreeBsdErrno.failure(call.symbol(), errno);
      String message = array.kernelMessage();
      LOG.log(
          Level.DEBUG,
          "{0}: {1}{2}",
          call.symbol(),
          failure.errno(),
          message.isEmpty() ? "" : ": " + message);
      throw failure;
    }
    if ((flags & (JailFlags.GET_DESC | JailFlags.OWN_DESC)) != 0) {
      rememberDescriptor(iov);
    }
    return rc;
  }

  /** A descriptor the kernel returned in {@code desc}: the only fds closeDescriptor may close. */
  private void rememberDescriptor(IoVec[] iov) {
    for (int i = 0; i + 1 < iov.length; i += 2) {
      byte[] name = iov[i].base();
      byte[] value = iov[i + 1].base();
      if (name != null
          && iov[i].length() == DESC.length
          && Arrays.equals(name, 0, DESC.length, DESC, 0, DESC.length)
          && value != null
          && value.length >= 4
          && iov[i + 1].length() == 4) {
        descriptors.add(ByteBuffer.wrap(value).order(ByteOrder.nativeOrder()).getInt());
      }
    }
  }

  @Override
  public void remove(int jid) throws SyscallException {
    if (libc.jail_remove(jid) == -1) {
      throw FreeBsdErrno.failure("jail_remove", runtime.getLastError());
    }
  }

  @Override
  public void attach(int jid) throws SyscallException {
    refuseAttach("jail_attach");
    if (libc.jail_attach(jid) == -1) {
      throw FreeBsdErrno.failure("jail_attach", runtime.getLastError());
    }
  }

  @Override
  public void removeDescriptor(int fd) throws SyscallException {
    requireDescriptors(Syscall.JAIL_REMOVE_JD);
    int rc;
    try {
      rc = libc.jail_remove_jd(fd);
    } catch (UnsatisfiedLinkError e) {
      // no raw syscall(jail_remove_jd) fallback: a kernel without the call raises SIGSYS,
      // which kills the JVM; the symbol's presence is what says the call exists
      throw new SyscallException("jail_remove_jd", Errno.ENOSYS);
    }
    if (rc == -1) {
      throw FreeBsdErrno.failure("jail_remove_jd", runtime.getLastError());
    }
  }

  @Override
  public void attachDescriptor(int fd) throws SyscallException {
    requireDescriptors(Syscall.JAIL_ATTACH_JD);
    refuseAttach("jail_attach_jd");
    int rc;
    try {
      rc = libc.jail_attach_jd(fd);
    } catch (UnsatisfiedLinkError e) {
      // no raw syscall(jail_attach_jd) fallback: a kernel without the call raises SIGSYS,
      // which kills the JVM; the symbol's presence is what says the call exists
      throw new SyscallException("jail_attach_jd", Errno.ENOSYS);
    }
    if (rc == -1) {
      throw FreeBsdErrno.failure("jail_attach_jd", runtime.getLastError());
    }
  }

  @Override
  public void closeDescriptor(int fd) throws SyscallException {
    // only descriptors the kernel handed out through this provider: close(2) on any other number
    // could close one of the JVM's own files
    if (!version().hasJailDescriptors() || !descriptors.remove(fd)) {
      throw new SyscallException("close", Errno.EBADF);
    }
    if (libc.close(fd) == -1) {
      throw FreeBsdErrno.failure("close", runtime.getLastError());
    }
  }

  private void requireDescriptors(Syscall call) throws SyscallException {
    if (!call.existsOn(version())) {
      throw new SyscallException(call.symbol(), Errno.ENOSYS);
    }
  }

  private void refuseAttach(String what) {
    if (!attachAllowed) {
      throw new UnsupportedOperationException(
          what
              + " would move this JVM into the jail; jail4j never attaches the JVM. Run commands"
              + " inside a jail with HostSystem.startInJail (jexec)");
    }
  }

  @Override
  public Optional<KernelParam> param(String name) {
    try {
      return params.lookup(name);
    } catch (SyscallException e) {
      throw new IllegalStateException("reading security.jail.param." + name + ": " + e, e);
    }
  }

  @Override
  public List<KernelParam> params() {
    try {
      return List.copyOf(params.all());
    } catch (SyscallException e) {
      throw new IllegalStateException("walking security.jail.param: " + e, e);
    }
  }

  /**
   * The running release family (read once). On the host it comes from {@code kern.osreldate}. In a
   * jail {@code kern.osreldate} and {@code kern.osrelease} are the jail's own values, which its
   * creator may set to anything (sys/kern/kern_mib.c answers them from the caller's prison, see
   * docs/ABI.md), so a jailed JVM ({@code security.jail.jailed} 1) takes the family from {@code
   * kern.version}, the kernel's own build string, which no jail parameter changes.
   *
   * @return the family
   */
  public FreeBsdVersion version() {
    FreeBsdVersion v = version;
    if (v == null) {
      Optional<FreeBsdVersion> kernels = isJailed() ? kernelFamily() : Optional.empty();
      v = kernels.orElseGet(() -> FreeBsdVersion.fromOsreldate(osreldate()));
      version = v;
    }
    return v;
  }

  /** True when this process runs in a jail ({@code security.jail.jailed}). */
  public boolean isJailed() {
    try {
      return sysctl.readInt("security.jail.jailed").orElse(0) != 0;
    } catch (SyscallException e) {
      throw new IllegalStateException("reading security.jail.jailed: " + e, e);
    }
  }

  private Optional<FreeBsdVersion> kernelFamily() {
    try {
      Optional<String> text = sysctl.readString("kern.version");
      Optional<Integer> major = text.flatMap(NativeJailKernel::majorOfKernVersion);
      if (major.isEmpty()) {
        LOG.log(
            Level.WARNING,
            "in a jail, but kern.version ({0}) names no FreeBSD release; using kern.osreldate",
            text.orElse("absent"));
      }
      return major.map(m -> FreeBsdVersion.fromOsreldate(m * 100_000));
    } catch (SyscallException e) {
      throw new IllegalStateException("reading kern.version: " + e, e);
    }
  }

  /**
   * The major release in a {@code kern.version} string, e.g. 14 for {@code "FreeBSD 14.3-RELEASE
   * releng/14.3-n271432-8c9ce319fef7 GENERIC\n"}.
   *
   * @param kernVersion the string
   * @return the major release, or empty when the string does not start with {@code FreeBSD N.}
   */
  static Optional<Integer> majorOfKernVersion(String kernVersion) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("^FreeBSD (\\d{1,4})\\.").matcher(kernVersion.strip());
    return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
  }

  private int osreldate() {
    try {
      return sysctl
          .readInt("kern.osreldate")
          .orElseThrow(() -> new IllegalStateException("the kernel has no kern.osreldate"));
    } catch (SyscallException e) {
      throw new IllegalStateException("reading kern.osreldate: " + e, e);
    }
  }

  @Override
  public HostCapabilities capabilities() {
    try {
      int osreldate = osreldate();
      String osrelease = sysctl.readString("kern.osrelease").orElse("");
      // absent sysctls mean the feature is not compiled in (kern.features.vimage) or RACCT is
      // not in the kernel at all (kern.racct.enable)
      boolean vimage = sysctl.readInt("kern.features.vimage").orElse(0) != 0;
      boolean racct = sysctl.readBool("kern.racct.enable").orElse(false);
      Set<String> names = new LinkedHashSet<>();
      for (KernelParam p : params.all()) {
        names.add(p.name());
      }
      Set<String> modules =
          KernelModules.addingJailParams(new KernelModules(libc, runtime).loaded(), names);
      return new HostCapabilities(version(), osreldate, osrelease, vimage, racct, modules, names);
    } catch (SyscallException e) {
      throw new IllegalStateException("reading the host's capabilities: " + e, e);
    }
  }

  @Override
  public String rctl(RctlCall call, String argument) throws SyscallException {
    byte[] text = argument.getBytes(StandardCharsets.UTF_8);
    // rctl(8) passes the rule with its NUL counted
    Pointer in = Memory.allocateDirect(runtime, text.length + 1, true);
    in.put(0, text, 0, text.length);
    long inlen = text.length + 1L;
    String name = rctlName(call);
    if (call == RctlCall.ADD_RULE || call == RctlCall.REMOVE_RULE) {
      int rc;
      int errno;
      try {
        rc =
            call == RctlCall.ADD_RULE
                ? libc.rctl_add_rule(in, inlen, null, 0)
                : libc.rctl_remove_rule(in, inlen, null, 0);
        errno = rc == -1 ? runtime.getLastError() : 0;
      } finally {
        Reference.reachabilityFence(in);
      }
      if (rc == -1) {
        throw FreeBsdErrno.failure(name, errno);
      }
      return "";
    }
    for (int size = RCTL_FIRST_BUFFER; ; size *= 2) {
      Pointer out = Memory.allocateDirect(runtime, size, true);
      int rc;
      int errno;
      byte[] bytes = new byte[size];
      try {
        rc =
            call == RctlCall.GET_RULES
                ? libc.rctl_get_rules(in, inlen, out, size)
                : libc.rctl_get_racct(in, inlen, out, size);
        errno = rc == -1 ? runtime.getLastError() : 0;
        if (rc != -1) {
          out.get(0, bytes, 0, size);
        }
      } finally {
        Reference.reachabilityFence(in);
        Reference.reachabilityFence(out);
      }
      if (rc != -1) {
        return Sysctl.cString(bytes);
      }
      // ERANGE: the answer did not fit; rctl(8) doubles the buffer and asks again
      if (errno != FreeBsdErrno.ERANGE || size >= RCTL_MAX_BUFFER) {
        throw FreeBsdErrno.failure(name, errno);
      }
    }
  }

  private static String rctlName(RctlCall call) {
    return switch (call) {
      case ADD_RULE -> "rctl_add_rule";
      case REMOVE_RULE -> "rctl_remove_rule";
      case GET_RULES -> "rctl_get_rules";
      case GET_RACCT -> "rctl_get_racct";
    };
  }
}
