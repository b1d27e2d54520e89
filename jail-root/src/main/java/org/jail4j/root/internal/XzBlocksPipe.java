package org.jail4j.root.internal;

import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.tukaani.xz.SeekableFileInputStream;
import org.tukaani.xz.SeekableXZInputStream;

/**
 * Decodes the blocks of a multi-block xz file ({@code xz -T}, {@code
 * DistributionSetWriter.blockSize}) on a few daemon threads and hands them to the reader in order.
 * The xz index, at the end of the file, gives every block's offset and sizes, so each worker seeks
 * to its block with its own {@link SeekableXZInputStream}; a block's integrity check is verified
 * when its last byte is decoded, as in the sequential decoder.
 *
 * <p>At most {@code 2 * threads} blocks are decoded or waiting ahead of the reader, and their
 * uncompressed bytes together stay within the memory budget (one block always may be decoded, and
 * {@link #open} refuses files with a block larger than the budget). A worker's failure, even an
 * {@link Error}, reaches the reader as an {@link IOException} after the blocks before it, as the
 * sequential {@link DecompressingPipe} reports it; {@link #close} stops and joins every worker.
 */
final class XzBlocksPipe extends DecodedStream {
  /** Workers check for {@link #close} between pieces of this size. */
  private static final int PIECE = 1 << 20;

  // a decoded block handed to the reader, never compared or hashed: array identity does not matter
  @SuppressWarnings("ArrayRecordComponent")
  private record Block(byte @Nullable [] data, @Nullable Throwable failure) {}

  private final File file;
  private final int memoryLimitKib;
  private final boolean verifyCheck;
  private final long budget;
  private final int maxAhead;
  private final long[] sizes;
  private final long[] compressedStart;
  private final long[] compressedSize;
  private final List<Thread> workers = new ArrayList<>();

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Map<Integer, Block> decoded = new HashMap<>();
  private int nextToDecode; // guarded by lock
  private long bytesAhead; // guarded by lock: blocks taken by a worker and not yet released
  private volatile int reading; // the block the reader is in (guarded by lock for writes)
  private volatile boolean closed;

  private byte @Nullable [] current;
  private int position;
  private volatile long positionInBlock;
  private boolean ended;

  private XzBlocksPipe(
      File file,
      String name,
      int memoryLimitKib,
      boolean verifyCheck,
      long budget,
      int threads,
      long[] sizes,
      long[] compressedStart,
      long[] compressedSize) {
    this.file = file;
    this.memoryLimitKib = memoryLimitKib;
    this.verifyCheck = verifyCheck;
    this.budget = budget;
    this.maxAhead = 2 * threads;
    this.sizes = sizes;
    this.compressedStart = compressedStart;
    this.compressedSize = compressedSize;
    for (int i = 0; i < threads; i++) {
      Thread t = new Thread(this::work, "jail4j-xz-" + name + "-" + i);
      t.setDaemon(true);
      workers.add(t);
    }
    workers.forEach(Thread::start);
  }

  /**
   * The memory budget for decoded blocks waiting for the reader: 256 MiB, or a quarter of the
   * largest heap when that is less.
   */
  static long defaultBudget() {
    return Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 4);
  }

  /** Worker threads: one per processor, at least 2 and at most 4. */
  static int defaultThreads() {
    return Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
  }

  /**
   * A parallel decoder for the file, or null when the sequential one should decode it: the file's
   * index cannot be read (the sequential decoder then reports why), it holds one block, or a block
   * is larger than the budget.
   *
   * @param archive the xz file
   * @param name the set's name, for the threads' names
   * @param memoryLimitKib the most memory one decoder may need (a forged header may ask for more)
   * @param verifyCheck verify each block's integrity check
   * @param budget the most uncompressed bytes decoded ahead of the reader
   * @param threads worker threads (fewer when there are fewer blocks)
   */
  static @Nullable XzBlocksPipe open(
      Path archive,
      String name,
      int memoryLimitKib,
      boolean verifyCheck,
      long budget,
      int threads) {
    File file = archive.toFile();
    long[] sizes;
    long[] start;
    long[] compressed;
    try (SeekableXZInputStream xz =
        new SeekableXZInputStream(new SeekableFileInputStream(file), memoryLimitKib, verifyCheck)) {
      int n = xz.getBlockCount();
      if (n < 2) {
        return null;
      }
      sizes = new long[n];
      start = new long[n];
      compressed = new long[n];
      for (int i = 0; i < n; i++) {
        sizes[i] = xz.getBlockSize(i);
        start[i] = xz.getBlockCompPos(i);
        compressed[i] = xz.getBlockCompSize(i);
        if (sizes[i] > budget || sizes[i] > Integer.MAX_VALUE - 8) {
          return null;
        }
      }
    } catch (IOException | RuntimeException e) {
      return null; // not seekable, truncated or corrupt: the sequential decoder says which
    }
    int workers = Math.max(1, Math.min(threads, sizes.length));
    return new XzBlocksPipe(
        file, name, memoryLimitKib, verifyCheck, budget, workers, sizes, start, compressed);
  }

  /** The number of blocks. */
  int blocks() {
    return sizes.length;
  }

  private void work() {
    SeekableXZInputStream xz = null;
    try {
      while (true) {
        int block;
        lock.lockInterruptibly();
        try {
          while (!closed
              && nextToDecode < sizes.length
              && (nextToDecode - reading >= maxAhead
                  || (bytesAhead > 0 && bytesAhead + sizes[nextToDecode] > budget))) {
            changed.await();
          }
          if (closed || nextToDecode >= sizes.length) {
            return;
          }
          block = nextToDecode++;
          bytesAhead += sizes[block];
        } finally {
          lock.unlock();
        }
        Block result;
        try {
          if (xz == null) {
            xz =
                new SeekableXZInputStream(
                    new SeekableFileInputStream(file), memoryLimitKib, verifyCheck);
          }
          result = new Block(decode(xz, block), null);
        } catch (InterruptedIOException e) {
          return; // closed
        } catch (Throwable e) {
          // anything, even an Error, must reach the reader: it would otherwise wait forever
          result = new Block(null, e);
        }
        lock.lock();
        try {
          decoded.put(block, result);
          changed.signalAll();
          if (result.failure() != null) {
            return;
          }
        } finally {
          lock.unlock();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (xz != null) {
        try {
          xz.close();
        } catch (IOException ignored) {
          // read-only file: nothing is lost
        }
      }
    }
  }

  private byte[] decode(SeekableXZInputStream xz, int block) throws IOException {
    xz.seekToBlock(block);
    byte[] data = new byte[(int) sizes[block]];
    int off = 0;
    while (off < data.length) {
      if (closed) {
        throw new InterruptedIOException("closed");
      }
      int n = xz.read(data, off, Math.min(PIECE, data.length - off));
      if (n < 0) {
        throw new IOException("block " + block + " ends before the size its index gives");
      }
      off += n;
    }
    return data;
  }

  private boolean fill() throws IOException {
    if (ended) {
      return false;
    }
    byte[] c = current;
    if (c != null && position < c.length) {
      return true;
    }
    int next = c == null ? reading : reading + 1;
    if (next >= sizes.length) {
      ended = true;
      return false;
    }
    Block b;
    lock.lock();
    try {
      if (c != null) {
        bytesAhead -= sizes[reading];
        reading = next;
        positionInBlock = 0;
        current = null;
        changed.signalAll();
      }
      while ((b = decoded.remove(next)) == null) {
        if (closed) {
          throw new IOException("closed");
        }
        changed.await();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while decompressing");
    } finally {
      lock.unlock();
    }
    Throwable f = b.failure();
    byte[] data = b.data();
    if (f != null || data == null) {
      ended = true;
      if (f instanceof IOException) {
        throw new IOException(f.getMessage(), f);
      }
      throw new IOException("decompression failed: " + f, f);
    }
    current = data;
    position = 0;
    return position < data.length || fill();
  }

  @Override
  long compressedHandled() {
    int r = reading;
    if (r >= sizes.length) {
      return compressedStart[sizes.length - 1] + compressedSize[sizes.length - 1];
    }
    long size = sizes[r];
    return compressedStart[r]
        + (size == 0 ? 0 : (long) (compressedSize[r] * ((double) positionInBlock / size)));
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    byte[] c = current;
    if (c == null) {
      return -1;
    }
    int n = Math.min(len, c.length - position);
    System.arraycopy(c, position, b, off, n);
    position += n;
    positionInBlock = position;
    return n;
  }

  @Override
  public void close() throws IOException {
    lock.lock();
    try {
      closed = true;
      decoded.clear();
      current = null;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    boolean interrupted = false;
    for (Thread t : workers) {
      while (t.isAlive()) {
        t.interrupt();
        try {
          t.join(100);
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
