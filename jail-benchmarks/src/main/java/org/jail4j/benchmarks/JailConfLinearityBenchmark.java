package org.jail4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.jail4j.conf.JailConf;
import org.jail4j.conf.JailConfException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * jail.conf inputs that once took time quadratic in their size: many variables in one jail, many
 * references in one value, a long double-quoted string of {@code $b} references, and many {@code *
 * {}} sections over many jails. Each case grows with {@code size}; doubling {@code size} should
 * about double the time (read the three rows of a case against each other).
 *
 * <pre>{@code
 * ./mvnw -B -Pbench -pl jail-benchmarks -am verify -Djmh.args="-f 1 -wi 3 -i 5 JailConfLinearity"
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class JailConfLinearityBenchmark {

  /** The input size: variables, references, or {@code * {}} sections times 50. */
  @Param({"25000", "50000", "100000"})
  public int size;

  String manyVariables = "";
  String manyReferences = "";
  String longQuoted = "";
  String manySections = "";

  /**
   * {@code size} variables in one jail, each used once.
   *
   * @param n how many variables
   * @return the text
   */
  static String manyVariables(int n) {
    StringBuilder sb = new StringBuilder(n * 24).append("web {\n");
    for (int i = 0; i < n; i++) {
      sb.append(" $v").append(i).append(" = \"x\";\n");
    }
    sb.append(" host.hostname = \"$v").append(n - 1).append("\";\n path = \"/j\";\n}\n");
    return sb.toString();
  }

  /**
   * One value of {@code n} {@code ${a}} references.
   *
   * @param n how many references
   * @return the text
   */
  static String manyReferences(int n) {
    return "web {\n $a = \"x\";\n path = \"/j\";\n exec.start = \"" + "${a}".repeat(n) + "\";\n}\n";
  }

  /**
   * A double-quoted value of {@code a$b } repeated: 1 MB at {@code n} = 100,000 (2.5 per unit).
   *
   * @param n the size unit
   * @return the text
   */
  static String longQuoted(int n) {
    return "web {\n $b = \"y\";\n path = \"/j\";\n exec.start = \""
        + "a$b ".repeat(n * 5 / 2)
        + "\";\n}\n";
  }

  /**
   * 2,000 jails and {@code n / 50} empty {@code * {}} sections (2,000 at {@code n} = 100,000).
   *
   * @param n the size unit
   * @return the text
   */
  static String manySections(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      sb.append('j').append(i).append(" { path = \"/j/").append(i).append("\"; }\n");
    }
    sb.append("* {}\n".repeat(n / 50));
    return sb.toString();
  }

  /** Generates the inputs once per size. */
  @Setup
  public void generate() {
    manyVariables = manyVariables(size);
    manyReferences = manyReferences(size);
    longQuoted = longQuoted(size);
    manySections = manySections(size);
  }

  private static int evaluate(String text) {
    try {
      return JailConf.parse(text).toJails().size();
    } catch (JailConfException e) {
      // a bound (expansion size) is an answer too; its time is what is measured
      return -1;
    }
  }

  /**
   * {@code size} variables in one jail.
   *
   * @return the jail count
   */
  @Benchmark
  public int variablesInOneJail() {
    return evaluate(manyVariables);
  }

  /**
   * {@code size} references in one value.
   *
   * @return the jail count
   */
  @Benchmark
  public int referencesInOneValue() {
    return evaluate(manyReferences);
  }

  /**
   * A long double-quoted string of references.
   *
   * @return the jail count
   */
  @Benchmark
  public int longDoubleQuotedValue() {
    return evaluate(longQuoted);
  }

  /**
   * Empty wildcard sections over 2,000 jails.
   *
   * @return the jail count
   */
  @Benchmark
  public int wildcardSectionsOverManyJails() {
    return evaluate(manySections);
  }
}
