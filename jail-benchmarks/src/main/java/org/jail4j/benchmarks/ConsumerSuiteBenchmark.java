package org.jail4j.benchmarks;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a consumer's test suite pays per test: {@link FakeJailsConsumerSuite}, a JUnit class of
 * 1,000 {@code @FakeJails} tests each starting and stopping one jail with a start command, run
 * through the JUnit Platform launcher (discovery and execution, as a build tool runs it), against
 * 1,000 spawns of {@code /bin/true} in the same run. Each invocation is one whole suite (or 1,000
 * spawns), measured single-shot; {@link OperationsPerInvocation} makes JMH report the wall time per
 * test (per spawn), the total divided by 1,000.
 *
 * <p>The suite's invocation fails, and with {@code -foe true} the JMH run with it, unless all 1,000
 * tests were found and passed; a spawn that does not exit 0 fails the other.
 *
 * <pre>{@code
 * ./mvnw -B -Pbench -pl jail-benchmarks -am verify -Djmh.args="-foe true ConsumerSuite"
 * }</pre>
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ConsumerSuiteBenchmark {

  /** The tests of the suite, and the spawns of the comparison. */
  static final int COUNT = FakeJailsConsumerSuite.TESTS;

  /** Creates the benchmark state; JMH does. */
  public ConsumerSuiteBenchmark() {}

  /**
   * Runs the 1,000-test {@code @FakeJails} class through the JUnit Platform launcher.
   *
   * @return how many tests passed (always 1,000)
   * @throws IllegalStateException when a test failed or the suite did not have 1,000 tests
   */
  @Benchmark
  @OperationsPerInvocation(COUNT)
  public long fakeJailsSuite() {
    return passedAll(launch(FakeJailsConsumerSuite.class), COUNT);
  }

  /**
   * Spawns {@code /bin/true} 1,000 times, one after the other, waiting for each.
   *
   * @return how many exited 0 (always 1,000)
   * @throws IOException when a spawn cannot be started
   * @throws InterruptedException when interrupted while waiting
   * @throws IllegalStateException when a spawn exits with another status
   */
  @Benchmark
  @OperationsPerInvocation(COUNT)
  public long spawnBinTrue() throws IOException, InterruptedException {
    return spawnBinTrue(COUNT);
  }

  /**
   * Spawns {@code /bin/true} {@code times} times, one after the other, waiting for each.
   *
   * @param times how many spawns
   * @return {@code times}
   * @throws IOException when a spawn cannot be started
   * @throws InterruptedException when interrupted while waiting
   * @throws IllegalStateException when a spawn exits with another status than 0
   */
  static long spawnBinTrue(int times) throws IOException, InterruptedException {
    ProcessBuilder binTrue = new ProcessBuilder("/bin/true");
    for (int i = 0; i < times; i++) {
      int status = binTrue.start().waitFor();
      if (status != 0) {
        throw new IllegalStateException("/bin/true exited " + status + " on spawn " + (i + 1));
      }
    }
    return times;
  }

  /**
   * Discovers and runs the Jupiter tests of one class, as a build tool's launcher does.
   *
   * @param testClass the class
   * @return what happened
   */
  static TestExecutionSummary launch(Class<?> testClass) {
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(testClass))
            .filters(EngineFilter.includeEngines("junit-jupiter"))
            .build();
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    LauncherFactory.create().execute(request, summary);
    return summary.getSummary();
  }

  /**
   * The number of tests that passed, when exactly {@code expected} were found and all passed.
   *
   * @param summary what the launcher reported
   * @param expected how many tests the class has
   * @return {@code expected}
   * @throws IllegalStateException naming the counts and the first failures otherwise
   */
  static long passedAll(TestExecutionSummary summary, int expected) {
    long passed = summary.getTestsSucceededCount();
    if (summary.getTestsFoundCount() == expected
        && passed == expected
        && summary.getTotalFailureCount() == 0) {
      return passed;
    }
    String failures =
        summary.getFailures().stream()
            .limit(3)
            .map(f -> f.getTestIdentifier().getDisplayName() + ": " + f.getException())
            .collect(Collectors.joining("; "));
    throw new IllegalStateException(
        "expected "
            + expected
            + " tests to pass, found "
            + summary.getTestsFoundCount()
            + ", passed "
            + passed
            + ", failed "
            + summary.getTotalFailureCount()
            + ", aborted "
            + summary.getTestsAbortedCount()
            + ", skipped "
            + summary.getTestsSkippedCount()
            + (failures.isEmpty() ? "" : "; first failures: " + failures));
  }
}
