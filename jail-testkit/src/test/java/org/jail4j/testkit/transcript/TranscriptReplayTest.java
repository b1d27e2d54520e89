package org.jail4j.testkit.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every committed transcript under {@code src/test/resources/transcripts/} replays on a fresh fake
 * with the same answers byte for byte.
 */
class TranscriptReplayTest {

  static final Path DIR = Path.of("src/test/resources/transcripts");

  static List<Path> committed() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files.filter(p -> p.toString().endsWith(".transcript")).sorted().toList();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyCommittedTranscriptReplaysOnTheFake() throws IOException {
    return committed().stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    file.getFileName().toString(),
                    () -> {
                      Transcript t = Transcript.read(file);
                      assumeTrue(
                          t.header().byteOrder().equals(nativeOrder()),
                          "recorded with " + t.header().byteOrder() + "-endian ints");
                      Optional<String> report = TranscriptReplay.onFake(t);
                      if (report.isPresent()) {
                        fail(report.get());
                      }
                    }));
  }

  @Test
  void theFakeTranscriptsOfFreeBsd13To15AreCommitted() throws IOException {
    assertThat(committed())
        .extracting(p -> p.getFileName().toString())
        .anyMatch(n -> n.startsWith("fake-13."))
        .anyMatch(n -> n.startsWith("fake-14."))
        .anyMatch(n -> n.startsWith("fake-15."));
  }

  @Test
  void aFakeTranscriptSaysItCameFromTheFake() throws IOException {
    for (Path file : committed()) {
      Transcript t = Transcript.read(file);
      assertThat(file.getFileName().toString()).startsWith(t.header().source() + "-");
      assertThat(file.getFileName().toString()).isEqualTo(t.header().fileName());
    }
  }

  @Test
  void everyCommittedTranscriptRendersAsItIsWritten() throws IOException {
    for (Path file : committed()) {
      String text = Files.readString(file);
      assertThat(Transcript.parse(text).render()).isEqualTo(text.replaceAll("(?m)^#.*\n", ""));
    }
  }

  static String nativeOrder() {
    return ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? "little" : "big";
  }
}
