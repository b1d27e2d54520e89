package org.jail4j;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * A command running inside a jail, as {@code jexec} started it: its stdin, stdout and stderr, its
 * exit status once it ends, and a way to kill it. Closing the handle kills a process that is still
 * running.
 *
 * <pre>{@code
 * try (JailProcess p = web.exec(CommandSpec.of("/bin/cat"))) {
 *   p.stdin().write("hello\n".getBytes(UTF_8));
 *   p.stdin().close();
 *   String echoed = new String(p.stdout().readAllBytes(), UTF_8);
 *   int status = p.waitFor();
 * }
 * }</pre>
 */
public final class JailProcess implements AutoCloseable {
  private final int jid;
  private final String commandLine;
  private final Process process;

  JailProcess(int jid, String commandLine, Process process) {
    this.jid = jid;
    this.commandLine = commandLine;
    this.process = Objects.requireNonNull(process, "process");
  }

  Process process() {
    return process;
  }

  /** The jail it runs in. */
  public int jid() {
    return jid;
  }

  /** The command line, for messages. */
  public String commandLine() {
    return commandLine;
  }

  /** The process's standard input. */
  public OutputStream stdin() {
    return process.getOutputStream();
  }

  /** The process's standard output. */
  public InputStream stdout() {
    return process.getInputStream();
  }

  /** The process's standard error. */
  public InputStream stderr() {
    return process.getErrorStream();
  }

  /** True while it runs. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Waits for the end and returns the exit status.
   *
   * @return the exit status
   * @throws JailException when the waiting thread is interrupted (the interrupt flag is kept)
   */
  public int waitFor() {
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JailException("exec", null, "interrupted while waiting for " + commandLine);
    }
  }

  /**
   * Waits at most {@code timeout} for the end.
   *
   * @param timeout how long to wait
   * @return the exit status, or empty when it still runs
   * @throws JailException when the waiting thread is interrupted
   */
  public OptionalInt waitFor(Duration timeout) {
    try {
      return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)
          ? OptionalInt.of(process.exitValue())
          : OptionalInt.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JailException("exec", null, "interrupted while waiting for " + commandLine);
    }
  }

  /** The exit status once it has ended, empty while it runs. */
  public OptionalInt exitCode() {
    return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
  }

  /** Kills it (SIGKILL). */
  public void kill() {
    process.destroyForcibly();
  }

  /** Kills it when it still runs. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }

  @Override
  public String toString() {
    return "JailProcess[jid=" + jid + ", " + commandLine + "]";
  }
}
