package org.jail4j.internal;

/**
 * The {@code no} prefix of parameter names, as both of FreeBSD's name comparisons see it: the
 * kernel's {@code vfs_equalopts} (jail_set and jail_get options) and jail(8)'s {@code equalopts}
 * (jail.conf). Each calls two names one option when they differ by one {@code no} at the start of
 * the name or of a dot-separated component after a common prefix ({@code persist}/{@code
 * nopersist}, {@code allow.mount.devfs}/{@code allow.mount.nodevfs}).
 */
public final class NoNames {
  private NoNames() {}

  /**
   * The name with every leading {@code no} of every dot-separated component removed. Two names
   * either comparison calls one option differ by one such {@code no}, so they have the same stem;
   * grouping names by stem finds every candidate pair without comparing all pairs.
   *
   * @param name a parameter or variable name
   * @return its stem
   */
  public static String stem(String name) {
    if (!name.contains("no")) {
      return name;
    }
    StringBuilder sb = new StringBuilder(name.length());
    int start = 0;
    while (true) {
      int dot = name.indexOf('.', start);
      int end = dot < 0 ? name.length() : dot;
      int from = start;
      while (from + 2 <= end && name.startsWith("no", from)) {
        from += 2;
      }
      sb.append(name, from, end);
      if (dot < 0) {
        return sb.toString();
      }
      sb.append('.');
      start = dot + 1;
    }
  }
}
