package org.jail4j;

import java.util.Optional;

/**
 * The FreeBSD errno values that jail system calls, mounts and host commands report, with their
 * FreeBSD numbers and {@code strerror(3)} texts.
 *
 * <p>The numbers are FreeBSD's ({@code sys/sys/errno.h}), not the numbers of the OS the JVM runs
 * on: a fake kernel on Linux reports the same {@code EADDRINUSE} (48) a FreeBSD host would.
 *
 * <pre>{@code
 * Errno e = Errno.fromNumber(17).orElseThrow(); // EEXIST
 * String text = e.message();                      // "File exists"
 * }</pre>
 */
public enum Errno {
  /** Operation not permitted. */
  EPERM(1, "Operation not permitted"),
  /** No such file or directory. */
  ENOENT(2, "No such file or directory"),
  /** No such process. */
  ESRCH(3, "No such process"),
  /** Interrupted system call. */
  EINTR(4, "Interrupted system call"),
  /** Input/output error. */
  EIO(5, "Input/output error"),
  /** Device not configured. */
  ENXIO(6, "Device not configured"),
  /** Argument list too long. */
  E2BIG(7, "Argument list too long"),
  /** Exec format error. */
  ENOEXEC(8, "Exec format error"),
  /** Bad file descriptor. */
  EBADF(9, "Bad file descriptor"),
  /** No child processes. */
  ECHILD(10, "No child processes"),
  /** Resource deadlock avoided. */
  EDEADLK(11, "Resource deadlock avoided"),
  /** Cannot allocate memory. */
  ENOMEM(12, "Cannot allocate memory"),
  /** Permission denied. */
  EACCES(13, "Permission denied"),
  /** Bad address. */
  EFAULT(14, "Bad address"),
  /** Device busy. */
  EBUSY(16, "Device busy"),
  /** File exists. */
  EEXIST(17, "File exists"),
  /** Cross-device link. */
  EXDEV(18, "Cross-device link"),
  /** Operation not supported by device. */
  ENODEV(19, "Operation not supported by device"),
  /** Not a directory. */
  ENOTDIR(20, "Not a directory"),
  /** Is a directory. */
  EISDIR(21, "Is a directory"),
  /** Invalid argument. */
  EINVAL(22, "Invalid argument"),
  /** Too many open files in system. */
  ENFILE(23, "Too many open files in system"),
  /** Too many open files. */
  EMFILE(24, "Too many open files"),
  /** File too large. */
  EFBIG(27, "File too large"),
  /** No space left on device. */
  ENOSPC(28, "No space left on device"),
  /** Read-only file system. */
  EROFS(30, "Read-only file system"),
  /** Result too large. */
  ERANGE(34, "Result too large"),
  /** Resource temporarily unavailable. */
  EAGAIN(35, "Resource temporarily unavailable"),
  /** Operation not supported. */
  EOPNOTSUPP(45, "Operation not supported"),
  /** Address already in use. */
  EADDRINUSE(48, "Address already in use"),
  /** Can't assign requested address. */
  EADDRNOTAVAIL(49, "Can't assign requested address"),
  /** Too many levels of symbolic links. */
  ELOOP(62, "Too many levels of symbolic links"),
  /** File name too long. */
  ENAMETOOLONG(63, "File name too long"),
  /** Directory not empty. */
  ENOTEMPTY(66, "Directory not empty"),
  /** Function not implemented. */
  ENOSYS(78, "Function not implemented"),
  /** Capabilities insufficient. */
  ENOTCAPABLE(93, "Capabilities insufficient");

  private final int number;
  private final String message;

  Errno(int number, String message) {
    this.number = number;
    this.message = message;
  }

  /** The FreeBSD errno number. */
  public int number() {
    return number;
  }

  /** FreeBSD's {@code strerror(3)} text for this errno. */
  public String message() {
    return message;
  }

  /**
   * The errno with this FreeBSD number.
   *
   * @param number a FreeBSD errno number
   * @return the errno, or empty when this table does not know the number
   */
  public static Optional<Errno> fromNumber(int number) {
    for (Errno e : values()) {
      if (e.number == number) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
