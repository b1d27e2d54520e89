package org.jail4j.rc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jail4j.Corpus;
import org.jail4j.HostFiles;
import org.jail4j.Jail;
import org.jail4j.JailBuilder;
import org.jail4j.internal.HostPaths;
import org.jail4j.param.JailParam;
import org.jail4j.param.JailSys;
import org.jail4j.rc.PreflightWarning.Origin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreflightTest {

  private static Jail jail(UnaryOperator<JailBuilder> settings) {
    return settings.apply(Jail.builder().name("t").path("/jail/t")).build();
  }

  private static Jail plain() {
    return jail(b -> b.ip4("192.0.2.7"));
  }

  private static Jail vnet() {
    return jail(b -> b.param(JailParam.VNET, JailSys.NEW));
  }

  @SafeVarargs
  private static JailBuilder allow(JailBuilder b, JailParam<Boolean>... flags) {
    for (JailParam<Boolean> f : flags) {
      b.param(f, true);
    }
    return b;
  }

  private static List<PreflightWarning> check(Jail jail, String rcConf) {
    return Preflight.check(jail, RcConf.parse(rcConf));
  }

  private static List<PreflightRule> rules(Jail jail, String rcConf) {
    return check(jail, rcConf).stream().map(PreflightWarning::rule).toList();
  }

  // ---- tun / wireguard -----------------------------------------------------------------------

  @Test
  void openvpnWithoutVnetNeedsATunDevice() {
    List<PreflightWarning> w = check(plain(), "openvpn_enable=\"YES\"\n");
    assertThat(w).hasSize(1);
    assertThat(w.get(0).rule()).isEqualTo(PreflightRule.TUN_DEVICE);
    assertThat(w.get(0).origin()).isEqualTo(Origin.RC_CONF);
    assertThat(w.get(0).setting()).isEqualTo("openvpn_enable");
    assertThat(w.get(0))
        .hasToString(
            "openvpn_enable=YES needs a tun device: use vnet=new and a devfs ruleset that"
                + " exposes tun");
  }

  @Test
  void openvpnInVnetWithTheDefaultJailRulesetStillLacksTun() {
    assertThat(check(vnet(), "openvpn_enable=YES\n"))
        .singleElement()
        .hasToString(
            "openvpn_enable=YES needs a tun device, which devfs ruleset 4 hides: use a devfs"
                + " ruleset that exposes tun (add path 'tun*' unhide)");
  }

  @Test
  void openvpnInVnetWithItsOwnRulesetIsAccepted() {
    Jail j = jail(b -> b.param(JailParam.VNET, JailSys.NEW).param(JailParam.DEVFS_RULESET, 20));
    assertThat(check(j, "openvpn_enable=YES\n")).isEmpty();
  }

  @Test
  void disabledOpenvpnIsNotChecked() {
    assertThat(check(plain(), "openvpn_enable=NO\n")).isEmpty();
  }

  @Test
  void wireguardWithoutVnetCannotCreateInterfaces() {
    assertThat(check(plain(), "wireguard_enable=\"YES\"\nwireguard_interfaces=\"wg0\"\n"))
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.rule()).isEqualTo(PreflightRule.WIREGUARD);
              assertThat(w.fix()).contains("vnet=new").contains("if_wg");
            });
  }

  @Test
  void wireguardInVnetIsAccepted() {
    assertThat(check(vnet(), "wireguard_enable=\"YES\"\n")).isEmpty();
  }

  // ---- interfaces, routes, firewalls ---------------------------------------------------------

  @Test
  void ifconfigVariablesWithoutVnetWarnOncePerVariable() {
    List<PreflightWarning> w =
        check(
            plain(),
            "ifconfig_e0b_myjail_name=\"vnet0\"\nifconfig_vnet0=\"inet 192.168.64.101/24\"\n"
                + "ifconfig_em0_alias0=\"inet 192.0.2.9/32\"\nifconfig_em1=\"\"\n");
    assertThat(w)
        .extracting(PreflightWarning::setting)
        .containsExactly("ifconfig_e0b_myjail_name", "ifconfig_vnet0", "ifconfig_em0_alias0");
    assertThat(w).allMatch(x -> x.rule() == PreflightRule.INTERFACE_CONFIG);
    assertThat(w.get(0).fix()).contains("ip4.addr").contains("vnet=new");
  }

  @Test
  void ifconfigInAVnetJailIsAccepted() {
    assertThat(check(vnet(), "ifconfig_vnet0=\"SYNCDHCP\"\n")).isEmpty();
  }

  @Test
  void clonedInterfacesWithoutVnetWarn() {
    assertThat(rules(plain(), "cloned_interfaces=\"bridge0\"\n"))
        .containsExactly(PreflightRule.CLONED_INTERFACES);
  }

  @Test
  void defaultRouterWithoutVnetWarns() {
    assertThat(check(plain(), "defaultrouter=\"192.0.2.1\"\n"))
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.rule()).isEqualTo(PreflightRule.ROUTING);
              assertThat(w.value()).isEqualTo("192.0.2.1");
              assertThat(w.fix()).contains("allow.routing");
            });
  }

  @Test
  void defaultRouterNoIsNotARoute() {
    assertThat(check(plain(), "defaultrouter=\"NO\"\n")).isEmpty();
  }

  @Test
  void routesWithAllowRoutingAreAccepted() {
    Jail j = jail(b -> allow(b, JailParam.ALLOW_ROUTING));
    assertThat(check(j, "defaultrouter=\"192.0.2.1\"\nstatic_routes=\"net1\"\n")).isEmpty();
  }

  @Test
  void gatewayWithoutVnetWarns() {
    assertThat(rules(plain(), "gateway_enable=\"YES\"\n")).containsExactly(PreflightRule.GATEWAY);
  }

  @Test
  void routedWithoutVnetWarns() {
    assertThat(rules(plain(), "routed_enable=\"YES\"\n"))
        .containsExactly(PreflightRule.ROUTING_DAEMON);
  }

  @Test
  void pfAndIpfwWithoutVnetWarn() {
    assertThat(check(plain(), "pf_enable=\"YES\"\nipfw_enable=\"YES\"\n"))
        .extracting(PreflightWarning::setting)
        .containsExactly("pf_enable", "ipfw_enable");
  }

  @Test
  void pfInAVnetJailNeedsDevPfHiddenByRuleset4() {
    assertThat(check(vnet(), "pf_enable=\"YES\"\n"))
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.rule()).isEqualTo(PreflightRule.FIREWALL_DEVICE);
              assertThat(w.fix()).contains("devfs_ruleset=5");
            });
  }

  @Test
  void pfInAVnetJailWithRuleset5IsAccepted() {
    Jail j = jail(b -> b.param(JailParam.VNET, JailSys.NEW).param(JailParam.DEVFS_RULESET, 5));
    assertThat(check(j, "pf_enable=\"YES\"\n")).isEmpty();
  }

  // ---- time, raw sockets, socket families, SysV IPC ------------------------------------------

  @Test
  void ntpdNeedsSettimeAndAdjtime() {
    assertThat(check(plain(), "ntpd_enable=\"YES\"\n"))
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.rule()).isEqualTo(PreflightRule.SET_TIME);
              assertThat(w.problem()).contains("allow.settime").contains("allow.adjtime");
            });
  }

  @Test
  void ntpdWithSettimeAndAdjtimeIsAccepted() {
    Jail j = jail(b -> allow(b, JailParam.ALLOW_SETTIME, JailParam.ALLOW_ADJTIME));
    assertThat(check(j, "ntpd_enable=\"YES\"\nntpdate_enable=\"YES\"\n")).isEmpty();
  }

  @Test
  void ntpdateNeedsSettime() {
    assertThat(check(plain(), "ntpdate_enable=\"YES\"\n"))
        .singleElement()
        .satisfies(w -> assertThat(w.fix()).contains("allow.settime"));
  }

  @Test
  void pingInExecStartNeedsRawSockets() {
    Jail j = jail(b -> b.addExecStart("/sbin/ping -c 1 192.0.2.1"));
    assertThat(Preflight.check(j))
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.rule()).isEqualTo(PreflightRule.RAW_SOCKETS);
              assertThat(w.origin()).isEqualTo(Origin.JAIL);
              assertThat(w.setting()).isEqualTo("exec.start");
              assertThat(w.fix()).isEqualTo("set allow.raw_sockets");
            });
  }

  @Test
  void pingWithAllowRawSocketsIsAccepted() {
    Jail j = jail(b -> allow(b.addExecStart("ping -c 1 192.0.2.1"), JailParam.ALLOW_RAW_SOCKETS));
    assertThat(Preflight.check(j)).isEmpty();
  }

  @Test
  void rtsoldNeedsRawSockets() {
    assertThat(rules(plain(), "rtsold_enable=\"YES\"\n"))
        .containsExactly(PreflightRule.RAW_SOCKETS);
  }

  @Test
  void sshdAndSyslogdAreFineInAnyJail() {
    assertThat(
            check(
                plain(),
                "sshd_enable=\"YES\"\nsyslogd_enable=\"YES\"\nsyslogd_flags=\"-ss\"\n"
                    + "sendmail_enable=\"NONE\"\nclear_tmp_enable=\"YES\"\n"))
        .isEmpty();
  }

  @Test
  void bluetoothDaemonsNeedOtherSocketFamilies() {
    assertThat(check(plain(), "hcsecd_enable=\"YES\"\n"))
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.rule()).isEqualTo(PreflightRule.SOCKET_FAMILY);
              assertThat(w.fix()).contains("allow.socket_af");
            });
  }

  @Test
  void postgresqlNeedsSysvSharedMemoryAndSemaphores() {
    assertThat(check(plain(), "postgresql_enable=\"YES\"\n"))
        .singleElement()
        .hasToString(
            "postgresql_enable=YES needs SysV shared memory and SysV semaphores: set"
                + " sysvshm=new and sysvsem=new (or the legacy allow.sysvipc)");
  }

  @Test
  void postgresqlWithNewSysvNamespacesIsAccepted() {
    Jail j =
        jail(b -> b.param(JailParam.SYSVSHM, JailSys.NEW).param(JailParam.SYSVSEM, JailSys.NEW));
    assertThat(check(j, "postgresql_enable=\"YES\"\n")).isEmpty();
  }

  @Test
  void postgresqlWithLegacySysvipcIsAccepted() {
    assertThat(check(jail(b -> allow(b, JailParam.ALLOW_SYSVIPC)), "postgresql_enable=YES\n"))
        .isEmpty();
  }

  @Test
  void postgresqlWithOnlySharedMemoryStillLacksSemaphores() {
    Jail j = jail(b -> b.param(JailParam.SYSVSHM, JailSys.INHERIT));
    assertThat(check(j, "postgresql_enable=YES\n"))
        .singleElement()
        .satisfies(w -> assertThat(w.problem()).isEqualTo("needs SysV semaphores"));
  }

  // ---- nfs, zfs, mounts ----------------------------------------------------------------------

  @Test
  void nfsServerNeedsAllowNfsdAndVnet() {
    assertThat(check(plain(), "nfs_server_enable=\"YES\"\n"))
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.rule()).isEqualTo(PreflightRule.NFS_SERVER);
              assertThat(w.problem()).isEqualTo("needs allow.nfsd, vnet=new");
            });
  }

  @Test
  void nfsServerWithEnforceStatfsZeroWarns() {
    Jail j =
        jail(
            b ->
                allow(b.param(JailParam.VNET, JailSys.NEW), JailParam.ALLOW_NFSD)
                    .param(JailParam.ENFORCE_STATFS, 0));
    assertThat(check(j, "nfs_server_enable=\"YES\"\n"))
        .singleElement()
        .satisfies(w -> assertThat(w.problem()).contains("enforce_statfs 1 or 2 (it is 0)"));
  }

  @Test
  void nfsServerWithAllowNfsdAndVnetIsAccepted() {
    Jail j = jail(b -> allow(b.param(JailParam.VNET, JailSys.NEW), JailParam.ALLOW_NFSD));
    assertThat(check(j, "nfs_server_enable=\"YES\"\n")).isEmpty();
  }

  @Test
  void zfsNeedsMountPermissionsAndEnforceStatfsBelowTwo() {
    assertThat(check(plain(), "zfs_enable=\"YES\"\n"))
        .singleElement()
        .satisfies(
            w ->
                assertThat(w.problem())
                    .isEqualTo(
                        "mounts ZFS datasets, which needs allow.mount, allow.mount.zfs,"
                            + " enforce_statfs below 2"));
  }

  @Test
  void zfsWithMountPermissionsIsAccepted() {
    Jail j =
        jail(
            b ->
                allow(b, JailParam.ALLOW_MOUNT, JailParam.ALLOW_MOUNT_ZFS)
                    .param(JailParam.ENFORCE_STATFS, 1));
    assertThat(check(j, "zfs_enable=\"YES\"\n")).isEmpty();
  }

  @Test
  void tmpmfsNeedsTmpfsMountPermissions() {
    assertThat(rules(plain(), "tmpmfs=\"YES\"\n")).containsExactly(PreflightRule.MOUNT);
  }

  // ---- never possible ------------------------------------------------------------------------

  @Test
  void kldListCanNeverWorkInAJail() {
    Jail j = jail(b -> allow(b.param(JailParam.VNET, JailSys.NEW), JailParam.ALLOW_MOUNT));
    assertThat(check(j, "kld_list=\"if_bridge if_epair\"\n"))
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.rule()).isEqualTo(PreflightRule.KERNEL_MODULES);
              assertThat(w.fix())
                  .isEqualTo("add if_bridge if_epair to kld_list in the host's rc.conf");
            });
  }

  @Test
  void linuxEnableBelongsOnTheHost() {
    assertThat(rules(vnet(), "linux_enable=\"YES\"\n")).containsExactly(PreflightRule.LINUX);
  }

  @Test
  void devdPowerdMousedNeedHostDevices() {
    assertThat(check(vnet(), "devd_enable=\"YES\"\npowerd_enable=\"YES\"\nmoused_enable=\"YES\"\n"))
        .extracting(PreflightWarning::setting)
        .containsExactly("devd_enable", "powerd_enable", "moused_enable");
  }

  @Test
  void dumpdevOtherThanNoWarns() {
    assertThat(rules(plain(), "dumpdev=\"AUTO\"\n")).containsExactly(PreflightRule.DEVICES);
    assertThat(check(plain(), "dumpdev=\"NO\"\n")).isEmpty();
  }

  @Test
  void jailEnableInsideNeedsChildrenMax() {
    assertThat(check(plain(), "jail_enable=\"YES\"\n"))
        .singleElement()
        .satisfies(w -> assertThat(w.problem()).contains("children.max above 0"));
  }

  @Test
  void jailEnableWithChildrenMaxIsAccepted() {
    Jail j = jail(b -> b.param(JailParam.CHILDREN_MAX, 4));
    assertThat(check(j, "jail_enable=\"YES\"\n")).isEmpty();
  }

  @Test
  void hostnameWithSetHostnameOffWarns() {
    Jail j = jail(b -> b.param(JailParam.ALLOW_SET_HOSTNAME, false));
    assertThat(rules(j, "hostname=\"web\"\n")).containsExactly(PreflightRule.HOSTNAME);
  }

  @Test
  void hostnameWithTheDefaultSetHostnameIsAccepted() {
    assertThat(check(plain(), "hostname=\"web\"\n")).isEmpty();
  }

  @Test
  void parametersKnownOnlyByNameAreReadLikeCatalogued() {
    Jail j =
        jail(
            b ->
                b.param(JailParam.named("allow.settime"), "true")
                    .param(JailParam.named("allow.adjtime"), "1")
                    .param(JailParam.named("sysvshm"), "new")
                    .param(JailParam.named("sysvsem"), "inherit"));
    assertThat(check(j, "ntpd_enable=YES\npostgresql_enable=YES\n")).isEmpty();
  }

  @Test
  void pseudoParametersGivenThroughParamAreRead() {
    Jail j =
        jail(
            b ->
                b.param(JailParam.VNET_INTERFACE, List.of("epair0b"))
                    .param(JailParam.EXEC_START, List.of("/sbin/ping -c1 192.0.2.1")));
    assertThat(Preflight.check(j))
        .extracting(PreflightWarning::rule)
        .containsExactly(PreflightRule.RAW_SOCKETS, PreflightRule.VNET_INTERFACE);
  }

  @Test
  void negatedParameterSpellingIsUnderstood() {
    Jail j = jail(b -> b.param(JailParam.named("allow.noset_hostname"), "true"));
    assertThat(rules(j, "hostname=\"web\"\n")).containsExactly(PreflightRule.HOSTNAME);
  }

  // ---- jail parameters alone -----------------------------------------------------------------

  @Test
  void vnetInterfaceWithoutVnetWarns() {
    Jail j = jail(b -> b.addVnetInterfaces("epair0b"));
    assertThat(Preflight.check(j))
        .singleElement()
        .hasToString(
            "vnet.interface=epair0b moves interfaces into the jail, which needs its own network"
                + " stack: set vnet=new");
  }

  @Test
  void allowMountFsWithoutAllowMountAndWithEnforceStatfsTwoHasNoEffect() {
    Jail j = jail(b -> allow(b, JailParam.ALLOW_MOUNT_NULLFS));
    assertThat(Preflight.check(j))
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.rule()).isEqualTo(PreflightRule.MOUNT_PARAMETERS);
              assertThat(w.problem())
                  .isEqualTo("has no effect without allow.mount and while enforce_statfs is 2");
            });
  }

  // ---- layering, roots, corpus ---------------------------------------------------------------

  @Test
  void laterLayersOverrideEarlierOnes() {
    RcConf rc = RcConf.parse("openvpn_enable=\"YES\"\n");
    RcConf local = RcConf.parse("openvpn_enable=\"NO\"\n");
    assertThat(Preflight.check(plain(), rc, local)).isEmpty();
    assertThat(Preflight.check(plain(), local, rc)).hasSize(1);
  }

  @Test
  void checkRootReadsRcConfAndRcConfLocalAndRcConfD(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve("etc/rc.conf.d"));
    Files.writeString(root.resolve("etc/rc.conf"), "sshd_enable=\"YES\"\n");
    Files.writeString(root.resolve("etc/rc.conf.local"), "ntpd_enable=\"YES\"\n");
    Files.writeString(root.resolve("etc/rc.conf.d/openvpn"), "openvpn_enable=\"YES\"\n");
    Jail j = Jail.builder().name("t").path(HostPaths.freeBsd(root)).build();
    assertThat(Preflight.checkRoot(j))
        .extracting(PreflightWarning::rule)
        .containsExactly(PreflightRule.TUN_DEVICE, PreflightRule.SET_TIME);
  }

  @Test
  void checkRootRefusesASymlinkedRcConf(@TempDir Path dir) throws Exception {
    Path root = dir.resolve("root");
    Files.createDirectories(root.resolve("etc"));
    Path outside = Files.writeString(dir.resolve("host-rc.conf"), "a=1\n");
    HostFiles.symlink(root.resolve("etc/rc.conf"), outside);
    Jail j = Jail.builder().name("t").path(HostPaths.freeBsd(root)).build();
    assertThatThrownBy(() -> Preflight.checkRoot(j))
        .isInstanceOf(RcConfException.class)
        .hasMessageContaining("is a symlink");
  }

  @Test
  void checkRootRefusesASymlinkedEtcInsteadOfReportingTheHostsValues(@TempDir Path dir)
      throws Exception {
    Path root = Files.createDirectories(dir.resolve("root"));
    Path hostEtc = Files.createDirectories(dir.resolve("host-etc"));
    Files.writeString(hostEtc.resolve("rc.conf"), "openvpn_enable=\"YES\"\n");
    HostFiles.symlink(root.resolve("etc"), hostEtc);
    Jail j = Jail.builder().name("t").path(HostPaths.freeBsd(root)).build();
    assertThatThrownBy(() -> Preflight.checkRoot(j))
        .isInstanceOf(RcConfException.class)
        .hasMessageContaining(root.resolve("etc").toString())
        .hasMessageContaining("is a symlink");
  }

  @Test
  void checkRootRefusesASymlinkedRcConfD(@TempDir Path dir) throws Exception {
    Path root = Files.createDirectories(dir.resolve("root"));
    Files.createDirectories(root.resolve("etc"));
    Path hostD = Files.createDirectories(dir.resolve("host-rc.conf.d"));
    Files.writeString(hostD.resolve("openvpn"), "openvpn_enable=\"YES\"\n");
    HostFiles.symlink(root.resolve("etc/rc.conf.d"), hostD);
    Jail j = Jail.builder().name("t").path(HostPaths.freeBsd(root)).build();
    assertThatThrownBy(() -> Preflight.checkRoot(j))
        .isInstanceOf(RcConfException.class)
        .hasMessageContaining("is a symlink");
  }

  @Test
  @org.junit.jupiter.api.Timeout(10)
  void checkRootRefusesAFifoRcConfWithoutBlocking(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve("etc"));
    RcConfRootTest.mkfifo(root.resolve("etc/rc.conf"));
    Jail j = Jail.builder().name("t").path(HostPaths.freeBsd(root)).build();
    assertThatThrownBy(() -> Preflight.checkRoot(j))
        .isInstanceOf(RcConfException.class)
        .hasMessageContaining("is not a regular file");
  }

  @Test
  void checkRootRefusesASparseThreeGibRcConfByItsSizeLimit(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve("etc"));
    try (java.io.RandomAccessFile f =
        new java.io.RandomAccessFile(root.resolve("etc/rc.conf").toFile(), "rw")) {
      f.setLength(3L * 1024 * 1024 * 1024);
    }
    Jail j = Jail.builder().name("t").path(HostPaths.freeBsd(root)).build();
    assertThatThrownBy(() -> Preflight.checkRoot(j))
        .isInstanceOfSatisfying(
            RcConfException.class, e -> assertThat(e.limitValue()).hasValue(RcConf.MAX_FILE_BYTES))
        .hasMessageContaining("is larger than MAX_FILE_BYTES (16777216 bytes)");
  }

  @Test
  void checkRootFindsTheRootOfAWindowsHostFromTheJailsFreeBsdPath() throws Exception {
    try (FileSystem windows = Jimfs.newFileSystem(Configuration.windows())) {
      Path root = Files.createDirectories(windows.getPath("C:\\jails\\web\\etc"));
      Files.writeString(root.resolve("rc.conf"), "openvpn_enable=\"YES\"\n");
      Jail j = Jail.builder().name("t").path("/C:/jails/web").build();
      assertThat(Preflight.checkRoot(j, windows))
          .extracting(PreflightWarning::rule)
          .containsExactly(PreflightRule.TUN_DEVICE);
    }
  }

  @Test
  void checkRootRefusesAPathThatNamesNoFileOnTheHost() throws Exception {
    try (FileSystem windows = Jimfs.newFileSystem(Configuration.windows())) {
      Jail j = Jail.builder().name("t").path("/C:/jails/we\\b").build();
      assertThatThrownBy(() -> Preflight.checkRoot(j, windows))
          .isInstanceOf(RcConfException.class)
          .hasMessageContaining("/C:/jails/we\\b")
          .hasMessageContaining("names no file on this host");
    }
  }

  @Test
  void checkRootWithoutAPathIsRefused() {
    Jail j = Jail.builder().name("t").build();
    assertThatThrownBy(() -> Preflight.checkRoot(j))
        .isInstanceOf(RcConfException.class)
        .hasMessageContaining("no path");
  }

  @Test
  void corpusWireguardJailNeedsVnetForGatewayAndPf() {
    RcConf rc =
        RcConf.read(
            Corpus.resolve("rcconf-real/JozanLeClerc__joe-conf__var_jail_wireguard_etc_rc.conf"));
    assertThat(Preflight.check(plain(), rc))
        .extracting(PreflightWarning::rule)
        .containsExactly(PreflightRule.GATEWAY, PreflightRule.FIREWALL);
    Jail vnet = jail(b -> b.param(JailParam.VNET, JailSys.NEW).param(JailParam.DEVFS_RULESET, 5));
    assertThat(Preflight.check(vnet, rc)).isEmpty();
  }
}
