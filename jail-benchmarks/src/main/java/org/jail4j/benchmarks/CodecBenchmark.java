package org.jail4j.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jail4j.HostCapabilities;
import org.jail4j.Jail;
import org.jail4j.param.JailParam;
import org.jail4j.param.ParamCodec;
import org.jail4j.spi.IoVec;
import org.jail4j.spi.JailFlags;
import org.jail4j.spi.JailKernel;
import org.jail4j.spi.KernelParam;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The codec on a typical create: a 12-parameter jail encoded into an iovec (as {@code jail_set}
 * receives it) and every value decoded back. Target: under 1 microsecond.
 *
 * <pre>{@code
 * ./mvnw -B -Pbench -pl jail-benchmarks -am verify -Djmh.args="Codec"
 * }</pre>
 */
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBenchmark {

  /** A typical web jail with 12 kernel parameters. */
  static final Jail WEB =
      Jail.builder()
          .name("web")
          .path("/jail/web")
          .hostname("web.example.org")
          .ip4("192.168.1.4", "192.168.1.5")
          .ip6("2001:db8::4")
          .persist(true)
          .param(JailParam.SECURELEVEL, 3)
          .param(JailParam.ENFORCE_STATFS, 2)
          .param(JailParam.DEVFS_RULESET, 4)
          .param(JailParam.CHILDREN_MAX, 0)
          .param(JailParam.ALLOW_RAW_SOCKETS, true)
          .build();

  /** A kernel that decodes what it receives and answers JID 1, so only the codec is measured. */
  static final class DecodingKernel implements JailKernel {
    final Consumer<Object> sink;

    DecodingKernel(Consumer<Object> sink) {
      this.sink = sink;
    }

    @Override
    public int set(IoVec[] iov, int flags) {
      for (int i = 0; i + 1 < iov.length; i += 2) {
        // the catalogued parameter of the name entry, found without decoding the name
        JailParam<?> p = ParamCodec.paramOf(iov[i]);
        if (p != null && iov[i + 1].length() > 0) {
          sink.accept(ParamCodec.decodeEntry(p, iov[i + 1]));
        } else {
          sink.accept(iov[i]);
        }
      }
      return 1;
    }

    @Override
    public int get(IoVec[] iov, int flags) {
      return 1;
    }

    @Override
    public void remove(int jid) {}

    @Override
    public void attach(int jid) {}

    @Override
    public java.util.Optional<KernelParam> param(String name) {
      return java.util.Optional.empty();
    }

    @Override
    public List<KernelParam> params() {
      return List.of();
    }

    @Override
    public HostCapabilities capabilities() {
      throw new UnsupportedOperationException("capabilities are not part of this benchmark");
    }
  }

  /**
   * Encodes the 12 parameters into an iovec and decodes every value back.
   *
   * @param bh sink
   * @return the JID the kernel answered
   */
  @Benchmark
  public int encodeAndDecodeTypicalCreate(Blackhole bh) {
    return WEB.kernelRequest().set(new DecodingKernel(bh::consume), JailFlags.CREATE);
  }
}
