package org.example.webjail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.util.Optional;
import org.jail4j.CommandResult;
import org.jail4j.Errno;
import org.jail4j.JailException;
import org.jail4j.JailHost;
import org.jail4j.RunningJail;
import org.jail4j.testkit.FakeHostSystem;
import org.jail4j.testkit.FakeJailKernel;
import org.jail4j.testkit.FakeJailProvider;
import org.jail4j.testkit.PathCheck;
import org.junit.jupiter.api.Test;

// docs/TESTKIT.md, "Without JUnit, the same fakes are plain objects", "The fake host" and
// "Fault injection", as written there
class PlainFakesTest {
  private final FakeJailKernel kernel =
      FakeJailKernel.builder().paths(PathCheck.anyDirectory()).build();
  private final FakeHostSystem fake = new FakeHostSystem(kernel, PathCheck.anyDirectory());
  private final JailHost host = JailHost.using(new FakeJailProvider(kernel, fake));

  @Test
  void aCommandInTheJailGetsTheRegisteredAnswer() {
    fake.onCommand(
        FakeHostSystem.programIs("hostname"),
        cmd -> CommandResult.exit(0).stdout("jail " + cmd.jid()));
    try (RunningJail running = WebJail.start(host, "192.0.2.6")) {
      CommandResult result = running.run(Duration.ofSeconds(5), "hostname");
      assertThat(result.exitCode()).isZero();
      assertThat(result.stdout()).isEqualTo("jail " + running.jid());
    }
  }

  @Test
  void anInjectedAliasFailureIsATypedErrorAndLeavesNothingBehind() {
    fake.failNextAlias(Errno.EADDRINUSE);
    assertThatExceptionOfType(JailException.class)
        .isThrownBy(() -> WebJail.start(host, "192.0.2.7"))
        .satisfies(e -> assertThat(e.errno()).isEqualTo(Optional.of(Errno.EADDRINUSE)));
    assertThat(fake.aliases()).isEmpty();
    assertThat(fake.leftovers().isEmpty()).isTrue();
  }
}
