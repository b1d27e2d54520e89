package org.jail4j.testkit.docs;

import static org.assertj.core.api.Assertions.assertThat;

import org.jail4j.JailHost;
import org.jail4j.testkit.junit.FakeJails;
import org.junit.jupiter.api.Test;

// The example docs/TESTKIT.md shows (DocSnippetsTest checks the text).
// snippet testkit-modules spotless:off
@FakeJails(modules = {"sysvmsg", "nullfs"})
class FakeJailsModulesTest {
  @Test
  void loadedModulesAddTheirParameters(JailHost host) {
    assertThat(host.capabilities().modules()).contains("sysvmsg", "nullfs");
    assertThat(host.kernel().param("sysvmsg")).isPresent();
    assertThat(host.kernel().param("allow.mount.nullfs")).isPresent();
    assertThat(host.kernel().param("allow.mount.tmpfs")).isEmpty();
  }
}
// end snippet spotless:on
