package org.jail4j.freebsd.internal;

import java.lang.ref.Reference;
import java.util.LinkedHashSet;
import java.util.Set;
import jnr.ffi.Memory;
import jnr.ffi.NativeType;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import org.jail4j.spi.SyscallException;

/**
 * The kernel modules loaded right now, read with {@code modnext(2)} / {@code modstat(2)} (what
 * {@code kldstat -v} lists), and the subset of them that adds jail parameters.
 *
 * <p>{@code struct module_stat} is {@code { int version; char name[32]; int refs; int id;
 * modspecific_t data; }} with {@code version} set by the caller to the structure's size; {@code
 * data} is a union of {@code int} and {@code long}, so it is long-aligned: 56 bytes on 64-bit
 * hosts.
 *
 * <pre>{@code
 * Set<String> all = new KernelModules(libc, runtime).loaded();
 * Set<String> jailRelated = KernelModules.addingJailParams(all, paramNames);
 * }</pre>
 */
public final class KernelModules {
  /** {@code MAXMODNAME}. */
  public static final int MAXMODNAME = 32;

  private final LibC libc;
  private final Runtime runtime;

  /**
   * Module listing over this libc.
   *
   * @param libc the binding
   * @param runtime the jnr runtime
   */
  public KernelModules(LibC libc, Runtime runtime) {
    this.libc = libc;
    this.runtime = runtime;
  }

  /**
   * The size of {@code struct module_stat} for a runtime: the caller's {@code version} field.
   *
   * @param runtime the jnr runtime
   * @return 56 on 64-bit hosts
   */
  public static int statSize(Runtime runtime) {
    int longSize = runtime.findType(NativeType.SLONG).size();
    int data = align(4 + MAXMODNAME + 4 + 4, longSize);
    return align(data + longSize, longSize);
  }

  private static int align(int offset, int to) {
    return (offset + to - 1) / to * to;
  }

  /**
   * Every loaded module's name, in the kernel's order.
   *
   * @return the names
   * @throws SyscallException when modnext or modstat fails
   */
  public Set<String> loaded() throws SyscallException {
    Set<String> names = new LinkedHashSet<>();
    int size = statSize(runtime);
    Pointer stat = Memory.allocateDirect(runtime, size, true);
    int id = libc.modnext(0);
    int guard = 0;
    while (id > 0 && guard++ < 100_000) {
      stat.setMemory(0, size, (byte) 0);
      stat.putInt(0, size);
      int rc;
      int errno;
      byte[] name = new byte[MAXMODNAME];
      try {
        rc = libc.modstat(id, stat);
        errno = rc == -1 ? runtime.getLastError() : 0;
        stat.get(4, name, 0, MAXMODNAME);
      } finally {
        Reference.reachabilityFence(stat);
      }
      if (rc == -1) {
        throw FreeBsdErrno.failure("modstat", errno);
      }
      names.add(Sysctl.cString(name));
      id = libc.modnext(id);
    }
    if (id == -1) {
      throw FreeBsdErrno.failure("modnext", runtime.getLastError());
    }
    return names;
  }

  /**
   * The modules that publish jail parameters: a module {@code M} counts when the kernel knows the
   * parameter {@code M}, {@code allow.mount.M} or {@code allow.M}; {@code linux*} modules count as
   * {@code linux} when {@code linux} is a parameter, and {@code mac_do} when {@code mac.do} or
   * {@code mdo} is (freebsd-jail-abi.md §4.3, §4.4).
   *
   * @param modules loaded module names
   * @param params the parameter names the kernel publishes
   * @return the jail-related module names
   */
  public static Set<String> addingJailParams(Set<String> modules, Set<String> params) {
    Set<String> out = new LinkedHashSet<>();
    for (String m : modules) {
      if (params.contains(m)
          || params.contains("allow.mount." + m)
          || params.contains("allow." + m)) {
        out.add(m);
      } else if (m.startsWith("linux") && params.contains("linux")) {
        out.add("linux");
      } else if (m.equals("mac_do") && (params.contains("mac.do") || params.contains("mdo"))) {
        out.add(m);
      }
    }
    return out;
  }
}
