package org.jail4j.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;
import org.jail4j.Jail;
import org.jail4j.JailHost;
import org.jail4j.RunningJail;
import org.jail4j.testkit.FakeHostSystem;
import org.jail4j.testkit.RecordedCommand;
import org.jail4j.testkit.junit.FakeJails;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A consumer's JUnit 5 class of {@value #TESTS} {@code @FakeJails} tests, written the way {@code
 * docs/TESTKIT.md} teaches: each test gets fresh fakes, starts one jail with a start command,
 * checks that the command ran and stops the jail (the extension then checks that nothing was left
 * behind). {@link ConsumerSuiteBenchmark} runs it through the JUnit Platform launcher.
 *
 * <p>The tests are one {@code @ParameterizedTest} over 1,000 cases, as a consumer writes a test per
 * case of a table: every invocation is a test of its own, with its own extension context, fresh
 * fakes and leak check, which is what 1,000 hand-written test methods cost too. A
 * {@code @TestFactory} would not do: its dynamic tests share the factory method's parameters, so
 * they would share one fake host and skip the check after each test. {@code @RepeatedTest} would do
 * as well, but its count is a constant; the system property {@value #COUNT_PROPERTY} lowers this
 * one for {@code BenchmarksSmokeTest}.
 *
 * <p>The class lives in the main sources (the benchmark runs it from the runtime class path) and
 * its name does not end in {@code Test}: Surefire scans only the test classes, and only names
 * matching the parent's patterns ({@code *Test}, {@code *Tests}, {@code *IT}, ...), so the normal
 * test run does not gain 1,000 tests.
 *
 * <pre>{@code
 * ./mvnw -B -Pbench -pl jail-benchmarks -am verify -Djmh.args="-foe true ConsumerSuite"
 * }</pre>
 */
@FakeJails
public class FakeJailsConsumerSuite {

  /** How many tests the class has unless {@value #COUNT_PROPERTY} says otherwise. */
  public static final int TESTS = 1000;

  /** The system property that sets how many tests the class has (a positive integer). */
  public static final String COUNT_PROPERTY = "jail4j.consumerSuite.tests";

  /** Creates the suite; JUnit does, once per test. */
  public FakeJailsConsumerSuite() {}

  /**
   * The cases: 1 to {@value #TESTS}, or to the value of {@value #COUNT_PROPERTY}.
   *
   * @return the case numbers
   * @throws IllegalArgumentException when the property is not a positive integer
   */
  static IntStream cases() {
    return IntStream.rangeClosed(1, count());
  }

  /**
   * How many tests the class has now.
   *
   * @return {@value #TESTS}, or the value of {@value #COUNT_PROPERTY}
   * @throws IllegalArgumentException when the property is not a positive integer
   */
  static int count() {
    String text = System.getProperty(COUNT_PROPERTY);
    if (text == null) {
      return TESTS;
    }
    try {
      int count = Integer.parseInt(text.trim());
      if (count > 0) {
        return count;
      }
    } catch (NumberFormatException e) {
      // reported below with the rule
    }
    throw new IllegalArgumentException(
        COUNT_PROPERTY + " must be a positive integer, was \"" + text + "\"");
  }

  /**
   * Starts a jail with {@code exec.start}, checks the command ran, stops the jail.
   *
   * @param testCase the case number (the tests are alike)
   * @param host the test's fake host
   * @param fake the host system behind it
   */
  @ParameterizedTest
  @MethodSource("cases")
  void startingWebRunsRcAndStopping(int testCase, JailHost host, FakeHostSystem fake) {
    Jail web =
        Jail.builder()
            .name("web")
            .path("/jail/web")
            .ip4("192.0.2.4")
            .iface("em0")
            .persist(true)
            .addExecStart("/bin/sh /etc/rc")
            .build();
    try (RunningJail running = host.start(web)) {
      assertEquals(
          List.of(List.of("/bin/sh", "/etc/rc")),
          fake.jailCommands(running.jid()).stream().map(RecordedCommand::argv).toList(),
          "case " + testCase);
    }
  }
}
