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

  /** True from 15.0 on: {@code jail_attach_jd}, {@code jail_remove_jd} and the DESC flags. */
  public boolean hasJailDescriptors() {
    return this == V15;
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
