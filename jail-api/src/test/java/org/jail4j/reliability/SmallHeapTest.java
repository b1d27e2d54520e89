package org.jail4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.SplittableRandom;
import org.jail4j.InvalidJailParameterException;
import org.jail4j.conf.JailConf;
import org.jail4j.conf.JailConfException;
import org.jail4j.conf.internal.Evaluator;
import org.jail4j.param.JailParam;
import org.jail4j.param.ParamCodec;
import org.jail4j.rc.RcConf;
import org.jail4j.rc.RcConfException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every parser and decoder of jail-api fed pathological input, run by the {@code small-heap}
 * Surefire execution in a JVM with {@code -Xmx256m} and a 256 KiB thread stack (and by the normal
 * execution too): each input ends in a typed jail4j error, never in an {@link OutOfMemoryError} or
 * a {@link StackOverflowError}, so no work is proportional to nesting depth on the stack and no
 * expansion grows without a budget.
 */
@Tag("small-heap")
class SmallHeapTest {

  @Test
  void jailConfBlocksNestedAMillionDeep() {
    int n = 1_000_000;
    String text = "a {\n".repeat(n) + "}\n".repeat(n);
    assertThatThrownBy(() -> JailConf.parse(text))
        .isInstanceOf(JailConfException.class)
        .hasMessageContaining("blocks nested more than 1000 deep");
  }

  @Test
  void jailConfVariablesDoublingSixtyFourTimes() {
    StringBuilder sb = new StringBuilder("a {\n $v0 = \"xxxxxxxxxxxxxxxx\";\n");
    for (int i = 1; i <= 64; i++) {
      sb.append(" $v").append(i).append(" = \"$v").append(i - 1).append("$v").append(i - 1);
      sb.append("\";\n");
    }
    sb.append(" path = \"$v64\";\n}\n");
    assertThatThrownBy(() -> JailConf.parse(sb.toString()).toJails())
        .isInstanceOf(JailConfException.class)
        .hasMessageContaining("variable expansion exceeds " + Evaluator.MAX_EXPANSION + " bytes");
  }

  @Test
  void jailConfUnterminatedQuoteOverEightMebibytes() {
    String text = "a { path = \"" + "x".repeat(8 * 1024 * 1024);
    assertThatThrownBy(() -> JailConf.parse(text)).isInstanceOf(JailConfException.class);
  }

  @Test
  void jailConfCommentsAndSemicolonsByTheMillion() {
    String text = "/*".repeat(1_000_000) + "\n" + ";".repeat(1_000_000);
    assertThatThrownBy(() -> JailConf.parse(text)).isInstanceOf(JailConfException.class);
  }

  @Test
  void rcConfDefaultsNestedAHundredThousandDeep() {
    int depth = 100_000;
    String text = "v=\"" + "${a:-".repeat(depth) + "x" + "}".repeat(depth) + "\"\n";
    RcConf rc = RcConf.parse(text);
    assertThatThrownBy(() -> rc.evaluate(Map.of()))
        .isInstanceOf(RcConfException.class)
        .hasMessageContaining("MAX_EXPANSION_DEPTH");
  }

  @Test
  void rcConfDoublingChain() {
    StringBuilder sb = new StringBuilder("y0=\"xxxxxxxxxxxxxxxx\"\n");
    for (int i = 1; i <= 64; i++) {
      sb.append("y").append(i).append("=\"${y").append(i - 1).append("}${y");
      sb.append(i - 1).append("}\"\n");
    }
    RcConf rc = RcConf.parse(sb.toString());
    assertThatThrownBy(() -> rc.evaluate(Map.of()))
        .isInstanceOf(RcConfException.class)
        .hasMessageContaining("MAX_EXPANSION_CHARS");
  }

  @Test
  void rcConfAHundredThousandLinesParseAndEvaluate() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 100_000; i++) {
      sb.append("var").append(i).append("=\"${var").append(Math.max(0, i - 1)).append(":-v}\"\n");
    }
    RcConf rc = RcConf.parse(sb.toString());
    assertThat(rc.evaluate(Map.of())).hasSize(100_000);
  }

  @Test
  void codecDecodesAMebibyteOfNoiseForEveryParameterOrSaysWhy() {
    SplittableRandom random = new SplittableRandom(20261202L);
    byte[] noise = new byte[1024 * 1024];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (byte) random.nextInt(256);
    }
    int decoded = 0;
    int refused = 0;
    for (JailParam<?> p : JailParam.catalogue()) {
      try {
        ParamCodec.decode(p, noise);
        decoded++;
      } catch (InvalidJailParameterException e) {
        assertThat(e.getMessage()).contains(p.name());
        refused++;
      }
    }
    // every fixed-size type refuses a mebibyte; only unbounded types could take it
    assertThat(refused).isPositive();
    assertThat(decoded + refused).isEqualTo(JailParam.catalogue().size());
  }
}
