package org.jail4j.testkit.internal;

import org.jail4j.Errno;
import org.jspecify.annotations.Nullable;

/**
 * A system call's failure inside the fake: the errno and the message the kernel would format into
 * {@code errmsg} (null when the kernel sets none, freebsd-jail-abi.md §1.4).
 */
final class Fail extends Exception {
  private static final long serialVersionUID = 1L;

  private final Errno errno;
  private final @Nullable String errmsg;

  Fail(Errno errno, @Nullable String errmsg) {
    super(errno.name() + (errmsg == null ? "" : ": " + errmsg), null, false, false);
    this.errno = errno;
    this.errmsg = errmsg;
  }

  /** A failure without a message. */
  static Fail of(Errno errno) {
    return new Fail(errno, null);
  }

  /** A failure with a message. */
  static Fail of(Errno errno, String errmsg) {
    return new Fail(errno, errmsg);
  }

  Errno errno() {
    return errno;
  }

  @Nullable String errmsg() {
    return errmsg;
  }
}
