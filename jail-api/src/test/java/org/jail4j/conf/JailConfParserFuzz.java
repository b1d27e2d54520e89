package org.jail4j.conf;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jail4j.InvalidJailParameterException;
import org.jail4j.Jail;
import org.jail4j.conf.internal.ByteStrings;
import org.jail4j.conf.internal.Evaluator;
import org.jail4j.conf.internal.JailConversion;
import org.jail4j.conf.internal.Parser;

/**
 * Fuzzes the jail.conf parser on raw bytes, in both dialects: it never throws anything but {@link
 * JailConfException}, never reads a file (includes are refused), and whatever it accepts evaluates,
 * prints with {@code jail -e}, and (for jails that convert) survives write-then-read. In normal
 * builds this runs the committed seeds in {@code JailConfParserFuzzInputs}.
 */
class JailConfParserFuzz {

  @FuzzTest(maxDuration = "60s")
  void parsingNeverThrowsAnythingButItsOwnError(byte[] data) {
    for (JailConfDialect dialect : JailConfDialect.values()) {
      List<Evaluator.Jail> evaluated;
      try {
        evaluated =
            Evaluator.evaluate(
                new Parser(dialect, false, null).parse("FUZZ", ByteStrings.fromBytes(data), true),
                dialect);
      } catch (JailConfException e) {
        assertThat(e.problems()).isNotEmpty();
        continue;
      }
      JailConf conf = new JailConf(evaluated);
      StringBuilder lines = new StringBuilder();
      conf.jails().forEach(j -> lines.append(j.exhibit("|")).append('\n'));
      assertThat(conf.exhibit("|")).isEqualTo(lines.toString());
      List<Jail> jails = new ArrayList<>();
      for (Evaluator.Jail j : evaluated) {
        try {
          jails.add(JailConversion.toJail(j));
        } catch (JailConfException e) {
          assertThat(e.problems()).isNotEmpty();
        }
      }
      String text;
      try {
        text = JailConfWriter.write(jails);
      } catch (InvalidJailParameterException e) {
        continue; // e.g. a numeric block name with another jid: jail.conf cannot say it
      }
      if (jails.stream().map(Jail::name).distinct().count() == jails.size()) {
        assertThat(JailConf.parser().dialect(dialect).allowIncludes(false).parse(text).toJails())
            .as(text)
            .isEqualTo(jails);
      }
    }
    try {
      JailConf.parser().allowIncludes(false).parse(new String(data, StandardCharsets.UTF_8));
    } catch (JailConfException e) {
      assertThat(e.getMessage()).startsWith("jail: ");
    }
  }
}
