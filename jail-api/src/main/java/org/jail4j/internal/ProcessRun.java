package org.jail4j.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Waits for a started process with an optional timeout while draining its stdout and stderr on two
 * threads (so a chatty command never blocks on a full pipe), killing it when the timeout passes.
 *
 * <pre>{@code
 * ProcessRun r = ProcessRun.await(process, Duration.ofSeconds(30));
 * if (r.timedOut()) { ... }
 * }</pre>
 *
 * @param exitCode the exit status (after a kill, what the kill left)
 * @param stdout what it wrote to stdout (UTF-8, malformed bytes replaced)
 * @param stderr what it wrote to stderr
 * @param duration how long it ran
 * @param timedOut true when it was killed for running past the timeout
 */
public record ProcessRun(
    int exitCode, String stdout, String stderr, Duration duration, boolean timedOut) {

  /**
   * Closes the process's stdin, drains its output and waits for it.
   *
   * @param process the process
   * @param timeout the longest it may run, or null for no limit
   * @return what came of it
   * @throws InterruptedException when the waiting thread is interrupted (the process is killed)
   */
  public static ProcessRun await(Process process, @Nullable Duration timeout)
      throws InterruptedException {
    long start = System.nanoTime();
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // a process that already closed its stdin is fine
    }
    Drain out = Drain.start(process.getInputStream(), "stdout");
    Drain err = Drain.start(process.getErrorStream(), "stderr");
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
    String stdout = out.finish();
    String stderr = err.finish();
    int code = process.isAlive() ? -1 : process.exitValue();
    return new ProcessRun(
        code, stdout, stderr, Duration.ofNanos(System.nanoTime() - start), timedOut);
  }

  /**
   * Lets a background command run on without waiting for it: its stdin is closed and its output is
   * read and discarded on daemon threads, so it never blocks on a full pipe.
   *
   * @param process the process
   */
  public static void detach(Process process) {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // already closed by the process: nothing to do
    }
    discard(process.getInputStream(), "jail4j-background-stdout");
    discard(process.getErrorStream(), "jail4j-background-stderr");
  }

  private static void discard(InputStream in, String name) {
    Thread t =
        new Thread(
            () -> {
              byte[] chunk = new byte[8192];
              try (InputStream s = in) {
                while (s.read(chunk) >= 0) {
                  // discarded: nobody waits for a background command's output
                }
              } catch (IOException e) {
                // the process ended or was killed
              }
            },
            name);
    t.setDaemon(true);
    t.start();
  }

  /** A thread copying one stream into memory. */
  private static final class Drain implements Runnable {
    private final InputStream in;
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private final Thread thread;

    private Drain(InputStream in, String name) {
      this.in = in;
      this.thread = new Thread(this, "jail4j-" + name);
      this.thread.setDaemon(true);
    }

    static Drain start(InputStream in, String name) {
      Drain d = new Drain(in, name);
      d.thread.start();
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
      thread.join(TimeUnit.SECONDS.toMillis(5));
      synchronized (buf) {
        return buf.toString(StandardCharsets.UTF_8);
      }
    }
  }
}
