package org.jail4j.testkit.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the transcript parser: any text either parses, and then renders to text that parses to the
 * same transcript, or is refused with a {@link TranscriptFormatException}; nothing else comes out.
 * Normal runs replay the seeds under {@code TranscriptParserFuzzInputs/}.
 */
class TranscriptParserFuzz {

  @FuzzTest(maxDuration = "2m")
  void anyTextParsesOrIsRefusedWithALineAndField(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    Transcript t;
    try {
      t = Transcript.parse(text);
    } catch (TranscriptFormatException e) {
      assertThat(e.line()).isGreaterThanOrEqualTo(0);
      assertThat(e.field()).isNotEmpty();
      return;
    }
    String rendered = t.render();
    Transcript again = Transcript.parse(rendered);
    assertThat(again.render()).isEqualTo(rendered);
  }
}
