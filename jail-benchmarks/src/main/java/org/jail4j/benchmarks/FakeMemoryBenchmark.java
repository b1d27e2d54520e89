package org.jail4j.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.TimeUnit;
import org.jail4j.param.JailParam;
import org.jail4j.param.JailRequest;
import org.jail4j.spi.JailFlags;
import org.jail4j.testkit.FakeJailKernel;
import org.jail4j.testkit.PathCheck;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The fake kernel's memory per live jail: the heap a fake kernel holds after creating {@code jails}
 * persistent jails (name, path, host name, persist, as {@link ListBenchmark} creates them), taken
 * from the used heap after full collections before and after, divided by the number of jails. The
 * figure is the {@code bytesPerJail} counter; the time is that of creating the jails. Target: at
 * most 4 KiB per jail at 10,000 jails.
 *
 * <pre>{@code
 * ./mvnw -B -Pbench -pl jail-benchmarks -am verify -Djmh.args="FakeMemory"
 * }</pre>
 */
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FakeMemoryBenchmark {

  /** How many jails are alive when the heap is measured. */
  @Param({"10000"})
  public int jails;

  /** The retained bytes per live jail, reported by JMH as a secondary result. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Retained {
    /** Heap held per live jail in the last measured operation, in bytes. */
    public long bytesPerJail;

    /** Cleared before each iteration, so every iteration reports its own figure. */
    @Setup(Level.Iteration)
    public void clear() {
      bytesPerJail = 0;
    }
  }

  /** The kernel of the last operation, kept reachable until the heap is measured. */
  FakeJailKernel kernel = newKernel();

  static FakeJailKernel newKernel() {
    return FakeJailKernel.builder().paths(PathCheck.anyDirectory()).build();
  }

  /**
   * Creates the jails on a fresh kernel and measures the heap they hold.
   *
   * @param retained the counter the figure goes to
   * @return the kernel holding the jails
   */
  @Benchmark
  public FakeJailKernel createAndMeasure(Retained retained) {
    kernel = newKernel();
    long before = usedAfterGc();
    FakeJailKernel k = kernel;
    for (int i = 0; i < jails; i++) {
      JailRequest.create()
          .put(JailParam.NAME, "j" + i)
          .put(JailParam.PATH, "/")
          .put(JailParam.HOST_HOSTNAME, "j" + i + ".example.org")
          .put(JailParam.PERSIST, true)
          .set(k, JailFlags.CREATE);
    }
    long after = usedAfterGc();
    retained.bytesPerJail = Math.max(0, after - before) / jails;
    return k;
  }

  /** Used heap after full collections (until it stops shrinking, at most 5). */
  static long usedAfterGc() {
    MemoryMXBean mx = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      long now = mx.getHeapMemoryUsage().getUsed();
      if (now >= used) {
        return now;
      }
      used = now;
    }
    return used;
  }
}
