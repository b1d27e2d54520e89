package org.jail4j.testkit.docs;

import static org.assertj.core.api.Assertions.assertThat;

import org.jail4j.Jail;
import org.jail4j.JailHost;
import org.jail4j.RunningJail;
import org.jail4j.testkit.RawCall;
import org.jail4j.testkit.junit.FakeJails;
import org.junit.jupiter.api.Test;

// The example docs/TESTKIT.md shows (DocSnippetsTest checks the text).
// snippet testkit-securelevel spotless:off
@FakeJails(securelevel = 2)
class FakeJailsSecurelevelTest {
  @Test
  void newJailsStartAtTheHostsSecurelevel(JailHost host) {
    try (RunningJail web = host.start(Jail.builder().name("web").path("/").persist(true).build())) {
      RawCall.Result r =
          RawCall.get(host.kernel()).param("jid", web.jid()).want("securelevel").call();
      assertThat(r.intValue("securelevel")).isEqualTo(2);
    }
  }
}
// end snippet spotless:on
