package org.jail4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class CorpusTest {

  @Test
  void corpusFolderIsBesideTheCloneWithItsReadmes() {
    assertThat(Files.isRegularFile(Corpus.resolve("jailconf-real/README.md"))).isTrue();
    assertThat(Files.isRegularFile(Corpus.resolve("rcconf-real/README.md"))).isTrue();
    assertThat(Files.isRegularFile(Corpus.resolve("freebsd-tests/README.md"))).isTrue();
  }
}
