package org.jail4j.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jail4j.CommandResult;
import org.jail4j.spi.InMemoryOutput;
import org.jspecify.annotations.Nullable;

/**
 * Waits for a started process with an optional timeout while draining its stdout and stderr on
 * {@link DrainPool} threads (so a chatty command never blocks on a full pipe), killing it when the
 * timeout passes. A process whose output is already in memory ({@link InMemoryOutput}) is read on
 * the waiting thread and needs no drain at all.
 *
 * <pre>{@code
 * CommandResult r = ProcessRun.await(process, Duration.ofSeconds(30));
 * if (r.timedOut()) { ... }
 * }</pre>
 */
public final class ProcessRun {
  private ProcessRun() {}

  /**
   * Closes the process's stdin, drains its output and waits for it.
   *
   * @param process the process
   * @param timeout the longest it may run, or null for no limit
   * @return what came of it (stdout and stderr read as UTF-8, malformed bytes replaced; after a
   *     kill, the exit code follows {@link CommandResult}'s timeout rule)
   * @throws InterruptedException when the waiting thread is interrupted (the process is killed)
   */
  public static CommandResult await(Process process, @Nullable Duration timeout)
      throws InterruptedException {
    long start = System.nanoTime();
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // a process that already closed its stdin is fine
    }
    InMemoryOutput inMemory = process instanceof InMemoryOutput m ? m : null;
    Drain out = inMemory == null ? Drain.start(process.getInputStream()) : null;
    Drain err = inMemory == null ? Drain.start(process.getErrorStream()) : null;
    boolean timedOut = false;
    try {
      if (timeout == null) {
        process.waitFor();
      } else if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        timedOut = true;
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      throw e;
    }
    String stdout;
    String stderr;
    if (inMemory != null) {
      stdout = new String(inMemory.stdoutBytes(), StandardCharsets.UTF_8);
      stderr = new String(inMemory.stderrBytes(), StandardCharsets.UTF_8);
    } else {
      stdout = out == null ? "" : out.finish();
      stderr = err == null ? "" : err.finish();
    }
    int code = process.isAlive() ? CommandResult.NOT_REAPED : process.exitValue();
    return new CommandResult(
        code, stdout, stderr, Duration.ofNanos(System.nanoTime() - start), timedOut);
  }

  /**
   * Lets a background command run on without waiting for it: its stdin is closed and its output is
   * read and discarded on {@link DrainPool} threads, so it never blocks on a full pipe. A process
   * whose output is in memory ({@link InMemoryOutput}) has nothing to drain.
   *
   * @param process the process
   */
  public static void detach(Process process) {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // already closed by the process: nothing to do
    }
    if (process instanceof InMemoryOutput) {
      return;
    }
    discard(process.getInputStream());
    discard(process.getErrorStream());
  }

  private static void discard(InputStream in) {
    // nobody waits for discarded output; the task ends with the stream and reports nothing
    Future<?> unused =
        DrainPool.submit(
            () -> {
              byte[] chunk = new byte[8192];
              try (InputStream s = in) {
                while (s.read(chunk) >= 0) {
                  // discarded: nobody waits for a background command's output
                }
              } catch (IOException e) {
                // the process ended or was killed
              }
            });
  }

  /** A pooled reader copying one stream into memory. */
  private static final class Drain implements Runnable {
    private final InputStream in;
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private @Nullable Future<?> done;

    private Drain(InputStream in) {
      this.in = in;
    }

    static Drain start(InputStream in) {
      Drain d = new Drain(in);
      d.done = DrainPool.submit(d);
      return d;
    }

    @Override
    public void run() {
      byte[] chunk = new byte[8192];
      try (InputStream s = in) {
        int n;
        while ((n = s.read(chunk)) >= 0) {
          synchronized (buf) {
            buf.write(chunk, 0, n);
          }
        }
      } catch (IOException e) {
        // the stream closes under us when the process is killed: keep what was read
      }
    }

    String finish() throws InterruptedException {
      Future<?> f = done;
      if (f != null) {
        try {
          f.get(5, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
          // a descendant still holds the pipe open: keep what was read so far
        } catch (ExecutionException e) {
          // run() catches the stream's errors; keep what was read
        }
      }
      synchronized (buf) {
        return buf.toString(StandardCharsets.UTF_8);
      }
    }
  }
}
