package org.jail4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FreeBsdVersionTest {

  @Test
  void laterReleasesOfAFamilyAndLaterFamiliesTakeTheNewestBehaviour() {
    FreeBsdVersion v151 = FreeBsdVersion.fromOsreldate(1501000);
    FreeBsdVersion v16 = FreeBsdVersion.fromOsreldate(1600010);
    assertThat(v151).isEqualTo(FreeBsdVersion.V15);
    assertThat(v16).isEqualTo(FreeBsdVersion.V15);
    assertThat(v151.hasJailDescriptors()).isTrue();
    assertThat(v16.hasMetaAndEnv()).isTrue();
    assertThat(FreeBsdVersion.fromOsreldate(1205000)).isEqualTo(FreeBsdVersion.V13);
  }

  @Test
  void featureQuestionsFollowTheFactSheet() {
    assertThat(FreeBsdVersion.V13.jailSetMask()).isEqualTo(0x0f);
    assertThat(FreeBsdVersion.V14.jailGetMask()).isEqualTo(0x08);
    assertThat(FreeBsdVersion.V15.jailSetMask()).isEqualTo(0xff);
    assertThat(FreeBsdVersion.V15.jailGetMask()).isEqualTo(0xf8);
    assertThat(FreeBsdVersion.V14.revivesDyingJails()).isTrue();
    assertThat(FreeBsdVersion.V15.revivesDyingJails()).isFalse();
    assertThat(FreeBsdVersion.V13.checksPrivilegeBeforeFlags()).isTrue();
    assertThat(FreeBsdVersion.V15.checksPrivilegeBeforeFlags()).isFalse();
    assertThat(FreeBsdVersion.V14.hasMetaAndEnv()).isFalse();
    assertThat(FreeBsdVersion.V14.macDoParameter()).isEqualTo("mdo");
    assertThat(FreeBsdVersion.V15.macDoParameter()).isEqualTo("mac.do");
  }

  @Test
  void orderIsByRelease() {
    assertThat(FreeBsdVersion.V14.isAtLeast(FreeBsdVersion.V13)).isTrue();
    assertThat(FreeBsdVersion.V14.isAtLeast(FreeBsdVersion.V14)).isTrue();
    assertThat(FreeBsdVersion.V14.isAtLeast(FreeBsdVersion.V15)).isFalse();
  }
}
