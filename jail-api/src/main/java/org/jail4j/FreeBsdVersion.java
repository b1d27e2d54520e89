package org.jail4j;

/**
 * The FreeBSD release families whose jail behaviour differs (freebsd-jail-abi.md §9): JID
 * allocation, dying-jail revival, check order, descriptor flags and the 15.0 parameters.
 *
 * <pre>{@code
 * FreeBsdVersion v = FreeBsdVersion.fromOsreldate(1403000); // V14
 * boolean descriptors = v.hasJailDescriptors();          // false
 * }</pre>
 */
public enum FreeBsdVersion {
  /** FreeBSD 13.x (13.1 and later behaviour). */
  V13(1300000),
  /** FreeBSD 14.x. */
  V14(1400000),
  /** FreeBSD 15.x: jail descriptors, {@code meta} / {@code env}, ENOENT for dying jails. */
  V15(1500000);

  private final int firstOsreldate;

  FreeBsdVersion(int firstOsreldate) {
    this.firstOsreldate = firstOsreldate;
  }

  /** The lowest {@code kern.osreldate} of this family, e.g. 1400000. */
  public int firstOsreldate() {
    return firstOsreldate;
  }

  /** The major release number: 13, 14 or 15. */
  public int major() {
    return firstOsreldate / 100000;
  }

  /**
   * True when this family is the same as or later than {@code other}. Every version question below
   * is answered through this order, so a later family inherits the newest behaviour.
   *
   * @param other the family to compare with
   * @return whether this family is {@code other} or newer
   */
  public boolean isAtLeast(FreeBsdVersion other) {
    return compareTo(other) >= 0;
  }

  /** True from 15.0 on: {@code jail_attach_jd}, {@code jail_remove_jd} and the DESC flags. */
  public boolean hasJailDescriptors() {
    return isAtLeast(V15);
  }

  /** True from 15.0 on: the {@code meta} and {@code env} string parameters (§9). */
  public boolean hasMetaAndEnv() {
    return isAtLeast(V15);
  }

  /**
   * True before 15.0: {@code jail_set} with {@code JAIL_DYING} revives a dying jail, and dying
   * jails still hold their name and JID against new jails. From 15.0 ({@code ed31b3f4}) dying jails
   * are renumbered out of the way and never match a lookup by name (§3.2, §9).
   */
  public boolean revivesDyingJails() {
    return !isAtLeast(V15);
  }

  /**
   * True before 15.0: {@code jail_set} checks {@code PRIV_JAIL_SET} before the flag mask; the 15.0
   * descriptor rework checks the flags first (§3.1).
   */
  public boolean checksPrivilegeBeforeFlags() {
    return !isAtLeast(V15);
  }

  /**
   * The name of the {@code mac_do(4)} jail parameter: {@code mdo} up to 14, {@code mac.do} from
   * 15.0, which renamed the node (with {@code mdo.rules} becoming {@code mac.do.rules}).
   *
   * @return {@code "mdo"} or {@code "mac.do"}
   */
  public String macDoParameter() {
    return isAtLeast(V15) ? "mac.do" : "mdo";
  }

  /**
   * The flag bits {@code jail_set} accepts: 0x0f up to 14, 0xff from 15.0 ({@code JAIL_SET_MASK}).
   */
  public int jailSetMask() {
    return hasJailDescriptors() ? 0xff : 0x0f;
  }

  /**
   * The flag bits {@code jail_get} accepts: 0x08 up to 14, 0xf8 from 15.0 ({@code JAIL_GET_MASK}).
   */
  public int jailGetMask() {
    return hasJailDescriptors() ? 0xf8 : 0x08;
  }

  /**
   * The family of a {@code kern.osreldate} value. Releases before 13 are treated as 13 and releases
   * after 15 as 15.
   *
   * @param osreldate a value such as 1403000
   * @return the family
   */
  public static FreeBsdVersion fromOsreldate(int osreldate) {
    if (osreldate >= V15.firstOsreldate) {
      return V15;
    }
    if (osreldate >= V14.firstOsreldate) {
      return V14;
    }
    return V13;
  }
}
