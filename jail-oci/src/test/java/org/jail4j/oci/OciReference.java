package org.jail4j.oci;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the shared test data lives, as jail-api's {@code Corpus} finds it: the OCI reference in
 * {@code ../shared/reference/oci} and the corpus in {@code ../shared/corpus} beside the clone, or
 * {@code -Djail4j.reference=DIR} / {@code -Djail4j.corpus=DIR}. A missing folder skips the tests
 * that read it, with one line on standard error; {@code -Djail4j.corpus.required=true} fails them.
 */
final class OciReference {
  private static final Set<String> ANNOUNCED = ConcurrentHashMap.newKeySet();

  private OciReference() {}

  /** The OCI reference folder ({@code reference/oci}). */
  static Path oci() {
    return locate("reference", "jail4j.reference", "../../shared/reference").resolve("oci");
  }

  /** The runtime-spec schema folder. */
  static Path runtimeSchemas() {
    Path p = oci().resolve("runtime-spec/schema");
    if (!Files.isDirectory(p)) {
      missing("OCI reference", "jail4j.reference", p);
    }
    return p;
  }

  /** The corpus folder. */
  static Path corpus() {
    return locate("corpus", "jail4j.corpus", "../../shared/corpus");
  }

  private static Path locate(String what, String property, String fallback) {
    String configured = System.getProperty(property);
    Path dir =
        Path.of(configured != null && !configured.isBlank() ? configured : fallback)
            .toAbsolutePath()
            .normalize();
    if (!Files.isDirectory(dir)) {
      missing(what, property, dir);
    }
    return dir;
  }

  private static void missing(String what, String property, Path dir) {
    String message =
        "the shared "
            + what
            + " is missing: no folder "
            + dir
            + "; it is not part of this repository: put it beside the clone or pass -D"
            + property
            + "=/path";
    if (Boolean.getBoolean("jail4j.corpus.required")) {
      fail(message + " (-Djail4j.corpus.required=true makes it required)");
    }
    if (ANNOUNCED.add(what)) {
      System.err.println("[jail4j] " + what + " tests skipped: " + message);
    }
    Assumptions.abort(message);
  }
}
