package org.jail4j;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.jail4j.InvalidJailParameterException.Violation;
import org.jail4j.param.JailParam;
import org.jail4j.param.JailSys;
import org.jail4j.param.ParamCodec;
import org.jail4j.spi.JailFlags;
import org.jail4j.spi.support.IpLiterals;
import org.jspecify.annotations.Nullable;

/**
 * The rules a {@link Jail} must satisfy before any kernel sees it: the kernel's own value checks
 * that need no other jail (freebsd-jail-abi.md §3.1, §3.4), jail(8)'s path rule, and the shape of
 * every value. {@link #check} reports every problem of a jail at once.
 */
final class JailRules {
  private JailRules() {}

  /** The parameters {@link Jail} holds in their own attributes, never in its parameter map. */
  private static final Set<JailParam<?>> OWN_ATTRIBUTES =
      Set.of(
          JailParam.NAME,
          JailParam.JID,
          JailParam.PATH,
          JailParam.HOST_HOSTNAME,
          JailParam.IP4_ADDR,
          JailParam.IP6_ADDR,
          JailParam.PERSIST);

  /** The kernel's errmsg for a numeric name that is not the jid (§3.4). */
  static final String NUMERIC_NAME = "name cannot be numeric (unless it is the jid)";

  static JailAddress parseAddress(String field, String text, boolean v4) {
    JailAddress a;
    try {
      a = JailAddress.parse(text);
    } catch (InvalidJailParameterException e) {
      throw new InvalidJailParameterException("build", null, field, e.ruleText());
    }
    if (a.isIpv4() != v4) {
      throw new InvalidJailParameterException(
          "build", null, field, "\"" + text + "\" is not an IPv" + (v4 ? "4" : "6") + " address");
    }
    return a;
  }

  static void check(Jail jail) {
    List<Violation> v = new ArrayList<>();
    checkName(jail.name(), jail.jid(), v);
    jail.jid()
        .ifPresent(
            j -> {
              // jid 0 is no JID: the kernel takes it as "unspecified" and picks one (§3.2), so a
              // Jail that says jid 0 would start as another JID. Negative: EINVAL "negative jid".
              if (j == 0) {
                v.add(
                    new Violation(
                        "jid",
                        "0 is outside 1.."
                            + JailFlags.JAIL_MAX
                            + " (the kernel takes jid 0 as \"pick one\"; leave jid out for that)"));
              } else if (j < 0) {
                v.add(
                    Violation.ofKernel(
                        "jid",
                        Errno.EINVAL,
                        "negative jid",
                        j + " is outside 1.." + JailFlags.JAIL_MAX));
              } else if (j > JailFlags.JAIL_MAX) {
                v.add(new Violation("jid", j + " is outside 1.." + JailFlags.JAIL_MAX));
              }
            });
    jail.path().ifPresent(p -> checkPath(p, v));
    jail.hostname().ifPresent(h -> checkString("host.hostname", h, 256, v));
    checkAddresses("ip4.addr", jail.ip4(), v);
    checkAddresses("ip6.addr", jail.ip6(), v);
    checkParams(jail, v);
    checkPseudo(jail, v);
    if (!v.isEmpty()) {
      throw new InvalidJailParameterException("build", jail.name().orElse(null), v);
    }
  }

  // ---- kernel parameters -----------------------------------------------------------------

  private static void checkName(Optional<String> name, OptionalInt jid, List<Violation> v) {
    if (name.isEmpty()) {
      return;
    }
    String n = name.get();
    if (!checkString("name", n, 256, v)) {
      return;
    }
    if (n.isEmpty()) {
      v.add(new Violation("name", "must not be empty"));
      return;
    }
    for (String part : n.split("\\.", -1)) {
      if (part.isEmpty()) {
        v.add(
            new Violation(
                "name",
                "\""
                    + n
                    + "\" has an empty component; dots separate the names of parent and child"
                    + " jails, each non-empty"));
        return;
      }
    }
    // The kernel refuses a numeric last component unless it is the jid in canonical form (§3.4),
    // with EINVAL NUMERIC_NAME; on CREATE without a jid the number becomes the jid (§3.2).
    String last = n.substring(n.lastIndexOf('.') + 1);
    if (last.chars().allMatch(c -> c >= '0' && c <= '9')) {
      boolean canonical = !last.startsWith("0") && last.length() <= 6;
      if (!canonical) {
        v.add(
            Violation.ofKernel(
                "name",
                Errno.EINVAL,
                NUMERIC_NAME,
                "\""
                    + last
                    + "\" is not a jid in canonical form (1.."
                    + JailFlags.JAIL_MAX
                    + ", no leading zeros)"));
      } else if (jid.isPresent() && jid.getAsInt() != Integer.parseInt(last)) {
        v.add(
            Violation.ofKernel(
                "name",
                Errno.EINVAL,
                NUMERIC_NAME,
                "\"" + last + "\" is not the jid " + jid.getAsInt()));
      }
    }
  }

  private static void checkPath(String p, List<Violation> v) {
    if (!checkString("path", p, 1024, v)) {
      return;
    }
    if (!p.startsWith("/")) {
      v.add(new Violation("path", "must be absolute: \"" + p + "\""));
      return;
    }
    // jail(8) and the kernel resolve the path; a normalised one is what jls reports back, so
    // comparisons (apply, restart decisions) stay exact.
    boolean normal = p.equals("/") || !p.endsWith("/");
    for (String part : p.substring(1).split("/", -1)) {
      if (p.equals("/")) {
        break;
      }
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        normal = false;
      }
    }
    if (!normal) {
      v.add(
          new Violation(
              "path",
              "must be normalised (no empty, \".\" or \"..\" components, no trailing \"/\"): \""
                  + p
                  + "\""));
    }
  }

  /** NUL and size check of a kernel string; false when it failed. */
  private static boolean checkString(String field, String s, int size, List<Violation> v) {
    boolean ok = true;
    if (s.indexOf('\0') >= 0) {
      v.add(new Violation(field, "contains a NUL byte, which would end the C string early"));
      ok = false;
    }
    int bytes = s.getBytes(StandardCharsets.UTF_8).length;
    if (bytes + 1 > size) {
      v.add(
          new Violation(
              field,
              "is "
                  + bytes
                  + " bytes; at most "
                  + (size - 1)
                  + " bytes fit the kernel's "
                  + size
                  + "-byte buffer with the NUL"));
      ok = false;
    }
    return ok;
  }

  private static void checkAddresses(
      String field, List<? extends InetAddress> addresses, List<Violation> v) {
    if (addresses.size() > JailFlags.MAX_AF_IPS) {
      v.add(
          new Violation(
              field,
              addresses.size()
                  + " addresses; at most "
                  + JailFlags.MAX_AF_IPS
                  + " per family (security.jail.jail_max_af_ips)"));
    }
    Set<InetAddress> seen = new HashSet<>();
    for (InetAddress a : addresses) {
      String text = IpLiterals.format(a);
      // The kernel refuses these with EINVAL and no errmsg (§3.1).
      if (a.isAnyLocalAddress()) {
        v.add(
            Violation.ofKernel(
                field, Errno.EINVAL, "", text + " is the unspecified address, not a jail address"));
      } else if (text.equals("255.255.255.255")) {
        v.add(
            Violation.ofKernel(
                field, Errno.EINVAL, "", text + " is the broadcast address, not a jail address"));
      } else if (!seen.add(a)) {
        v.add(Violation.ofKernel(field, Errno.EINVAL, "", text + " is listed twice"));
      }
    }
  }

  private static void checkParams(Jail jail, List<Violation> v) {
    Map<JailParam<?>, Object> params = jail.params();
    for (Map.Entry<JailParam<?>, Object> e : params.entrySet()) {
      // The generated putParams lets nulls through (@AllowNulls) so that they are reported here.
      @Nullable JailParam<?> key = e.getKey();
      if (key == null) {
        v.add(new Violation("param", "a parameter key is null"));
        continue;
      }
      checkParam(key, e.getValue(), v);
    }
    if (params.containsKey(JailParam.VNET)
        && (!jail.addresses().isEmpty()
            || params.containsKey(JailParam.IP4)
            || params.containsKey(JailParam.IP6))) {
      // Any explicit vnet value with any ip4/ip6 parameter is refused by the kernel (§3.1).
      v.add(
          Violation.ofKernel(
              "vnet",
              Errno.EINVAL,
              "vnet jails cannot have IP address restrictions",
              "drop ip4, ip6, ip4.addr and ip6.addr, or vnet"));
    }
  }

  private static void checkParam(JailParam<?> p, @Nullable Object value, List<Violation> v) {
    String f = p.name();
    if (value == null) {
      v.add(new Violation(f, "has no value (null); leave it out to use the kernel's default"));
      return;
    }
    if (!p.isKernel()) {
      v.add(
          new Violation(
              f,
              "a jail(8) pseudo-parameter cannot be in the kernel parameter map; set it with"
                  + " JailBuilder.param or its own setter"));
      return;
    }
    if (OWN_ATTRIBUTES.contains(p)) {
      v.add(
          new Violation(
              f,
              "has its own attribute and cannot be in the parameter map; set it with"
                  + " JailBuilder.param or its own setter"));
      return;
    }
    if (p.access() == JailParam.Access.READ_ONLY) {
      v.add(new Violation(f, "is read-only: the kernel reports it and jail_set refuses it"));
      return;
    }
    if (p.isNamed()) {
      Optional<JailParam<?>> known = JailParam.lookup(f);
      if (known.isPresent() && (!known.get().isKernel() || OWN_ATTRIBUTES.contains(known.get()))) {
        v.add(
            new Violation(
                f,
                "is "
                    + (known.get().isKernel()
                        ? "held in its own attribute"
                        : "a jail(8) pseudo-parameter")
                    + "; set it with JailParam."
                    + f.toUpperCase(java.util.Locale.ROOT).replace('.', '_')
                    + " instead of JailParam.named"));
        return;
      }
      if (!(value instanceof String s)) {
        v.add(
            new Violation(
                f,
                "a run-time parameter takes its value as text, not a "
                    + value.getClass().getSimpleName()));
      } else if (s.indexOf('\0') >= 0) {
        v.add(new Violation(f, "contains a NUL byte, which would end the C string early"));
      }
      return;
    }
    if (!p.type().accepts(value)) {
      v.add(
          new Violation(
              f,
              "a value of type "
                  + value.getClass().getSimpleName()
                  + " is not a "
                  + p.type().javaTypeName()));
      return;
    }
    try {
      encode(p, value);
    } catch (InvalidJailParameterException e) {
      v.addAll(e.violations());
      return;
    }
    if (p.equals(JailParam.SECURELEVEL)) {
      range(f, (Integer) value, -1, 3, v);
    } else if (p.equals(JailParam.ENFORCE_STATFS)) {
      kernelRange(f, (Integer) value, 0, 2, v);
    } else if (p.equals(JailParam.DEVFS_RULESET)) {
      kernelRange(f, (Integer) value, 0, 65535, v);
    } else if (p.equals(JailParam.CHILDREN_MAX)) {
      range(f, (Integer) value, 0, JailFlags.JAIL_MAX, v);
    } else if (p.equals(JailParam.OSRELDATE) && (Integer) value == 0) {
      v.add(Violation.ofKernel(f, Errno.EINVAL, "osreldate cannot be 0", ""));
    } else if (p.equals(JailParam.OSRELDATE) && (Integer) value < 0) {
      // The kernel refuses only 0; a negative kern.osreldate is no __FreeBSD_version and breaks
      // every version check inside the jail (uname -K, pkg, ports).
      v.add(
          new Violation(
              f,
              value
                  + " is negative; osreldate is a __FreeBSD_version number such as 1403000"
                  + " (1.."
                  + Integer.MAX_VALUE
                  + ")"));
    } else if (p.equals(JailParam.OSRELEASE) && ((String) value).isEmpty()) {
      // An empty osrelease: EINVAL without errmsg (§3.1; only an oversize one gets the text).
      v.add(Violation.ofKernel(f, Errno.EINVAL, "", "osrelease string must be 1-31 bytes long"));
    } else if ((p.equals(JailParam.HOST) || p.equals(JailParam.VNET)) && value == JailSys.DISABLE) {
      v.add(
          Violation.ofKernel(
              f, Errno.EINVAL, "", "takes new or inherit; " + f + " has no disable"));
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> void encode(JailParam<T> p, Object value) {
    ParamCodec.encode(p, (T) value);
  }

  /** A range the kernel enforces itself, with EINVAL and no errmsg (§3.1, §3.4). */
  private static void kernelRange(String field, int value, int min, int max, List<Violation> v) {
    if (value < min || value > max) {
      v.add(Violation.ofKernel(field, Errno.EINVAL, "", value + " is outside " + min + ".." + max));
    }
  }

  private static void range(String field, int value, int min, int max, List<Violation> v) {
    if (value < min || value > max) {
      v.add(new Violation(field, value + " is outside " + min + ".." + max));
    }
  }

  // ---- jail(8) pseudo-parameters ---------------------------------------------------------

  /**
   * The checks of every jail(8) setting, by its {@link JailSetting.Kind}: command lines, names and
   * texts hold no NUL byte, durations are not negative; {@code exec.fib} is a FIB the host can
   * have.
   */
  private static void checkPseudo(Jail jail, List<Violation> v) {
    for (JailSetting s : JailSetting.values()) {
      Optional<Object> value = s.read(jail);
      if (value.isEmpty()) {
        continue;
      }
      String field = s.param().name();
      switch (s.kind()) {
        case COMMANDS, NAMES -> noNul(field, strings(value.get()), v);
        case TEXT -> noNul(field, List.of((String) value.get()), v);
        case SECONDS -> notNegative(field, (Integer) value.get(), v);
        case NUMBER, FLAG -> {
          // no rule for every number or flag; exec.fib's own rule follows
        }
      }
    }
    jail.execFib()
        .ifPresent(
            fib -> {
              // setfib(2) takes 0 <= fib < net.fibs (else EINVAL), and net.fibs is at most
              // RT_MAXFIBS = UINT16_MAX (sys/net/route/route_var.h): 65534 is the highest FIB.
              if (fib < 0 || fib > MAX_FIB) {
                v.add(
                    new Violation(
                        JailSetting.EXEC_FIB.param().name(),
                        fib
                            + " is outside 0.."
                            + MAX_FIB
                            + " (setfib(2) needs fib < net.fibs, at most 65535)"));
              }
            });
  }

  @SuppressWarnings("unchecked") // COMMANDS and NAMES settings read as List<String>
  private static List<String> strings(Object value) {
    return (List<String>) value;
  }

  /** The highest FIB any host can have: net.fibs is at most RT_MAXFIBS (65535). */
  static final int MAX_FIB = 65534;

  private static void noNul(String field, List<String> values, List<Violation> v) {
    for (String s : values) {
      if (s.indexOf('\0') >= 0) {
        v.add(
            new Violation(
                field,
                "\""
                    + s.replace("\0", "\\0")
                    + "\" contains a NUL byte, which would end the C string early"));
      }
    }
  }

  private static void notNegative(String field, int seconds, List<Violation> v) {
    if (seconds < 0) {
      v.add(new Violation(field, seconds + " s is negative"));
    }
  }

  // ---- the builder's typed setters for pseudo-parameters ----------------------------------

  /**
   * Sets a jail(8) pseudo-parameter on the builder through its own attribute ({@link JailSetting});
   * false when the parameter is not a catalogued pseudo-parameter.
   */
  static boolean setPseudo(JailBuilder b, JailParam<?> p, Object value) {
    Optional<JailSetting> s = JailSetting.of(p);
    s.ifPresent(setting -> setting.write(b, value));
    return s.isPresent();
  }

  /** The value of a pseudo-parameter of a jail, or empty when unset (or not a pseudo one). */
  static Optional<Object> pseudoValue(Jail j, JailParam<?> p) {
    return JailSetting.of(p).flatMap(s -> s.read(j));
  }
}
