package org.jail4j.rc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link RcConf#evaluate(Map)} under hostile nesting and growth, and sh's line continuation. */
class RcConfBoundsTest {

  @Test
  void tenThousandNestedDefaultsAreATypedErrorNotAStackOverflow() {
    int depth = 10_000;
    String word = "x";
    StringBuilder sb = new StringBuilder("v=\"");
    sb.append("${a:-".repeat(depth)).append(word).append("}".repeat(depth)).append("\"\n");
    RcConf rc = RcConf.parse(sb.toString());
    assertThatThrownBy(() -> rc.evaluate(Map.of()))
        .isInstanceOfSatisfying(
            RcConfException.class,
            e -> {
              assertThat(e.limit()).contains("MAX_EXPANSION_DEPTH");
              assertThat(e.limitValue()).hasValue(RcConf.MAX_EXPANSION_DEPTH);
              assertThat(e.line()).hasValue(1);
            })
        .hasMessageContaining("nested more than MAX_EXPANSION_DEPTH (100) deep");
  }

  @Test
  void nestingUpToTheLimitExpands() {
    int depth = RcConf.MAX_EXPANSION_DEPTH;
    String text = "v=\"" + "${a:-".repeat(depth) + "x" + "}".repeat(depth) + "\"\n";
    assertThat(RcConf.parse(text).evaluate(Map.of())).containsEntry("v", "x");
  }

  @Test
  void aDoublingChainIsATypedErrorNotAnOutOfMemoryError() {
    StringBuilder sb = new StringBuilder("y0=\"xxxxxxxxxxxxxxxx\"\n");
    for (int i = 1; i <= 64; i++) {
      sb.append("y").append(i).append("=\"${y").append(i - 1).append("}${y");
      sb.append(i - 1).append("}\"\n");
    }
    RcConf rc = RcConf.parse(sb.toString());
    assertThatThrownBy(() -> rc.evaluate(Map.of()))
        .isInstanceOfSatisfying(
            RcConfException.class,
            e -> {
              assertThat(e.limit()).contains("MAX_EXPANSION_CHARS");
              assertThat(e.limitValue()).hasValue(16L * 1024 * 1024);
            })
        .hasMessageContaining("more than MAX_EXPANSION_CHARS (16777216) characters");
  }

  @Test
  void aShortDoublingChainStillExpands() {
    String text = "y0=ab\ny1=\"${y0}${y0}\"\ny2=\"${y1}${y1}\"\n";
    assertThat(RcConf.parse(text).evaluate(Map.of())).containsEntry("y2", "abababab");
  }

  @Test
  void aBackslashNewlineJoinsTheNextLineIntoTheValueAsShDoes() {
    // sh removes backslash-newline before anything else: this is foo=barsshd_enable=YES
    RcConf rc = RcConf.parse("foo=bar\\\nsshd_enable=YES\n");
    assertThat(rc.contains("sshd_enable")).isFalse();
    assertThat(rc.get("foo")).contains("barsshd_enable=YES");
    assertThat(rc.evaluate(Map.of())).doesNotContainKey("sshd_enable");
  }

  @Test
  void aBackslashNewlineAfterABlankMakesOneShellLineNotAnAssignmentOfTheNext() {
    RcConf rc = RcConf.parse("foo=bar \\\nsshd_enable=YES\n");
    assertThat(rc.get("foo")).isEmpty();
    assertThat(rc.contains("sshd_enable")).isFalse();
  }

  @Test
  void aBackslashInsideSingleQuotesIsNotAContinuation() {
    RcConf rc = RcConf.parse("foo='bar\\\n'\nsshd_enable=YES\n");
    assertThat(rc.get("foo")).contains("bar\\\n");
    assertThat(rc.get("sshd_enable")).contains("YES");
  }

  @Test
  void aBackslashAtTheEndOfACommentIsNotAContinuation() {
    RcConf rc = RcConf.parse("# note \\\nsshd_enable=YES\n");
    assertThat(rc.get("sshd_enable")).contains("YES");
  }
}
