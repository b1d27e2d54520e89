package org.jail4j.root;

/**
 * How far the extraction of one distribution set has come, for a progress bar.
 *
 * <p>{@link #fraction()} follows what has been written into the root, not what has been read from
 * the file: the decoder runs up to a few MiB ahead of the writer, so the file's read position says
 * nothing about a small set. With a MANIFEST the fraction is entries written out of the set's
 * MANIFEST count; without one, the compressed bytes behind the entries handled so far out of the
 * file's size. It rises with every callback and is {@code 1.0} only in the last one.
 *
 * <pre>{@code
 * ProgressListener bar = p -> System.out.printf("\r%s %3.0f%% %d files", p.set(), 100 * p.fraction(), p.entries());
 * }</pre>
 *
 * @param set the set's name, e.g. {@code base}
 * @param compressedBytesDone bytes of the {@code .txz} file behind the entries handled so far (the
 *     read position scaled by how much of the decoded stream the writer has taken)
 * @param compressedBytesTotal the {@code .txz} file's size
 * @param entries archive entries handled so far
 * @param entriesTotal the set's entry count from its MANIFEST, or {@code -1} when no MANIFEST gives
 *     it
 * @param bytesWritten file content bytes written into the root so far
 * @param finished true in the last callback of the set, once every entry is written and every
 *     directory has its final mode and times
 */
public record ExtractionProgress(
    String set,
    long compressedBytesDone,
    long compressedBytesTotal,
    long entries,
    long entriesTotal,
    long bytesWritten,
    boolean finished) {

  /**
   * The fraction of the set written, between 0 and 1: {@code 1.0} once {@link #finished()}, else
   * entries out of {@link #entriesTotal()} when the MANIFEST gives it, else {@link
   * #compressedBytesDone()} out of {@link #compressedBytesTotal()}.
   */
  public double fraction() {
    if (finished) {
      return 1.0;
    }
    if (entriesTotal > 0) {
      return Math.min(1.0, (double) entries / entriesTotal);
    }
    return compressedBytesTotal <= 0
        ? 0.0
        : Math.min(1.0, (double) compressedBytesDone / compressedBytesTotal);
  }
}
