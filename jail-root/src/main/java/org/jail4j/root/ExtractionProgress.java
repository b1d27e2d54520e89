package org.jail4j.root;

/**
 * How far the extraction of one distribution set has come, for a progress bar.
 *
 * <pre>{@code
 * ProgressListener bar = p -> System.out.printf("\r%s %3.0f%% %d files", p.set(), 100 * p.fraction(), p.entries());
 * }</pre>
 *
 * @param set the set's name, e.g. {@code base}
 * @param compressedBytesRead bytes of the {@code .txz} file read so far
 * @param compressedBytesTotal the {@code .txz} file's size
 * @param entries archive entries handled so far
 * @param bytesWritten file content bytes written into the root so far
 */
public record ExtractionProgress(
    String set,
    long compressedBytesRead,
    long compressedBytesTotal,
    long entries,
    long bytesWritten) {

  /** The fraction of the archive read, between 0 and 1. */
  public double fraction() {
    return compressedBytesTotal <= 0
        ? 1.0
        : Math.min(1.0, (double) compressedBytesRead / compressedBytesTotal);
  }
}
