package org.jail4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.jail4j.Jail;
import org.jail4j.param.JailParam;
import org.jail4j.param.JailValues;
import org.jail4j.spi.JailFlags;
import org.junit.jupiter.api.Test;

/**
 * Each benchmark's operation, run once, does the work it claims to measure. No timing here: figures
 * come from JMH ({@code docs/BENCHMARKS.md}).
 */
class BenchmarksSmokeTest {

  @Test
  void codecBenchmarkEncodesAndDecodesEveryParameterOfTheTypicalCreate() throws Exception {
    List<Object> decoded = new ArrayList<>();
    int jid =
        CodecBenchmark.WEB
            .kernelRequest()
            .set(new CodecBenchmark.DecodingKernel(decoded::add), JailFlags.CREATE);
    assertThat(jid).isEqualTo(1);
    assertThat(decoded)
        .contains("web", "/jail/web", "web.example.org", 3, 2, 4, 0)
        .contains(
            List.of(InetAddress.getByName("192.168.1.4"), InetAddress.getByName("192.168.1.5")));
  }

  @Test
  void fakeKernelCycleCreatesReadsAndRemoves() throws Exception {
    FakeKernelBenchmark b = new FakeKernelBenchmark();
    b.freshKernel();
    JailValues v = b.createGetRemove();
    assertThat(v.get(JailParam.HOST_HOSTNAME)).contains("bench.example.org");
    assertThat(b.kernel.jails()).allMatch(j -> j.dying());
  }

  @Test
  void listBenchmarkListsEveryJail() {
    ListBenchmark b = new ListBenchmark();
    b.jails = 1000;
    b.createJails();
    assertThat(b.list()).hasSize(1000);
  }

  @Test
  void memoryBenchmarkMeasuresTheHeapTheLiveJailsHold() {
    FakeMemoryBenchmark b = new FakeMemoryBenchmark();
    b.jails = 2000;
    FakeMemoryBenchmark.Retained r = new FakeMemoryBenchmark.Retained();
    assertThat(b.createAndMeasure(r).jails()).hasSize(2000);
    assertThat(r.bytesPerJail).isPositive();
  }

  @Test
  void jailConfBenchmarkParsesEveryGeneratedJail() {
    JailConfParseBenchmark b = new JailConfParseBenchmark();
    b.generateFile();
    List<Jail> jails = b.parseEvaluateConvert();
    assertThat(jails).hasSize(JailConfParseBenchmark.JAILS);
    assertThat(jails.get(7).hostname()).contains("j7.example.org");
    assertThat(jails.get(7).path()).contains("/usr/local/jails/j7");
  }

  @Test
  void lifecycleBenchmarkStartsAndStopsAJail() {
    LifecycleVsProcessBenchmark b = new LifecycleVsProcessBenchmark();
    b.fakeHost();
    assertThat(b.fakeJailLifecycle()).isPositive();
    assertThat(b.host.list()).isEmpty();
  }

  @Test
  void extractionBenchmarkExtractsTheSameTreeAsBsdtar() throws Exception {
    ExtractionBenchmark b = new ExtractionBenchmark();
    b.files = 300;
    b.averageSize = 2000;
    b.generateSet();
    try {
      b.freshTarget();
      assertThat(b.jail4j().files()).isGreaterThanOrEqualTo(300);
      java.nio.file.Path ours = b.target;
      assertThat(java.nio.file.Files.isSymbolicLink(ours.resolve("usr/share/d0/f0.link"))).isTrue();
      assertThat(java.nio.file.Files.size(ours.resolve("usr/share/d0/f0"))).isEqualTo(40_000);
      b.removeTarget();
      org.junit.jupiter.api.Assumptions.assumeTrue(
          new java.io.File("/usr/bin/bsdtar").canExecute(),
          "bsdtar is not installed (apt-get install libarchive-tools); the jail4j side was checked");
      b.freshTarget();
      assertThat(b.bsdtar()).isZero();
      assertThat(java.nio.file.Files.size(b.target.resolve("usr/share/d0/f0"))).isEqualTo(40_000);
      b.removeTarget();
    } finally {
      b.removeSet();
    }
  }
}
