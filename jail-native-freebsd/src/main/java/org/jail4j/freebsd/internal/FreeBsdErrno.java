package org.jail4j.freebsd.internal;

import java.lang.System.Logger.Level;
import java.util.Optional;
import org.jail4j.Errno;
import org.jail4j.spi.SyscallException;

/**
 * Turns the raw {@code errno} a libc call saved into jail4j's {@link Errno}. The raw numbers are
 * FreeBSD's ({@code sys/sys/errno.h}); jnr-constants' FreeBSD table names the ones jail4j's enum
 * does not list, so that a log line can say what really happened.
 *
 * <pre>{@code
 * SyscallException e = FreeBsdErrno.failure("jail_set", 17); // EEXIST
 * }</pre>
 */
public final class FreeBsdErrno {
  private static final System.Logger LOG = System.getLogger(FreeBsdErrno.class.getName());

  /** {@code ERANGE}: an rctl output buffer was too small. */
  public static final int ERANGE = 34;

  private FreeBsdErrno() {}

  /**
   * The errno for a raw FreeBSD number. Numbers jail4j's enum does not list become {@link
   * Errno#EIO}, with a warning naming the real errno.
   *
   * @param syscall the call that failed, for the warning
   * @param raw the saved errno
   * @return the errno
   */
  public static Errno of(String syscall, int raw) {
    Optional<Errno> known = Errno.fromNumber(raw);
    if (known.isPresent()) {
      return known.get();
    }
    LOG.log(
        Level.WARNING,
        "{0} failed with FreeBSD errno {1} ({2}), which org.jail4j.Errno does not list;"
            + " reporting EIO",
        syscall,
        raw,
        name(raw));
    return Errno.EIO;
  }

  /**
   * The failure of a call that returned -1.
   *
   * @param syscall the call
   * @param raw the saved errno
   * @return the exception to throw
   */
  public static SyscallException failure(String syscall, int raw) {
    return new SyscallException(syscall, of(syscall, raw));
  }

  /**
   * FreeBSD's name and text for an errno number, from jnr-constants' FreeBSD table.
   *
   * @param raw the number
   * @return e.g. {@code ERANGE: Result too large}, or {@code errno 4242} when unknown
   */
  public static String name(int raw) {
    for (jnr.constants.platform.freebsd.Errno e : jnr.constants.platform.freebsd.Errno.values()) {
      if (e.intValue() == raw) {
        return e.name() + ": " + e;
      }
    }
    return "errno " + raw;
  }
}
