package org.jail4j.spi;

/**
 * The {@code flags} of {@code jail_set(2)} and {@code jail_get(2)} ({@code sys/sys/jail.h};
 * freebsd-jail-abi.md §1.2), and the related constants.
 *
 * <pre>{@code
 * kernel.set(iov, JailFlags.CREATE | JailFlags.UPDATE);
 * }</pre>
 */
public final class JailFlags {
  private JailFlags() {}

  /** Create if absent. */
  public static final int CREATE = 0x01;

  /** Modify an existing jail; with {@link #CREATE}, create-or-modify. */
  public static final int UPDATE = 0x02;

  /** Also attach the calling process. */
  public static final int ATTACH = 0x04;

  /** 13/14: act on a dying jail; 15: ignored by jail_set. jail_get: include dying jails. */
  public static final int DYING = 0x08;

  /** 15.0: the target jail is the descriptor in parameter {@code desc}. */
  public static final int USE_DESC = 0x10;

  /** 15.0: look up or create relative to the descriptor's jail. */
  public static final int AT_DESC = 0x20;

  /** 15.0: return a new descriptor in {@code desc}. */
  public static final int GET_DESC = 0x40;

  /** 15.0: return an owning descriptor (closing it removes the jail). */
  public static final int OWN_DESC = 0x80;

  /** Bits jail_set accepts on FreeBSD 13 and 14. */
  public static final int SET_MASK_14 = 0x0f;

  /** Bits jail_set accepts on FreeBSD 15. */
  public static final int SET_MASK_15 = 0xff;

  /** Bits jail_get accepts on FreeBSD 13 and 14. */
  public static final int GET_MASK_14 = 0x08;

  /** Bits jail_get accepts on FreeBSD 15. */
  public static final int GET_MASK_15 = 0xf8;

  /** The highest JID ({@code JAIL_MAX}); also prison0's {@code children.max}. */
  public static final int JAIL_MAX = 999_999;

  /** Size of the errmsg buffer libjail passes ({@code JAIL_ERRMSGLEN}). */
  public static final int ERRMSG_LEN = 1024;

  /** Most iovec entries one call may pass ({@code UIO_MAXIOV}). */
  public static final int UIO_MAXIOV = 1024;

  /** Most addresses per family ({@code security.jail.jail_max_af_ips}). */
  public static final int MAX_AF_IPS = 255;

  /** Jailsys value {@code disable}. */
  public static final int JAIL_SYS_DISABLE = 0;

  /** Jailsys value {@code new}. */
  public static final int JAIL_SYS_NEW = 1;

  /** Jailsys value {@code inherit}. */
  public static final int JAIL_SYS_INHERIT = 2;
}
