package org.jail4j.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jail4j.Corpus;
import org.jail4j.Jail;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every expected result written in {@code shared/corpus/jailconf-real/README.md}: rejected files
 * fail with the listed error and line, accepted files evaluate to the listed values and {@code jail
 * -e '|'} lines.
 */
class RealJailConfConformance {

  /** Skips (or, when required, fails) the class up front if the corpus is missing. */
  @BeforeAll
  static void corpusIsThere() {
    dir();
  }

  private static Path dir() {
    return Corpus.resolve("jailconf-real");
  }

  /** Reads a corpus file named relative to its folder, so messages name it as given. */
  private static JailConf read(String file) {
    return JailConf.parser().baseDirectory(dir()).read(Path.of(file));
  }

  private static ConfJail jail(String file, String name) {
    return read(file).jail(name).orElseThrow();
  }

  private static String text(String file) throws IOException {
    return Files.readString(dir().resolve(file), StandardCharsets.UTF_8);
  }

  private static List<String> lines(JailConf conf) {
    return conf.exhibit("|").lines().toList();
  }

  // ---- files that must be rejected ------------------------------------------------------------

  @Test
  void missingSemicolonIsOneSyntaxErrorAtTheNextToken() {
    assertThatThrownBy(() -> read("indgy__app-jail__jail.conf"))
        .isInstanceOfSatisfying(
            JailConfException.class,
            e -> {
              assertThat(e.problems()).hasSize(1);
              assertThat(e.problems().get(0).text())
                  .isEqualTo("indgy__app-jail__jail.conf line 7: exec.stop: syntax error");
              assertThat(e.line()).hasValue(7);
              assertThat(e.getMessage())
                  .isEqualTo("jail: indgy__app-jail__jail.conf line 7: exec.stop: syntax error");
            });
  }

  @Test
  void braceTemplateNameIsASyntaxErrorOnLineOne() {
    String f = "BastilleBSD__bastille__docs_chapters_configuration_jail-conf.rst.block-0.conf";
    assertThatThrownBy(() -> read(f))
        .isInstanceOfSatisfying(
            JailConfException.class,
            e -> {
              assertThat(e.problems()).hasSize(1);
              assertThat(e.problems().get(0).text()).isEqualTo(f + " line 1: {: syntax error");
            });
  }

  @Test
  void redefiningTheBlockNameFailsTheJailButItIsStillExhibited() {
    JailConf conf = read("NikolayDachev__jails__jail.conf");
    ConfJail t1 = conf.jail("t1").orElseThrow();
    assertThat(t1.failed()).isTrue();
    assertThat(t1.problems())
        .extracting(JailConfException.Problem::text)
        .containsExactly("t1: cannot redefine parameter \"name\".");
    assertThat(t1.problems().get(0).line()).isEqualTo(11);
    assertThat(conf.exhibit("|"))
        .isEqualTo(
            "name=t1|exec.start=\"/bin/sh /etc/rc\"|exec.stop=\"/bin/sh /etc/rc.shutdown\""
                + "|exec.clean|mount.devfs|path=/zroot/jails/t1/mnt"
                + "|mount.fstab=/zroot/jails/t1/rw/etc/fstab|host.hostname=t1.jail.local"
                + "|ip4.addr=192.168.1.81\n");
    assertThatThrownBy(t1::toJail)
        .isInstanceOfSatisfying(
            JailConfException.class,
            e ->
                assertThat(e.getMessage())
                    .startsWith("jail: t1: cannot redefine parameter \"name\"."));
  }

  @Test
  void globalsOnlyFilesDefineNoJails() {
    for (String f :
        List.of(
            "LaraFerCue__ansible-playbooks__jail.conf",
            "nihr43__jm__templates_jail.conf",
            "spiculator__jail__etc_jail.conf",
            "NapoleonWils0n__davinci-resolve-freebsd-jail__freebsd_etc_jail.conf")) {
      JailConf conf = read(f);
      assertThat(conf.jails()).as(f).isEmpty();
      assertThat(conf.exhibit("|")).as(f).isEmpty();
    }
  }

  @Test
  void aJailAddedToLaraFerCueGlobalsMissesBasedir() throws IOException {
    JailConf conf = JailConf.parse(text("LaraFerCue__ansible-playbooks__jail.conf") + "\nJ { }\n");
    assertThat(conf.jail("J").orElseThrow().problems())
        .extracting(JailConfException.Problem::text)
        .containsExactly("J: path: variable \"basedir\" not found");
  }

  @Test
  void aJailAddedToNihr43GlobalsMissesIfOncePerReference() throws IOException {
    JailConf conf = JailConf.parse(text("nihr43__jm__templates_jail.conf") + "\nJ { }\n");
    String p = "J: exec.prestart: variable \"if\" not found";
    assertThat(conf.jail("J").orElseThrow().problems())
        .extracting(JailConfException.Problem::text)
        .containsExactly(
            p,
            p,
            p,
            p,
            "J: exec.start: variable \"if\" not found",
            "J: exec.poststop: variable \"if\" not found");
  }

  @Test
  void missingNonGlobIncludeIsFatal() {
    String template = "/etc/jail.conf.d/JAILNAME.template";
    assumeFalse(
        Files.exists(Path.of(template)), "this host really has " + template + ", so it parses");
    assertThatThrownBy(() -> read("christian-moerz__eurobsdcon24__jail.conf"))
        .isInstanceOfSatisfying(
            JailConfException.class,
            e ->
                assertThat(e.problems())
                    .extracting(JailConfException.Problem::text)
                    .containsExactly(template + ": No such file or directory"));
  }

  @Test
  void placeholderAddressParsesButIsNotAnAddress() {
    JailConf conf = read("jackvz__build-linux-on-freebsd__jail.conf");
    ConfJail busybox = conf.jail("busybox").orElseThrow();
    assertThat(busybox.failed()).isFalse();
    assertThat(busybox.values("ip4.addr")).hasValue(List.of("[busybox-ip]"));
    assertThatThrownBy(busybox::toJail)
        .isInstanceOfSatisfying(
            JailConfException.class,
            e ->
                assertThat(e.problems())
                    .extracting(JailConfException.Problem::text)
                    .containsExactly("busybox: ip4.addr: not an IPv4 address: [busybox-ip]"));
  }

  // ---- expected jail -e lines -----------------------------------------------------------------

  @Test
  void omussellPrintsEightJailsInFileOrder() {
    List<String> lines = lines(read("omussell__homelab__jail.conf"));
    assertThat(lines).hasSize(8);
    assertThat(lines.get(0))
        .isEqualTo(
            "name=wintermute|interface=re0|host.hostname=wintermute|ip4.addr=192.168.1.15"
                + "|path=/usr/local/jails/wintermute|exec.start=\"/bin/sh /etc/rc\""
                + "|exec.stop=\"/bin/sh /etc/rc.shutdown\"|exec.clean|mount.devfs"
                + "|allow.raw_sockets");
    assertThat(lines.get(6)).startsWith("name=case|").contains("|ip4.addr=192.168.1.21|");
    assertThat(lines.get(7)).startsWith("name=molly|").contains("|ip4.addr=192.168.1.22|");
  }

  @Test
  void gmshakeListsKeepEveryCommandInOrder() {
    List<String> lines = lines(read("gmshake__jail-crash__jail.conf"));
    String test1 =
        "name=test1|path=/|exec.clean|vnet=new|vnet.interface=epair10b"
            + "|exec.prestart=\"/sbin/ifconfig epair10 create\","
            + "\"/sbin/ifconfig epair10a inet 192.168.10.1/24 up\""
            + "|exec.start=\"/bin/sh /etc/rc\",\"/usr/sbin/daemon /usr/bin/nc -l 0.0.0.0 9999\","
            + "\"/sbin/ifconfig epair10b inet 192.168.10.2/24\",\"/sbin/route add default"
            + " 192.168.10.1\"|exec.stop=\"/bin/sh /etc/rc.shutdown\""
            + "|exec.poststop=\"/sbin/ifconfig epair10a destroy\"";
    assertThat(lines)
        .containsExactly(
            test1,
            test1.replace("test1", "test2").replace("epair10", "epair20").replace(".10.", ".20."));
  }

  @Test
  void skunkwerksEmptyFstabReplacesTheGlobalInItsPosition() {
    assertThat(lines(read("skunkwerks__diy-jails__etc_jail.conf")).get(0))
        .isEqualTo(
            "name=iwantmybox|interface=lo1|host.hostname=iwantmybox.local|path=/jails/iwantmybox"
                + "|ip4.addr=10.240.0.100|mount.fstab=\"\"|osrelease=11.2-RELEASE-p4"
                + "|osreldate=1102000|allow.raw_sockets=1|exec.start=\"/bin/sh /etc/rc\""
                + "|exec.stop=\"/bin/sh /etc/rc.shutdown\"|exec.clean"
                + "|exec.consolelog=/var/log/jail_iwantmybox_console.log|mount.devfs");
  }

  @Test
  void jozanJidFromAVariableIsSetButNotPrinted() {
    JailConf conf = read("JozanLeClerc__joe-conf__etc_jail.conf");
    ConfJail www = conf.jail("www").orElseThrow();
    assertThat(www.exhibit("|"))
        .isEqualTo(
            "name=www|exec.start=\"/bin/sh /etc/rc\"|exec.stop=\"/bin/sh /etc/rc.shutdown jail\""
                + "|exec.clean|path=/var/jail/www|host.hostname=www|mount.devfs"
                + "|allow.mount.tmpfs|ip4.addr=95.179.223.82");
    assertThat(www.values("jid")).hasValue(List.of("1"));
    assertThat(www.toJail().jid()).hasValue(1);
  }

  @Test
  void jozanWireguardIsAVnetJailWithFourStartCommands() {
    ConfJail wg = jail("JozanLeClerc__joe-conf__etc_jail.conf", "wireguard");
    assertThat(wg.values("ip4.addr")).isEmpty();
    assertThat(wg.values("vnet.interface")).hasValue(List.of("epair4b"));
    assertThat(wg.values("exec.start").orElseThrow())
        .hasSize(4)
        .element(1)
        .isEqualTo("/sbin/ifconfig epair4b inet 10.0.0.4 netmask 255.255.255.255");
  }

  // ---- other evaluated values -----------------------------------------------------------------

  @Test
  void freshportsNginxUsesABlockVariableAndResetsTheStartList() {
    ConfJail nginx = jail("FreshPorts__host-init__jail-nginx.conf", "nginx");
    assertThat(nginx.values("ip4.addr")).hasValue(List.of("nic0|10.55.0.39"));
    assertThat(nginx.values("exec.start")).hasValue(List.of("zfs mount -a", "/bin/sh /etc/rc"));
    assertThat(nginx.values("mount.fstab")).hasValue(List.of("/etc/fstab.nginx"));
  }

  @Test
  void freshportsLaterAssignmentThrowsAwayTheEarlierList() {
    ConfJail nginx01 = jail("FreshPorts__host-init__jail.conf", "nginx01");
    assertThat(nginx01.values("ip4.addr")).hasValue(List.of("127.163.0.80"));
    assertThat(nginx01.values("depend")).hasValue(List.of("pg01"));
    assertThat(nginx01.values("host.hostname"))
        .hasValue(List.of("r720-02-nginx01.int.unixathome.org"));
  }

  @Test
  void gennekoPathIsAParameterWhoseValueHoldsAReference() {
    ConfJail v1 = jail("genneko__freebsd-vimage-jails__jail.vnet.routed.conf", "v1");
    assertThat(v1.values("exec.prestart"))
        .hasValue(
            List.of("cp /etc/resolv.conf /vm/v1/etc", "vnet add -4 172.31.0.1/24 vi0 vi0_v1"));
    assertThat(v1.values("exec.start"))
        .hasValue(
            List.of(
                "/bin/sh /etc/rc",
                "ifconfig vi0_v1 172.31.0.101/24",
                "route add default 172.31.0.1"));
  }

  @Test
  void gennekoRoutedStartIsAssignedBeforeItIsAppended() throws IOException {
    // README correction of INDEX.tsv: line 39 assigns exec.start before the += on lines 59 and 61
    List<String> lines =
        text("genneko__freebsd-vimage-jails__jail.vnet.routed.conf").lines().toList();
    assertThat(lines.get(38)).contains("exec.start = \"/bin/sh /etc/rc\";");
    assertThat(lines.get(58)).startsWith("exec.start").contains("+=");
    assertThat(lines.get(60)).startsWith("exec.start").contains("+=");
  }

  @Test
  void gennekoIsolatedUnquotedListOfVariablePieces() {
    ConfJail core = jail("genneko__freebsd-vimage-jails__jail.vnet.isolated_net.conf", "core");
    assertThat(core.values("vnet.interface")).hasValue(List.of("vi1_core", "vi2_core"));
  }

  @Test
  void hxwJailAppendsToTheGlobalList() {
    ConfJail phab = jail("hxw__dotfiles__jail_jail.conf", "phab");
    assertThat(phab.values("vnet.interface")).hasValue(List.of("e0b_phab"));
    assertThat(phab.values("exec.prestart"))
        .hasValue(
            List.of(
                "logger trying to start jail phab...",
                "sh /usr/share/examples/jails/jib addm phab lagg0"));
    assertThat(phab.values("exec.created").orElseThrow())
        .hasSize(2)
        .first()
        .isEqualTo("zfs unjail phab zroot/jails/phab/poudriere || true");
    assertThat(phab.values("children.max")).hasValue(List.of("10"));
  }

  @Test
  void dangVariableDefinedAfterItsUse() {
    ConfJail nginx = jail("dang0x5f__dot_files__jail.conf", "nginx");
    assertThat(nginx.values("vnet.interface")).hasValue(List.of("epair11b"));
    assertThat(nginx.values("exec.prestart"))
        .hasValue(
            List.of(
                "logger trying to start jail nginx...",
                "ifconfig epair11 create up",
                "ifconfig vnet addm epair11a up"));
  }

  @Test
  void thindilUnquotedTokensEndingInName() {
    ConfJail j = jail("thindil__wine-freesbie__jail.conf", "freebsd32");
    assertThat(j.values("path")).hasValue(List.of("/usr/jails/freebsd32"));
    assertThat(j.values("mount.fstab"))
        .hasValue(List.of("/root/work/wine-freesbie/wine-freesbie/fstab.freebsd32"));
  }

  @Test
  void sanyimanoTypoInInterfaceIsKept() {
    ConfJail j = jail("sanyimano__prepare-basejail__jail.conf", "basejail");
    assertThat(j.values("interface")).hasValue(List.of("ire0"));
    assertThat(j.values("path")).hasValue(List.of("/mnt/zdata/.my_jails_cache"));
    assertThat(j.values("ip4.addr")).hasValue(List.of("10.17.1.148"));
    assertThat(j.values("osrelease")).hasValue(List.of("11.2-RELEASE"));
  }

  @Test
  void neoTorinoSingleQuotedAddressAndVerbatimFstabLines() {
    JailConf conf = read("NeoTorino__FreeBSD__etc_jail.conf");
    assertThat(conf.jail("base").orElseThrow().values("ip4.addr"))
        .hasValue(List.of("lo1|172.16.1.1/32"));
    List<String> mount = conf.jail("website").orElseThrow().values("mount").orElseThrow();
    assertThat(mount).hasSize(7);
    assertThat(mount.get(0))
        .isEqualTo(
            "devfs     /usr/local/jails/containers/website/compat/ubuntu/dev     devfs     rw  0 0");
  }

  @Test
  void napoleonLastLineWithoutNewlineParses() throws IOException {
    String f = "NapoleonWils0n__davinci-resolve-freebsd-jail__freebsd_etc_jail.conf";
    assertThat(text(f)).doesNotEndWith("\n");
    assertThat(read(f).jails()).isEmpty();
  }

  @Test
  void krolingoEscapedQuotesBecomePlainAndExhibitInSingleQuotes() {
    ConfJail j = jail("krolingo__UTMdualVNETJails__README.md.block-0.conf", "myjail");
    assertThat(j.values("vnet.interface")).hasValue(List.of("e0b_myjail", "e1b_myjail"));
    String fifth =
        "ifconfig e0a_myjail description \"vnet host interface for Bastille jail myjail\"";
    assertThat(j.values("exec.prestart").orElseThrow().get(4)).isEqualTo(fifth);
    assertThat(j.exhibit("|")).contains(",'" + fifth + "',");
  }

  @Test
  void everyJailOfEveryAcceptedFileConvertsUnlessTheReadmeSaysOtherwise() throws IOException {
    List<String> rejected =
        List.of(
            "indgy__app-jail__jail.conf",
            "BastilleBSD__bastille__docs_chapters_configuration_jail-conf.rst.block-0.conf",
            "christian-moerz__eurobsdcon24__jail.conf");
    List<String> failing =
        List.of("NikolayDachev__jails__jail.conf", "jackvz__build-linux-on-freebsd__jail.conf");
    try (var files = Files.list(dir())) {
      for (Path p : files.filter(f -> f.toString().endsWith(".conf")).sorted().toList()) {
        String f = String.valueOf(p.getFileName());
        if (rejected.contains(f)) {
          continue;
        }
        JailConf conf = read(f);
        if (failing.contains(f)) {
          assertThatThrownBy(conf::toJails).as(f).isInstanceOf(JailConfException.class);
        } else {
          List<Jail> jails = conf.toJails();
          assertThat(jails).as(f).hasSameSizeAs(conf.jails());
        }
      }
    }
  }
}
