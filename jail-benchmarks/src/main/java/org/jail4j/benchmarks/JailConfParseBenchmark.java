package org.jail4j.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jail4j.Jail;
import org.jail4j.conf.JailConf;
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
 * jail.conf parse + evaluate + conversion to {@code Jail} values for a generated file of 10,000,
 * 100,000 and 1,000,000 jails. The file is generated once per trial, before measuring; only {@code
 * JailConf.parse(text).toJails()} is measured. The forked JVM gets {@value #HEAP}: the
 * 1,000,000-jail case holds the text, the parsed file and the million {@code Jail} values at once.
 *
 * <pre>{@code
 * ./mvnw -B -Pbench -pl jail-benchmarks -am verify -Djmh.args="JailConfParse"
 * }</pre>
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = JailConfParseBenchmark.HEAP)
@Warmup(iterations = 1, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class JailConfParseBenchmark {

  /** The forked JVM's heap limit, enough for the largest case. */
  static final String HEAP = "-Xmx8g";

  /** Jails in the generated file. */
  @Param({"10000", "100000", "1000000"})
  public int jails;

  String text = "";

  /**
   * A file in the shape real configurations have: globals with variables, then one block per jail.
   *
   * @param jails how many jail blocks
   * @return the text
   */
  static String generate(int jails) {
    StringBuilder sb = new StringBuilder(jails * 160);
    sb.append("# generated\n")
        .append("exec.start = \"/bin/sh /etc/rc\";\n")
        .append("exec.stop = \"/bin/sh /etc/rc.shutdown\";\n")
        .append("exec.clean;\nmount.devfs;\n")
        .append("path = \"/usr/local/jails/$name\";\n")
        .append("host.hostname = \"${name}.example.org\";\n\n");
    for (int i = 0; i < jails; i++) {
      sb.append("j")
          .append(i)
          .append(" {\n  $n = ")
          .append(i % 250 + 1)
          .append(";\n  ip4.addr = \"lo1|10.")
          .append(i / 62500)
          .append('.')
          .append(i / 250 % 250)
          .append(".$n/32\";\n  securelevel = 2;\n  allow.raw_sockets;\n}\n");
    }
    return sb.toString();
  }

  /** Generates the file once per trial, outside the measurement. */
  @Setup(Level.Trial)
  public void generateFile() {
    text = generate(jails);
  }

  /**
   * Parses, evaluates and converts every jail.
   *
   * @return the jails
   */
  @Benchmark
  public List<Jail> parseEvaluateConvert() {
    return JailConf.parse(text).toJails();
  }
}
