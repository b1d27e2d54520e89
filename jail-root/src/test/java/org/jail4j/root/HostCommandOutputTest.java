package org.jail4j.root;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.jail4j.CommandResult;
import org.jail4j.root.internal.RootCommands;
import org.jail4j.spi.CommandSpec;
import org.junit.jupiter.api.Test;

/** {@link RootCommands} keeps stdout and stderr apart and starts no thread per command. */
class HostCommandOutputTest {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  // headroom for JVM and JUnit housekeeping threads that may start while the test runs
  private static final long CONSTANT = 10;

  private static final CommandSpec ZFS = CommandSpec.of("/sbin/zfs", "list");

  @Test
  void inMemoryOutputIsReadWithoutThreads() {
    RecordingHostSystem host =
        new RecordingHostSystem()
            .withOutputInMemory()
            .on("/sbin/zfs", new RecordingHostSystem.Reply(1, "tank\n", "no such pool\n"));
    RootCommands.run(host, ZFS);

    long before = THREADS.getTotalStartedThreadCount();
    for (int i = 0; i < 200; i++) {
      CommandResult r = RootCommands.run(host, ZFS);
      assertThat(r.exitCode()).isEqualTo(1);
      assertThat(r.stdout()).isEqualTo("tank\n");
      assertThat(r.stderr()).isEqualTo("no such pool\n");
    }

    assertThat(THREADS.getTotalStartedThreadCount() - before).isLessThan(CONSTANT);
  }

  @Test
  void streamedOutputReusesPooledReaders() {
    RecordingHostSystem host =
        new RecordingHostSystem()
            .on("/sbin/zfs", new RecordingHostSystem.Reply(0, "tank\n", "warning\n"));
    RootCommands.run(host, ZFS);

    long before = THREADS.getTotalStartedThreadCount();
    for (int i = 0; i < 200; i++) {
      CommandResult r = RootCommands.run(host, ZFS);
      assertThat(r.stdout()).isEqualTo("tank\n");
      assertThat(r.stderr()).isEqualTo("warning\n");
    }

    assertThat(THREADS.getTotalStartedThreadCount() - before).isLessThan(CONSTANT);
  }
}
