package org.jail4j.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jail4j.JailHost;
import org.jail4j.JailInfo;
import org.jail4j.param.JailParam;
import org.jail4j.param.JailRequest;
import org.jail4j.spi.JailFlags;
import org.jail4j.testkit.FakeJailKernel;
import org.jail4j.testkit.FakeJailProvider;
import org.jail4j.testkit.PathCheck;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code JailHost.list()} (a {@code lastjid} walk reading every jail's parameters) over 1,000,
 * 10,000 and 100,000 jails on the fake. The time per jail must stay flat: listing grows linearly.
 *
 * <pre>{@code
 * ./mvnw -B -Pbench -pl jail-benchmarks -am verify -Djmh.args="ListBenchmark"
 * }</pre>
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ListBenchmark {

  /** How many jails exist while listing. */
  @Param({"1000", "10000", "100000"})
  public int jails;

  JailHost host = JailHost.using(new FakeJailProvider());

  /** Creates the jails once per trial. */
  @Setup
  public void createJails() {
    FakeJailKernel kernel = FakeJailKernel.builder().paths(PathCheck.anyDirectory()).build();
    host = JailHost.using(new FakeJailProvider(kernel));
    for (int i = 0; i < jails; i++) {
      JailRequest.create()
          .put(JailParam.NAME, "j" + i)
          .put(JailParam.PATH, "/")
          .put(JailParam.HOST_HOSTNAME, "j" + i + ".example.org")
          .put(JailParam.PERSIST, true)
          .set(kernel, JailFlags.CREATE);
    }
  }

  /**
   * Lists every jail with its parameters.
   *
   * @return the listing
   */
  @Benchmark
  public List<JailInfo> list() {
    return host.list();
  }
}
