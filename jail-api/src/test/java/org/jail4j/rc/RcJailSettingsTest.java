package org.jail4j.rc;

import static org.assertj.core.api.Assertions.assertThat;

import org.jail4j.Corpus;
import org.junit.jupiter.api.Test;

class RcJailSettingsTest {

  private static RcConf corpus(String name) {
    return RcConf.read(Corpus.resolve("rcconf-real/" + name));
  }

  @Test
  void defaultsDisableJailsAndReadEtcJailConf() {
    RcJailSettings s = RcJailSettings.of();
    assertThat(s.enabled()).isFalse();
    assertThat(s.list()).isEmpty();
    assertThat(s.conf()).isEqualTo("/etc/jail.conf");
    assertThat(s.confWarn()).isTrue();
    assertThat(s.parallelStart()).isFalse();
    assertThat(s.reverseStop()).isFalse();
  }

  @Test
  void defaultsMatchTheCorpusExcerptOfDefaultsRcConf() {
    RcConf excerpt = corpus("freebsd__freebsd-src__libexec_rc_rc.conf.jail-section-excerpt");
    assertThat(excerpt.values()).isEqualTo(RcJailSettings.DEFAULTS);
  }

  @Test
  void legunStartsOnlyWwwFromJailConf() {
    RcJailSettings s = RcJailSettings.of(corpus("Legun__freebsd-Jail-config__rc.conf"));
    assertThat(s.enabled()).isTrue();
    assertThat(s.list()).containsExactly("www");
    assertThat(s.usesLegacyVariables("www")).isFalse();
    assertThat(s.configFiles("www"))
        .containsExactly("/etc/jail.www.conf", "/etc/jail.conf.d/www.conf", "/etc/jail.conf");
  }

  @Test
  void joeStartsEveryJailOneAtATime() {
    RcJailSettings s = RcJailSettings.of(corpus("JozanLeClerc__joe-conf__etc_rc.conf"));
    assertThat(s.enabled()).isTrue();
    assertThat(s.list()).isEmpty();
    assertThat(s.parallelStart()).isFalse();
  }

  @Test
  void upstreamExampleConfiguresXxxThroughLegacyVariables() {
    RcJailSettings s =
        RcJailSettings.of(corpus("freebsd__freebsd-src__share_examples_jails_rc.conf.jails"));
    assertThat(s.list()).containsExactly("XXX");
    assertThat(s.usesLegacyVariables("XXX")).isTrue();
    assertThat(s.legacy("XXX", "hostname")).contains("XXX.YYY");
    assertThat(s.legacy("XXX", "rootdir")).contains("/vm/XXX");
    assertThat(s.legacy("XXX", "devfs_enable")).contains("YES");
    assertThat(s.legacyVnetInterfaces("XXX")).containsExactly("ng0_XXX");
    assertThat(s.legacyList("XXX", "exec_prestart")).containsExactly("jng bridge XXX em0");
    assertThat(s.legacyList("XXX", "exec_poststop")).containsExactly("jng shutdown XXX");
  }

  @Test
  void pluralVnetInterfacesIsNeverRead() {
    RcJailSettings s = RcJailSettings.of(RcConf.parse("jail_a_vnet_interfaces=\"epair0b\"\n"));
    assertThat(s.legacyVnetInterfaces("a")).isEmpty();
  }

  @Test
  void legacyListStopsAtTheFirstGapAfterIndexOne() {
    RcJailSettings s =
        RcJailSettings.of(
            RcConf.parse("jail_a_exec_prestart1=\"one\"\njail_a_exec_prestart3=\"three\"\n"));
    assertThat(s.legacyList("a", "exec_prestart")).containsExactly("one");
  }

  @Test
  void legacyListIndexZeroIsOptional() {
    RcJailSettings s =
        RcJailSettings.of(
            RcConf.parse("jail_a_exec_prestart0=\"zero\"\njail_a_exec_prestart1=\"one\"\n"));
    assertThat(s.legacyList("a", "exec_prestart")).containsExactly("zero", "one");
  }

  @Test
  void perJailValueFallsBackToTheGlobalOne() {
    RcJailSettings s =
        RcJailSettings.of(RcConf.parse("jail_devfs_enable=\"YES\"\njail_b_devfs_enable=\"NO\"\n"));
    assertThat(s.legacy("a", "devfs_enable")).contains("YES");
    assertThat(s.legacy("b", "devfs_enable")).contains("NO");
  }

  @Test
  void namesAreMangledForJailNamesAndVariableInfixes() {
    assertThat(RcJailSettings.jailName("web/app.v2")).isEqualTo("web_app_v2");
    assertThat(RcJailSettings.variableInfix("web-app.v2")).isEqualTo("web_app_v2");
  }

  @Test
  void rcConfLocalOverridesRcConf() {
    RcJailSettings s =
        RcJailSettings.of(
            RcConf.parse("jail_enable=\"YES\"\njail_list=\"a b\"\n"),
            RcConf.parse("jail_list=\"c\"\njail_parallel_start=\"YES\"\n"));
    assertThat(s.list()).containsExactly("c");
    assertThat(s.parallelStart()).isTrue();
  }
}
