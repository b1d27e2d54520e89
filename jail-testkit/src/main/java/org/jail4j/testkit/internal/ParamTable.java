package org.jail4j.testkit.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jail4j.FreeBsdVersion;
import org.jail4j.param.JailParam;
import org.jail4j.spi.KernelParam;
import org.jail4j.spi.KernelParam.Access;

/**
 * The parameters a kernel of one version with one module set publishes under {@code
 * security.jail.param.*} (freebsd-jail-abi.md §4, jail-params.tsv): formats, access, sizes, and
 * which {@code allow.*} flags exist.
 */
public final class ParamTable {

  /** Every {@code allow.*} flag the fake can model, by bit index in {@code Prison.allow}. */
  static final String[] ALLOW = {
    "allow.set_hostname",
    "allow.sysvipc",
    "allow.raw_sockets",
    "allow.chflags",
    "allow.mount",
    "allow.quotas",
    "allow.socket_af",
    "allow.mlock",
    "allow.reserved_ports",
    "allow.read_msgbuf",
    "allow.unprivileged_proc_debug",
    "allow.suser",
    "allow.nfsd",
    "allow.extattr",
    "allow.adjtime",
    "allow.settime",
    "allow.routing",
    "allow.unprivileged_parent_tampering",
    "allow.setaudit",
    "allow.mount.devfs",
    "allow.mount.fdescfs",
    "allow.mount.nullfs",
    "allow.mount.procfs",
    "allow.mount.linprocfs",
    "allow.mount.linsysfs",
    "allow.mount.tmpfs",
    "allow.mount.zfs",
    "allow.mount.fusefs",
    "allow.mount.p9fs",
    "allow.vmm",
    "allow.vmm_ppt",
  };

  /** The {@code no} form of each flag: {@code no} before the last component. */
  static final String[] ALLOW_NO = new String[ALLOW.length];

  private static final Map<String, Integer> ALLOW_INDEX = new HashMap<>();

  static {
    for (int i = 0; i < ALLOW.length; i++) {
      ALLOW_NO[i] = JailParam.noNameOf(ALLOW[i]);
      ALLOW_INDEX.put(ALLOW[i], i);
    }
  }

  /** {@code JAIL_DEFAULT_ALLOW}: set_hostname, reserved_ports, unprivileged_proc_debug, suser. */
  static final long DEFAULT_ALLOW =
      bit("allow.set_hostname")
          | bit("allow.reserved_ports")
          | bit("allow.unprivileged_proc_debug")
          | bit("allow.suser");

  static long bit(String name) {
    Integer i = ALLOW_INDEX.get(name);
    if (i == null) {
      throw new IllegalArgumentException(name);
    }
    return 1L << i;
  }

  private final List<KernelParam> all;
  private final Map<String, KernelParam> byName;
  private final long allowMask;
  private final int[] allowBits;

  ParamTable(KernelConfig config) {
    FreeBsdVersion v = config.version();
    boolean v15 = v.isAtLeast(FreeBsdVersion.V15);
    boolean v14plus = v.isAtLeast(FreeBsdVersion.V14);
    Set<String> mods = config.modules();
    List<KernelParam> list = new ArrayList<>();
    Set<String> allowNames = new LinkedHashSet<>();

    rw(list, "jid", "I", Access.RDTUN);
    if (v.hasJailDescriptors()) {
      rw(list, "desc", "I", Access.RW);
    }
    rw(list, "parent", "I", Access.RD);
    str(list, "name", JailParam.MAXHOSTNAMELEN, Access.RW);
    str(list, "path", 1024, Access.RDTUN);
    rw(list, "securelevel", "I", Access.RW);
    rw(list, "osreldate", "I", Access.RDTUN);
    str(list, "osrelease", 32, Access.RDTUN);
    rw(list, "enforce_statfs", "I", Access.RW);
    rw(list, "devfs_ruleset", "I", Access.RW);
    rw(list, "persist", "B", Access.RW);
    if (config.vimage()) {
      rw(list, "vnet", "E,jailsys", Access.RDTUN);
    }
    rw(list, "dying", "B", Access.RD);
    rw(list, "children.cur", "I", Access.RD);
    rw(list, "children.max", "I", Access.RW);
    rw(list, "host", "E,jailsys", Access.RW);
    str(list, "host.hostname", JailParam.MAXHOSTNAMELEN, Access.RW);
    str(list, "host.domainname", JailParam.MAXHOSTNAMELEN, Access.RW);
    str(list, "host.hostuuid", 64, Access.RW);
    list.add(new KernelParam("host.hostid", "LU", KernelParam.CTLTYPE_ULONG, Access.RW, 0));
    rw(list, "cpuset.id", "I", Access.RD);
    rw(list, "ip4", "E,jailsys", Access.RDTUN);
    list.add(new KernelParam("ip4.addr", "S,in_addr,a", KernelParam.CTLTYPE_STRUCT, Access.RW, 4));
    rw(list, "ip4.saddrsel", "B", Access.RW);
    rw(list, "ip6", "E,jailsys", Access.RDTUN);
    list.add(
        new KernelParam("ip6.addr", "S,in6_addr,a", KernelParam.CTLTYPE_STRUCT, Access.RW, 16));
    rw(list, "ip6.saddrsel", "B", Access.RW);

    for (int i = 0; i <= 11; i++) {
      allowNames.add(ALLOW[i]);
    }
    if (v14plus) {
      if (config.vimage()) {
        allowNames.add("allow.nfsd");
      }
      allowNames.add("allow.extattr");
      allowNames.add("allow.adjtime");
      allowNames.add("allow.settime");
    }
    if (v15) {
      allowNames.add("allow.routing");
      allowNames.add("allow.unprivileged_parent_tampering");
    }
    allowNames.add("allow.mount.devfs");
    for (String fs :
        List.of(
            "fdescfs",
            "nullfs",
            "procfs",
            "linprocfs",
            "linsysfs",
            "tmpfs",
            "zfs",
            "fusefs",
            "p9fs")) {
      if (mods.contains(fs)) {
        allowNames.add("allow.mount." + fs);
      }
    }
    if (mods.contains("vmm")) {
      allowNames.add("allow.vmm");
      if (v15) {
        allowNames.add("allow.vmm_ppt");
      }
    }
    for (String added : config.addedParams()) {
      if (!ALLOW_INDEX.containsKey(added)) {
        throw new IllegalArgumentException(
            "withParam(" + added + "): the fake can add only allow.* flags it models");
      }
      allowNames.add(added);
    }
    allowNames.removeAll(config.removedParams());

    long mask = 0;
    List<Integer> bits = new ArrayList<>();
    for (int i = 0; i < ALLOW.length; i++) {
      if (allowNames.contains(ALLOW[i])) {
        mask |= 1L << i;
        bits.add(i);
        rw(list, ALLOW[i], "B", Access.RW);
      }
    }
    this.allowMask = mask;
    this.allowBits = bits.stream().mapToInt(Integer::intValue).toArray();

    for (String sysv : List.of("sysvmsg", "sysvsem", "sysvshm")) {
      if (mods.contains(sysv)) {
        rw(list, sysv, "E,jailsys", Access.RW);
      }
    }
    if (mods.contains("linux")) {
      rw(list, "linux", "E,jailsys", Access.RW);
      str(list, "linux.osname", 65, Access.RW);
      str(list, "linux.osrelease", 65, Access.RW);
      rw(list, "linux.oss_version", "I", Access.RW);
    }
    if (mods.contains("zfs")) {
      rw(list, "zfs", "E,jailsys", Access.RW);
      rw(list, "zfs.mount_snapshot", "I", Access.RW);
    }
    if (mods.contains("mac_do")) {
      String node = v.macDoParameter();
      rw(list, node, "E,jailsys", Access.RW);
      str(list, node + ".rules", 1024, Access.RW);
    }
    if (v.hasMetaAndEnv()) {
      list.add(new KernelParam("meta", "A,keyvalue", KernelParam.CTLTYPE_STRING, Access.RW, 4096));
      list.add(new KernelParam("env", "A,keyvalue", KernelParam.CTLTYPE_STRING, Access.RW, 4096));
    }
    list.removeIf(p -> !p.name().startsWith("allow.") && config.removedParams().contains(p.name()));
    this.all = Collections.unmodifiableList(list);
    Map<String, KernelParam> map = new HashMap<>();
    for (KernelParam p : list) {
      map.put(p.name(), p);
    }
    this.byName = map;
  }

  private static void rw(List<KernelParam> list, String name, String format, Access access) {
    list.add(new KernelParam(name, format, KernelParam.CTLTYPE_INT, access, 0));
  }

  private static void str(List<KernelParam> list, String name, int size, Access access) {
    list.add(new KernelParam(name, "A", KernelParam.CTLTYPE_STRING, access, size));
  }

  /**
   * What {@code security.jail.param.NAME} publishes.
   *
   * @param name the parameter name
   * @return the description, or empty
   */
  public Optional<KernelParam> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** Whether the kernel knows the parameter. */
  boolean has(String name) {
    return byName.containsKey(name);
  }

  /**
   * Every published parameter, in sysctl order.
   *
   * @return the list
   */
  public List<KernelParam> all() {
    return all;
  }

  /** The published {@code allow.*} bits. */
  long allowMask() {
    return allowMask;
  }

  /** Indexes into {@link #ALLOW} of the published flags. */
  int[] allowBits() {
    return allowBits;
  }
}
