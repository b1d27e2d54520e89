package org.jail4j.rc;

import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jail4j.Jail;
import org.jail4j.internal.HostPaths;
import org.jail4j.param.JailSys;
import org.jail4j.rc.PreflightWarning.Origin;

/**
 * Checks a {@link Jail} and the rc.conf its root boots with against what a jail cannot do
 * (freebsd-jail-abi.md §8): creating interfaces or devices, changing addresses and routes,
 * firewalls, raw sockets, socket families other than UNIX/IP/route, SysV IPC, mounting, setting the
 * time, loading kernel modules, nested jails. Each finding names the rc.conf variable or jail
 * parameter, the problem and the fix; nothing is changed. The rules are listed in {@link
 * PreflightRule} and in docs/RCCONF.md.
 *
 * <p>rc.conf files are layered in the order given (rc.conf, then rc.conf.local, then rc.conf.d
 * snippets), each sourced on top of the previous ones. Only what the files set is checked: the
 * defaults in /etc/defaults/rc.conf are not assumed.
 *
 * <pre>{@code
 * Jail jail = Jail.builder().name("vpn").path("/jail/vpn").ip4("192.0.2.7").build();
 * RcConf rc = RcConf.parse("openvpn_enable=\"YES\"\n");
 * Preflight.check(jail, rc).forEach(System.err::println);
 * // openvpn_enable=YES needs a tun device: use vnet=new and a devfs ruleset that exposes tun
 * }</pre>
 */
public final class Preflight {
  /** jail(8) applies ruleset 4 (devfsrules_jail) when mount.devfs is set without a ruleset. */
  private static final int DEFAULT_JAIL_RULESET = 4;

  /** devfsrules_jail_vnet in /etc/defaults/devfs.rules: ruleset 4 plus /dev/pf. */
  private static final int VNET_JAIL_RULESET = 5;

  private final JailSettings jail;
  private final Map<String, String> rc;
  private final List<PreflightWarning> out = new ArrayList<>();

  private Preflight(Jail jail, Map<String, String> rc) {
    this.jail = new JailSettings(jail);
    this.rc = rc;
  }

  /**
   * Checks a jail and its rc.conf layers.
   *
   * @param jail the jail
   * @param rcConfs the rc.conf files it boots with, in the order rc reads them (none: only the
   *     jail's own parameters are checked)
   * @return the warnings, in the order of {@link PreflightRule}; empty when nothing was found
   */
  public static List<PreflightWarning> check(Jail jail, RcConf... rcConfs) {
    return check(jail, Arrays.asList(rcConfs));
  }

  /**
   * Checks a jail and its rc.conf layers.
   *
   * @param jail the jail
   * @param rcConfs the rc.conf files, in the order rc reads them
   * @return the warnings, in the order of {@link PreflightRule}
   */
  public static List<PreflightWarning> check(Jail jail, List<RcConf> rcConfs) {
    Map<String, String> vars = new LinkedHashMap<>();
    for (RcConf rc : rcConfs) {
      vars = new LinkedHashMap<>(rc.evaluate(vars));
    }
    Preflight p = new Preflight(jail, vars);
    p.run();
    return Collections.unmodifiableList(p.out);
  }

  /**
   * Checks a jail and the rc.conf files in its root: {@code etc/rc.conf}, {@code etc/rc.conf.local}
   * and the files of {@code etc/rc.conf.d} (by name), those that exist. A symlink anywhere below
   * the root ({@code etc}, {@code etc/rc.conf.d} or a file) is refused, not followed: the jail's
   * root user controls that tree. So is a file that is not a regular file (a FIFO, a device) and
   * one larger than {@link RcConf#MAX_FILE_BYTES}.
   *
   * @param jail the jail; its {@code path} is the root
   * @return the warnings
   * @throws RcConfException when the jail has no path, or a file is below a symlink, is a symlink,
   *     is not a regular file, is too large ({@link RcConfException#limit()}) or cannot be parsed
   */
  public static List<PreflightWarning> checkRoot(Jail jail) {
    return checkRoot(jail, FileSystems.getDefault());
  }

  /** {@link #checkRoot(Jail)} with the jail's root read from {@code fileSystem}. */
  static List<PreflightWarning> checkRoot(Jail jail, FileSystem fileSystem) {
    String path =
        jail.path()
            .orElseThrow(
                () ->
                    new RcConfException(
                        null, 0, null, "the jail has no path, so no root to read", null));
    // the jail's path is FreeBSD text (/ between names); on Windows /C:/jails/web is C:\jails\web
    Path root =
        HostPaths.hostPath(path, fileSystem)
            .orElseThrow(
                () ->
                    new RcConfException(
                        path, 0, null, "the jail's path names no file on this host", null));
    // every file is read below the root without following links (RcFiles): a root whose etc is
    // a symlink to the host's /etc must not report the host's values
    List<String> files = new ArrayList<>();
    files.add("etc/rc.conf");
    files.add("etc/rc.conf.local");
    if (RcFiles.isDirectory(root, "etc/rc.conf.d")) {
      Path dir = root.resolve("etc/rc.conf.d");
      try (Stream<Path> s = Files.list(dir)) {
        s.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
            .map(p -> "etc/rc.conf.d/" + p.getFileName())
            .sorted()
            .forEach(files::add);
      } catch (java.io.IOException e) {
        throw new RcConfException(dir.toString(), 0, null, "cannot list: " + e, e);
      }
    }
    List<RcConf> layers = new ArrayList<>();
    for (String f : files) {
      RcConf rc = RcConf.readBelow(root, f);
      if (rc != null) {
        layers.add(rc);
      }
    }
    return check(jail, layers);
  }

  private void run() {
    tunDevice();
    wireguard();
    interfaceConfig();
    clonedInterfaces();
    routing();
    gateway();
    routingDaemons();
    firewall();
    firewallDevice();
    setTime();
    rawSockets();
    socketFamily();
    sysvIpc();
    nfsServer();
    zfs();
    mounts();
    kernelModules();
    linux();
    devices();
    nestedJails();
    hostname();
    vnetInterface();
    mountParameters();
  }

  // ---- rc.conf helpers ----------------------------------------------------------------------

  private boolean enabled(String variable) {
    return YesNo.of(variable, Optional.ofNullable(rc.get(variable))).isYes();
  }

  /** The value when set to something other than empty or {@code NO}. */
  private Optional<String> meaningful(String variable) {
    String v = rc.get(variable);
    if (v == null || v.isBlank() || v.trim().equalsIgnoreCase("no")) {
      return Optional.empty();
    }
    return Optional.of(v);
  }

  private void rcWarn(PreflightRule rule, String variable, String problem, String fix) {
    out.add(
        new PreflightWarning(
            rule, Origin.RC_CONF, variable, rc.getOrDefault(variable, ""), problem, fix));
  }

  private void jailWarn(
      PreflightRule rule, String param, String value, String problem, String fix) {
    out.add(new PreflightWarning(rule, Origin.JAIL, param, value, problem, fix));
  }

  /** The devfs ruleset /dev gets: the parameter, or jail(8)'s default 4. */
  private int devfsRuleset() {
    return jail.number("devfs_ruleset").orElse(DEFAULT_JAIL_RULESET);
  }

  // ---- network: interfaces, addresses, routes, firewalls (§8 "network configuration") ------

  private void tunDevice() {
    if (!enabled("openvpn_enable")) {
      return;
    }
    if (!jail.vnet()) {
      rcWarn(
          PreflightRule.TUN_DEVICE,
          "openvpn_enable",
          "needs a tun device",
          "use vnet=new and a devfs ruleset that exposes tun");
    } else if (devfsRuleset() == DEFAULT_JAIL_RULESET || devfsRuleset() == VNET_JAIL_RULESET) {
      rcWarn(
          PreflightRule.TUN_DEVICE,
          "openvpn_enable",
          "needs a tun device, which devfs ruleset " + devfsRuleset() + " hides",
          "use a devfs ruleset that exposes tun (add path 'tun*' unhide)");
    }
  }

  private void wireguard() {
    if (enabled("wireguard_enable") && !jail.vnet()) {
      rcWarn(
          PreflightRule.WIREGUARD,
          "wireguard_enable",
          "creates wg interfaces, which a jail without its own network stack cannot do",
          "use vnet=new, and load if_wg on the host (a jail cannot load modules)");
    }
  }

  private void interfaceConfig() {
    if (jail.vnet()) {
      return;
    }
    for (String name : rc.keySet()) {
      if (name.startsWith("ifconfig_") && meaningful(name).isPresent()) {
        rcWarn(
            PreflightRule.INTERFACE_CONFIG,
            name,
            "configures an interface, which a jail without vnet cannot do (no interface or"
                + " address changes)",
            "give the jail its addresses with ip4.addr/ip6.addr, or use vnet=new");
      }
    }
  }

  private void clonedInterfaces() {
    if (!jail.vnet() && meaningful("cloned_interfaces").isPresent()) {
      rcWarn(
          PreflightRule.CLONED_INTERFACES,
          "cloned_interfaces",
          "creates interfaces, which a jail without vnet cannot do",
          "use vnet=new, or create them on the host");
    }
  }

  private void routing() {
    if (jail.vnet() || jail.isSet("allow.routing")) {
      return;
    }
    for (String name :
        List.of("defaultrouter", "ipv6_defaultrouter", "static_routes", "ipv6_static_routes")) {
      if (meaningful(name).isPresent()) {
        rcWarn(
            PreflightRule.ROUTING,
            name,
            "changes the routing table, which a jail without vnet cannot do",
            "use vnet=new (or allow.routing on FreeBSD 15), or set the route on the host");
      }
    }
  }

  private void gateway() {
    if (jail.vnet()) {
      return;
    }
    for (String name : List.of("gateway_enable", "ipv6_gateway_enable")) {
      if (enabled(name)) {
        rcWarn(
            PreflightRule.GATEWAY,
            name,
            "turns on packet forwarding, a sysctl a jail without vnet cannot write",
            "use vnet=new, or forward on the host");
      }
    }
  }

  private void routingDaemons() {
    if (jail.vnet()) {
      return;
    }
    for (String name : List.of("routed_enable", "route6d_enable")) {
      if (enabled(name)) {
        rcWarn(
            PreflightRule.ROUTING_DAEMON,
            name,
            "runs a routing daemon, which a jail without vnet cannot (rc skips it there)",
            "use vnet=new, or run it on the host");
      }
    }
  }

  private void firewall() {
    if (jail.vnet()) {
      return;
    }
    for (String name :
        List.of("pf_enable", "pflog_enable", "ipfw_enable", "ipfilter_enable", "ipnat_enable")) {
      if (enabled(name)) {
        rcWarn(
            PreflightRule.FIREWALL,
            name,
            "loads firewall rules, which a jail without vnet cannot do",
            "use vnet=new, or filter on the host");
      }
    }
  }

  private void firewallDevice() {
    if (!jail.vnet() || devfsRuleset() != DEFAULT_JAIL_RULESET) {
      return;
    }
    for (String name : List.of("pf_enable", "pflog_enable")) {
      if (enabled(name)) {
        rcWarn(
            PreflightRule.FIREWALL_DEVICE,
            name,
            "needs /dev/pf, which devfs ruleset 4 (devfsrules_jail) hides",
            "use devfs_ruleset=5 (devfsrules_jail_vnet) or a ruleset that unhides pf");
      }
    }
  }

  // ---- privileges granted by allow.* (§4.3, §8) ---------------------------------------------

  private void setTime() {
    boolean settime = jail.isSet("allow.settime");
    boolean adjtime = settime || jail.isSet("allow.adjtime");
    if (enabled("ntpd_enable") && !(settime && adjtime)) {
      rcWarn(
          PreflightRule.SET_TIME,
          "ntpd_enable",
          "sets the clock, which a jail cannot do without allow.settime and allow.adjtime",
          "let the host run ntpd (jails share its clock), or set allow.settime and allow.adjtime"
              + " (FreeBSD 14+)");
    }
    if (enabled("ntpdate_enable") && !settime) {
      rcWarn(
          PreflightRule.SET_TIME,
          "ntpdate_enable",
          "sets the clock, which a jail cannot do without allow.settime",
          "set the time on the host, or set allow.settime (FreeBSD 14+)");
    }
  }

  private static final List<String> RAW_SOCKET_COMMANDS =
      List.of("ping", "ping6", "traceroute", "traceroute6");

  private void rawSockets() {
    if (jail.isSet("allow.raw_sockets")) {
      return;
    }
    for (String name : List.of("rtsold_enable", "rtadvd_enable")) {
      if (enabled(name)) {
        rcWarn(
            PreflightRule.RAW_SOCKETS,
            name,
            "sends ICMPv6 through raw sockets, which a jail cannot open",
            "set allow.raw_sockets");
      }
    }
    Jail j = jail.jail();
    Map<String, List<String>> commands = new LinkedHashMap<>();
    commands.put("exec.start", jail.list("exec.start", j.execStart()));
    commands.put("command", jail.list("command", j.command()));
    commands.put("exec.stop", jail.list("exec.stop", j.execStop()));
    for (Map.Entry<String, List<String>> e : commands.entrySet()) {
      for (String line : e.getValue()) {
        String first = line.trim().split("\\s+", 2)[0];
        String program = first.substring(first.lastIndexOf('/') + 1);
        if (RAW_SOCKET_COMMANDS.contains(program)) {
          jailWarn(
              PreflightRule.RAW_SOCKETS,
              e.getKey(),
              line,
              "runs " + program + ", which needs a raw socket a jail cannot open",
              "set allow.raw_sockets");
        }
      }
    }
  }

  private void socketFamily() {
    if (jail.isSet("allow.socket_af")) {
      return;
    }
    for (String name : List.of("hcsecd_enable", "sdpd_enable", "bthidd_enable")) {
      if (enabled(name)) {
        rcWarn(
            PreflightRule.SOCKET_FAMILY,
            name,
            "opens Bluetooth sockets, a family a jail cannot use (only UNIX, IPv4, IPv6, route)",
            "set allow.socket_af, or run it on the host (it also needs the host's Bluetooth"
                + " devices)");
      }
    }
  }

  private void sysvIpc() {
    if (!enabled("postgresql_enable")) {
      return;
    }
    boolean legacy = jail.isSet("allow.sysvipc");
    List<String> missing = new ArrayList<>();
    for (String p : List.of("sysvshm", "sysvsem")) {
      JailSys s = jail.sys(p).orElse(JailSys.DISABLE);
      if (!legacy && s == JailSys.DISABLE) {
        missing.add(p.equals("sysvshm") ? "SysV shared memory" : "SysV semaphores");
      }
    }
    if (!missing.isEmpty()) {
      rcWarn(
          PreflightRule.SYSV_IPC,
          "postgresql_enable",
          "needs " + String.join(" and ", missing),
          "set sysvshm=new and sysvsem=new (or the legacy allow.sysvipc)");
    }
  }

  private void nfsServer() {
    if (!enabled("nfs_server_enable")) {
      return;
    }
    List<String> missing = new ArrayList<>();
    if (!jail.isSet("allow.nfsd")) {
      missing.add("allow.nfsd");
    }
    if (!jail.vnet()) {
      missing.add("vnet=new");
    }
    if (jail.enforceStatfs() == 0) {
      missing.add("enforce_statfs 1 or 2 (it is 0)");
    }
    if (!missing.isEmpty()) {
      rcWarn(
          PreflightRule.NFS_SERVER,
          "nfs_server_enable",
          "needs " + String.join(", ", missing),
          "set allow.nfsd and vnet=new, keep enforce_statfs at 1 or 2, and make the jail's root a"
              + " mount point of its own");
    }
  }

  private List<String> missingMount(String fs) {
    List<String> missing = new ArrayList<>();
    if (!jail.isSet("allow.mount")) {
      missing.add("allow.mount");
    }
    if (!jail.isSet("allow.mount." + fs)) {
      missing.add("allow.mount." + fs);
    }
    if (jail.enforceStatfs() >= 2) {
      missing.add("enforce_statfs below 2");
    }
    return missing;
  }

  private void zfs() {
    if (!enabled("zfs_enable")) {
      return;
    }
    List<String> missing = missingMount("zfs");
    if (!missing.isEmpty()) {
      rcWarn(
          PreflightRule.ZFS,
          "zfs_enable",
          "mounts ZFS datasets, which needs " + String.join(", ", missing),
          "set allow.mount, allow.mount.zfs and enforce_statfs=1, and attach datasets (zfs jail,"
              + " or zfs.dataset on FreeBSD 15)");
    }
  }

  private void mounts() {
    for (String name : List.of("tmpmfs", "varmfs")) {
      if (!enabled(name)) {
        continue;
      }
      List<String> missing = missingMount("tmpfs");
      if (!missing.isEmpty()) {
        rcWarn(
            PreflightRule.MOUNT,
            name,
            "mounts a memory file system, which needs " + String.join(", ", missing),
            "mount it from the host (mount += in jail.conf), or set allow.mount,"
                + " allow.mount.tmpfs and enforce_statfs=1");
      }
    }
  }

  // ---- never possible inside a jail (§8) ----------------------------------------------------

  private void kernelModules() {
    Optional<String> list = meaningful("kld_list");
    if (list.isPresent()) {
      rcWarn(
          PreflightRule.KERNEL_MODULES,
          "kld_list",
          "loads kernel modules, which a jail can never do",
          "add " + list.get().trim() + " to kld_list in the host's rc.conf");
    }
  }

  private void linux() {
    if (enabled("linux_enable")) {
      rcWarn(
          PreflightRule.LINUX,
          "linux_enable",
          "loads linux.ko and mounts linprocfs and linsysfs, which a jail cannot do",
          "set linux_enable=YES on the host and mount linprocfs, linsysfs and devfs for the"
              + " jail from the host (mount += in jail.conf)");
    }
  }

  private void devices() {
    Map<String, String> needs = new LinkedHashMap<>();
    needs.put("devd_enable", "/dev/devctl");
    needs.put("powerd_enable", "the CPU frequency controls");
    needs.put("moused_enable", "the mouse and console devices");
    for (Map.Entry<String, String> e : needs.entrySet()) {
      if (enabled(e.getKey())) {
        String service = e.getKey().substring(0, e.getKey().length() - "_enable".length());
        rcWarn(
            PreflightRule.DEVICES,
            e.getKey(),
            "needs " + e.getValue() + ", which only the host has",
            "run " + service + " on the host and remove " + e.getKey() + " from the jail");
      }
    }
    Optional<String> dump = meaningful("dumpdev");
    if (dump.isPresent()) {
      rcWarn(
          PreflightRule.DEVICES,
          "dumpdev",
          "sets a crash dump device, which only the host can do",
          "set dumpdev=\"NO\" in the jail");
    }
  }

  private void nestedJails() {
    if (enabled("jail_enable") && jail.number("children.max").orElse(0) <= 0) {
      rcWarn(
          PreflightRule.NESTED_JAILS,
          "jail_enable",
          "starts jails inside this jail, which needs children.max above 0",
          "set children.max to the number of jails it runs");
    }
  }

  private void hostname() {
    if (meaningful("hostname").isPresent() && !jail.flag("allow.set_hostname").orElse(true)) {
      rcWarn(
          PreflightRule.HOSTNAME,
          "hostname",
          "cannot be set: allow.set_hostname is off",
          "set host.hostname on the jail and drop hostname from rc.conf, or set"
              + " allow.set_hostname");
    }
  }

  // ---- the jail's own parameters ------------------------------------------------------------

  private void vnetInterface() {
    List<String> ifaces = jail.list("vnet.interface", jail.jail().vnetInterfaces());
    if (!ifaces.isEmpty() && !jail.vnet()) {
      jailWarn(
          PreflightRule.VNET_INTERFACE,
          "vnet.interface",
          String.join(",", ifaces),
          "moves interfaces into the jail, which needs its own network stack",
          "set vnet=new");
    }
  }

  private void mountParameters() {
    List<String> names = new ArrayList<>();
    jail.jail().params().keySet().forEach(p -> names.add(p.name()));
    for (String name : names) {
      if (!name.startsWith("allow.mount.") || !jail.isSet(name)) {
        continue;
      }
      List<String> missing = new ArrayList<>();
      if (!jail.isSet("allow.mount")) {
        missing.add("without allow.mount");
      }
      if (jail.enforceStatfs() >= 2) {
        missing.add("while enforce_statfs is " + jail.enforceStatfs());
      }
      if (!missing.isEmpty()) {
        jailWarn(
            PreflightRule.MOUNT_PARAMETERS,
            name,
            "true",
            "has no effect " + String.join(" and ", missing),
            "set allow.mount and enforce_statfs=1: mounting needs all three");
      }
    }
  }
}
