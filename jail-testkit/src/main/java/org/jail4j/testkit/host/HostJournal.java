package org.jail4j.testkit.host;

import java.util.ArrayList;
import java.util.List;

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

  /** An empty journal. */
  public HostJournal() {}

  /**
   * Appends a line.
   *
   * @param line what happened
   */
  public synchronized void add(String line) {
    lines.add(line);
  }

  /** Every line so far, in order. */
  public synchronized List<String> lines() {
    return List.copyOf(lines);
  }
}
