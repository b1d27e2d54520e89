package org.jail4j.testkit.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jail4j.CommandResult;
import org.jail4j.spi.CommandSpec;
import org.jail4j.testkit.RecordedCommand;

/**
 * How a fake host's commands end: every command started is recorded, then answered by the oldest
 * matching one-shot fault, else by the most recently registered matching handler, else by the
 * default result (initially exit 0 at once, no output).
 *
 * <pre>{@code
 * ScriptedCommands script = new ScriptedCommands(journal);
 * script.onCommand(spec -> spec.argv().get(0).equals("make"), cmd -> CommandResult.exit(2));
 * script.record(new RecordedCommand(RecordedCommand.HOST, make), "host"); // exit 2
 * }</pre>
 *
 * <p>Safe for concurrent use; predicates and handlers run while the script is locked.
 */
public final class ScriptedCommands {

  private final HostJournal journal;
  private final FaultQueue<CommandSpec, Integer> faults = new FaultQueue<>();

  // Guarded by this.
  private final List<RecordedCommand> commands = new ArrayList<>();
  private final List<Handler> handlers = new ArrayList<>();
  private CommandResult defaultResult = CommandResult.success();

  /**
   * A script with no handlers and no faults.
   *
   * @param journal where each command started is written
   */
  public ScriptedCommands(HostJournal journal) {
    this.journal = Objects.requireNonNull(journal, "journal");
  }

  /**
   * Records a command that starts now, writes {@code exec WHERE: COMMAND LINE} to the journal and
   * answers how it ends.
   *
   * @param recorded the command, with its jail
   * @param where where it runs, as the journal names it: {@code host} or {@code jail JID}
   * @return how it ends
   */
  public synchronized CommandResult record(RecordedCommand recorded, String where) {
    commands.add(recorded);
    journal.add("exec " + where + ": " + recorded.command().commandLine());
    Optional<Integer> fault = faults.take(recorded.command());
    if (fault.isPresent()) {
      return CommandResult.exit(fault.get());
    }
    for (int i = handlers.size() - 1; i >= 0; i--) {
      Handler h = handlers.get(i);
      if (h.when().test(recorded.command())) {
        return Objects.requireNonNull(
            h.answer().apply(recorded), "a command handler returned null");
      }
    }
    return defaultResult;
  }

  /**
   * Answers commands that match the predicate with a result computed from the command; a later
   * handler wins over an earlier one.
   *
   * @param when which commands
   * @param answer computes how each ends; never returns null
   */
  public synchronized void onCommand(
      Predicate<CommandSpec> when, Function<RecordedCommand, CommandResult> answer) {
    handlers.add(new Handler(Objects.requireNonNull(when), Objects.requireNonNull(answer)));
  }

  /**
   * Sets the result of commands no handler matches.
   *
   * @param result the default
   */
  public synchronized void defaultResult(CommandResult result) {
    this.defaultResult = Objects.requireNonNull(result, "result");
  }

  /**
   * Makes the next command that matches exit with this code at once, with no output.
   *
   * @param when which command
   * @param exitCode the exit code, validated as {@link CommandResult#exit} does
   */
  public void failNext(Predicate<CommandSpec> when, int exitCode) {
    CommandResult.exit(exitCode); // validates the code
    faults.add(Objects.requireNonNull(when), exitCode);
  }

  /** Every command started, on the host and in jails, in order. */
  public synchronized List<RecordedCommand> commands() {
    return List.copyOf(commands);
  }

  /** The commands started on the host, in order. */
  public synchronized List<RecordedCommand> hostCommands() {
    return commands.stream().filter(RecordedCommand::onHost).toList();
  }

  /** The commands started inside jails, in order. */
  public synchronized List<RecordedCommand> jailCommands() {
    return commands.stream().filter(c -> !c.onHost()).toList();
  }

  /**
   * The commands started inside one jail, in order.
   *
   * @param jid the jail
   * @return the commands
   */
  public synchronized List<RecordedCommand> jailCommands(int jid) {
    return commands.stream().filter(c -> c.jid() == jid).toList();
  }

  private record Handler(
      Predicate<CommandSpec> when, Function<RecordedCommand, CommandResult> answer) {}
}
