package org.jail4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.jail4j.Jail;
import org.jail4j.JailHost;
import org.jail4j.param.JailParam;
import org.jail4j.param.JailValues;
import org.jail4j.spi.JailFlags;
import org.jail4j.testkit.junit.FakeJails;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

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
    b.jails = 10_000;
    b.generateFile();
    List<Jail> jails = b.parseEvaluateConvert();
    assertThat(jails).hasSize(10_000);
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

  /**
   * The full 1,000 tests take several seconds here, so the suite runs with 20; the benchmark itself
   * refuses to measure any other count than 1,000.
   */
  @Test
  void consumerSuitePassesEveryFakeJailsTestAndTheBenchmarkInsistsOnAThousand() {
    String before = System.getProperty(FakeJailsConsumerSuite.COUNT_PROPERTY);
    System.setProperty(FakeJailsConsumerSuite.COUNT_PROPERTY, "20");
    try {
      TestExecutionSummary summary = ConsumerSuiteBenchmark.launch(FakeJailsConsumerSuite.class);
      assertThat(ConsumerSuiteBenchmark.passedAll(summary, 20)).isEqualTo(20);
      assertThatThrownBy(() -> new ConsumerSuiteBenchmark().fakeJailsSuite())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("expected 1000 tests to pass, found 20, passed 20");
    } finally {
      if (before == null) {
        System.clearProperty(FakeJailsConsumerSuite.COUNT_PROPERTY);
      } else {
        System.setProperty(FakeJailsConsumerSuite.COUNT_PROPERTY, before);
      }
    }
  }

  @Test
  void consumerSuiteHasAThousandTestsUnlessThePropertySaysOtherwise() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        System.getProperty(FakeJailsConsumerSuite.COUNT_PROPERTY) == null,
        FakeJailsConsumerSuite.COUNT_PROPERTY + " is set for this run");
    assertThat(FakeJailsConsumerSuite.cases()).hasSize(1000).startsWith(1).endsWith(1000);
  }

  @Test
  void consumerSuiteCountMustBeAPositiveInteger() {
    String before = System.getProperty(FakeJailsConsumerSuite.COUNT_PROPERTY);
    try {
      for (String bad : List.of("0", "-3", "many")) {
        System.setProperty(FakeJailsConsumerSuite.COUNT_PROPERTY, bad);
        assertThatThrownBy(FakeJailsConsumerSuite::count)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage(
                "jail4j.consumerSuite.tests must be a positive integer, was \"" + bad + "\"");
      }
    } finally {
      if (before == null) {
        System.clearProperty(FakeJailsConsumerSuite.COUNT_PROPERTY);
      } else {
        System.setProperty(FakeJailsConsumerSuite.COUNT_PROPERTY, before);
      }
    }
  }

  @Test
  void consumerSuiteBenchmarkFailsWhenATestFails() {
    TestExecutionSummary summary = ConsumerSuiteBenchmark.launch(FailingSuite.class);
    assertThatThrownBy(() -> ConsumerSuiteBenchmark.passedAll(summary, 2))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("expected 2 tests to pass, found 2, passed 1, failed 1")
        .hasMessageContaining("@FakeJails: leavesWebRunning");
  }

  @Test
  void consumerSuiteBenchmarkFailsWhenTestsAreMissing() {
    TestExecutionSummary summary = ConsumerSuiteBenchmark.launch(FailingSuite.class);
    assertThatThrownBy(() -> ConsumerSuiteBenchmark.passedAll(summary, 1000))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("expected 1000 tests to pass, found 2");
  }

  @Test
  void processBenchmarkSpawnsBinTrueAndWaitsForEach() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        new java.io.File("/bin/true").canExecute(), "/bin/true does not exist on this machine");
    assertThat(ConsumerSuiteBenchmark.spawnBinTrue(20)).isEqualTo(20);
  }

  /**
   * Launched by the tests above, never by Surefire (nested, not named *Test): one test passes, one
   * leaves its jail running, which {@code @FakeJails} fails.
   */
  @FakeJails
  static class FailingSuite {
    @Test
    void stopsItsJail(JailHost host) {
      host.start(web()).stop();
    }

    @Test
    void leavesWebRunning(JailHost host) {
      host.start(web());
    }

    private static Jail web() {
      return Jail.builder()
          .name("web")
          .path("/jail/web")
          .persist(true)
          .addExecStart("/bin/sh /etc/rc")
          .build();
    }
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

  @Test
  void aMultiBlockSetExtractsToTheSameTreeAsOneBlockAndAsBsdtar() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("jail4j-multiblock");
    try {
      java.nio.file.Path one = dir.resolve("one.txz");
      java.nio.file.Path many = dir.resolve("many.txz");
      ExtractionBenchmark.generate(300, 2000).writeTo(one);
      ExtractionBenchmark.generate(300, 2000).blockSize(64 * 1024).writeTo(many);
      java.nio.file.Path a = dir.resolve("a");
      java.nio.file.Path b = dir.resolve("b");
      org.jail4j.root.RootBuilder.into(a).set("base", one).unverified().populate();
      org.jail4j.root.RootBuilder.into(b).set("base", many).unverified().populate();
      assertThat(ExtractedTrees.differences(a, b, true)).isEmpty();

      // the comparison sees a changed mode, time, link target and content
      java.nio.file.Files.setPosixFilePermissions(
          b.resolve("usr/share/d0/f0"),
          java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
      java.nio.file.Files.setLastModifiedTime(
          b.resolve("usr/share/d1/f1"), java.nio.file.attribute.FileTime.fromMillis(0));
      java.nio.file.Files.delete(b.resolve("usr/share/d0/f0.link"));
      java.nio.file.Files.createSymbolicLink(
          b.resolve("usr/share/d0/f0.link"), java.nio.file.Path.of("f2"));
      java.nio.file.Files.write(
          b.resolve("usr/share/d0/f3"), new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);
      assertThat(ExtractedTrees.differences(a, b, true))
          .anyMatch(d -> d.startsWith("usr/share/d0/f0: mode"))
          .anyMatch(d -> d.startsWith("usr/share/d1/f1: mtime"))
          .anyMatch(d -> d.startsWith("usr/share/d0/f0.link: target"))
          .anyMatch(d -> d.startsWith("usr/share/d0/f3: ") && d.contains("content differs"));

      org.junit.jupiter.api.Assumptions.assumeTrue(
          ExtractionBenchmark.bsdtarInstalled(),
          "bsdtar is not installed (apt-get install libarchive-tools); jail4j's multi-block tree"
              + " was checked against its single-block tree");
      ExtractionBenchmark bench = new ExtractionBenchmark();
      bench.files = 300;
      bench.averageSize = 2000;
      bench.blockSize = 64 * 1024;
      bench.generateSet(); // extracts with both tools and fails unless the trees are the same
      try {
        assertThat(bench.checked).isTrue();
        bench.freshTarget();
        bench.jail4j();
        bench.removeTarget(); // compares with bsdtar's tree again
      } finally {
        bench.removeSet();
      }
    } finally {
      ExtractionBenchmark.deleteTree(dir);
    }
  }
}
