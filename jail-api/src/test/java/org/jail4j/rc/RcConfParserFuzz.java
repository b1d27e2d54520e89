package org.jail4j.rc;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes the rc.conf parser: any text either fails with {@link RcConfException} or parses into a
 * document whose text is the input, whose queries answer, and whose edits parse back. In a normal
 * build this replays the committed seeds in {@code RcConfParserFuzzInputs}; run with {@code
 * JAZZER_FUZZ=1} to search for new inputs.
 */
class RcConfParserFuzz {

  @FuzzTest(maxDuration = "60s")
  void parserThrowsNothingButRcConfException(FuzzedDataProvider data) {
    boolean strict = data.consumeBoolean();
    String editValue = data.consumeString(16);
    String text = data.consumeRemainingAsString();
    RcConf rc;
    try {
      rc = strict ? RcConf.parseStrict(text) : RcConf.parse(text);
    } catch (RcConfException expected) {
      assertThat(expected.rule()).isNotEmpty();
      return;
    }
    assertThat(rc.toString()).isEqualTo(text);
    List<String> names = rc.names();
    Map<String, String> values = rc.values();
    rc.assignments();
    rc.evaluate(Map.of());
    for (String name : names) {
      rc.checkYesNo(name);
      assertThat(rc.get(name)).contains(values.get(name));
    }
    if (!names.isEmpty()) {
      String name = names.get(names.size() - 1);
      try {
        rc.set(name, editValue);
      } catch (RcConfException refused) {
        assertThat(refused.rule()).containsAnyOf("NUL byte", "encoding");
        return;
      }
      assertThat(RcConf.parse(rc.toString()).get(name)).contains(editValue);
    }
  }
}
