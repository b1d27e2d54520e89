package org.jail4j.testkit.host;

import org.jail4j.Errno;
import org.jail4j.JailException;

/**
 * The exception a fake host operation fails with: a {@link JailException} naming the operation
 * ({@code mount}, {@code unmount}, {@code ifconfig}), the errno and what went wrong.
 *
 * <pre>{@code
 * throw HostFailure.of("unmount", Errno.EBUSY, "/jail/web: in use");
 * }</pre>
 */
public final class HostFailure {

  private HostFailure() {}

  /**
   * The failure of a host operation.
   *
   * @param operation {@code mount}, {@code unmount} or {@code ifconfig}
   * @param errno the errno
   * @param detail what went wrong, worded like the FreeBSD tool
   * @return the exception to throw
   */
  public static JailException of(String operation, Errno errno, String detail) {
    return new JailException(operation, null, null, errno, null, detail, null);
  }
}
