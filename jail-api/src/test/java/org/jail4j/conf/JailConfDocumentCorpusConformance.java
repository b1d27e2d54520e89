package org.jail4j.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jail4j.conf.JailConfDocument.Scope;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every jail.conf of the shared corpus ({@code jailconf-real}, {@code freebsd-tests}) read as a
 * {@link JailConfDocument}: it writes back byte for byte and evaluates as {@link JailConf} does (a
 * file the reader rejects, the document rejects with the same problems), and in every jail a new
 * parameter and a changed one read back as written while the other jails stay as they were. The
 * corpus is read where it is; without it the class is skipped, saying where it was looked for.
 */
class JailConfDocumentCorpusConformance {

  private static List<Path> corpusFiles() throws IOException {
    return JailConfRoundTripConformance.corpusFiles();
  }

  @TestFactory
  Stream<DynamicTest> everyCorpusFileWritesBackByteForByte() throws IOException {
    List<Path> files = corpusFiles();
    assertThat(files).hasSizeGreaterThan(40);
    return files.stream()
        .map(f -> DynamicTest.dynamicTest(String.valueOf(f.getFileName()), () -> roundTrip(f)));
  }

  private static void roundTrip(Path f) throws IOException {
    JailConf conf;
    try {
      conf = JailConf.read(f);
    } catch (JailConfException e) {
      assertThatThrownBy(() -> JailConfDocument.read(f))
          .isInstanceOfSatisfying(
              JailConfException.class, d -> assertThat(d.problems()).isEqualTo(e.problems()));
      return;
    }
    JailConfDocument d = JailConfDocument.read(f);
    assertThat(d.bytes()).isEqualTo(Files.readAllBytes(f));
    assertThat(d.evaluate().exhibit("|")).isEqualTo(conf.exhibit("|"));
  }

  @TestFactory
  Stream<DynamicTest> everyCorpusJailTakesAnEdit() throws IOException {
    return corpusFiles().stream()
        .map(f -> DynamicTest.dynamicTest(String.valueOf(f.getFileName()), () -> edits(f)));
  }

  private static void edits(Path f) {
    JailConfDocument original;
    try {
      original = JailConfDocument.read(f);
    } catch (JailConfException e) {
      return; // rejected files are checked above
    }
    for (ConfJail j : original.evaluate().jails()) {
      JailConfDocument d;
      try {
        d = JailConfDocument.read(f);
      } catch (JailConfException e) {
        return;
      }
      String name = j.name();
      try {
        d.set(
            name,
            "test.note",
            List.of(JailConfValue.literal("edited \"" + name + "\"")),
            Scope.OVERRIDE_IN_JAIL);
        d.set(
            name,
            "host.hostname",
            List.of(JailConfValue.literal(name + ".example.org")),
            Scope.OVERRIDE_IN_JAIL);
      } catch (JailConfEditException e) {
        // a jail in an included file, a duplicate block, a jail that already fails, a later
        // wildcard: refusals are named and leave the text as it was
        assertThat(e.reason()).isNotNull();
        continue;
      }
      JailConf reread = JailConf.parse(d.text());
      ConfJail after = reread.jail(name).orElseThrow();
      assertThat(after.values("test.note")).hasValue(List.of("edited \"" + name + "\""));
      assertThat(after.values("host.hostname")).hasValue(List.of(name + ".example.org"));
      for (ConfJail other : original.evaluate().jails()) {
        if (!other.name().equals(name)) {
          assertThat(reread.jail(other.name()).orElseThrow().params())
              .as(other.name())
              .isEqualTo(other.params());
        }
      }
    }
  }
}
