package org.jail4j.root.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.jail4j.CommandResult;
import org.jail4j.internal.DrainPool;
import org.jail4j.root.HostCommandException;
import org.jail4j.spi.CommandSpec;
import org.jail4j.spi.HostSystem;
import org.jail4j.spi.InMemoryOutput;

/** Runs host commands through {@link HostSystem#startOnHost}, keeping the tail of the output. */
public final class RootCommands {
  private static final int TAIL = 64 * 1024;

  private RootCommands() {}

  /**
   * Standard output then standard error, on separate lines, for error messages.
   *
   * @param r a command's result
   * @return the text
   */
  public static String messageOutput(CommandResult r) {
    String stdout = r.stdout();
    String stderr = r.stderr();
    if (stderr.isEmpty()) {
      return stdout;
    }
    return stdout.isEmpty() ? stderr : stdout + (stdout.endsWith("\n") ? "" : "\n") + stderr;
  }

  /**
   * Runs a command to completion.
   *
   * @param host the host
   * @param command the command
   * @return its result
   * @throws HostCommandException when it cannot be started
   */
  public static CommandResult run(HostSystem host, CommandSpec command) {
    long start = System.nanoTime();
    Process p;
    try {
      p = host.startOnHost(command);
    } catch (IOException e) {
      throw new HostCommandException(command.argv(), -1, e.toString(), e);
    }
    try {
      OutputStream stdin = p.getOutputStream();
      stdin.close();
    } catch (IOException ignored) {
      // a command that reads no input does not care
    }
    Tail err;
    Tail out;
    Future<?> errDone = null;
    if (p instanceof InMemoryOutput m) {
      // the output is already in memory: nothing can block, no reader needed
      err = new Tail(new ByteArrayInputStream(m.stderrBytes()));
      err.run();
      out = new Tail(new ByteArrayInputStream(m.stdoutBytes()));
    } else {
      // stderr on a pooled reader, stdout on this thread: the command never blocks on a full pipe
      err = new Tail(p.getErrorStream());
      errDone = DrainPool.submit(err);
      out = new Tail(p.getInputStream());
    }
    out.run();
    try {
      int status = p.waitFor();
      if (errDone != null) {
        try {
          errDone.get();
        } catch (ExecutionException e) {
          // Tail.run catches the stream's errors; keep what was read
        }
      }
      return new CommandResult(
          status, out.text(), err.text(), Duration.ofNanos(System.nanoTime() - start), false);
    } catch (InterruptedException e) {
      p.destroy();
      Thread.currentThread().interrupt();
      throw new HostCommandException(command.argv(), -1, "interrupted", e);
    }
  }

  /**
   * Runs a command and fails unless it exits 0.
   *
   * @param host the host
   * @param command the command
   * @return its result
   * @throws HostCommandException with the output when it exits non-zero
   */
  public static CommandResult check(HostSystem host, CommandSpec command) {
    CommandResult r = run(host, command);
    if (r.exitCode() != 0) {
      throw new HostCommandException(command.argv(), r.exitCode(), messageOutput(r), null);
    }
    return r;
  }

  private static final class Tail implements Runnable {
    private final InputStream in;
    private final byte[] ring = new byte[TAIL];
    private long total;

    Tail(InputStream in) {
      this.in = in;
    }

    @Override
    public void run() {
      byte[] buf = new byte[8192];
      try (InputStream s = in) {
        int n;
        while ((n = s.read(buf)) > 0) {
          synchronized (this) {
            for (int i = 0; i < n; i++) {
              ring[(int) ((total + i) % TAIL)] = buf[i];
            }
            total += n;
          }
        }
      } catch (IOException ignored) {
        // the process went away; what was read is kept
      }
    }

    synchronized String text() {
      int len = (int) Math.min(total, TAIL);
      byte[] out = new byte[len];
      long start = total - len;
      for (int i = 0; i < len; i++) {
        out[i] = ring[(int) ((start + i) % TAIL)];
      }
      String s = new String(out, StandardCharsets.UTF_8);
      return total > TAIL ? "[... " + (total - TAIL) + " bytes before]\n" + s : s;
    }
  }
}
