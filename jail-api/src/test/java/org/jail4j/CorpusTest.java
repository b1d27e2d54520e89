package org.jail4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

class CorpusTest {

  @TempDir Path tmp;

  @Test
  void corpusFolderIsBesideTheCloneWithItsReadmes() {
    assertThat(Files.isRegularFile(Corpus.resolve("jailconf-real/README.md"))).isTrue();
    assertThat(Files.isRegularFile(Corpus.resolve("rcconf-real/README.md"))).isTrue();
    assertThat(Files.isRegularFile(Corpus.resolve("freebsd-tests/README.md"))).isTrue();
  }

  @Test
  void missingCorpusSkipsTheTestNamingTheFolderAndTheProperty() {
    Path absent = tmp.resolve("no-corpus");
    assertThatThrownBy(
            () -> Corpus.locate("corpus", "jail4j.corpus", absent.toString(), "unused", false))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("the shared corpus is missing: no folder " + absent)
        .hasMessageContaining("../shared/corpus beside the clone")
        .hasMessageContaining("-Djail4j.corpus=/path/to/corpus");
  }

  @Test
  void missingCorpusFailsTheTestWhenRequired() {
    Path absent = tmp.resolve("no-corpus");
    assertThatThrownBy(
            () -> Corpus.locate("corpus", "jail4j.corpus", absent.toString(), "unused", true))
        .isInstanceOf(AssertionError.class)
        .isNotInstanceOf(TestAbortedException.class)
        .hasMessageContaining("the shared corpus is missing: no folder " + absent)
        .hasMessageContaining("-Djail4j.corpus.required=true");
  }

  @Test
  void blankPropertyFallsBackToTheDefault() {
    assertThat(Corpus.locate("corpus", "jail4j.corpus", " ", tmp.toString(), true))
        .isEqualTo(tmp.toAbsolutePath().normalize());
  }

  @Test
  void referenceFolderHoldsTheParameterTable() {
    assertThat(Files.isRegularFile(Corpus.reference("jail-params.tsv"))).isTrue();
  }
}
