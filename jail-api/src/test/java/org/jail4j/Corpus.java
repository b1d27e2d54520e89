package org.jail4j;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the shared test corpus lives: {@code ../shared/corpus} beside the clone, passed by the
 * build as the system property {@code jail4j.corpus}. Tests read it at run time and never copy it.
 */
public final class Corpus {
  private Corpus() {}

  /**
   * The corpus folder, or a test failure that says clearly that it is missing and where it was
   * looked for.
   *
   * @return the folder
   */
  public static Path dir() {
    String prop = System.getProperty("jail4j.corpus");
    Path dir = Path.of(prop != null ? prop : "../../shared/corpus").toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      fail(
          "the shared test corpus is missing: expected the folder "
              + dir
              + " (../shared/corpus beside the clone; set -Djail4j.corpus=DIR to point elsewhere)");
    }
    return dir;
  }

  /**
   * A file or folder inside the corpus.
   *
   * @param relative path below the corpus folder, e.g. {@code jailconf-real/README.md}
   * @return the path (not checked for existence)
   */
  public static Path resolve(String relative) {
    return dir().resolve(relative);
  }
}
