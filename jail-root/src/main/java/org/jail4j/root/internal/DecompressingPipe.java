package org.jail4j.root.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Runs a decompressing stream on its own thread and hands its output over in large chunks, so that
 * xz decoding (the costly part of extracting a {@code .txz}) overlaps with the file system calls
 * that write the entries. Buffers are recycled; at most {@code CHUNKS} are in flight.
 */
final class DecompressingPipe extends DecodedStream {
  private static final int CHUNK = 1 << 18;
  private static final int CHUNKS = 8;

  // a buffer handed to the reader, never compared or hashed: array identity does not matter
  @SuppressWarnings("ArrayRecordComponent")
  private record Chunk(byte[] data, int length, @Nullable Throwable failure) {}

  private static final Chunk END = new Chunk(new byte[0], 0, null);

  private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(CHUNKS + 1);
  private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS);
  private final InputStream source;
  private final CountingInputStream compressed;
  private final Thread pump;
  private volatile boolean closed;
  private @Nullable Chunk current;
  private int position;
  private boolean ended;
  private final AtomicLong produced = new AtomicLong();
  private long consumed;

  /**
   * Starts decoding.
   *
   * @param source the decoded stream, read on the pipe's thread (and closed there)
   * @param compressed the compressed bytes {@code source} reads, for progress
   * @param name the set's name, for the thread's name
   */
  DecompressingPipe(InputStream source, CountingInputStream compressed, String name) {
    this.source = source;
    this.compressed = compressed;
    for (int i = 0; i < CHUNKS; i++) {
      free.add(new byte[CHUNK]);
    }
    this.pump = new Thread(this::pump, "jail4j-xz-" + name);
    pump.setDaemon(true);
    pump.start();
  }

  private void pump() {
    Chunk last = END;
    try {
      while (!closed) {
        byte[] buf = free.poll(100, TimeUnit.MILLISECONDS);
        if (buf == null) {
          continue;
        }
        int n = source.readNBytes(buf, 0, buf.length);
        if (n > 0) {
          produced.addAndGet(n);
          offer(new Chunk(buf, n, null));
        }
        if (n < buf.length) {
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      last = new Chunk(new byte[0], 0, e);
    } catch (Throwable e) {
      // anything, even an Error, must reach the reader: it would otherwise wait forever
      last = new Chunk(new byte[0], 0, e);
    } finally {
      try {
        source.close();
      } catch (IOException ignored) {
        // the consumer already has every byte it will get
      }
      try {
        offer(last);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void offer(Chunk c) throws InterruptedException {
    while (!closed) {
      if (full.offer(c, 100, TimeUnit.MILLISECONDS)) {
        return;
      }
    }
  }

  private boolean fill() throws IOException {
    if (ended) {
      return false;
    }
    Chunk c = current;
    if (c != null && position < c.length()) {
      return true;
    }
    if (c != null) {
      free.offer(c.data());
      current = null;
    }
    Chunk next;
    try {
      next = full.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while decompressing");
    }
    if (next.length() == 0) {
      ended = true;
      Throwable f = next.failure();
      if (f instanceof IOException) {
        throw new IOException(f.getMessage(), f);
      }
      if (f != null) {
        throw new IOException("decompression failed: " + f, f);
      }
      return false;
    }
    current = next;
    position = 0;
    return true;
  }

  /**
   * The share of the decoded stream the reader has taken so far, between 0 and 1: the decoder runs
   * up to {@code CHUNKS} chunks ahead, so this scales the source's read position to what was
   * handled.
   */
  double consumedShare() {
    long p = produced.get();
    return p <= 0 ? 0.0 : Math.min(1.0, (double) consumed / p);
  }

  @Override
  long compressedHandled() {
    return (long) (compressed.count() * consumedShare());
  }

  @Override
  public int read() throws IOException {
    if (!fill()) {
      return -1;
    }
    Chunk c = current;
    if (c == null) {
      return -1;
    }
    consumed++;
    return c.data()[position++] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    Chunk c = current;
    if (c == null) {
      return -1;
    }
    int n = Math.min(len, c.length() - position);
    System.arraycopy(c.data(), position, b, off, n);
    position += n;
    consumed += n;
    return n;
  }

  @Override
  public void close() throws IOException {
    closed = true;
    full.clear();
    pump.interrupt();
    try {
      pump.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
