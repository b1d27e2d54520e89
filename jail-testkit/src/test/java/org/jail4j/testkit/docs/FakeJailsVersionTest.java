package org.jail4j.testkit.docs;

import static org.assertj.core.api.Assertions.assertThat;

import org.jail4j.FreeBsdVersion;
import org.jail4j.JailHost;
import org.jail4j.testkit.junit.FakeJails;
import org.junit.jupiter.api.Test;

// The example docs/TESTKIT.md shows (DocSnippetsTest checks the text).
// snippet testkit-version spotless:off
@FakeJails(version = FreeBsdVersion.V15)
class FakeJailsVersionTest {
  @Test
  void fifteenHasJailDescriptorsAndMeta(JailHost host) {
    assertThat(host.capabilities().version()).isEqualTo(FreeBsdVersion.V15);
    assertThat(host.capabilities().version().hasJailDescriptors()).isTrue();
    assertThat(host.kernel().param("meta")).isPresent();
  }

  @Test
  @FakeJails(version = FreeBsdVersion.V13)
  void thirteenHasNeither(JailHost host) {
    assertThat(host.capabilities().version().hasJailDescriptors()).isFalse();
    assertThat(host.kernel().param("meta")).isEmpty();
  }
}
// end snippet spotless:on
