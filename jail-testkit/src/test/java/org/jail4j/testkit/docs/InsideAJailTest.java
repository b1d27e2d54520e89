package org.jail4j.testkit.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jail4j.Jail;
import org.jail4j.JailHost;
import org.jail4j.RunningJail;
import org.jail4j.param.JailParam;
import org.jail4j.testkit.FakeJail;
import org.jail4j.testkit.FakeJailKernel;
import org.jail4j.testkit.FakeJailProvider;
import org.jail4j.testkit.RecordedCommand;
import org.jail4j.testkit.junit.FakeJails;
import org.junit.jupiter.api.Test;

// The example docs/TESTKIT.md shows (DocSnippetsTest checks the text).
// snippet testkit-inside-a-jail spotless:off
@FakeJails
class InsideAJailTest {
  @Test
  void aJailStartsItsOwnChild(JailHost host, FakeJailProvider fake, FakeJailKernel kernel) {
    Jail build =
        Jail.builder()
            .name("build")
            .path("/jails/build")
            .persist(true)
            .param(JailParam.CHILDREN_MAX, 4)
            .build();
    try (RunningJail parent = host.start(build)) {
      JailHost inside = JailHost.using(fake.inJail(parent.jid()));
      Jail job =
          Jail.builder()
              .name("job1")
              .path("/job1")
              .persist(true)
              .addExecStart("/bin/sh /etc/rc")
              .build();
      try (RunningJail child = inside.start(job)) {
        assertThat(child.name()).isEqualTo("job1");
        assertThat(kernel.jail(child.jid())).map(FakeJail::name).contains("build.job1");
        assertThat(fake.fakeHost().jailCommands(child.jid()))
            .extracting(RecordedCommand::argv)
            .containsExactly(List.of("/bin/sh", "/etc/rc"));
      }
      assertThat(kernel.jails()).extracting(FakeJail::name).containsExactly("build");
    }
  }
}
// end snippet spotless:on
