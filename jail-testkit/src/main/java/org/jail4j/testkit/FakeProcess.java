package org.jail4j.testkit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jail4j.CommandResult;
import org.jail4j.spi.InMemoryOutput;
import org.jspecify.annotations.Nullable;

/**
 * A scripted process started by {@link FakeHostSystem}: a real {@link Process} whose output, exit
 * code and run time come from a {@link CommandResult}. An in-jail process is also a process of its
 * jail in the {@link FakeJailKernel} for as long as it runs, so a jail without {@code persist} dies
 * when its last such process exits (freebsd-jail-abi.md §3.5).
 *
 * <pre>{@code
 * Process p = host.startInJail(jid, CommandSpec.of("/bin/sleep", "5"));
 * p.destroy();
 * p.waitFor();        // 143: killed by SIGTERM
 * }</pre>
 *
 * <p>When the kernel kills the process (because its jail was removed, which sends SIGKILL, or
 * because {@link FakeJailKernel#signal} terminated it) the process exits with {@code 137} if its
 * jail is no longer alive and {@code 143} otherwise.
 *
 * <p>Its output is in memory from the start ({@link InMemoryOutput}), so waiting for it starts no
 * thread to drain pipes.
 */
public final class FakeProcess extends Process implements InMemoryOutput {
  /** Exit status of a process killed by SIGTERM (15), as sh(1) reports it. */
  public static final int KILLED_BY_SIGTERM = 128 + 15;

  /** Exit status of a process killed by SIGKILL (9), as sh(1) reports it. */
  public static final int KILLED_BY_SIGKILL = 128 + 9;

  private static final long POLL_MILLIS = 10;

  private final RecordedCommand command;
  private final long pid;
  private final CommandResult result;
  private final @Nullable FakeJailKernel kernel;
  private final ByteArrayOutputStream stdin = new ByteArrayOutputStream();
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();
  private @Nullable ScheduledFuture<?> timer;

  /**
   * A process; call {@link #begin} to start its clock.
   *
   * @param command what runs
   * @param pid the process id ({@code kernel}'s pid for an in-jail process)
   * @param result how it ends
   * @param kernel the kernel the process lives in (in-jail processes), or null (host processes)
   */
  FakeProcess(
      RecordedCommand command, long pid, CommandResult result, @Nullable FakeJailKernel kernel) {
    this.command = command;
    this.pid = pid;
    this.result = result;
    this.kernel = kernel;
  }

  void begin(ScheduledExecutorService clock) {
    long nanos = result.duration().toNanos();
    if (nanos == 0) {
      finish(result.exitCode(), true);
      return;
    }
    synchronized (this) {
      timer = clock.schedule(() -> finish(result.exitCode(), true), nanos, TimeUnit.NANOSECONDS);
    }
  }

  /** The command this process runs. */
  public RecordedCommand command() {
    return command;
  }

  /** The bytes written to the process's stdin so far (a copy). */
  public byte[] stdinBytes() {
    synchronized (stdin) {
      return stdin.toByteArray();
    }
  }

  private void finish(int code, boolean exitInKernel) {
    ScheduledFuture<?> t;
    synchronized (this) {
      if (exit.isDone()) {
        return;
      }
      t = timer;
      if (exitInKernel && kernel != null) {
        try {
          kernel.exit((int) pid);
        } catch (RuntimeException alreadyGone) {
          // the kernel already removed the process (jail_remove killed it)
        }
      }
      exit.complete(code);
    }
    if (t != null) {
      t.cancel(false);
    }
  }

  /** Notices that the kernel killed this process (jail_remove, or a signal to the jail). */
  private void pollKernel() {
    FakeJailKernel k = kernel;
    if (k == null || exit.isDone()) {
      return;
    }
    int jid = command.jid();
    boolean present;
    try {
      present = k.processes(jid).contains((int) pid);
    } catch (RuntimeException jailGone) {
      present = false;
    }
    if (!present) {
      boolean jailAlive = k.jails().stream().anyMatch(j -> j.jid() == jid && !j.dying());
      finish(jailAlive ? KILLED_BY_SIGTERM : KILLED_BY_SIGKILL, false);
    }
  }

  @Override
  public OutputStream getOutputStream() {
    return new OutputStream() {
      @Override
      public void write(int b) {
        synchronized (stdin) {
          stdin.write(b);
        }
      }

      @Override
      public void write(byte[] b, int off, int len) {
        synchronized (stdin) {
          stdin.write(b, off, len);
        }
      }
    };
  }

  /** The scripted standard output, UTF-8. */
  @Override
  public byte[] stdoutBytes() {
    return result.stdout().getBytes(StandardCharsets.UTF_8);
  }

  /** The scripted standard error, UTF-8. */
  @Override
  public byte[] stderrBytes() {
    return result.stderr().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public InputStream getInputStream() {
    return new ByteArrayInputStream(result.stdout().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public InputStream getErrorStream() {
    return new ByteArrayInputStream(result.stderr().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int waitFor() throws InterruptedException {
    while (true) {
      pollKernel();
      try {
        return exit.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
      } catch (TimeoutException notYet) {
        // poll the kernel again
      } catch (ExecutionException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Override
  public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    while (true) {
      pollKernel();
      if (exit.isDone()) {
        return true;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      try {
        exit.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS)), TimeUnit.NANOSECONDS);
        return true;
      } catch (TimeoutException notYet) {
        // poll again
      } catch (ExecutionException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Override
  public int exitValue() {
    pollKernel();
    Integer code = exit.getNow(null);
    if (code == null) {
      throw new IllegalThreadStateException("process hasn't exited");
    }
    return code;
  }

  @Override
  public boolean isAlive() {
    pollKernel();
    return !exit.isDone();
  }

  @Override
  public void destroy() {
    finish(KILLED_BY_SIGTERM, true);
  }

  @Override
  public Process destroyForcibly() {
    finish(KILLED_BY_SIGKILL, true);
    return this;
  }

  @Override
  public boolean supportsNormalTermination() {
    return true;
  }

  @Override
  public long pid() {
    return pid;
  }

  @Override
  public String toString() {
    Integer code = exit.getNow(null);
    return "FakeProcess[pid="
        + pid
        + (command.onHost() ? ", host" : ", jail " + command.jid())
        + ", "
        + command.command().commandLine()
        + (code == null ? ", running" : ", exit " + code)
        + "]";
  }
}
