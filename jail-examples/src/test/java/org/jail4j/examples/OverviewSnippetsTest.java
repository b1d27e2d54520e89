package org.jail4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.jail4j.Jail;
import org.jail4j.JailHost;
import org.jail4j.RunningJail;
import org.jail4j.param.JailParam;
import org.jail4j.param.JailRequest;
import org.jail4j.param.JailValues;
import org.jail4j.spi.JailFlags;
import org.jail4j.spi.JailKernel;
import org.jail4j.testkit.FakeJailKernel;
import org.junit.jupiter.api.Test;

/** The Java examples of javadoc-overview.html (DocSnippetsTest checks the text). */
class OverviewSnippetsTest {

  @Test
  void quickStart() {
    Snippets.assumeFreeBsdRoot();
    // snippet overview-quick-start spotless:off
    Jail web = Jail.builder()
        .name("web")
        .path("/jail/web")
        .hostname("web.example.org")
        .ip4("em0|192.168.1.4/24")
        .param(JailParam.ALLOW_RAW_SOCKETS, false)
        .mountDevfs(true)
        .addExecStart("/bin/sh /etc/rc")
        .addExecStop("/bin/sh /etc/rc.shutdown")
        .build();                          // every rule that needs no kernel is checked here

    JailHost host = JailHost.local();      // FreeBSD: jail-native-freebsd
    RunningJail running = host.start(web); // what "jail -c web" does
    running.stop();                        // what "jail -r web" does
    // end snippet spotless:on
  }

  @Test
  void lowLevelRequests() {
    JailKernel kernel = FakeJailKernel.create();
    // snippet overview-requests spotless:off
    int jid = JailRequest.create()
        .put(JailParam.NAME, "web").put(JailParam.PERSIST, true)
        .set(kernel, JailFlags.CREATE);
    JailValues v = JailRequest.create().put(JailParam.JID, jid)
        .want(JailParam.IP4_ADDR).get(kernel, 0);
    // end snippet spotless:on
    assertThat(v.jid()).isEqualTo(jid);
  }
}
