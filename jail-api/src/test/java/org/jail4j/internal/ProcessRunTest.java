package org.jail4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jail4j.CommandResult;
import org.jail4j.spi.InMemoryOutput;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link ProcessRun} on real {@code /bin/sh} processes, drained through {@link DrainPool}. */
class ProcessRunTest {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  @BeforeAll
  static void needsSh() {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh");
  }

  private static Process sh(String script) throws Exception {
    return new ProcessBuilder("/bin/sh", "-c", script).start();
  }

  @Test
  void inMemoryOutputIsReadWithoutTouchingTheStreams() throws Exception {
    Process p = new InMemoryProcess("out\n", "err\n");

    CommandResult r = ProcessRun.await(p, Duration.ofSeconds(5));
    ProcessRun.detach(p);

    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEqualTo("out\n");
    assertThat(r.stderr()).isEqualTo("err\n");
  }

  @Test
  void stdoutAndStderrAreCapturedSeparately() throws Exception {
    CommandResult r =
        ProcessRun.await(sh("echo out; echo err >&2; echo more; exit 3"), Duration.ofSeconds(10));

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.stdout()).isEqualTo("out\nmore\n");
    assertThat(r.stderr()).isEqualTo("err\n");
    assertThat(r.timedOut()).isFalse();
  }

  @Test
  void outputLargerThanAPipeIsDrainedOnBothStreams() throws Exception {
    // 200 KiB on each stream: more than a pipe buffer holds, so an undrained stream would block
    String script =
        "i=0; while [ $i -lt 3200 ]; do printf '%063d\\n' $i; printf '%063d\\n' $i >&2;"
            + " i=$((i+1)); done";

    CommandResult r = ProcessRun.await(sh(script), Duration.ofSeconds(60));

    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).hasSize(3200 * 64);
    assertThat(r.stderr()).hasSize(3200 * 64);
  }

  @Test
  void aCommandPastItsTimeoutIsKilledAndKeepsWhatItWrote() throws Exception {
    CommandResult r =
        ProcessRun.await(sh("echo started; echo warn >&2; exec sleep 30"), Duration.ofMillis(500));

    assertThat(r.timedOut()).isTrue();
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stdout()).isEqualTo("started\n");
    assertThat(r.stderr()).isEqualTo("warn\n");
    assertThat(r.duration()).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void realCommandsReuseDrainThreads() throws Exception {
    ProcessRun.await(sh("echo warm; echo up >&2"), Duration.ofSeconds(10));
    List<Thread> before = new ArrayList<>(Thread.getAllStackTraces().keySet());

    long started = THREADS.getTotalStartedThreadCount();
    for (int i = 0; i < 50; i++) {
      CommandResult r = ProcessRun.await(sh("echo " + i + "; echo e >&2"), Duration.ofSeconds(10));
      assertThat(r.stdout()).isEqualTo(i + "\n");
    }
    long delta = THREADS.getTotalStartedThreadCount() - started;

    // two drains per command before; now idle pooled readers are reused
    assertThat(delta).isLessThan(20);
    assertThat(before).anyMatch(t -> t.getName().startsWith("jail4j-drain-") && t.isDaemon());
  }

  /** A finished process whose output is only available through {@link InMemoryOutput}. */
  private static final class InMemoryProcess extends Process implements InMemoryOutput {
    private final String stdout;
    private final String stderr;

    InMemoryProcess(String stdout, String stderr) {
      this.stdout = stdout;
      this.stderr = stderr;
    }

    @Override
    public byte[] stdoutBytes() {
      return stdout.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] stderrBytes() {
      return stderr.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public OutputStream getOutputStream() {
      return OutputStream.nullOutputStream();
    }

    @Override
    public InputStream getInputStream() {
      throw new AssertionError("stdout must be read from stdoutBytes()");
    }

    @Override
    public InputStream getErrorStream() {
      throw new AssertionError("stderr must be read from stderrBytes()");
    }

    @Override
    public int waitFor() {
      return 0;
    }

    @Override
    public int exitValue() {
      return 0;
    }

    @Override
    public void destroy() {}
  }
}
