package org.jail4j.testkit.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.jail4j.CommandResult;
import org.jail4j.spi.CommandSpec;
import org.jail4j.testkit.RecordedCommand;
import org.junit.jupiter.api.Test;

class ScriptedCommandsTest {
  private final HostJournal journal = new HostJournal();
  private final ScriptedCommands script = new ScriptedCommands(journal);

  private static RecordedCommand onHost(String... argv) {
    return new RecordedCommand(RecordedCommand.HOST, CommandSpec.of(List.of(argv)));
  }

  @Test
  void unmatchedCommandsGetTheDefaultResult() {
    assertThat(script.record(onHost("true"), "host").exitCode()).isZero();

    script.defaultResult(CommandResult.exit(3));

    assertThat(script.record(onHost("true"), "host").exitCode()).isEqualTo(3);
  }

  @Test
  void theLastMatchingHandlerAnswers() {
    script.onCommand(spec -> true, cmd -> CommandResult.exit(1));
    script.onCommand(spec -> spec.argv().get(0).equals("make"), cmd -> CommandResult.exit(2));

    assertThat(script.record(onHost("make"), "host").exitCode()).isEqualTo(2);
    assertThat(script.record(onHost("ls"), "host").exitCode()).isEqualTo(1);
  }

  @Test
  void aFaultWinsOverHandlersOnce() {
    script.onCommand(spec -> true, cmd -> CommandResult.exit(2));
    script.failNext(spec -> true, 7);

    assertThat(script.record(onHost("make"), "host").exitCode()).isEqualTo(7);
    assertThat(script.record(onHost("make"), "host").exitCode()).isEqualTo(2);
  }

  @Test
  void aHandlerReturningNullIsRefused() {
    script.onCommand(spec -> true, cmd -> null);

    assertThatThrownBy(() -> script.record(onHost("make"), "host"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("a command handler returned null");
  }

  @Test
  void everyCommandIsRecordedAndJournalled() {
    script.record(onHost("make", "all"), "host");
    script.record(new RecordedCommand(3, CommandSpec.of(List.of("ls"))), "jail 3");

    assertThat(script.hostCommands()).extracting(RecordedCommand::program).containsExactly("make");
    assertThat(script.jailCommands(3)).extracting(RecordedCommand::program).containsExactly("ls");
    assertThat(journal.lines()).containsExactly("exec host: make all", "exec jail 3: ls");
  }
}
