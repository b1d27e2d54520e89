package org.jail4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.jail4j.rc.RcConf;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * rc.conf editing on a large file: parse {@code lines} assignments, then 10,000 {@code get} and
 * {@code set} pairs (10k get+set on a 100k-line file once took 19.6 s). The time should grow with
 * {@code lines} about linearly, not with {@code lines} times the edits.
 *
 * <pre>{@code
 * ./mvnw -B -Pbench -pl jail-benchmarks -am verify -Djmh.args="-f 1 -wi 3 -i 5 RcConfLinearity"
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RcConfLinearityBenchmark {

  /** Edits made after parsing. */
  static final int EDITS = 10_000;

  /** Assignments in the file. */
  @Param({"25000", "50000", "100000"})
  public int lines;

  String text = "";

  /** Generates the file once per size. */
  @Setup
  public void generate() {
    StringBuilder sb = new StringBuilder(lines * 24);
    for (int i = 0; i < lines; i++) {
      sb.append("var").append(i).append("=\"value").append(i).append("\"\n");
    }
    text = sb.toString();
  }

  /**
   * Parses the file, then gets and sets {@link #EDITS} variables spread over it.
   *
   * @return a checksum of what was read
   */
  @Benchmark
  public int parseThenGetAndSet() {
    RcConf rc = RcConf.parse(text);
    int sum = 0;
    int step = Math.max(1, lines / EDITS);
    for (int i = 0; i < EDITS; i++) {
      String name = "var" + (i * step % lines);
      sum += rc.get(name).orElse("").length();
      rc.set(name, "edited" + i);
    }
    return sum;
  }
}
