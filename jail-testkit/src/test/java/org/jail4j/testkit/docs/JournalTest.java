package org.jail4j.testkit.docs;

import static org.assertj.core.api.Assertions.assertThat;

import org.jail4j.Jail;
import org.jail4j.JailHost;
import org.jail4j.RunningJail;
import org.jail4j.param.JailParam;
import org.jail4j.spi.JailFlags;
import org.jail4j.testkit.Journal;
import org.jail4j.testkit.junit.FakeJails;
import org.junit.jupiter.api.Test;

// The example docs/TESTKIT.md shows (DocSnippetsTest checks the text).
// snippet testkit-journal spotless:off
@FakeJails
class JournalTest {
  @Test
  void execStopRunsBeforeJailRemoveAndTheUpdateSendsTheNoName(JailHost host, Journal journal) {
    Jail web =
        Jail.builder()
            .name("web")
            .path("/jail/web")
            .persist(true)
            .addExecStop("/bin/sh /etc/rc.shutdown")
            .build();
    RunningJail running = host.start(web);
    running.update(JailParam.ALLOW_RAW_SOCKETS, false);
    running.stop();

    assertThat(journal.indexOf(Journal.step("/etc/rc.shutdown")))
        .isNotNegative()
        .isLessThan(journal.indexOf(Journal.call("jail_remove")));
    assertThat(journal.kernelCalls("jail_set"))
        .filteredOn(call -> (call.flags() & JailFlags.UPDATE) != 0)
        .anySatisfy(call -> assertThat(call.sent("allow.noraw_sockets")).isTrue());
    assertThat(journal.kernelCalls("jail_remove"))
        .singleElement()
        .satisfies(call -> assertThat(call.arg()).isEqualTo(running.jid()));
  }
}
// end snippet spotless:on
