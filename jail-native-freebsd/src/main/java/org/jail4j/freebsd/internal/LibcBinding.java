package org.jail4j.freebsd.internal;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

/**
 * A {@link LibC} with the jnr runtime that owns its errno and memory, and whether it is the real
 * libc of this process (then the JVM must never be attached to a jail).
 *
 * <pre>{@code
 * LibcBinding libc = LibcBinding.load(); // only on FreeBSD
 * }</pre>
 *
 * @param libc the functions
 * @param runtime the runtime: {@code Runtime.getRuntime(libc)} for the real one
 * @param real true for the process's own libc
 */
public record LibcBinding(LibC libc, Runtime runtime, boolean real) {

  /** The shared object behind {@code "c"} on FreeBSD 7 and later. */
  public static final String LIBC_SO = "/lib/libc.so.7";

  /**
   * Loads FreeBSD's libc through jnr-ffi. The name {@code "c"} is given, not a file: {@code
   * /usr/lib/libc.so} is a linker script and jnr finds {@code libc.so.7} (freebsd-jail-abi.md
   * §1.1). Should that lookup fail, {@value #LIBC_SO} is loaded by path.
   *
   * @return the binding
   * @throws UnsatisfiedLinkError when libc or jnr's native stub cannot be loaded
   */
  public static LibcBinding load() {
    LibC libc;
    try {
      libc = LibraryLoader.create(LibC.class).load("c");
    } catch (UnsatisfiedLinkError byName) {
      try {
        libc = LibraryLoader.create(LibC.class).load(LIBC_SO);
      } catch (UnsatisfiedLinkError byPath) {
        byPath.addSuppressed(byName);
        throw byPath;
      }
    }
    return new LibcBinding(libc, Runtime.getRuntime(libc), true);
  }

  /** The kernel over this libc; attaching is allowed only when it is not the process's own. */
  public NativeJailKernel kernel() {
    return new NativeJailKernel(libc, runtime, !real);
  }

  /**
   * The host system over this libc.
   *
   * @param starter how processes are started
   * @return the host system
   */
  public NativeHostSystem hostSystem(ProcessStarter starter) {
    return new NativeHostSystem(libc, runtime, starter);
  }
}
