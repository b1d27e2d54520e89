package org.jail4j.root;

/**
 * Receives extraction progress: every few entries or megabytes, and once when a set is done. Runs
 * on the extracting thread, so it should return quickly.
 *
 * <pre>{@code
 * RootBuilder.into(root).sets(sets, "base")
 *     .progress(p -> System.out.printf("\r%3.0f%%", 100 * p.fraction()))
 *     .populate();
 * }</pre>
 */
@FunctionalInterface
public interface ProgressListener {

  /**
   * Progress so far.
   *
   * @param progress bytes read and entries handled
   */
  void progress(ExtractionProgress progress);

  /** A listener that ignores progress. */
  static ProgressListener none() {
    return p -> {};
  }
}
