package org.jail4j.root.internal;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * A response body read by the thread that asked for it, one buffer list at a time.
 *
 * <p>The HTTP client's own byte-array and input-stream bodies either gather the whole body in the
 * client's selector thread (an endless body exhausts the heap there) or block in a read that no
 * timeout bounds. This subscriber asks the client for one list of buffers, and for the next only
 * when the reader has taken it, so at most one list is held however long the body is; the reader
 * waits for it with a time limit and can be interrupted; {@link #cancel()} ends the exchange.
 */
public final class HttpBodyStream implements HttpResponse.BodySubscriber<HttpBodyStream> {
  private static final Object END = new Object();

  // holds List<ByteBuffer>, a Throwable from onError, or END; one item at a time by demand
  private final LinkedBlockingQueue<Object> items = new LinkedBlockingQueue<>();
  private volatile Flow.@Nullable Subscription subscription;
  private volatile boolean cancelled;
  private boolean ended;
  private List<ByteBuffer> current = List.of();
  private int index;

  @Override
  public void onSubscribe(Flow.Subscription s) {
    if (subscription != null || cancelled) {
      s.cancel();
      return;
    }
    subscription = s;
    if (cancelled) { // cancel() ran between the check and the assignment
      s.cancel();
      return;
    }
    s.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    items.add(buffers);
  }

  @Override
  public void onError(Throwable t) {
    items.add(t);
  }

  @Override
  public void onComplete() {
    items.add(END);
  }

  @Override
  public CompletionStage<HttpBodyStream> getBody() {
    // the response is handed over as soon as its headers are in; the body follows through next()
    return CompletableFuture.completedFuture(this);
  }

  /**
   * The next buffer with bytes in it, or null at the end of the body.
   *
   * @param waitNanos how long to wait for the server at most
   * @throws TimeoutException when nothing came within {@code waitNanos}
   * @throws InterruptedException when the reading thread is interrupted while it waits
   * @throws IOException when the exchange failed
   */
  public @Nullable ByteBuffer next(long waitNanos)
      throws IOException, InterruptedException, TimeoutException {
    long end = System.nanoTime() + Math.max(0, waitNanos);
    while (true) {
      while (index < current.size()) {
        ByteBuffer b = current.get(index);
        if (b.hasRemaining()) {
          return b;
        }
        index++;
      }
      if (ended) {
        return null;
      }
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      Object item = items.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (item == null) {
        throw new TimeoutException();
      }
      if (item == END) {
        ended = true;
        continue;
      }
      if (item instanceof Throwable t) {
        ended = true;
        throw t instanceof IOException io ? io : new IOException(t);
      }
      @SuppressWarnings("unchecked") // only onNext adds lists
      List<ByteBuffer> next = (List<ByteBuffer>) item;
      current = next;
      index = 0;
      Flow.Subscription s = subscription;
      if (s != null) {
        s.request(1);
      }
    }
  }

  /** Ends the exchange: the client stops reading the body and closes or reuses the connection. */
  public void cancel() {
    cancelled = true;
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
    items.clear();
  }
}
