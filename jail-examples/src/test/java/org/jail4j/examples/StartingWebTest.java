package org.jail4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jail4j.Jail;
import org.jail4j.JailHost;
import org.jail4j.RunningJail;
import org.jail4j.spi.IpAlias;
import org.jail4j.testkit.FakeHostSystem;
import org.jail4j.testkit.RecordedCommand;
import org.jail4j.testkit.junit.FakeJails;
import org.junit.jupiter.api.Test;

// The test docs/TESTKIT.md shows (DocSnippetsTest checks the text).
// snippet testkit-test spotless:off
@FakeJails
class StartingWebTest {
  @Test
  void startingWebAddsItsAliasAndRunsRc(JailHost host, FakeHostSystem fake) {
    Jail web = Jail.builder().name("web").path("/jail/web").ip4("192.0.2.4").iface("em0")
        .persist(true).addExecStart("/bin/sh /etc/rc").build();
    try (RunningJail running = host.start(web)) {
      assertThat(fake.aliases()).extracting(IpAlias::addressText).containsExactly("192.0.2.4");
      assertThat(fake.jailCommands(running.jid())).extracting(RecordedCommand::argv)
          .containsExactly(List.of("/bin/sh", "/etc/rc"));
    }
  }
}
// end snippet spotless:on
