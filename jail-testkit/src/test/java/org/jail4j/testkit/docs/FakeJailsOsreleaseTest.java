package org.jail4j.testkit.docs;

import static org.assertj.core.api.Assertions.assertThat;

import org.jail4j.FreeBsdVersion;
import org.jail4j.Jail;
import org.jail4j.JailHost;
import org.jail4j.RunningJail;
import org.jail4j.testkit.RawCall;
import org.jail4j.testkit.junit.FakeJails;
import org.junit.jupiter.api.Test;

// The example docs/TESTKIT.md shows (DocSnippetsTest checks the text).
// snippet testkit-osrelease spotless:off
@FakeJails(version = FreeBsdVersion.V14, osrelease = "14.2-RELEASE-p3", osreldate = 1402000)
class FakeJailsOsreleaseTest {
  @Test
  void theHostAndItsJailsReportThatRelease(JailHost host) {
    assertThat(host.capabilities().osrelease()).isEqualTo("14.2-RELEASE-p3");
    assertThat(host.capabilities().osreldate()).isEqualTo(1402000);
    try (RunningJail web = host.start(Jail.builder().name("web").path("/").persist(true).build())) {
      RawCall.Result r =
          RawCall.get(host.kernel())
              .param("jid", web.jid())
              .want("osrelease")
              .want("osreldate")
              .call();
      assertThat(r.stringValue("osrelease")).isEqualTo("14.2-RELEASE-p3");
      assertThat(r.intValue("osreldate")).isEqualTo(1402000);
    }
  }
}
// end snippet spotless:on
