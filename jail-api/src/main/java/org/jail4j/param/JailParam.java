package org.jail4j.param;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jail4j.FreeBsdVersion;
import org.jail4j.InvalidJailParameterException;
import org.jail4j.spi.JailFlags;
import org.jail4j.spi.KernelParam;
import org.jspecify.annotations.Nullable;

/**
 * A typed jail parameter key: its name as the kernel and jail(8) spell it, its {@link ParamType},
 * whether the kernel or jail(8) consumes it, whether it can be changed after creation, the FreeBSD
 * release that added it ({@link #since()}, {@link #isVerified()}, {@link #availableOn}), the string
 * buffer the kernel fixes ({@link #bufferSize()}), and the kernel module that provides it. Every
 * parameter of {@code reference/jail-params.tsv} has a constant here; {@link #named(String)} covers
 * parameters known only at run time.
 *
 * <p>Constants are named after the parameter with dots turned into underscores: {@code
 * allow.mount.zfs} is {@link #ALLOW_MOUNT_ZFS}, {@code exec.start} is {@link #EXEC_START}.
 *
 * <pre>{@code
 * Jail.builder().name("web").param(JailParam.SECURELEVEL, 3).param(JailParam.ALLOW_RAW_SOCKETS, true);
 * JailParam<String> fs = JailParam.named("allow.mount.p9fs"); // typed at run time by the kernel
 * JailParam<?> p = JailParam.lookup("host.hostname").orElseThrow();
 * boolean onThirteen = JailParam.DESC.availableOn(FreeBsdVersion.V13); // false: 15.0
 * }</pre>
 *
 * @param <T> the Java type of its values
 */
public final class JailParam<T> {

  /** Who consumes a parameter. */
  public enum Scope {
    /** Sent to the kernel through {@code jail_set(2)} / read with {@code jail_get(2)}. */
    KERNEL,
    /** Used by jail(8) itself (exec hooks, mounts, interfaces); never sent to the kernel. */
    PSEUDO
  }

  /** When a parameter can be set. */
  public enum Access {
    /** At any time ({@code CTLFLAG_RW}). */
    WRITABLE,
    /** Only at creation ({@code CTLFLAG_RDTUN}); changing it means a restart. */
    CREATE_ONLY,
    /**
     * Never by the caller: the kernel reports it ({@code CTLFLAG_RD}), or it is a buffer the kernel
     * writes ({@code errmsg}) or a {@code jail_get} key ({@code lastjid}).
     */
    READ_ONLY
  }

  /**
   * {@code MAXHOSTNAMELEN}: the buffer size, NUL included, of {@code name}, {@code host.hostname}
   * and {@code host.domainname}, and the limit on a jail's full dotted name (freebsd-jail-abi.md
   * §4).
   */
  public static final int MAXHOSTNAMELEN = 256;

  /**
   * {@code MAXPATHLEN}: the buffer size, NUL included, of {@code path} (freebsd-jail-abi.md §4).
   */
  public static final int MAXPATHLEN = 1024;

  /** {@code OSRELEASELEN}: the buffer size, NUL included, of {@code osrelease} (§4.2). */
  public static final int OSRELEASELEN = 32;

  /** {@code HOSTUUIDLEN}: the buffer size, NUL included, of {@code host.hostuuid} (§4.2). */
  public static final int HOSTUUIDLEN = 64;

  /**
   * {@code LINUX_MAX_UTSNAME}: the buffer size of {@code linux.osname} and {@code linux.osrelease}
   * (from the linux module's sources; the table gives no size).
   */
  public static final int LINUX_MAX_UTSNAME = 65;

  /**
   * {@code MAC_RULE_STRING_LEN}: the buffer size of {@code mdo.rules} and {@code mac.do.rules}
   * (from mac_do's sources; the table gives no size).
   */
  public static final int MAC_RULE_STRING_LEN = 1024;

  /** {@code security.jail.meta_maxbufsize}: the largest {@code meta} or {@code env} text (§4.4). */
  public static final int META_MAXBUFSIZE = 4096;

  /**
   * A FreeBSD release as the parameter table places a parameter: major and minor number.
   *
   * <pre>{@code
   * JailParam.Release r = JailParam.OSRELEASE.since().orElseThrow(); // 12.0
   * boolean onFourteen = r.major() <= FreeBsdVersion.V14.major();    // true
   * }</pre>
   *
   * @param major the major number, e.g. 14
   * @param minor the minor number, e.g. 0
   */
  public record Release(int major, int minor) implements Comparable<Release> {

    /**
     * Checks the numbers.
     *
     * @throws IllegalArgumentException when {@code major} is below 1 or {@code minor} below 0
     */
    public Release {
      if (major < 1 || minor < 0) {
        throw new IllegalArgumentException(
            "a release needs major >= 1 and minor >= 0: " + major + "." + minor);
      }
    }

    /**
     * Whether a kernel of this family is this release or later, by major number (a {@link
     * FreeBsdVersion} is a whole release family).
     *
     * @param version the family
     * @return whether {@code version}'s major number is at least {@link #major()}
     */
    public boolean isReachedBy(FreeBsdVersion version) {
      return version.major() >= major;
    }

    @Override
    public int compareTo(Release o) {
      return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    /** The release as FreeBSD writes it, e.g. {@code 14.0}. */
    @Override
    public String toString() {
      return major + "." + minor;
    }
  }

  private static final Map<String, JailParam<?>> CATALOGUE = new LinkedHashMap<>();

  private final String name;
  private final ParamType<T> type;
  private final Scope scope;
  private final Access access;
  private final String addedIn;
  private final @Nullable String module;
  private final boolean known;
  private final boolean runtimeText;
  private final @Nullable Release since;
  private final @Nullable Release removedIn;
  private final boolean verified;
  private final boolean requiresVimage;

  private JailParam(
      String name,
      ParamType<T> type,
      Scope scope,
      Access access,
      String addedIn,
      @Nullable String module,
      boolean known) {
    this(name, type, scope, access, addedIn, module, known, false, false);
  }

  private JailParam(
      String name,
      ParamType<T> type,
      Scope scope,
      Access access,
      String addedIn,
      @Nullable String module,
      boolean known,
      boolean runtimeText,
      boolean requiresVimage) {
    this.runtimeText = runtimeText;
    this.requiresVimage = requiresVimage;
    this.name = name;
    this.type = type;
    this.scope = scope;
    this.access = access;
    this.addedIn = addedIn;
    this.module = module;
    this.known = known;
    ReleaseText.Read r = ReleaseText.read(name, addedIn);
    this.since = r.since();
    this.removedIn = r.removedIn();
    this.verified = r.verified();
  }

  private static <T> JailParam<T> kernel(
      String name, ParamType<T> type, Access access, String addedIn, @Nullable String module) {
    JailParam<T> p = new JailParam<>(name, type, Scope.KERNEL, access, addedIn, module, true);
    CATALOGUE.put(name, p);
    return p;
  }

  /** A kernel parameter that exists only on kernels built with {@code options VIMAGE} (§4.2). */
  private static <T> JailParam<T> vimageKernel(
      String name, ParamType<T> type, Access access, String addedIn) {
    JailParam<T> p =
        new JailParam<>(name, type, Scope.KERNEL, access, addedIn, null, true, false, true);
    CATALOGUE.put(name, p);
    return p;
  }

  private static <T> JailParam<T> pseudo(String name, ParamType<T> type, String addedIn) {
    JailParam<T> p =
        new JailParam<>(name, type, Scope.PSEUDO, Access.WRITABLE, addedIn, null, true);
    CATALOGUE.put(name, p);
    return p;
  }

  // ---- kernel parameters (freebsd-jail-abi.md §4) ----------------------------------------

  /** {@code jid}: jail ID; key for set/get; 0 = unspecified/auto-assign. */
  public static final JailParam<Integer> JID =
      kernel("jid", ParamType.INT, Access.CREATE_ONLY, "8.0", null);

  /**
   * {@code desc}: jail descriptor fd (input with JAIL_USE_DESC/JAIL_AT_DESC, output with
   * JAIL_GET_DESC/JAIL_OWN_DESC).
   */
  public static final JailParam<Integer> DESC =
      kernel("desc", ParamType.INT, Access.WRITABLE, "15.0", null);

  /** {@code parent}: JID of parent jail; 0 if parent is the caller's own jail (read-only). */
  public static final JailParam<Integer> PARENT =
      kernel("parent", ParamType.INT, Access.READ_ONLY, "8.0", null);

  /**
   * {@code name}: jail name, dot-separated hierarchy relative to caller; default = JID; numeric
   * only if equal to JID.
   */
  public static final JailParam<String> NAME =
      kernel("name", ParamType.string(MAXHOSTNAMELEN), Access.WRITABLE, "8.0", null);

  /** {@code path}: root directory (create-only); reported relative to caller's root. */
  public static final JailParam<String> PATH =
      kernel("path", ParamType.string(MAXPATHLEN), Access.CREATE_ONLY, "8.0", null);

  /**
   * {@code securelevel}: jail kern.securelevel; must be at least parent's; raising propagates to
   * descendants.
   */
  public static final JailParam<Integer> SECURELEVEL =
      kernel("securelevel", ParamType.INT, Access.WRITABLE, "8.0", null);

  /**
   * {@code osreldate}: kern.osreldate / uname -K inside jail; create-only; must not be 0; default
   * parent's.
   */
  public static final JailParam<Integer> OSRELDATE =
      kernel("osreldate", ParamType.INT, Access.CREATE_ONLY, "12.0", null);

  /** {@code osrelease}: kern.osrelease / uname -r inside jail; create-only; default parent's. */
  public static final JailParam<String> OSRELEASE =
      kernel("osrelease", ParamType.string(OSRELEASELEN), Access.CREATE_ONLY, "12.0", null);

  /**
   * {@code enforce_statfs}: 0..2 mount-point visibility; at least parent's; default sysctl
   * security.jail.enforce_statfs (2).
   */
  public static final JailParam<Integer> ENFORCE_STATFS =
      kernel("enforce_statfs", ParamType.INT, Access.WRITABLE, "8.0", null);

  /**
   * {@code devfs_ruleset}: devfs ruleset enforced for in-jail devfs mounts; 0..65535; default
   * parent's; nested jails forced to parent's.
   */
  public static final JailParam<Integer> DEVFS_RULESET =
      kernel("devfs_ruleset", ParamType.INT, Access.WRITABLE, "8.0", null);

  /**
   * {@code persist}: jail may exist without processes (presence-only boolean; nopersist clears).
   */
  public static final JailParam<Boolean> PERSIST =
      kernel("persist", ParamType.BOOL, Access.WRITABLE, "8.0", null);

  /**
   * {@code vnet}: own network stack: new or inherit (no disable); create-only; VIMAGE kernels only.
   */
  public static final JailParam<JailSys> VNET =
      vimageKernel(
          "vnet", ParamType.JAILSYS, Access.CREATE_ONLY, "8.0 (VIMAGE in GENERIC since 12.0)");

  /** {@code dying}: jail is shutting down (read-only; get also answers nodying). */
  public static final JailParam<Boolean> DYING =
      kernel("dying", ParamType.BOOL, Access.READ_ONLY, "8.0", null);

  /** {@code children.cur}: number of descendant jails (all depths). */
  public static final JailParam<Integer> CHILDREN_CUR =
      kernel("children.cur", ParamType.INT, Access.READ_ONLY, "8.0", null);

  /**
   * {@code children.max}: max descendant jails; default 0; must be &lt; parent's; clamps
   * descendants.
   */
  public static final JailParam<Integer> CHILDREN_MAX =
      kernel("children.max", ParamType.INT, Access.WRITABLE, "8.0", null);

  /** {@code host}: hostname/domain/uuid/hostid source: new or inherit (no disable); default new. */
  public static final JailParam<JailSys> HOST =
      kernel("host", ParamType.JAILSYS, Access.WRITABLE, "8.0", null);

  /** {@code host.hostname}: jail hostname; default empty; setting implies host=new. */
  public static final JailParam<String> HOST_HOSTNAME =
      kernel("host.hostname", ParamType.string(MAXHOSTNAMELEN), Access.WRITABLE, "8.0", null);

  /** {@code host.domainname}: jail NIS domainname; default empty. */
  public static final JailParam<String> HOST_DOMAINNAME =
      kernel("host.domainname", ParamType.string(MAXHOSTNAMELEN), Access.WRITABLE, "8.0", null);

  /** {@code host.hostuuid}: jail host UUID; default 00000000-0000-0000-0000-000000000000. */
  public static final JailParam<String> HOST_HOSTUUID =
      kernel("host.hostuuid", ParamType.string(HOSTUUIDLEN), Access.WRITABLE, "8.0", null);

  /** {@code host.hostid}: jail host ID (unsigned long; 4 bytes for 32-bit callers); default 0. */
  public static final JailParam<Long> HOST_HOSTID =
      kernel("host.hostid", ParamType.ULONG, Access.WRITABLE, "8.0", null);

  /** {@code cpuset.id}: ID of the jail's root cpuset (read-only). */
  public static final JailParam<Integer> CPUSET_ID =
      kernel("cpuset.id", ParamType.INT, Access.READ_ONLY, "8.0", null);

  /**
   * {@code ip4}: IPv4 policy: inherit/new/disable; create-only; reads back disable whenever
   * restricted.
   */
  public static final JailParam<JailSys> IP4 =
      kernel("ip4", ParamType.JAILSYS, Access.CREATE_ONLY, "8.0", null);

  /**
   * {@code ip4.addr}: array of struct in_addr (network order); first = primary, rest sorted; at
   * most 255; subset of parent's.
   */
  public static final JailParam<List<Inet4Address>> IP4_ADDR =
      kernel("ip4.addr", ParamType.IP4_LIST, Access.WRITABLE, "8.0", null);

  /**
   * {@code ip4.saddrsel}: use source address selection (default on); ip4.nosaddrsel = always
   * primary address.
   */
  public static final JailParam<Boolean> IP4_SADDRSEL =
      kernel("ip4.saddrsel", ParamType.BOOL, Access.WRITABLE, "8.x", null);

  /** {@code ip6}: IPv6 policy: inherit/new/disable; create-only. */
  public static final JailParam<JailSys> IP6 =
      kernel("ip6", ParamType.JAILSYS, Access.CREATE_ONLY, "8.0", null);

  /**
   * {@code ip6.addr}: array of struct in6_addr; first = primary; at most 255; subset of parent's.
   */
  public static final JailParam<List<Inet6Address>> IP6_ADDR =
      kernel("ip6.addr", ParamType.IP6_LIST, Access.WRITABLE, "8.0", null);

  /** {@code ip6.saddrsel}: IPv6 source address selection (default on). */
  public static final JailParam<Boolean> IP6_SADDRSEL =
      kernel("ip6.saddrsel", ParamType.BOOL, Access.WRITABLE, "8.x", null);

  /** {@code allow.set_hostname}: may change hostname (default ON). */
  public static final JailParam<Boolean> ALLOW_SET_HOSTNAME =
      kernel("allow.set_hostname", ParamType.BOOL, Access.WRITABLE, "8.0", null);

  /**
   * {@code allow.sysvipc}: legacy SysV IPC access (deprecated; = sysvmsg/sysvsem/sysvshm inherit).
   */
  public static final JailParam<Boolean> ALLOW_SYSVIPC =
      kernel("allow.sysvipc", ParamType.BOOL, Access.WRITABLE, "8.0", null);

  /** {@code allow.raw_sockets}: jail root may create raw sockets. */
  public static final JailParam<Boolean> ALLOW_RAW_SOCKETS =
      kernel("allow.raw_sockets", ParamType.BOOL, Access.WRITABLE, "8.0", null);

  /** {@code allow.chflags}: jail root may alter system file flags. */
  public static final JailParam<Boolean> ALLOW_CHFLAGS =
      kernel("allow.chflags", ParamType.BOOL, Access.WRITABLE, "8.0", null);

  /**
   * {@code allow.mount}: may mount jail-friendly filesystems (needs enforce_statfs&lt;2 and
   * allow.mount.&lt;fs&gt;).
   */
  public static final JailParam<Boolean> ALLOW_MOUNT =
      kernel("allow.mount", ParamType.BOOL, Access.WRITABLE, "8.0", null);

  /** {@code allow.quotas}: jail root may administer quotas. */
  public static final JailParam<Boolean> ALLOW_QUOTAS =
      kernel("allow.quotas", ParamType.BOOL, Access.WRITABLE, "8.0", null);

  /** {@code allow.socket_af}: may create sockets of families other than UNIX/IPv4/IPv6/route. */
  public static final JailParam<Boolean> ALLOW_SOCKET_AF =
      kernel("allow.socket_af", ParamType.BOOL, Access.WRITABLE, "8.0", null);

  /** {@code allow.mlock}: may mlock/munlock. */
  public static final JailParam<Boolean> ALLOW_MLOCK =
      kernel("allow.mlock", ParamType.BOOL, Access.WRITABLE, "<=12", null);

  /** {@code allow.reserved_ports}: jail root may bind ports &lt; 1024 (default ON). */
  public static final JailParam<Boolean> ALLOW_RESERVED_PORTS =
      kernel("allow.reserved_ports", ParamType.BOOL, Access.WRITABLE, "<=12", null);

  /** {@code allow.read_msgbuf}: may read kernel message buffer. */
  public static final JailParam<Boolean> ALLOW_READ_MSGBUF =
      kernel("allow.read_msgbuf", ParamType.BOOL, Access.WRITABLE, "<=12", null);

  /**
   * {@code allow.unprivileged_proc_debug}: unprivileged processes may use debugging (default ON;
   * may differ from parent).
   */
  public static final JailParam<Boolean> ALLOW_UNPRIVILEGED_PROC_DEBUG =
      kernel("allow.unprivileged_proc_debug", ParamType.BOOL, Access.WRITABLE, "<=12", null);

  /**
   * {@code allow.suser}: uid 0 in jail has privilege (jail security.bsd.suser_enabled; default ON).
   */
  public static final JailParam<Boolean> ALLOW_SUSER =
      kernel("allow.suser", ParamType.BOOL, Access.WRITABLE, "<=13.0", null);

  /**
   * {@code allow.nfsd}: mountd/nfsd may run in (vnet) jail; VIMAGE kernels only; also seen in a
   * 2023+ HardenedBSD 13-stable tree.
   */
  public static final JailParam<Boolean> ALLOW_NFSD =
      vimageKernel(
          "allow.nfsd", ParamType.BOOL, Access.WRITABLE, "14.0? (unverified; maybe late 13.x)");

  /**
   * {@code allow.extattr}: may set system-namespace filesystem extended attributes (default OFF
   * upstream; HardenedBSD turns it ON by default).
   */
  public static final JailParam<Boolean> ALLOW_EXTATTR =
      kernel("allow.extattr", ParamType.BOOL, Access.WRITABLE, "14.x? (unverified)", null);

  /** {@code allow.adjtime}: may adjust system time (adjtime/ntp_adjtime). */
  public static final JailParam<Boolean> ALLOW_ADJTIME =
      kernel("allow.adjtime", ParamType.BOOL, Access.WRITABLE, "14.x? (unverified)", null);

  /** {@code allow.settime}: may set system time (implies adjtime privilege). */
  public static final JailParam<Boolean> ALLOW_SETTIME =
      kernel("allow.settime", ParamType.BOOL, Access.WRITABLE, "14.x? (unverified)", null);

  /** {@code allow.routing}: may modify routing table (non-vnet jails). */
  public static final JailParam<Boolean> ALLOW_ROUTING =
      kernel("allow.routing", ParamType.BOOL, Access.WRITABLE, "15.0", null);

  /**
   * {@code allow.unprivileged_parent_tampering}: unprivileged parent-jail processes may
   * signal/debug/cpuset same-uid processes in this jail (may differ from parent).
   */
  public static final JailParam<Boolean> ALLOW_UNPRIVILEGED_PARENT_TAMPERING =
      kernel("allow.unprivileged_parent_tampering", ParamType.BOOL, Access.WRITABLE, "15.0", null);

  /**
   * {@code allow.setaudit}: name seen in third-party 15.x parameter lists (presumably permits
   * changing audit state); default and meaning unverified.
   */
  public static final JailParam<Boolean> ALLOW_SETAUDIT =
      kernel("allow.setaudit", ParamType.BOOL, Access.WRITABLE, "15.x? (unverified)", null);

  /** {@code allow.mount.devfs}: may mount devfs (added when FS registers). */
  public static final JailParam<Boolean> ALLOW_MOUNT_DEVFS =
      kernel("allow.mount.devfs", ParamType.BOOL, Access.WRITABLE, "<=13", "devfs");

  /** {@code allow.mount.fdescfs}: may mount fdescfs (module fdescfs). */
  public static final JailParam<Boolean> ALLOW_MOUNT_FDESCFS =
      kernel("allow.mount.fdescfs", ParamType.BOOL, Access.WRITABLE, "<=13", "fdescfs");

  /** {@code allow.mount.nullfs}: may mount nullfs (module nullfs). */
  public static final JailParam<Boolean> ALLOW_MOUNT_NULLFS =
      kernel("allow.mount.nullfs", ParamType.BOOL, Access.WRITABLE, "<=13", "nullfs");

  /** {@code allow.mount.procfs}: may mount procfs (module procfs). */
  public static final JailParam<Boolean> ALLOW_MOUNT_PROCFS =
      kernel("allow.mount.procfs", ParamType.BOOL, Access.WRITABLE, "<=13", "procfs");

  /** {@code allow.mount.linprocfs}: may mount linprocfs (module linprocfs). */
  public static final JailParam<Boolean> ALLOW_MOUNT_LINPROCFS =
      kernel("allow.mount.linprocfs", ParamType.BOOL, Access.WRITABLE, "<=13", "linprocfs");

  /** {@code allow.mount.linsysfs}: may mount linsysfs (module linsysfs). */
  public static final JailParam<Boolean> ALLOW_MOUNT_LINSYSFS =
      kernel("allow.mount.linsysfs", ParamType.BOOL, Access.WRITABLE, "<=13", "linsysfs");

  /** {@code allow.mount.tmpfs}: may mount tmpfs (module tmpfs). */
  public static final JailParam<Boolean> ALLOW_MOUNT_TMPFS =
      kernel("allow.mount.tmpfs", ParamType.BOOL, Access.WRITABLE, "<=13", "tmpfs");

  /** {@code allow.mount.zfs}: may mount ZFS (module zfs). */
  public static final JailParam<Boolean> ALLOW_MOUNT_ZFS =
      kernel("allow.mount.zfs", ParamType.BOOL, Access.WRITABLE, "<=13", "zfs");

  /** {@code allow.mount.fusefs}: may mount fuse filesystems (module fusefs). */
  public static final JailParam<Boolean> ALLOW_MOUNT_FUSEFS =
      kernel("allow.mount.fusefs", ParamType.BOOL, Access.WRITABLE, "<=13", "fusefs");

  /** {@code allow.mount.p9fs}: may mount p9fs (module p9fs). */
  public static final JailParam<Boolean> ALLOW_MOUNT_P9FS =
      kernel("allow.mount.p9fs", ParamType.BOOL, Access.WRITABLE, "15.0", "p9fs");

  /** {@code allow.vmm}: may use vmm(4)/bhyve (module vmm). */
  public static final JailParam<Boolean> ALLOW_VMM =
      kernel("allow.vmm", ParamType.BOOL, Access.WRITABLE, "12.0? (unverified)", "vmm");

  /** {@code allow.vmm_ppt}: may use vmm with ppt passthrough devices (module vmm). */
  public static final JailParam<Boolean> ALLOW_VMM_PPT =
      kernel("allow.vmm_ppt", ParamType.BOOL, Access.WRITABLE, "15.x? (unverified)", "vmm");

  /**
   * {@code sysvmsg}: sysV message queues: disable (default)/new (own key namespace)/inherit; module
   * sysvmsg.
   */
  public static final JailParam<JailSys> SYSVMSG =
      kernel("sysvmsg", ParamType.JAILSYS, Access.WRITABLE, "11.0", "sysvmsg");

  /** {@code sysvsem}: sysV semaphores, as sysvmsg; module sysvsem. */
  public static final JailParam<JailSys> SYSVSEM =
      kernel("sysvsem", ParamType.JAILSYS, Access.WRITABLE, "11.0", "sysvsem");

  /** {@code sysvshm}: sysV shared memory, as sysvmsg; module sysvshm. */
  public static final JailParam<JailSys> SYSVSHM =
      kernel("sysvshm", ParamType.JAILSYS, Access.WRITABLE, "11.0", "sysvshm");

  /** {@code linux}: linux ABI identity: new (own copy) or inherit; module linux. */
  public static final JailParam<JailSys> LINUX =
      kernel("linux", ParamType.JAILSYS, Access.WRITABLE, "8.x", "linux");

  /** {@code linux.osname}: linux uname sysname for the jail (LINUX_MAX_UTSNAME). */
  public static final JailParam<String> LINUX_OSNAME =
      kernel("linux.osname", ParamType.string(LINUX_MAX_UTSNAME), Access.WRITABLE, "8.x", "linux");

  /** {@code linux.osrelease}: linux uname release for the jail. */
  public static final JailParam<String> LINUX_OSRELEASE =
      kernel(
          "linux.osrelease", ParamType.string(LINUX_MAX_UTSNAME), Access.WRITABLE, "8.x", "linux");

  /** {@code linux.oss_version}: linux OSS version for the jail. */
  public static final JailParam<Integer> LINUX_OSS_VERSION =
      kernel("linux.oss_version", ParamType.INT, Access.WRITABLE, "8.x", "linux");

  /** {@code zfs}: per-jail ZFS settings new/inherit; module zfs (OpenZFS). */
  public static final JailParam<JailSys> ZFS =
      kernel("zfs", ParamType.JAILSYS, Access.WRITABLE, "14.0 (inferred)", "zfs");

  /** {@code zfs.mount_snapshot}: allow mounting .zfs snapshots of unjailed datasets (0/1). */
  public static final JailParam<Integer> ZFS_MOUNT_SNAPSHOT =
      kernel("zfs.mount_snapshot", ParamType.INT, Access.WRITABLE, "14.0 (inferred)", "zfs");

  /** {@code mdo}: mac_do(4) per-jail rules enable (name as first shipped). */
  public static final JailParam<JailSys> MDO =
      kernel(
          "mdo",
          ParamType.JAILSYS,
          Access.WRITABLE,
          "14.x (unverified; renamed in 15.0)",
          "mac_do");

  /** {@code mdo.rules}: mac_do(4) rules string (name as first shipped). */
  public static final JailParam<String> MDO_RULES =
      kernel(
          "mdo.rules",
          ParamType.string(MAC_RULE_STRING_LEN),
          Access.WRITABLE,
          "14.x (unverified; renamed in 15.0)",
          "mac_do");

  /** {@code mac.do}: mac_do(4) per-jail rules enable under common mac node. */
  public static final JailParam<JailSys> MAC_DO =
      kernel("mac.do", ParamType.JAILSYS, Access.WRITABLE, "15.0", "mac_do");

  /** {@code mac.do.rules}: mac_do(4) rules string. */
  public static final JailParam<String> MAC_DO_RULES =
      kernel(
          "mac.do.rules", ParamType.string(MAC_RULE_STRING_LEN), Access.WRITABLE, "15.0", "mac_do");

  /** {@code meta}: key=value metadata hidden from the jail; meta.KEY addresses one key. */
  public static final JailParam<Map<String, String>> META =
      kernel("meta", ParamType.KEY_VALUE, Access.WRITABLE, "15.0", null);

  /**
   * {@code env}: key=value metadata readable inside jail via sysctl security.jail.env; env.KEY
   * addresses one key.
   */
  public static final JailParam<Map<String, String>> ENV =
      kernel("env", ParamType.KEY_VALUE, Access.WRITABLE, "15.0", null);

  /** {@code lastjid}: iteration key: return first visible jail with JID &gt; value. */
  public static final JailParam<Integer> LASTJID =
      kernel("lastjid", ParamType.INT, Access.READ_ONLY, "8.0", null);

  /** {@code errmsg}: output buffer for kernel error message on failure. */
  public static final JailParam<String> ERRMSG =
      kernel("errmsg", ParamType.string(JailFlags.ERRMSG_LEN), Access.READ_ONLY, "8.0", null);

  // ---- jail(8) pseudo-parameters ---------------------------------------------------------

  /** {@code exec.prepare}: commands run on the host before anything else at creation. */
  public static final JailParam<List<String>> EXEC_PREPARE =
      pseudo("exec.prepare", ParamType.STRING_LIST, "15.x? (unverified)");

  /** {@code exec.prestart}: host commands before the jail is created. */
  public static final JailParam<List<String>> EXEC_PRESTART =
      pseudo("exec.prestart", ParamType.STRING_LIST, "9.1");

  /** {@code exec.created}: host commands right after creation, before exec.start. */
  public static final JailParam<List<String>> EXEC_CREATED =
      pseudo("exec.created", ParamType.STRING_LIST, "<=13");

  /** {@code exec.start}: commands run inside the jail at creation (e.g. /bin/sh /etc/rc). */
  public static final JailParam<List<String>> EXEC_START =
      pseudo("exec.start", ParamType.STRING_LIST, "9.1");

  /** {@code command}: synonym for exec.start; takes rest of command line. */
  public static final JailParam<List<String>> COMMAND =
      pseudo("command", ParamType.STRING_LIST, "9.1");

  /** {@code exec.poststart}: host commands after exec.start finished. */
  public static final JailParam<List<String>> EXEC_POSTSTART =
      pseudo("exec.poststart", ParamType.STRING_LIST, "9.1");

  /** {@code exec.prestop}: host commands before removal. */
  public static final JailParam<List<String>> EXEC_PRESTOP =
      pseudo("exec.prestop", ParamType.STRING_LIST, "9.1");

  /** {@code exec.stop}: commands inside the jail before removal (e.g. /bin/sh /etc/rc.shutdown). */
  public static final JailParam<List<String>> EXEC_STOP =
      pseudo("exec.stop", ParamType.STRING_LIST, "9.1");

  /** {@code exec.poststop}: host commands after removal. */
  public static final JailParam<List<String>> EXEC_POSTSTOP =
      pseudo("exec.poststop", ParamType.STRING_LIST, "9.1");

  /** {@code exec.release}: host commands run last at removal. */
  public static final JailParam<List<String>> EXEC_RELEASE =
      pseudo("exec.release", ParamType.STRING_LIST, "15.x? (unverified)");

  /** {@code exec.clean}: run commands in a clean environment (login-class env). */
  public static final JailParam<Boolean> EXEC_CLEAN = pseudo("exec.clean", ParamType.BOOL, "9.1");

  /** {@code exec.jail_user}: user to run in-jail commands as. */
  public static final JailParam<String> EXEC_JAIL_USER =
      pseudo("exec.jail_user", ParamType.TEXT, "9.1");

  /** {@code exec.system_jail_user}: look up exec.jail_user in the host passwd file. */
  public static final JailParam<Boolean> EXEC_SYSTEM_JAIL_USER =
      pseudo("exec.system_jail_user", ParamType.BOOL, "9.1");

  /** {@code exec.system_user}: user to run host commands as. */
  public static final JailParam<String> EXEC_SYSTEM_USER =
      pseudo("exec.system_user", ParamType.TEXT, "9.1");

  /** {@code exec.timeout}: max time for each command. */
  public static final JailParam<Integer> EXEC_TIMEOUT =
      pseudo("exec.timeout", ParamType.INT, "9.1");

  /** {@code exec.consolelog}: file receiving command stdout/stderr. */
  public static final JailParam<String> EXEC_CONSOLELOG =
      pseudo("exec.consolelog", ParamType.TEXT, "9.1");

  /** {@code exec.fib}: FIB for commands run inside the jail. */
  public static final JailParam<Integer> EXEC_FIB = pseudo("exec.fib", ParamType.INT, "9.1");

  /** {@code stop.timeout}: wait after SIGTERM before removing; 0 = remove immediately. */
  public static final JailParam<Integer> STOP_TIMEOUT =
      pseudo("stop.timeout", ParamType.INT, "9.1");

  /** {@code interface}: interface to add ip4.addr/ip6.addr aliases to. */
  public static final JailParam<String> INTERFACE = pseudo("interface", ParamType.TEXT, "9.1");

  /** {@code ip_hostname}: resolve host.hostname and add its addresses. */
  public static final JailParam<Boolean> IP_HOSTNAME = pseudo("ip_hostname", ParamType.BOOL, "9.1");

  /** {@code mount}: filesystems mounted before creation, unmounted after removal. */
  public static final JailParam<List<String>> MOUNT = pseudo("mount", ParamType.STRING_LIST, "9.1");

  /** {@code mount.fstab}: fstab(5) file of filesystems to mount. */
  public static final JailParam<String> MOUNT_FSTAB = pseudo("mount.fstab", ParamType.TEXT, "9.1");

  /** {@code mount.devfs}: mount devfs on &lt;path&gt;/dev with devfs_ruleset (default 4). */
  public static final JailParam<Boolean> MOUNT_DEVFS = pseudo("mount.devfs", ParamType.BOOL, "9.1");

  /** {@code mount.fdescfs}: mount fdescfs on &lt;path&gt;/dev/fd. */
  public static final JailParam<Boolean> MOUNT_FDESCFS =
      pseudo("mount.fdescfs", ParamType.BOOL, "9.1");

  /** {@code mount.procfs}: mount procfs on &lt;path&gt;/proc. */
  public static final JailParam<Boolean> MOUNT_PROCFS =
      pseudo("mount.procfs", ParamType.BOOL, "9.1");

  /** {@code allow.dying}: allow changes to a dying jail (-d); no effect on 15 kernels. */
  public static final JailParam<Boolean> ALLOW_DYING = pseudo("allow.dying", ParamType.BOOL, "9.1");

  /** {@code depend}: jails that must be started before / stopped after this one. */
  public static final JailParam<List<String>> DEPEND =
      pseudo("depend", ParamType.STRING_LIST, "9.1");

  /**
   * {@code vnet.interface}: interfaces moved into a vnet jail after creation (returned on removal).
   */
  public static final JailParam<List<String>> VNET_INTERFACE =
      pseudo("vnet.interface", ParamType.STRING_LIST, "9.1");

  /** {@code zfs.dataset}: ZFS datasets attached to the jail after creation. */
  public static final JailParam<List<String>> ZFS_DATASET =
      pseudo("zfs.dataset", ParamType.STRING_LIST, "15.x? (unverified)");

  // ---- accessors --------------------------------------------------------------------------

  /** The name as the kernel and jail(8) spell it, e.g. {@code allow.raw_sockets}. */
  public String name() {
    return name;
  }

  /** The value type. */
  public ParamType<T> type() {
    return type;
  }

  /** Whether the kernel or jail(8) consumes it. */
  public Scope scope() {
    return scope;
  }

  /** When it can be set. */
  public Access access() {
    return access;
  }

  /**
   * The FreeBSD version that added it, as the parameter table gives it: {@code 8.0}, {@code <=12},
   * or a guess marked {@code (unverified)}; empty for a parameter made by {@link #named(String)}.
   */
  public String addedIn() {
    return addedIn;
  }

  /**
   * The first release the parameter table places it in, as a number: {@code 8.x} reads as 8.0 and
   * {@code <=12} (the table knows only that 12 has it) as 12.0; a mark such as {@code ?} or {@code
   * (unverified)} is reported by {@link #isVerified()}, and {@link #addedIn()} keeps the text.
   *
   * <pre>{@code
   * JailParam.DESC.since(); // Optional[15.0]
   * }</pre>
   *
   * @return the release, or empty for a parameter outside the catalogue
   */
  public Optional<Release> since() {
    return Optional.ofNullable(since);
  }

  /**
   * The release from which the parameter no longer exists under this name: 15.0 for {@code mdo} and
   * {@code mdo.rules}, which 15.0 renamed to {@code mac.do} and {@code mac.do.rules}.
   *
   * @return the release, or empty while it still exists
   */
  public Optional<Release> removedIn() {
    return Optional.ofNullable(removedIn);
  }

  /**
   * False when the table marks the release {@link #since()} as a guess: a {@code ?}, {@code
   * (unverified)} or {@code (inferred)} in {@link #addedIn()}; also false outside the catalogue.
   *
   * @return whether the release was read from FreeBSD's sources
   */
  public boolean isVerified() {
    return verified;
  }

  /**
   * Whether a kernel of this release family has the parameter, by the table's release: from {@link
   * #since()} (a guess counts, see {@link #isVerified()}) until {@link #removedIn()}. A module
   * parameter also needs its {@link #module()} loaded, and {@link #requiresVimage()} a VIMAGE
   * kernel. True for a parameter outside the catalogue, which only a running kernel can answer for.
   *
   * <pre>{@code
   * JailParam.MDO.availableOn(FreeBsdVersion.V15);    // false: renamed mac.do
   * JailParam.MAC_DO.availableOn(FreeBsdVersion.V15); // true
   * }</pre>
   *
   * @param version the release family
   * @return whether the parameter exists there
   */
  public boolean availableOn(FreeBsdVersion version) {
    Objects.requireNonNull(version, "version");
    Release first = since;
    if (first == null) {
      return true;
    }
    Release gone = removedIn;
    return first.isReachedBy(version) && (gone == null || !gone.isReachedBy(version));
  }

  /**
   * True for the parameters that exist only on kernels built with {@code options VIMAGE}: {@code
   * vnet} and {@code allow.nfsd} (§4.2, §4.3; GENERIC has VIMAGE since 12.0).
   *
   * @return whether the parameter needs a VIMAGE kernel
   */
  public boolean requiresVimage() {
    return requiresVimage;
  }

  /**
   * The buffer size the kernel fixes for a string parameter, NUL included ({@link #MAXHOSTNAMELEN}
   * for {@code name} and {@code host.hostname}, {@link #MAXPATHLEN} for {@code path}, {@link
   * #OSRELEASELEN} for {@code osrelease}), or the largest text of a key/value parameter ({@link
   * #META_MAXBUFSIZE}).
   *
   * @return the size, or empty for other types and for strings of unknown size
   */
  public OptionalInt bufferSize() {
    ParamType.Kind k = type.kind();
    if ((k == ParamType.Kind.STRING || k == ParamType.Kind.KEY_VALUE) && type.size() > 0) {
      return OptionalInt.of(type.size());
    }
    return OptionalInt.empty();
  }

  /**
   * The kernel module that provides it, when it exists only while that module is loaded: {@code
   * zfs}, {@code linux}, {@code sysvmsg}, {@code mac_do}, {@code vmm}, or the file system of an
   * {@code allow.mount.*} flag.
   */
  public Optional<String> module() {
    return Optional.ofNullable(module);
  }

  /** True for a kernel parameter. */
  public boolean isKernel() {
    return scope == Scope.KERNEL;
  }

  /** True for a constant of this class; false for one made by {@link #named(String)}. */
  public boolean isCatalogued() {
    return known;
  }

  /**
   * True for a parameter made by {@link #named(String)}: its values are libjail import text, typed
   * only when a kernel says what the parameter is.
   */
  public boolean isNamed() {
    return runtimeText;
  }

  /**
   * The name that clears this presence-only boolean: {@code no} before the last dotted component
   * ({@code nopersist}, {@code allow.mount.nozfs}, {@code ip4.nosaddrsel}), as the kernel matches
   * it (freebsd-jail-abi.md §2.4, §2.6).
   *
   * @return the {@code no} name
   */
  public String noName() {
    return noNameOf(name);
  }

  /**
   * The {@code no} form of any parameter name: {@code no} inserted before the last dotted component
   * ({@code persist} → {@code nopersist}, {@code allow.mount.zfs} → {@code allow.mount.nozfs}).
   * This is the one place the rule is written (freebsd-jail-abi.md §2.4).
   *
   * @param name a parameter name
   * @return its {@code no} form
   */
  public static String noNameOf(String name) {
    int dot = name.lastIndexOf('.');
    return name.substring(0, dot + 1) + "no" + name.substring(dot + 1);
  }

  /**
   * The inverse of {@link #noNameOf(String)}: the plain name when the last dotted component of
   * {@code name} starts with {@code no} and has more after it ({@code allow.mount.nozfs} → {@code
   * allow.mount.zfs}), empty otherwise.
   *
   * @param name a parameter name
   * @return the name without its {@code no}, when it has one
   */
  public static Optional<String> plainNameOf(String name) {
    int dot = name.lastIndexOf('.');
    if (name.startsWith("no", dot + 1) && name.length() > dot + 3) {
      return Optional.of(name.substring(0, dot + 1) + name.substring(dot + 3));
    }
    return Optional.empty();
  }

  /**
   * A parameter known only at run time, for example one a kernel module adds. Its values are text
   * in libjail's import format ({@code jailparam_import(3)}: {@code true}/{@code false}, jailsys
   * words, comma-separated lists, literal addresses); {@code JailRequest} converts them with the
   * type the running kernel publishes and refuses names the kernel does not know.
   *
   * @param name the parameter name, e.g. {@code allow.mount.p9fs}
   * @return the parameter (never a catalogued constant, even for a catalogued name)
   * @throws InvalidJailParameterException when the name is empty, longer than 255 bytes or contains
   *     a NUL byte
   */
  public static JailParam<String> named(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()
        || name.indexOf('\0') >= 0
        || name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 255) {
      throw new InvalidJailParameterException(
          "param",
          null,
          name.replace("\0", "\\0"),
          "a parameter name must be 1-255 bytes without NUL bytes");
    }
    return new JailParam<>(
        name, ParamType.TEXT, Scope.KERNEL, Access.WRITABLE, "", null, false, true, false);
  }

  /**
   * The parameter with the type a kernel publishes for it (freebsd-jail-abi.md §4.1): the
   * catalogued constant when its type agrees, otherwise an uncatalogued parameter of the published
   * type.
   *
   * @param published what {@code security.jail.param.NAME} says
   * @return the typed parameter
   * @throws InvalidJailParameterException when the format is one jail4j cannot carry
   */
  public static JailParam<?> fromKernel(KernelParam published) {
    ParamType<?> t = KernelTypes.typeOf(published);
    JailParam<?> known = CATALOGUE.get(published.name());
    if (known != null && known.type.equals(t)) {
      return known;
    }
    Access a =
        switch (published.access()) {
          case RW -> Access.WRITABLE;
          case RDTUN -> Access.CREATE_ONLY;
          case RD -> Access.READ_ONLY;
        };
    return uncatalogued(published.name(), t, a, known == null ? null : known.module);
  }

  private static <T> JailParam<T> uncatalogued(
      String name, ParamType<T> type, Access access, @Nullable String module) {
    return new JailParam<>(name, type, Scope.KERNEL, access, "", module, false);
  }

  /**
   * What a kernel publishes for this parameter under {@code security.jail.param.NAME}
   * (freebsd-jail-abi.md §4.1): its format, CTLTYPE, access and size. A fake kernel builds its
   * parameter table from these; {@link #fromKernel(KernelParam)} turns one back into this constant.
   * Not API: the fake kernel reads it through {@code org.jail4j.testkit.RawRequests}.
   *
   * @return the description, or empty for jail(8) pseudo-parameters, {@link #named(String)}
   *     parameters and the two names without a sysctl ({@code lastjid}, {@code errmsg})
   */
  Optional<KernelParam> kernelParam() {
    if (!isKernel() || runtimeText || name.equals("lastjid") || name.equals("errmsg")) {
      return Optional.empty();
    }
    return Optional.of(KernelTypes.describe(name, type, access));
  }

  /**
   * The catalogued parameter with this name.
   *
   * @param name the parameter name
   * @return the constant, or empty
   */
  public static Optional<JailParam<?>> lookup(String name) {
    return Optional.ofNullable(CATALOGUE.get(name));
  }

  /** Every catalogued parameter, kernel and jail(8), in the order of the parameter table. */
  public static Collection<JailParam<?>> catalogue() {
    return Collections.unmodifiableCollection(CATALOGUE.values());
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof JailParam<?> p && p.name.equals(name) && p.type.equals(type);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}
