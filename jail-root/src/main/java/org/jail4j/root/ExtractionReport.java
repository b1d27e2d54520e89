package org.jail4j.root;

import java.util.List;

/**
 * What extracting one distribution set did.
 *
 * <pre>{@code
 * ExtractionReport r = RootBuilder.into(root).sets(sets, "base").populate().sets().get(0);
 * System.out.println(r.files() + " files, " + r.bytesWritten() + " bytes, skipped " + r.skipped());
 * }</pre>
 *
 * @param set the set's name
 * @param entries archive entries read
 * @param files regular files written
 * @param directories directories created or updated
 * @param symlinks symbolic links created
 * @param hardLinks hard links created
 * @param bytesWritten file content bytes written
 * @param skipped entries not created (device nodes, FIFOs, unknown types), the first 1,000 by name
 * @param skippedEntries how many entries were not created, all of them counted
 * @param ownersApplied true when numeric owners were applied to the files
 * @param owners when owners were not applied: every entry's owner and mode, in archive order
 */
public record ExtractionReport(
    String set,
    long entries,
    long files,
    long directories,
    long symlinks,
    long hardLinks,
    long bytesWritten,
    List<SkippedEntry> skipped,
    long skippedEntries,
    boolean ownersApplied,
    List<EntryOwner> owners) {

  /** Copies the lists. */
  public ExtractionReport {
    skipped = List.copyOf(skipped);
    owners = List.copyOf(owners);
  }
}
