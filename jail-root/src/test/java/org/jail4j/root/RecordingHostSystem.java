package org.jail4j.root;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.jail4j.spi.CommandSpec;
import org.jail4j.spi.HostSystem;
import org.jail4j.spi.InMemoryOutput;
import org.jail4j.spi.IpAlias;
import org.jail4j.spi.MountRequest;
import org.jspecify.annotations.Nullable;

/**
 * A small host for root tests: records host commands and answers them from scripted replies (first
 * matching rule wins; exit 0 with no output otherwise), keeps a mount table.
 */
final class RecordingHostSystem implements HostSystem {

  record Reply(int exit, String stdout, String stderr) {
    static Reply ok(String stdout) {
      return new Reply(0, stdout, "");
    }

    static Reply fail(int exit, String stderr) {
      return new Reply(exit, "", stderr);
    }
  }

  private record Rule(Predicate<CommandSpec> when, Reply reply) {}

  final List<CommandSpec> commands = new CopyOnWriteArrayList<>();
  final List<MountRequest> mounted = new CopyOnWriteArrayList<>();
  private final List<Rule> rules = new ArrayList<>();
  private boolean noSuchProgram;
  private boolean inMemory;

  RecordingHostSystem on(String commandLinePrefix, Reply reply) {
    rules.add(new Rule(c -> c.commandLine().startsWith(commandLinePrefix), reply));
    return this;
  }

  /** Every command fails to start, as when the program is not installed. */
  RecordingHostSystem withoutPrograms() {
    noSuchProgram = true;
    return this;
  }

  /** Every command's output is handed over in memory ({@link InMemoryOutput}). */
  RecordingHostSystem withOutputInMemory() {
    inMemory = true;
    return this;
  }

  List<String> commandLines() {
    List<String> out = new ArrayList<>();
    for (CommandSpec c : commands) {
      out.add(c.commandLine());
    }
    return out;
  }

  @Override
  public Process startOnHost(CommandSpec command) throws java.io.IOException {
    if (noSuchProgram) {
      throw new java.io.IOException("Cannot run program \"" + command.argv().get(0) + "\"");
    }
    commands.add(command);
    Reply reply = new Reply(0, "", "");
    for (Rule r : rules) {
      if (r.when().test(command)) {
        reply = r.reply();
        break;
      }
    }
    return inMemory ? new InMemoryProcess(reply) : new FinishedProcess(reply);
  }

  @Override
  public Process startInJail(int jid, CommandSpec command) {
    throw new UnsupportedOperationException("root tests run nothing inside jails");
  }

  @Override
  public void mount(MountRequest request) {
    mounted.add(request);
  }

  @Override
  public void unmount(String target, boolean force) {
    mounted.removeIf(m -> m.target().equals(target));
  }

  @Override
  public List<MountRequest> mounts() {
    return List.copyOf(mounted);
  }

  @Override
  public void addAlias(IpAlias alias) {}

  @Override
  public void removeAlias(IpAlias alias) {}

  @Override
  public List<IpAlias> aliases() {
    return List.of();
  }

  @Override
  public String createInterface(String type, @Nullable String name) {
    return name == null ? type + "0" : name;
  }

  @Override
  public void destroyInterface(String name) {}

  @Override
  public void ifconfig(List<String> args) {}

  @Override
  public List<String> interfaces() {
    return List.of();
  }

  /** A finished process whose output is read through its in-memory bytes, never its streams. */
  private static final class InMemoryProcess extends Process implements InMemoryOutput {
    private final Reply reply;

    InMemoryProcess(Reply reply) {
      this.reply = reply;
    }

    @Override
    public byte[] stdoutBytes() {
      return reply.stdout().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] stderrBytes() {
      return reply.stderr().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public OutputStream getOutputStream() {
      return new ByteArrayOutputStream();
    }

    @Override
    public InputStream getInputStream() {
      throw new AssertionError("an in-memory process's stdout is read from stdoutBytes()");
    }

    @Override
    public InputStream getErrorStream() {
      throw new AssertionError("an in-memory process's stderr is read from stderrBytes()");
    }

    @Override
    public int waitFor() {
      return reply.exit();
    }

    @Override
    public int exitValue() {
      return reply.exit();
    }

    @Override
    public void destroy() {}
  }

  private static final class FinishedProcess extends Process {
    private final Reply reply;
    private final InputStream out;
    private final InputStream err;

    FinishedProcess(Reply reply) {
      this.reply = reply;
      this.out = new ByteArrayInputStream(reply.stdout().getBytes(StandardCharsets.UTF_8));
      this.err = new ByteArrayInputStream(reply.stderr().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public OutputStream getOutputStream() {
      return new ByteArrayOutputStream();
    }

    @Override
    public InputStream getInputStream() {
      return out;
    }

    @Override
    public InputStream getErrorStream() {
      return err;
    }

    @Override
    public int waitFor() {
      return reply.exit();
    }

    @Override
    public int exitValue() {
      return reply.exit();
    }

    @Override
    public void destroy() {}
  }
}
