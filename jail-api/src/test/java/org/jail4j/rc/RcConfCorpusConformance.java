package org.jail4j.rc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jail4j.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of {@code corpus/rcconf-real} round-trips byte for byte, gives the values its README
 * lists, and an edit changes only the lines it concerns.
 */
class RcConfCorpusConformance {

  private static final String DIR = "rcconf-real";

  static Stream<String> files() throws IOException {
    List<String> lines = Files.readAllLines(Corpus.resolve(DIR + "/INDEX.tsv"));
    return lines.stream().skip(1).filter(l -> !l.isBlank()).map(l -> l.split("\t", 2)[0]);
  }

  private static RcConf read(String name) {
    return RcConf.read(Corpus.resolve(DIR + "/" + name));
  }

  private static RcConf readPrefix(String prefix) throws IOException {
    String name =
        files().filter(f -> f.startsWith(prefix)).findFirst().orElseThrow(AssertionError::new);
    return read(name);
  }

  @Test
  void indexListsEveryFileOfTheFolder() throws IOException {
    Set<String> indexed = files().collect(Collectors.toCollection(TreeSet::new));
    Set<String> present;
    try (Stream<Path> s = Files.list(Corpus.resolve(DIR))) {
      present =
          s.map(p -> p.getFileName().toString())
              .filter(n -> !n.equals("INDEX.tsv") && !n.equals("README.md"))
              .collect(Collectors.toCollection(TreeSet::new));
    }
    assertThat(indexed).hasSize(18).isEqualTo(present);
  }

  @ParameterizedTest
  @MethodSource("files")
  void unEditedFileRoundTripsByteForByte(String name) throws IOException {
    byte[] bytes = Files.readAllBytes(Corpus.resolve(DIR + "/" + name));
    RcConf rc = read(name);
    assertThat(rc.toBytes()).isEqualTo(bytes);
    assertThat(RcConf.parse(new String(bytes, StandardCharsets.UTF_8)).toString())
        .isEqualTo(new String(bytes, StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @MethodSource("files")
  void settingEachVariableChangesOnlyItsLastAssignmentLine(String name) {
    RcConf original = read(name);
    List<RcAssignment> all = original.assignments();
    for (String var : original.names()) {
      RcAssignment last =
          all.stream().filter(a -> a.name().equals(var)).reduce((a, b) -> b).orElseThrow();
      RcConf edited = original.copy().set(var, "changed value");
      List<String> before = lines(original.toString());
      List<String> after = lines(edited.toString());
      assertThat(after).as(var).hasSameSizeAs(before);
      List<Integer> changed = new ArrayList<>();
      for (int i = 0; i < before.size(); i++) {
        if (!before.get(i).equals(after.get(i))) {
          changed.add(i + 1);
        }
      }
      assertThat(changed).as(name + " " + var).containsExactly(last.line());
      assertThat(RcConf.parse(edited.toString()).get(var)).contains("changed value");
    }
  }

  @ParameterizedTest
  @MethodSource("files")
  void appendingANewVariableOnlyAddsALine(String name) {
    RcConf original = read(name);
    RcConf edited = original.copy().set("jail4j_added_enable", "YES");
    String text = original.toString();
    String expectedPrefix = text.isEmpty() || text.endsWith("\n") ? text : text + "\n";
    assertThat(edited.toString()).isEqualTo(expectedPrefix + "jail4j_added_enable=\"YES\"\n");
  }

  @ParameterizedTest
  @MethodSource("files")
  void removingAVariableDropsOnlyItsLines(String name) {
    RcConf original = read(name);
    for (String var : original.names()) {
      RcConf edited = original.copy();
      edited.remove(var);
      Set<Integer> removed =
          original.assignments().stream()
              .filter(a -> a.name().equals(var))
              .map(RcAssignment::line)
              .collect(Collectors.toSet());
      List<String> before = lines(original.toString());
      List<String> kept = new ArrayList<>();
      for (int i = 0; i < before.size(); i++) {
        if (!removed.contains(i + 1)) {
          kept.add(before.get(i));
        }
      }
      assertThat(lines(edited.toString())).as(name + " " + var).isEqualTo(kept);
      assertThat(edited.get(var)).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("files")
  void valuesSurviveAWriteAndReparse(String name) {
    RcConf rc = read(name);
    Map<String, String> values = rc.values();
    RcConf rewritten = RcConf.empty();
    values.forEach(rewritten::set);
    assertThat(RcConf.parse(rewritten.toString()).values()).isEqualTo(values);
  }

  // ---- the README's per-file expectations ----------------------------------------------------

  @Test
  void legunUnquotedYesEnablesJailsWithListWww() throws IOException {
    RcConf rc = readPrefix("Legun__");
    assertThat(rc.checkYesNo("jail_enable").isYes()).isTrue();
    assertThat(rc.quoting("jail_enable")).contains(QuoteStyle.NONE);
    assertThat(rc.get("jail_list").map(v -> Arrays.asList(v.split("\\s+"))))
        .contains(List.of("www"));
    assertThat(rc.contains("jail_www_rootdir")).isFalse();
    assertThat(rc.contains("jail_www_hostname")).isFalse();
    assertThat(rc.aliases("re0")).containsExactly("inet 192.168.1.226 netmask 255.255.255.0");
  }

  @Test
  void joeHostEnablesJailsWithoutAList() throws IOException {
    RcConf rc = readPrefix("JozanLeClerc__joe-conf__etc_rc.conf");
    assertThat(rc.checkYesNo("jail_enable").isYes()).isTrue();
    assertThat(rc.get("jail_list")).isEmpty();
    assertThat(rc.get("cron_flags")).contains("-m ''");
    assertThat(rc.get("kld_list")).contains("if_bridge if_tap if_epair");
    assertThat(rc.get("ifconfig_bridge0"))
        .contains("inet 10.0.0.254 netmask 255.255.255.0 descr jails-bridge");
    assertThat(rc.contains("nginx_enable")).isFalse();
  }

  @Test
  void joeJailInteriorsKeepNoneAndTheirOwnKnobs() throws IOException {
    RcConf git = readPrefix("JozanLeClerc__joe-conf__var_jail_git");
    assertThat(git.get("sendmail_enable")).contains("NONE");
    assertThat(git.checkYesNo("sendmail_enable").state()).isEqualTo(YesNo.State.NOT_SET_PROPERLY);
    assertThat(git.get("dumpdev")).contains("NO");
    assertThat(git.isEnabled("sshd")).isTrue();
    assertThat(readPrefix("JozanLeClerc__joe-conf__var_jail_i2p").isEnabled("i2pd")).isTrue();
    RcConf nextcloud = readPrefix("JozanLeClerc__joe-conf__var_jail_nextcloud");
    assertThat(nextcloud.names().get(0)).isEqualTo("sshd_enable");
    assertThat(nextcloud.isEnabled("sshd")).isFalse();
    RcConf wg = readPrefix("JozanLeClerc__joe-conf__var_jail_wireguard");
    assertThat(wg.isEnabled("wireguard")).isFalse();
    assertThat(wg.get("wireguard_interfaces")).contains("wg0");
    assertThat(wg.isEnabled("gateway")).isTrue();
    assertThat(wg.isEnabled("pf")).isTrue();
    RcConf www = readPrefix("JozanLeClerc__joe-conf__var_jail_www");
    assertThat(www.get("fcgiwrap_socket_group")).contains("www");
  }

  @Test
  void krolingoJailRenamesInterfacesAndUsesTheNewNames() throws IOException {
    RcConf rc = readPrefix("krolingo__UTMdualVNETJails__README.md.jail");
    assertThat(rc.get("ifconfig_e0b_myjail_name")).contains("vnet0");
    assertThat(rc.ifconfig("vnet0")).contains("inet 192.168.64.101/24");
    assertThat(rc.get("ifconfig_e1b_myjail_name")).contains("vnet1");
    assertThat(rc.ifconfig("vnet1")).contains("DHCP");
    assertThat(rc.defaultRouter()).contains("192.168.64.1");
    assertThat(rc.get("cron_flags")).contains("-J 60");
  }

  @Test
  void krolingoHostAssignsSshdTwiceAndTheLastWins() throws IOException {
    RcConf rc = readPrefix("krolingo__UTMdualVNETJails__README.md.host");
    assertThat(rc.assignments().stream().filter(a -> a.name().equals("sshd_enable")))
        .extracting(RcAssignment::line)
        .containsExactly(15, 19);
    assertThat(rc.get("sshd_enable")).contains("YES");
    assertThat(rc.get("ifconfig_lo1_name")).contains("bastille0");
    assertThat(rc.get("cloned_interfaces")).contains("lo1 bridge0 bridge2");
    assertThat(rc.get("ifconfig_bridge2_ipv4")).contains("DHCP");
    assertThat(rc.aliases("bridge0")).containsExactly("inet 192.168.64.64 netmask 255.255.255.0");
    assertThat(rc.ifconfig("vtnet2")).contains("up -alias");
  }

  @Test
  void subnetspiderRenamesANetgraphInterface() throws IOException {
    RcConf rc = readPrefix("subnetspider__");
    assertThat(rc.get("ifconfig_jail05_name")).contains("vnet0");
    assertThat(rc.ifconfig("vnet0")).contains("SYNCDHCP");
  }

  @Test
  void hxwTemplateExpandsCronFlagsOnTheDefaultsAndHasAnInvalidName() throws IOException {
    RcConf rc = readPrefix("hxw__");
    assertThat(rc.get("cron_flags")).contains("${cron_flags} -J 15");
    assertThat(rc.evaluate(Map.of("cron_flags", ""))).containsEntry("cron_flags", " -J 15");
    assertThat(rc.names()).noneMatch(n -> n.contains("@"));
    assertThat(rc.isEnabled("clear_tmp")).isTrue();
    String text = rc.toString();
    assertThatThrownBy(() -> RcConf.parseStrict(text))
        .isInstanceOf(RcConfException.class)
        .satisfies(
            e -> {
              RcConfException r = (RcConfException) e;
              assertThat(r.line()).hasValue(21);
              assertThat(r.variable()).contains("ifconfig_e0b_@NAME@");
            });
  }

  @Test
  void defaultsExcerptGivesTheJailDefaults() throws IOException {
    RcConf rc = readPrefix("freebsd__freebsd-src__libexec_rc_rc.conf.jail-section-excerpt");
    assertThat(rc.values())
        .containsExactly(
            Map.entry("jail_enable", "NO"),
            Map.entry("jail_conf", "/etc/jail.conf"),
            Map.entry("jail_confwarn", "YES"),
            Map.entry("jail_parallel_start", "NO"),
            Map.entry("jail_list", ""),
            Map.entry("jail_reverse_stop", "NO"));
  }

  @Test
  void hostFileLayeredOnTheDefaultsOverridesThem() throws IOException {
    Map<String, String> defaults =
        readPrefix("freebsd__freebsd-src__libexec_rc_rc.conf.jail-section-excerpt")
            .evaluate(Map.of());
    Map<String, String> effective = readPrefix("Legun__").evaluate(defaults);
    assertThat(
            YesNo.of("jail_enable", java.util.Optional.ofNullable(effective.get("jail_enable")))
                .isYes())
        .isTrue();
    assertThat(effective)
        .containsEntry("jail_list", "www")
        .containsEntry("jail_conf", "/etc/jail.conf");
  }

  @Test
  void upstreamJailsExampleUsesTheSingularVnetInterfaceOnly() throws IOException {
    RcConf rc = readPrefix("freebsd__freebsd-src__share_examples_jails_rc.conf.jails");
    assertThat(rc.get("jail_XXX_vnet_interface")).contains("ng0_XXX");
    assertThat(rc.names()).noneMatch(n -> n.endsWith("_vnet_interfaces"));
    assertThat(rc.get("jail_list")).contains("XXX");
    assertThat(rc.isEnabled("jail_devfs")).isTrue();
    assertThat(rc.get("jail_XXX_exec_prestart0")).contains("jng bridge XXX em0");
  }

  @Test
  void upstreamRcJailSnippetHasOnlyPerJailVariables() throws IOException {
    RcConf rc = readPrefix("freebsd__freebsd-src__share_examples_jails_rcjail.xxx.conf");
    assertThat(rc.names()).allMatch(n -> n.startsWith("jail_xxx_"));
    assertThat(rc.get("jail_xxx_exec_prestart0")).contains("jng bridge xxx em0");
    assertThat(rc.get("jail_xxx_devfs_enable")).contains("YES");
  }

  @Test
  void paulcSshdFlagsKeepEqualsSignsAndSpaces() throws IOException {
    RcConf rc = readPrefix("paulc__");
    assertThat(rc.get("sshd_flags"))
        .contains("-o AuthenticationMethods=publickey -o PermitRootLogin=prohibit-password");
    assertThat(rc.get("syslogd_flags")).contains("-C -ss");
  }

  @Test
  void rcConfDSnippetsDisableTheirService() throws IOException {
    assertThat(readPrefix("skunkwerks__diy-jails__etc_rc.conf.d_syslogd").isEnabled("syslogd"))
        .isFalse();
    RcConf sendmail = readPrefix("skunkwerks__diy-jails__etc_rc.conf.d_sendmail");
    assertThat(sendmail.names()).hasSize(4);
    assertThat(sendmail.values().values()).containsOnly("NO");
  }

  @Test
  void vbotkaFlavourHasTwoKnobs() throws IOException {
    RcConf rc = readPrefix("vbotka__");
    assertThat(rc.values())
        .containsExactly(Map.entry("sshd_enable", "YES"), Map.entry("syslogd_flags", "-ss"));
  }

  private static List<String> lines(String text) {
    return Arrays.asList(text.split("\n", -1));
  }
}
