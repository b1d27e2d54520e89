package org.jail4j.root;

/**
 * What extraction does with the numeric owners (uid, gid) recorded in a distribution set. Changing
 * a file's owner needs root on the host; a non-root build of a root (a test, an image builder)
 * records them instead, so a later step run as root can apply them.
 *
 * <pre>{@code
 * RootBuilder.into(root).sets(sets, "base").owners(OwnerPolicy.RECORD).populate();
 * }</pre>
 */
public enum OwnerPolicy {
  /** Apply owners when the JVM runs as uid 0, record them otherwise. */
  AUTO,
  /** Always apply owners; fails with a {@link RootException} when the host refuses. */
  APPLY,
  /** Never apply owners; record every entry's owner in the report. */
  RECORD
}
