package org.jail4j.testkit.internal;

import org.jail4j.Errno;

/**
 * The checks {@code kern_jail_set} makes against the parent before it changes anything: address
 * subsets and clashes ({@code prison_check_ip4}, {@code prison_check_ip6}), the module check hooks
 * ({@code PR_METHOD_CHECK}) and the name rules ({@code strtoul}, {@code MAXHOSTNAMELEN}) (§3.4).
 */
final class SetChecks {
  private final Kernel k;

  SetChecks(Kernel k) {
    this.k = k;
  }

  /** {@code strtoul} of the last name component as the kernel does it; 0 when not a number. */
  static int numericJid(String component) {
    if (!isNumeric(component)) {
      return 0;
    }
    String digits = component.trim();
    try {
      return (int) Long.parseLong(digits.startsWith("+") ? digits.substring(1) : digits);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Whether {@code strtoul} would consume the whole string (spaces, sign, digits). */
  static boolean isNumeric(String s) {
    int i = 0;
    int n = s.length();
    while (i < n && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    int digits = 0;
    while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
      digits++;
    }
    return digits > 0 && i == n;
  }

  static int utf8Length(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  static void checkSubset(byte[] list, Prison.IpState parent) throws Fail {
    if (!parent.restricted) {
      return;
    }
    int n = list.length / parent.size;
    for (int i = 0; i < n; i++) {
      if (!parent.contains(list, i)) {
        throw Fail.of(Errno.EPERM);
      }
    }
  }

  /**
   * Address overlap with another live jail of the same network stack, unless both have exactly one
   * address (§3.4).
   */
  void checkClash(byte[] list, int size, Prison pr, Prison ppr, boolean v4) throws Fail {
    Prison tppr = ppr;
    while (!tppr.isPrison0() && !tppr.vnet) {
      Prison parent = tppr.parent;
      tppr = parent == null ? k.prison0 : parent;
    }
    int n = list.length / size;
    if (clashIn(tppr, tppr, list, n, pr, v4)) {
      throw Fail.of(Errno.EADDRINUSE, v4 ? "IPv4 addresses clash" : "IPv6 addresses clash");
    }
  }

  boolean clashIn(Prison base, Prison tppr, byte[] list, int n, Prison pr, boolean v4) {
    for (Prison t : base.children) {
      if (t == pr || (t != tppr && t.vnet) || t.dying) {
        continue;
      }
      Prison.IpState ip = v4 ? t.ip4 : t.ip6;
      if (!ip.user) {
        if (clashIn(t, tppr, list, n, pr, v4)) {
          return true;
        }
        continue;
      }
      if (ip.addrs == null || ip.addrs.length == 0 || (n == 1 && ip.count() == 1)) {
        continue;
      }
      for (int i = 0; i < n; i++) {
        if (ip.contains(list, i)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Module check hooks ({@code PR_METHOD_CHECK}): they run before the unknown-parameter test. */
  void checkModules(Options opts, SetRequest r, Prison ppr) throws Fail {
    r.values = ValueParams.read(k, opts, ppr);
    if (k.params.has("meta")) {
      r.meta = SetRequest.keyValues(opts, "meta");
      r.env = SetRequest.keyValues(opts, "env");
    }
  }
}
