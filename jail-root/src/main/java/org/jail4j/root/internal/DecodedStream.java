package org.jail4j.root.internal;

import java.io.InputStream;

/**
 * A set's tar stream, decoded ahead of the reader on other threads ({@link DecompressingPipe} for
 * one xz block or another format, {@link XzBlocksPipe} for several xz blocks in parallel), and how
 * much of the compressed file lies behind what the reader has taken, for progress.
 */
abstract class DecodedStream extends InputStream {
  /** The compressed bytes behind what the reader has taken (the decoders run ahead of it). */
  abstract long compressedHandled();
}
