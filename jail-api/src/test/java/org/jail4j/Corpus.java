package org.jail4j;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.opentest4j.TestAbortedException;

/**
 * Where the shared test data lives: the corpus in {@code ../shared/corpus} and the reference tables
 * in {@code ../shared/reference}, beside the clone (relative to the project root). The build passes
 * them as the system properties {@code jail4j.corpus} and {@code jail4j.reference}; tests read them
 * at run time and never copy them.
 *
 * <p>Neither folder is part of this repository. When one is missing, the tests that read it are
 * skipped (a JUnit assumption, with the reason) and one line on standard error says where it was
 * looked for and how to point at it. With {@code -Djail4j.corpus.required=true} (what {@code
 * .ci/run} passes) a missing folder is a test failure instead, so CI always runs them.
 */
public final class Corpus {
  /** The system property naming the corpus folder. */
  public static final String CORPUS_PROPERTY = "jail4j.corpus";

  /** The system property naming the reference folder. */
  public static final String REFERENCE_PROPERTY = "jail4j.reference";

  /** The system property that turns a missing folder from a skip into a failure. */
  public static final String REQUIRED_PROPERTY = "jail4j.corpus.required";

  private static final Set<String> ANNOUNCED = ConcurrentHashMap.newKeySet();

  private Corpus() {}

  /**
   * The corpus folder; a skipped test when it is missing, or a failure under {@code
   * -Djail4j.corpus.required=true}.
   *
   * @return the folder
   */
  public static Path dir() {
    return announced(
        "corpus",
        () ->
            locate(
                "corpus",
                CORPUS_PROPERTY,
                System.getProperty(CORPUS_PROPERTY),
                "../../shared/corpus",
                Boolean.getBoolean(REQUIRED_PROPERTY)));
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

  /**
   * A file inside the reference folder ({@code ../shared/reference}, or {@code
   * -Djail4j.reference=DIR}); missing, it skips or fails as {@link #dir()} does.
   *
   * @param relative path below the reference folder, e.g. {@code jail-params.tsv}
   * @return the path (not checked for existence)
   */
  public static Path reference(String relative) {
    return announced(
            "reference",
            () ->
                locate(
                    "reference",
                    REFERENCE_PROPERTY,
                    System.getProperty(REFERENCE_PROPERTY),
                    "../../shared/reference",
                    Boolean.getBoolean(REQUIRED_PROPERTY)))
        .resolve(relative);
  }

  /** Runs a look-up; the first skip it causes in this JVM is announced in one line. */
  private static Path announced(String what, Supplier<Path> lookup) {
    try {
      return lookup.get();
    } catch (TestAbortedException e) {
      if (ANNOUNCED.add(what)) {
        System.err.println("[jail4j] " + what + " tests skipped: " + e.getMessage());
      }
      throw e;
    }
  }

  /**
   * Finds a shared folder.
   *
   * @param what "corpus" or "reference", for the message
   * @param property the system property that points at it
   * @param configured the property's value, or null for the default
   * @param fallback the default, relative to the module folder
   * @param required whether a missing folder fails rather than skips
   * @return the folder, absolute and normalized
   */
  static Path locate(
      String what,
      String property,
      @Nullable String configured,
      String fallback,
      boolean required) {
    Path dir =
        Path.of(configured != null && !configured.isBlank() ? configured : fallback)
            .toAbsolutePath()
            .normalize();
    if (!Files.isDirectory(dir)) {
      String message = missing(what, property, dir);
      if (required) {
        fail(message + " (-D" + REQUIRED_PROPERTY + "=true makes it required)");
      }
      Assumptions.abort(message);
    }
    return dir;
  }

  private static String missing(String what, String property, Path dir) {
    return "the shared "
        + what
        + " is missing: no folder "
        + dir
        + "; it is not part of this repository: put it at ../shared/"
        + what
        + " beside the clone or pass -D"
        + property
        + "=/path/to/"
        + what;
  }
}
