package org.example.webjail;

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

// docs/TESTKIT.md, "A consumer's unit test", as written there
@FakeJails
class WebJailTest {
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

  // the same through the user's own code, and the alias is gone once the jail is stopped
  @Test
  void theUsersOwnCodeStartsAndStopsWeb(JailHost host, FakeHostSystem fake) {
    try (RunningJail running = WebJail.start(host, "192.0.2.5")) {
      assertThat(running.name()).isEqualTo("web");
      assertThat(running.isAlive()).isTrue();
    }
    assertThat(fake.aliases()).isEmpty();
  }
}
