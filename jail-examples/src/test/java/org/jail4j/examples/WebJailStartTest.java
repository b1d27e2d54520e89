package org.jail4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.jail4j.Jail;
import org.jail4j.JailHost;
import org.jail4j.RunningJail;
import org.jail4j.param.JailParam;
import org.jail4j.testkit.junit.FakeJails;
import org.junit.jupiter.api.Test;

// The test javadoc-overview.html shows (DocSnippetsTest checks the text).
// snippet overview-test spotless:off
@FakeJails
class WebJailStartTest {
  @Test
  void webStarts(JailHost host) {
    Jail web = Jail.builder()
        .name("web")
        .path("/jail/web")
        .hostname("web.example.org")
        .ip4("em0|192.168.1.4/24")
        .param(JailParam.ALLOW_RAW_SOCKETS, false)
        .mountDevfs(true)
        .addExecStart("/bin/sh /etc/rc")
        .addExecStop("/bin/sh /etc/rc.shutdown")
        .persist(true)
        .build();
    try (RunningJail running = host.start(web)) { // stopped at the end: no mount or alias left
      assertThat(running.jid()).isPositive();
    }
  }
}
// end snippet spotless:on
