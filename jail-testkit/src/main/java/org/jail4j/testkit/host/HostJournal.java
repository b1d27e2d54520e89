package org.jail4j.testkit.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What happened on a fake host, one line per operation, in the order the operations took effect.
 * Every part of the host writes here while it holds its own lock, so a part's lines are in the
 * order of its operations.
 *
 * <pre>{@code
 * HostJournal journal = new HostJournal();
 * journal.add("mount nullfs /jails/base on /jail/web");
 * journal.lines(); // [mount nullfs /jails/base on /jail/web]
 * }</pre>
 *
 * <p>Safe for concurrent use.
 */
public final class HostJournal {

  // Guarded by this.
  private final List<String> lines = new ArrayList<>();
  private final Consumer<String> forward;

  /** An empty journal. */
  public HostJournal() {
    this(line -> {});
  }

  /**
   * An empty journal that also hands every line to {@code forward}, in order (the fake host gives
   * its kernel's {@code Journal} here, so host steps and system calls share one order).
   *
   * @param forward called with each line while this journal's lock is held
   */
  public HostJournal(Consumer<String> forward) {
    this.forward = Objects.requireNonNull(forward, "forward");
  }

  /**
   * Appends a line.
   *
   * @param line what happened
   */
  public synchronized void add(String line) {
    lines.add(line);
    forward.accept(line);
  }

  /** Every line so far, in order. */
  public synchronized List<String> lines() {
    return List.copyOf(lines);
  }
}
