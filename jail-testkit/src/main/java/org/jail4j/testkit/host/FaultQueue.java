package org.jail4j.testkit.host;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One-shot faults for one kind of operation: each fault added fails the next operation it matches,
 * once, and the oldest matching fault is used first.
 *
 * <pre>{@code
 * FaultQueue<MountRequest, Errno> faults = new FaultQueue<>();
 * faults.add(m -> m.fsType().equals("procfs"), Errno.ENOENT);
 * faults.take(procfsMount); // Optional[ENOENT], and the fault is gone
 * faults.take(procfsMount); // Optional.empty
 * }</pre>
 *
 * <p>Safe for concurrent use; a predicate runs while the queue is locked.
 *
 * @param <T> what an operation is described by (a mount request, an alias, ifconfig arguments)
 * @param <R> how a matched operation fails (an errno, an exit code)
 */
public final class FaultQueue<T, R> {

  // Guarded by this.
  private final List<Fault<T, R>> faults = new ArrayList<>();

  /** A queue with no faults. */
  public FaultQueue() {}

  /**
   * Makes the next operation that matches fail with this outcome.
   *
   * @param when which operation
   * @param outcome how it fails
   */
  public synchronized void add(Predicate<T> when, R outcome) {
    faults.add(new Fault<>(when, outcome));
  }

  /**
   * Removes and returns the oldest fault matching this operation, if any.
   *
   * @param subject the operation
   * @return how it fails, or empty when no fault matches
   */
  public synchronized Optional<R> take(T subject) {
    for (Iterator<Fault<T, R>> it = faults.iterator(); it.hasNext(); ) {
      Fault<T, R> f = it.next();
      if (f.when().test(subject)) {
        it.remove();
        return Optional.of(f.outcome());
      }
    }
    return Optional.empty();
  }

  private record Fault<T, R>(Predicate<T> when, R outcome) {}
}
