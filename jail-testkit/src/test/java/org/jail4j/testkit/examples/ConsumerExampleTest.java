package org.jail4j.testkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.jail4j.CommandResult;
import org.jail4j.Jail;
import org.jail4j.JailHost;
import org.jail4j.JailProcess;
import org.jail4j.RunningJail;
import org.jail4j.spi.IpAlias;
import org.jail4j.spi.MountRequest;
import org.jail4j.testkit.FakeHostSystem;
import org.jail4j.testkit.FakeJailKernel;
import org.jail4j.testkit.RecordedCommand;
import org.jail4j.testkit.junit.FakeJails;
import org.junit.jupiter.api.Test;

/**
 * The consumer's unit test shown in docs/TESTKIT.md, kept compiling and green, and the jail(8)
 * lifecycle running over the fake host end to end.
 */
@FakeJails
class ConsumerExampleTest {
  @Test
  void startingWebAddsItsAliasAndRunsRc(JailHost host, FakeHostSystem fake) {
    Jail web =
        Jail.builder()
            .name("web")
            .path("/jail/web")
            .ip4("192.0.2.4")
            .iface("em0")
            .persist(true)
            .addExecStart("/bin/sh /etc/rc")
            .build();
    try (RunningJail running = host.start(web)) {
      assertThat(fake.aliases()).extracting(IpAlias::addressText).containsExactly("192.0.2.4");
      assertThat(fake.jailCommands(running.jid()))
          .extracting(RecordedCommand::argv)
          .containsExactly(List.of("/bin/sh", "/etc/rc"));
    }
  }

  @Test
  void stoppingSignalsTheJailsProcessesAndLeavesNothingBehind(
      JailHost host, FakeHostSystem fake, FakeJailKernel kernel) {
    fake.onCommand("sleep", CommandResult.exit(0).duration(Duration.ofHours(1)));
    Jail web =
        Jail.builder()
            .name("web")
            .path("/jail/web")
            .ip4("192.0.2.4")
            .iface("em0")
            .persist(true)
            .mountDevfs(true)
            .build();
    RunningJail running = host.start(web);
    JailProcess sleeper = running.exec("sleep", "3600");

    assertThat(fake.mounts()).extracting(MountRequest::target).containsExactly("/jail/web/dev");
    assertThat(kernel.processes(running.jid())).hasSize(1);
    running.stop();

    assertThat(sleeper.waitFor(Duration.ofSeconds(5))).isPresent();
    assertThat(fake.leftovers().isEmpty()).as(fake.leftovers().describe()).isTrue();
  }
}
