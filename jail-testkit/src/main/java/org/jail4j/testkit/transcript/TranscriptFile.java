package org.jail4j.testkit.transcript;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A transcript file being written by one run: the header when the first case arrives, then each
 * case's records as the case ends. The system property {@value #PROPERTY} names the file, or a
 * directory ending in {@code /} in which the file is named by {@link TranscriptHeader#fileName()};
 * the contract ({@code JailKernelContract}) records into it when the property is set.
 *
 * <pre>{@code
 * // -Djail4j.transcript=src/test/resources/transcripts/
 * TranscriptFile.fromProperty().ifPresent(f -> f.append(header, "case title", rec.records()));
 * }</pre>
 */
public final class TranscriptFile {

  /** The system property that turns recording on. */
  public static final String PROPERTY = "jail4j.transcript";

  private static final Map<Path, TranscriptFile> OPEN = new HashMap<>();

  private final String target;
  private final Map<Path, TranscriptHeader> started = new HashMap<>();

  private TranscriptFile(String target) {
    this.target = target;
  }

  /**
   * The file the property {@value #PROPERTY} names, or empty when it is not set.
   *
   * @return the file
   */
  public static Optional<TranscriptFile> fromProperty() {
    String p = System.getProperty(PROPERTY, "");
    return p.isEmpty() ? Optional.empty() : Optional.of(at(p));
  }

  /**
   * The file at this path, or in this directory when the path ends with {@code /}; one object per
   * path in a JVM, so that several test classes of a run append to the same file.
   *
   * @param target the file or directory
   * @return the file
   */
  public static synchronized TranscriptFile at(String target) {
    return OPEN.computeIfAbsent(Path.of(target), p -> new TranscriptFile(target));
  }

  /**
   * The path a transcript with this header goes to.
   *
   * @param header the header
   * @return the path
   */
  public Path pathFor(TranscriptHeader header) {
    return target.endsWith("/") ? Path.of(target, header.fileName()) : Path.of(target);
  }

  /**
   * Appends one case: the file is created (replacing an old one) with the header on the first case
   * of this run; later cases must have the same header.
   *
   * @param header which kernel answered
   * @param title a comment written before the case (e.g. its display name), or empty
   * @param records the case's calls
   * @throws IllegalStateException when the header differs from the file's
   * @throws UncheckedIOException when the file cannot be written
   */
  public synchronized void append(
      TranscriptHeader header, String title, List<TranscriptRecord> records) {
    Path file = pathFor(header);
    StringBuilder b = new StringBuilder();
    TranscriptHeader first = started.get(file);
    if (first == null) {
      b.append(header.render());
      started.put(file, header);
    } else if (!first.equals(header)) {
      throw new IllegalStateException(
          "transcript " + file + " was started for " + first + ", not " + header);
    }
    boolean titled = title.isEmpty();
    for (TranscriptRecord r : records) {
      b.append('\n');
      if (!titled) {
        b.append("# ").append(title.replace('\n', ' ')).append('\n');
        titled = true;
      }
      b.append(r.render());
    }
    try {
      Path dir = file.toAbsolutePath().getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      if (first == null) {
        Files.writeString(file, b, StandardCharsets.UTF_8);
      } else {
        Files.writeString(file, b, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write transcript " + file, e);
    }
  }
}
