package org.jail4j.freebsd.internal;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.size_t;
import jnr.ffi.types.u_int32_t;
import org.jspecify.annotations.Nullable;

/**
 * The FreeBSD libc functions the provider calls, bound by jnr-ffi from {@code "c"} (FreeBSD's
 * {@code libc.so} is a linker script, so the library is named, never a file; freebsd-jail-abi.md
 * §1.1). Every call saves {@code errno} at the call ({@code @SaveError}); callers read it with
 * {@code jnr.ffi.Runtime.getLastError()} right after a -1.
 *
 * <p>The tests implement this same interface in Java (an emulated libc over the testkit's fake
 * kernel), so the provider code between this interface and the SPI is exactly what runs on FreeBSD.
 *
 * <pre>{@code
 * LibC libc = LibraryLoader.create(LibC.class).load("c");
 * int jid = libc.jail_set(iovArray, 6, JailFlags.CREATE);
 * }</pre>
 */
@SuppressWarnings("MethodName") // the C names, so that jnr-ffi finds the symbols
public interface LibC {

  /** {@code int jail_set(struct iovec *iov, u_int niov, int flags)}: JID or -1. */
  @SaveError
  int jail_set(Pointer iov, @u_int32_t int niov, int flags);

  /** {@code int jail_get(struct iovec *iov, u_int niov, int flags)}: JID or -1. */
  @SaveError
  int jail_get(Pointer iov, @u_int32_t int niov, int flags);

  /** {@code int jail_remove(int jid)}: 0 or -1. */
  @SaveError
  int jail_remove(int jid);

  /** {@code int jail_attach(int jid)}: 0 or -1. Never called on the JVM's own behalf. */
  @SaveError
  int jail_attach(int jid);

  /** {@code int jail_remove_jd(int fd)} (15.0): 0 or -1. */
  @SaveError
  int jail_remove_jd(int fd);

  /** {@code int jail_attach_jd(int fd)} (15.0): 0 or -1. */
  @SaveError
  int jail_attach_jd(int fd);

  /** {@code int close(int fd)}: 0 or -1. */
  @SaveError
  int close(int fd);

  /**
   * {@code int sysctl(const int *name, u_int namelen, void *oldp, size_t *oldlenp, const void
   * *newp, size_t newlen)}.
   */
  @SaveError
  int sysctl(
      Pointer name,
      @u_int32_t int namelen,
      @Nullable Pointer oldp,
      Pointer oldlenp,
      @Nullable Pointer newp,
      @size_t long newlen);

  /** {@code int modnext(int modid)}: the next module id, 0 after the last, -1 on error. */
  @SaveError
  int modnext(int modid);

  /** {@code int modstat(int modid, struct module_stat *stat)}: 0 or -1. */
  @SaveError
  int modstat(int modid, Pointer stat);

  /** {@code int nmount(struct iovec *iov, u_int niov, int flags)}: 0 or -1. */
  @SaveError
  int nmount(Pointer iov, @u_int32_t int niov, int flags);

  /** {@code int unmount(const char *dir, int flags)}: 0 or -1. */
  @SaveError
  int unmount(Pointer dir, int flags);

  /** {@code int rctl_get_racct(const char *in, size_t inlen, char *out, size_t outlen)}. */
  @SaveError
  int rctl_get_racct(Pointer in, @size_t long inlen, Pointer out, @size_t long outlen);

  /** {@code int rctl_get_rules(const char *in, size_t inlen, char *out, size_t outlen)}. */
  @SaveError
  int rctl_get_rules(Pointer in, @size_t long inlen, Pointer out, @size_t long outlen);

  /** {@code int rctl_add_rule(const char *in, size_t inlen, char *out, size_t outlen)}. */
  @SaveError
  int rctl_add_rule(Pointer in, @size_t long inlen, @Nullable Pointer out, @size_t long outlen);

  /** {@code int rctl_remove_rule(const char *in, size_t inlen, char *out, size_t outlen)}. */
  @SaveError
  int rctl_remove_rule(Pointer in, @size_t long inlen, @Nullable Pointer out, @size_t long outlen);
}
