package org.jail4j.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one place where a process's output pipes are read in the background: a cached pool of daemon
 * threads named {@code jail4j-drain-N}, so running a command reuses an idle reader instead of
 * starting a thread per stream.
 *
 * <pre>{@code
 * Future<?> done = DrainPool.submit(() -> copy(process.getErrorStream()));
 * }</pre>
 */
public final class DrainPool {
  private static final AtomicInteger COUNT = new AtomicInteger();

  private static final ThreadFactory FACTORY =
      r -> {
        Thread t = new Thread(r, "jail4j-drain-" + COUNT.incrementAndGet());
        t.setDaemon(true);
        return t;
      };

  // Cached: a reader blocks for as long as its process keeps the pipe open, so the pool must grow
  // with the number of running commands; idle readers end after a minute.
  private static final ExecutorService POOL = Executors.newCachedThreadPool(FACTORY);

  private DrainPool() {}

  /**
   * Runs a stream reader on a pooled daemon thread.
   *
   * @param reader reads one stream to its end
   * @return completes when the reader returns
   */
  public static Future<?> submit(Runnable reader) {
    return POOL.submit(reader);
  }
}
