package org.jail4j.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jail4j.Jail;
import org.jail4j.conf.JailConf;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * jail.conf parse + evaluate + conversion to {@code Jail} values for a generated 10,000-jail file.
 *
 * <pre>{@code
 * ./mvnw -B -Pbench -pl jail-benchmarks -am verify -Djmh.args="-f 1 -wi 3 -i 5 JailConfParse"
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class JailConfParseBenchmark {

  /** Jails in the generated file. */
  static final int JAILS = 10_000;

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

  /** Generates the file once. */
  @Setup
  public void generateFile() {
    text = generate(JAILS);
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
