package org.jail4j.conf;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.jail4j.conf.internal.ByteStrings;

/**
 * Fuzzes the document parser on raw bytes, in both dialects: it never throws anything but {@link
 * JailConfException}, never reads a file (includes are refused), an untouched document writes back
 * the very bytes, its evaluation is the reader's, and an edit of its first jail is either refused
 * with a {@link JailConfEditException} (the bytes unchanged) or reads back as written. In normal
 * builds this runs the committed seeds in {@code JailConfDocumentFuzzInputs}.
 */
class JailConfDocumentFuzz {

  @FuzzTest(maxDuration = "60s")
  void documentsKeepEveryByte(byte[] data) {
    String bytes = ByteStrings.fromBytes(data);
    for (JailConfDialect dialect : JailConfDialect.values()) {
      JailConfDocument d;
      try {
        d = JailConfDocument.of(dialect, false, null, "FUZZ", bytes, true);
      } catch (JailConfException e) {
        assertThat(e.problems()).isNotEmpty();
        continue;
      }
      assertThat(d.bytes()).isEqualTo(data);
      // text() of bytes that are not UTF-8 has U+FFFD, three bytes, where each malformed one was: a
      // backslash then escapes only the first of them, so that text may not parse; lossless text
      // must, to the same evaluation
      boolean lossless = ByteStrings.fromText(d.text()).equals(bytes);
      try {
        JailConf conf = JailConf.parser().dialect(dialect).allowIncludes(false).parse(d.text());
        if (lossless) {
          assertThat(d.evaluate().exhibit("|")).isEqualTo(conf.exhibit("|"));
        }
      } catch (JailConfException e) {
        assertThat(lossless).as("the document's own text does not parse: %s", e).isFalse();
      }
      if (d.evaluate().jails().isEmpty()) {
        continue;
      }
      String jail = d.evaluate().jails().get(0).name();
      try {
        d.set(
            jail,
            "host.hostname",
            List.of(JailConfValue.literal("fuzz")),
            JailConfDocument.Scope.OVERRIDE_IN_JAIL);
      } catch (JailConfEditException e) {
        assertThat(d.bytes()).isEqualTo(data);
        continue;
      }
      assertThat(d.evaluate().jail(jail).orElseThrow().values("host.hostname"))
          .hasValue(List.of("fuzz"));
    }
  }
}
