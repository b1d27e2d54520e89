package org.jail4j.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jail4j.CommandResult;
import org.jail4j.Jail;
import org.jail4j.RunningJail;
import org.junit.jupiter.api.Test;

/** A fake process hands its output over in memory: running fake commands starts no threads. */
class FakeCommandThreadsTest {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  // headroom for JVM and JUnit housekeeping threads that may start while the test runs
  private static final long CONSTANT = 10;

  private final FakeRig rig = FakeRig.create();

  @Test
  void runningTwoHundredFakeCommandsStartsNoThreadPerCommand() {
    rig.fake.onCommand("uname", CommandResult.exit(0).stdout("14.3-RELEASE\n").stderr("w\n"));
    RunningJail web = rig.host.start(Jail.builder().name("web").path("/").persist(true).build());
    web.run(Duration.ofSeconds(5), "/usr/bin/uname", "-r");

    long before = THREADS.getTotalStartedThreadCount();
    for (int i = 0; i < 200; i++) {
      CommandResult r = web.run(Duration.ofSeconds(5), "/usr/bin/uname", "-r");
      assertThat(r.stdout()).isEqualTo("14.3-RELEASE\n");
      assertThat(r.stderr()).isEqualTo("w\n");
    }
    long started = THREADS.getTotalStartedThreadCount() - before;

    assertThat(started).isLessThan(CONSTANT);
  }

  @Test
  void twoHundredFakeLifecyclesWithExecHooksStartNoThreadPerCommand() {
    Jail jail =
        Jail.builder()
            .name("web")
            .path("/")
            .addExecPrestart("/bin/echo prestart")
            .addExecStart("/bin/sh /etc/rc")
            .addExecStop("/bin/sh /etc/rc.shutdown")
            .persist(true)
            .build();
    rig.host.start(jail).stop();

    long before = THREADS.getTotalStartedThreadCount();
    for (int i = 0; i < 200; i++) {
      rig.host.start(jail).stop();
    }
    long started = THREADS.getTotalStartedThreadCount() - before;

    assertThat(started).isLessThan(CONSTANT);
    assertThat(rig.fake.commands()).hasSize(201 * 3);
  }

  @Test
  void parallelFakeCommandsAreAllRecorded() throws Exception {
    rig.fake.onCommand("echo", CommandResult.exit(0).stdout("hi\n"));
    RunningJail web = rig.host.start(Jail.builder().name("web").path("/").persist(true).build());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> outs = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        outs.add(pool.submit(() -> web.run(Duration.ofSeconds(5), "/bin/echo", "hi").stdout()));
      }
      for (Future<String> f : outs) {
        assertThat(f.get()).isEqualTo("hi\n");
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(rig.fake.jailCommands(web.jid())).hasSize(400);
    assertThat(rig.fake.runningProcesses()).isEmpty();
  }
}
