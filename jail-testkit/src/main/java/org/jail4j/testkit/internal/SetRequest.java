package org.jail4j.testkit.internal;

import static org.jail4j.spi.JailFlags.CREATE;
import static org.jail4j.spi.JailFlags.UPDATE;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jail4j.Errno;
import org.jail4j.param.JailParam;
import org.jail4j.spi.JailFlags;
import org.jspecify.annotations.Nullable;

/**
 * The settings of one {@code jail_set} call, read and checked for form before anything changes: the
 * option reading at the top of {@code kern_jail_set} ({@code vfs_copyopt}, {@code vfs_getopt},
 * {@code pr_flag_bool}, {@code pr_flag_jailsys}, the {@code ip4.addr} / {@code ip6.addr} sorting)
 * and the {@code meta} / {@code env} key/value reading (freebsd-jail-abi.md §2.6, §3.1, §4.4).
 */
final class SetRequest {
  /** {@code security.jail.meta_maxbufsize} (15.0). */
  static final int META_MAXBUFSIZE = JailParam.META_MAXBUFSIZE;

  int flags;
  int cuflags;
  int jid;
  @Nullable Integer slevel;
  @Nullable Integer childmax;
  @Nullable Integer enforce;
  @Nullable Integer rsnum;
  boolean persistOn;
  boolean persistChanged;
  boolean saddrsel4On;
  boolean saddrsel4Changed;
  boolean saddrsel6On;
  boolean saddrsel6Changed;
  boolean hostMentioned;
  boolean hostNew;
  boolean vnetMentioned;
  boolean vnetNew;
  boolean ip4Mentioned;
  boolean ip4User;
  boolean ip6Mentioned;
  boolean ip6User;
  long prAllow;
  long chAllow;
  @Nullable String name;
  @Nullable String hostname;
  @Nullable String domainname;
  @Nullable String hostuuid;
  @Nullable Long hostid;
  byte @Nullable [] ip4;
  byte @Nullable [] ip6;
  @Nullable String osrelease;
  @Nullable Integer osreldate;
  @Nullable String path;
  @Nullable Prison desc;
  Options.@Nullable Opt descOpt;

  /** New values of the parameters kept by type, by slot; null until the module checks ran. */
  @Nullable Object @Nullable [] values;

  @Nullable KeyValueChange meta;
  @Nullable KeyValueChange env;

  static void readParams(Kernel k, Options opts, SetRequest r) throws Fail {
    int flags = r.flags;
    Integer jid = opts.copyInt("jid");
    r.jid = jid == null ? 0 : jid;
    r.slevel = opts.copyInt("securelevel");
    r.childmax = opts.copyInt("children.max");
    r.enforce = opts.copyInt("enforce_statfs");
    if (r.enforce != null && (r.enforce < 0 || r.enforce > 2)) {
      throw Fail.of(Errno.EINVAL);
    }
    r.rsnum = opts.copyInt("devfs_ruleset");

    // pr_flag_bool: presence-only booleans, the value ignored (§2.6)
    boolean on = opts.flag("persist");
    boolean off = opts.flag("nopersist");
    r.persistOn = on;
    r.persistChanged = on || off;
    on = opts.flag("ip4.saddrsel");
    off = opts.flag("ip4.nosaddrsel");
    r.saddrsel4On = on;
    r.saddrsel4Changed = on || off;
    on = opts.flag("ip6.saddrsel");
    off = opts.flag("ip6.nosaddrsel");
    r.saddrsel6On = on;
    r.saddrsel6Changed = on || off;

    // pr_flag_jailsys: host, vnet, ip4, ip6
    Integer host = opts.copyInt("host");
    if (host != null) {
      r.hostMentioned = true;
      r.hostNew = jailsys(host, false) == JailFlags.JAIL_SYS_NEW;
    }
    if (k.config.vimage()) {
      Integer vnet = opts.copyInt("vnet");
      if (vnet != null) {
        r.vnetMentioned = true;
        r.vnetNew = jailsys(vnet, false) == JailFlags.JAIL_SYS_NEW;
      }
    }
    Integer ip4 = opts.copyInt("ip4");
    if (ip4 != null) {
      r.ip4Mentioned = true;
      r.ip4User = jailsys(ip4, true) != JailFlags.JAIL_SYS_INHERIT;
    }
    Integer ip6 = opts.copyInt("ip6");
    if (ip6 != null) {
      r.ip6Mentioned = true;
      r.ip6User = jailsys(ip6, true) != JailFlags.JAIL_SYS_INHERIT;
    }
    if ((flags & k.persistCheckMask) == CREATE && !r.persistOn) {
      throw Fail.of(Errno.EINVAL, "new jail must persist or attach");
    }
    if ((flags & UPDATE) != 0 && r.vnetMentioned) {
      throw Fail.of(Errno.EINVAL, "vnet cannot be changed after creation");
    }
    if ((flags & UPDATE) != 0 && r.ip4Mentioned) {
      throw Fail.of(Errno.EINVAL, "ip4 cannot be changed after creation");
    }
    if ((flags & UPDATE) != 0 && r.ip6Mentioned) {
      throw Fail.of(Errno.EINVAL, "ip6 cannot be changed after creation");
    }

    long prAllow = 0;
    long chAllow = 0;
    for (int i : k.params.allowBits()) {
      if (opts.flag(ParamTable.ALLOW[i])) {
        prAllow |= 1L << i;
      }
      if (opts.flag(ParamTable.ALLOW_NO[i])) {
        chAllow |= 1L << i;
      }
    }
    r.prAllow = prAllow;
    r.chAllow = chAllow | prAllow;

    r.name = opts.string("name", JailParam.MAXHOSTNAMELEN);
    r.hostname = opts.string("host.hostname", JailParam.MAXHOSTNAMELEN);
    r.domainname = opts.string("host.domainname", JailParam.MAXHOSTNAMELEN);
    r.hostuuid = opts.string("host.hostuuid", JailParam.HOSTUUIDLEN);
    r.hostid = opts.copyLong("host.hostid");
    if (r.hostname != null || r.domainname != null || r.hostuuid != null || r.hostid != null) {
      // setting any host.* implies host=new
      r.hostMentioned = true;
      r.hostNew = true;
    }

    Options.Opt a4 = opts.get("ip4.addr");
    if (a4 != null) {
      r.ip4 = addresses(a4, 4, "too many IPv4 addresses");
      r.ip4Mentioned = true;
      r.ip4User = true;
    }
    Options.Opt a6 = opts.get("ip6.addr");
    if (a6 != null) {
      r.ip6 = addresses(a6, 16, "too many IPv6 addresses");
      r.ip6Mentioned = true;
      r.ip6User = true;
    }
    if (r.vnetMentioned && (r.ip4Mentioned || r.ip6Mentioned)) {
      throw Fail.of(Errno.EINVAL, "vnet jails cannot have IP address restrictions");
    }

    Options.Opt rel = opts.get("osrelease");
    if (rel != null) {
      if ((flags & UPDATE) != 0) {
        throw Fail.of(Errno.EINVAL, "osrelease cannot be changed after creation");
      }
      byte[] v = rel.value;
      if (rel.len == 0 || v == null || v[rel.len - 1] != 0) {
        throw Fail.of(Errno.EINVAL);
      }
      if (rel.len >= JailParam.OSRELEASELEN) {
        throw Fail.of(Errno.ENAMETOOLONG, "osrelease string must be 1-31 bytes long");
      }
      r.osrelease = Options.cString(v, 0, rel.len);
    }
    Integer osreldate = opts.copyInt("osreldate");
    if (osreldate != null) {
      if ((flags & UPDATE) != 0) {
        throw Fail.of(Errno.EINVAL, "osreldate cannot be changed after creation");
      }
      if (osreldate == 0) {
        throw Fail.of(Errno.EINVAL, "osreldate cannot be 0");
      }
      r.osreldate = osreldate;
    }
    Options.Opt path = opts.get("path");
    if (path != null) {
      if ((flags & UPDATE) != 0) {
        throw Fail.of(Errno.EINVAL, "path cannot be changed after creation");
      }
      byte[] v = path.value;
      if (path.len == 0 || v == null || v[path.len - 1] != 0) {
        throw Fail.of(Errno.EINVAL);
      }
      r.path = Options.cString(v, 0, path.len);
    }
  }

  /** A jailsys int: 0..2, and {@code disable} only where the parameter has it (§3.1). */
  static int jailsys(int value, boolean hasDisable) throws Fail {
    if (value == JailFlags.JAIL_SYS_DISABLE && !hasDisable) {
      throw Fail.of(Errno.EINVAL);
    }
    if (value < 0 || value > 2) {
      throw Fail.of(Errno.EINVAL);
    }
    return value;
  }

  /**
   * An {@code ip4.addr} / {@code ip6.addr} array (§3.1): a multiple of the element size, at most
   * 255, no wildcard/broadcast and no duplicates; the first stays first, the rest are sorted.
   */
  static byte[] addresses(Options.Opt o, int size, String tooMany) throws Fail {
    if (o.len % size != 0) {
      throw Fail.of(Errno.EINVAL);
    }
    byte[] v = o.value;
    if (o.len == 0 || v == null) {
      return new byte[0];
    }
    int n = o.len / size;
    if (n > JailFlags.MAX_AF_IPS) {
      throw Fail.of(Errno.EINVAL, tooMany);
    }
    byte[][] rest = new byte[n - 1][];
    for (int i = 1; i < n; i++) {
      rest[i - 1] = Arrays.copyOfRange(v, i * size, i * size + size);
    }
    Arrays.sort(rest, Arrays::compareUnsigned);
    byte[] out = new byte[n * size];
    System.arraycopy(v, 0, out, 0, size);
    for (int i = 1; i < n; i++) {
      System.arraycopy(rest[i - 1], 0, out, i * size, size);
    }
    for (int i = 0; i < n; i++) {
      if (isWildcard(out, i, size)) {
        throw Fail.of(Errno.EINVAL);
      }
      if (i + 1 < n && (sameAddr(out, 0, i + 1, size) || sameAddr(out, i, i + 1, size))) {
        throw Fail.of(Errno.EINVAL);
      }
    }
    return out;
  }

  static boolean isWildcard(byte[] a, int i, int size) {
    boolean zero = true;
    boolean ones = true;
    for (int k = i * size; k < i * size + size; k++) {
      zero &= a[k] == 0;
      ones &= a[k] == (byte) 0xff;
    }
    return zero || (size == 4 && ones);
  }

  static boolean sameAddr(byte[] a, int i, int j, int size) {
    return Arrays.equals(a, i * size, i * size + size, a, j * size, j * size + size);
  }

  /**
   * A change to {@code meta} or {@code env}: whole-buffer assignments and keyed updates, in the
   * order the caller gave them (jailmeta.sh {@code keyvalue}: order matters).
   */
  static final class KeyValueChange {
    /** Each step: {key or null for the whole buffer, value or null to delete the key}. */
    final List<@Nullable String[]> steps = new ArrayList<>();
  }

  /**
   * 15.0 {@code meta} / {@code env} (§4.4): {@code meta=TEXT} replaces the buffer, {@code
   * meta.KEY=VALUE} replaces or adds the line {@code KEY=VALUE} at the front, {@code meta.KEY}
   * without a value deletes it. Null when the request does not touch them.
   */
  static @Nullable KeyValueChange keyValues(Options opts, String node) throws Fail {
    KeyValueChange change = null;
    String prefix = node + ".";
    for (Options.Opt o : opts.all()) {
      boolean whole = o.name.equals(node);
      if (!whole && !(o.name.startsWith(prefix) && o.name.length() > prefix.length())) {
        continue;
      }
      o.seen = true;
      if (change == null) {
        change = new KeyValueChange();
      }
      if (whole) {
        if (o.len > META_MAXBUFSIZE) {
          throw Fail.of(Errno.EFBIG);
        }
        change.steps.add(new @Nullable String[] {null, o.len == 0 ? "" : terminated(o)});
      } else {
        change.steps.add(
            new @Nullable String[] {
              o.name.substring(prefix.length()), o.len == 0 ? null : terminated(o)
            });
      }
    }
    return change;
  }

  static String terminated(Options.Opt o) throws Fail {
    byte[] v = o.value;
    if (o.len == 0 || v == null || v[o.len - 1] != 0) {
      throw Fail.of(Errno.EINVAL);
    }
    return Options.cString(v, 0, o.len);
  }
}
