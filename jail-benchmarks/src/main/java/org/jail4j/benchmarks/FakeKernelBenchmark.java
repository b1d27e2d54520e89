package org.jail4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.jail4j.param.JailParam;
import org.jail4j.param.JailRequest;
import org.jail4j.param.JailValues;
import org.jail4j.spi.JailFlags;
import org.jail4j.spi.SyscallException;
import org.jail4j.testkit.FakeJailKernel;
import org.jail4j.testkit.PathCheck;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One create + get + remove cycle on the fake kernel, through the codec, on one thread. Target:
 * over 500,000 cycles per second.
 *
 * <pre>{@code
 * ./mvnw -B -Pbench -pl jail-benchmarks -am verify -Djmh.args="FakeKernel"
 * }</pre>
 */
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FakeKernelBenchmark {

  FakeJailKernel kernel = FakeJailKernel.builder().paths(PathCheck.anyDirectory()).build();

  /** A fresh kernel per iteration, so JID allocation never wraps mid-measurement. */
  @Setup(Level.Iteration)
  public void freshKernel() {
    kernel = FakeJailKernel.builder().paths(PathCheck.anyDirectory()).build();
  }

  /**
   * Creates a persistent jail, reads its hostname and addresses back, removes it.
   *
   * @return the values read
   * @throws SyscallException never, unless the fake breaks a rule
   */
  @Benchmark
  public JailValues createGetRemove() throws SyscallException {
    int jid =
        JailRequest.create()
            .put(JailParam.NAME, "bench")
            .put(JailParam.PATH, "/")
            .put(JailParam.HOST_HOSTNAME, "bench.example.org")
            .put(JailParam.PERSIST, true)
            .set(kernel, JailFlags.CREATE);
    JailValues v =
        JailRequest.create()
            .put(JailParam.JID, jid)
            .want(JailParam.HOST_HOSTNAME)
            .want(JailParam.IP4_ADDR)
            .get(kernel, 0);
    kernel.remove(jid);
    return v;
  }
}
