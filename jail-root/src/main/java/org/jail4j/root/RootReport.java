package org.jail4j.root;

import java.util.List;

/**
 * What {@link RootBuilder#populate()} built: the root and a report per set.
 *
 * <pre>{@code
 * RootReport r = RootBuilder.into(root).sets(sets, "base").populate();
 * Jail web = r.root().applyTo(Jail.builder().name("web").persist(true).build());
 * }</pre>
 *
 * @param root the populated root
 * @param sets one report per set, in extraction order
 */
public record RootReport(JailRoot root, List<ExtractionReport> sets) {

  /** Copies the list. */
  public RootReport {
    sets = List.copyOf(sets);
  }

  /** Files written over all sets. */
  public long files() {
    return sets.stream().mapToLong(ExtractionReport::files).sum();
  }

  /** Content bytes written over all sets. */
  public long bytesWritten() {
    return sets.stream().mapToLong(ExtractionReport::bytesWritten).sum();
  }
}
