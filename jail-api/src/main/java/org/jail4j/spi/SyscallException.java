package org.jail4j.spi;

import org.jail4j.Errno;

/**
 * A system call returned -1: the SPI's one failure type, carrying the FreeBSD errno. The kernel's
 * message, when it wrote one, is in the caller's own {@code errmsg} buffer, exactly as on FreeBSD.
 *
 * <pre>{@code
 * try {
 *   kernel.remove(42);
 * } catch (SyscallException e) {
 *   if (e.errno() == Errno.EINVAL) { ... } // no such jail
 * }
 * }</pre>
 */
public final class SyscallException extends Exception {
  private static final long serialVersionUID = 1L;

  private final Errno errno;
  private final String syscall;

  /**
   * A failed call.
   *
   * @param syscall the system call, e.g. {@code jail_set}
   * @param errno the errno it set
   */
  public SyscallException(String syscall, Errno errno) {
    super(syscall + ": " + errno.message() + " (" + errno.name() + ")");
    this.syscall = syscall;
    this.errno = errno;
  }

  /** The errno the call set. */
  public Errno errno() {
    return errno;
  }

  /** The system call that failed. */
  public String syscall() {
    return syscall;
  }
}
