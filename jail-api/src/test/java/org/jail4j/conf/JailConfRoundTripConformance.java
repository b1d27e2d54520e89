package org.jail4j.conf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jail4j.Corpus;
import org.jail4j.Jail;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * For every corpus file that parses, every jail that converts to a {@link Jail} is written with
 * {@link JailConfWriter} and read back to an equal value, in both dialects.
 */
class JailConfRoundTripConformance {

  /** Every jail.conf of the corpus ({@code jailconf-real}, {@code freebsd-tests}), sorted. */
  static List<Path> corpusFiles() throws IOException {
    List<Path> out = new ArrayList<>();
    for (String sub : List.of("jailconf-real", "freebsd-tests")) {
      try (Stream<Path> s = Files.walk(Corpus.resolve(sub))) {
        s.filter(Files::isRegularFile)
            .filter(p -> p.toString().contains(".conf"))
            .sorted()
            .forEach(out::add);
      }
    }
    return out;
  }

  @TestFactory
  Stream<DynamicTest> everyConvertibleJailSurvivesWriteThenRead() throws IOException {
    List<Path> files = corpusFiles();
    assertThat(files).hasSizeGreaterThan(40);
    return files.stream()
        .map(
            f ->
                DynamicTest.dynamicTest(
                    String.valueOf(f.getFileName()),
                    () -> {
                      JailConf conf;
                      try {
                        conf = JailConf.read(f);
                      } catch (JailConfException e) {
                        return; // rejected files are covered by the corpus conformance tests
                      }
                      List<Jail> jails = new ArrayList<>();
                      for (ConfJail j : conf.jails()) {
                        try {
                          jails.add(j.toJail());
                        } catch (JailConfException e) {
                          // failing jails are covered by the corpus conformance tests
                        }
                      }
                      String text = JailConfWriter.write(jails);
                      assertThat(JailConf.parse(text).toJails()).as(text).isEqualTo(jails);
                      assertThat(
                              JailConf.parser()
                                  .dialect(JailConfDialect.LEGACY)
                                  .parse(text)
                                  .toJails())
                          .as(text)
                          .isEqualTo(jails);
                    }));
  }
}
