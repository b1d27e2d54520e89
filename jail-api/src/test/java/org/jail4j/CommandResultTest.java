package org.jail4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link CommandResult}: the one result type, its factories and its timeout rule. */
class CommandResultTest {

  @Test
  void exitCodeOfAScriptedAnswerIsOneByte() {
    assertThat(CommandResult.exit(255).exitCode()).isEqualTo(255);
    assertThatThrownBy(() -> CommandResult.exit(256))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("exit code 256 is outside 0..255 (an exit status is one byte)");
    assertThatThrownBy(() -> CommandResult.exit(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exit code -1");
  }

  @Test
  void aKilledCommandKeepsWhatTheKillLeftAndIsNoSuccess() {
    CommandResult killed = new CommandResult(0, "", "", Duration.ofSeconds(1), true);
    CommandResult unreaped =
        new CommandResult(CommandResult.NOT_REAPED, "", "", Duration.ofSeconds(1), true);

    assertThat(killed.isSuccess()).isFalse();
    assertThat(unreaped.exitCode()).isEqualTo(-1);
    assertThat(CommandResult.success().isSuccess()).isTrue();
  }

  @Test
  void negativeDurationIsRejectedNamingIt() {
    assertThatThrownBy(() -> CommandResult.success().duration(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("duration PT-0.001S is negative");
  }

  @Test
  void withersChangeOnePartAndOutputIsStdoutThenStderr() {
    CommandResult r =
        CommandResult.exit(2).stdout("out\n").stderr("err\n").duration(Duration.ofMillis(5));

    assertThat(r).isEqualTo(new CommandResult(2, "out\n", "err\n", Duration.ofMillis(5), false));
    assertThat(r.output()).isEqualTo("out\nerr\n");
    assertThat(r.isSuccess()).isFalse();
  }
}
