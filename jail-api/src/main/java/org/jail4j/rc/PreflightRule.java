package org.jail4j.rc;

/**
 * The rules {@link Preflight} checks: each is something a jail cannot do unless a parameter grants
 * it (freebsd-jail-abi.md §8), or can never do.
 *
 * <pre>{@code
 * Preflight.check(jail, rc).stream().filter(w -> w.rule() == PreflightRule.SYSV_IPC).findAny();
 * }</pre>
 */
public enum PreflightRule {
  /** openvpn creates tun/tap interfaces: needs {@code vnet=new} and a devfs ruleset with tun. */
  TUN_DEVICE,
  /** WireGuard creates wg interfaces: needs {@code vnet=new}; if_wg loaded on the host. */
  WIREGUARD,
  /** {@code ifconfig_*}: changing interfaces and addresses needs {@code vnet=new}. */
  INTERFACE_CONFIG,
  /** {@code cloned_interfaces}: creating interfaces needs {@code vnet=new}. */
  CLONED_INTERFACES,
  /** {@code defaultrouter}, static routes: routing needs {@code vnet=new} (or allow.routing). */
  ROUTING,
  /** {@code gateway_enable}: IP forwarding is a per-vnet sysctl. */
  GATEWAY,
  /** routed, route6d: routing daemons need {@code vnet=new}. */
  ROUTING_DAEMON,
  /** pf, ipfw, ipfilter: firewalls need {@code vnet=new}. */
  FIREWALL,
  /** pf in a vnet jail needs /dev/pf, hidden by the default jail ruleset. */
  FIREWALL_DEVICE,
  /** ntpd, ntpdate set the clock: needs {@code allow.settime}/{@code allow.adjtime}. */
  SET_TIME,
  /** ping, traceroute, rtsold, rtadvd use raw sockets: needs {@code allow.raw_sockets}. */
  RAW_SOCKETS,
  /** Bluetooth daemons use sockets other than UNIX/IP/route: needs {@code allow.socket_af}. */
  SOCKET_FAMILY,
  /** PostgreSQL uses SysV shared memory and semaphores: {@code sysvshm}/{@code sysvsem}. */
  SYSV_IPC,
  /** nfsd: {@code allow.nfsd}, {@code vnet=new}, {@code enforce_statfs} not 0. */
  NFS_SERVER,
  /** zfs: {@code allow.mount}, {@code allow.mount.zfs}, {@code enforce_statfs < 2}. */
  ZFS,
  /** tmpmfs / varmfs mount memory file systems: mount permissions. */
  MOUNT,
  /** {@code kld_list}: kernel modules cannot be loaded from a jail. */
  KERNEL_MODULES,
  /** {@code linux_enable}: loads linux.ko and mounts linprocfs/linsysfs. */
  LINUX,
  /** devd, powerd, moused, dumpdev: need devices only the host has. */
  DEVICES,
  /** {@code jail_enable} inside a jail: needs {@code children.max > 0}. */
  NESTED_JAILS,
  /** {@code hostname} while {@code allow.set_hostname} is off. */
  HOSTNAME,
  /** {@code vnet.interface} without {@code vnet=new}. */
  VNET_INTERFACE,
  /** {@code allow.mount.*} without {@code allow.mount} or with {@code enforce_statfs} 2. */
  MOUNT_PARAMETERS
}
