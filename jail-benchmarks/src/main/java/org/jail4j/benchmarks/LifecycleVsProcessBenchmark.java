package org.jail4j.benchmarks;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.jail4j.Jail;
import org.jail4j.JailHost;
import org.jail4j.RunningJail;
import org.jail4j.testkit.FakeHostSystem;
import org.jail4j.testkit.FakeJailKernel;
import org.jail4j.testkit.FakeJailProvider;
import org.jail4j.testkit.PathCheck;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The user-facing anchor: one whole jail lifecycle on the fake (start with devfs and a start
 * command, stop) against spawning one {@code /bin/true} process on the same machine, in the same
 * run.
 *
 * <pre>{@code
 * ./mvnw -B -Pbench -pl jail-benchmarks -am verify -Djmh.args="LifecycleVsProcess"
 * }</pre>
 */
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LifecycleVsProcessBenchmark {

  static final Jail WEB =
      Jail.builder()
          .name("web")
          .path("/jail/web")
          .hostname("web.example.org")
          .ip4("em0|192.168.1.4/32")
          .mountDevfs(true)
          .addExecStart("/bin/sh /etc/rc")
          .build();

  JailHost host = JailHost.using(new FakeJailProvider());

  /** A fake host whose kernel accepts the jail's path. */
  @Setup
  public void fakeHost() {
    FakeJailKernel kernel = FakeJailKernel.builder().paths(PathCheck.anyDirectory()).build();
    host =
        JailHost.using(
            new FakeJailProvider(kernel, new FakeHostSystem(kernel, PathCheck.anyDirectory())));
  }

  /**
   * Starts and stops a jail on the fake: alias, devfs mount, create, start command, stop, remove,
   * unmount, alias removal.
   *
   * @return the JID the jail had
   */
  @Benchmark
  public int fakeJailLifecycle() {
    RunningJail j = host.start(WEB.withPersist(true));
    int jid = j.jid();
    j.stop();
    return jid;
  }

  /**
   * Spawns {@code /bin/true} and waits for it.
   *
   * @return its exit status
   * @throws IOException when it cannot be started
   * @throws InterruptedException when interrupted
   */
  @Benchmark
  public int spawnBinTrue() throws IOException, InterruptedException {
    return new ProcessBuilder("/bin/true").start().waitFor();
  }
}
