package org.jail4j.root;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jail4j.root.internal.RootDirs;
import org.jail4j.root.internal.SetExtractor;
import org.jail4j.root.internal.Sha256;
import org.jail4j.root.internal.Trees;
import org.jspecify.annotations.Nullable;

/**
 * Builds a full ("fat") jail root from FreeBSD distribution sets, in pure Java: what {@code tar -xf
 * base.txz -C ROOT} does, plus the checks a root needs.
 *
 * <ul>
 *   <li>Every set is checked against the release {@code MANIFEST} (SHA-256) before anything is
 *       written, the root directory included.
 *   <li>An existing non-empty root is refused unless {@link #overwrite(boolean)} says otherwise.
 *   <li>No entry writes outside the root: {@code ..} and absolute names, paths through symbolic
 *       links (planted by the archive or already in the root) and hard links to anything but a
 *       regular file inside the root are refused with an {@link UnsafePathException}; device nodes
 *       and FIFOs are skipped (devfs provides {@code /dev}).
 *   <li>Regular files, directories, symbolic links, hard links, modes (set-id and sticky bits
 *       included) and modification times are kept; numeric owners are applied when the JVM runs as
 *       root and recorded in the report otherwise ({@link OwnerPolicy}).
 *   <li>When extraction into an empty or new root fails, what was written is removed again.
 * </ul>
 *
 * <pre>{@code
 * DistributionSets sets = new SetMirror(URI.create("https://download.freebsd.org/releases/"), cache)
 *     .fetch("14.3-RELEASE", "amd64", "base", "lib32");
 * RootReport report = RootBuilder.into(Path.of("/jail/web"))
 *     .sets(sets, "base", "lib32")
 *     .progress(p -> System.out.printf("\r%s %3.0f%%", p.set(), 100 * p.fraction()))
 *     .populate();
 * }</pre>
 */
public final class RootBuilder {
  private static final String OP = "extract";

  /**
   * The most entries a set may hold when its MANIFEST gives no entry count (FreeBSD's {@code
   * base.txz} holds about 35,000); raise it with {@link #maxEntries(long)}. A set the MANIFEST
   * gives a count for may never hold more entries than that count.
   */
  public static final long DEFAULT_MAX_ENTRIES = 1_000_000;

  /**
   * The most file content bytes one set may unpack to: 8 GiB (FreeBSD's largest set, {@code
   * src.txz}, unpacks to about 1.5 GiB); raise it with {@link #maxUnpackedBytes(long)}.
   */
  public static final long DEFAULT_MAX_UNPACKED_BYTES = 8L << 30;

  private final Path root;
  private final Map<String, Path> archives = new LinkedHashMap<>();
  private @Nullable Manifest manifest;
  private boolean unverified;
  private boolean overwrite;
  private OwnerPolicy owners = OwnerPolicy.AUTO;
  private ProgressListener listener = ProgressListener.none();
  private long maxEntries = DEFAULT_MAX_ENTRIES;
  private long maxUnpackedBytes = DEFAULT_MAX_UNPACKED_BYTES;

  private RootBuilder(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /**
   * A builder for the root at this directory (created when missing).
   *
   * @param root the root directory on the host
   * @return the builder
   */
  public static RootBuilder into(Path root) {
    return new RootBuilder(root);
  }

  /**
   * Adds a set file; sets are extracted in the order added.
   *
   * @param set the set's name as the MANIFEST lists it, e.g. {@code base}
   * @param archive its {@code .txz} file
   * @return this builder
   */
  public RootBuilder set(String set, Path archive) {
    archives.put(set, archive);
    return this;
  }

  /**
   * Adds sets from a release directory or a fetch, and uses their MANIFEST.
   *
   * @param sets the sets on disk
   * @param names the sets to extract, in order, e.g. {@code base}, {@code lib32}
   * @return this builder
   * @throws RootException when a named set is not among them
   */
  public RootBuilder sets(DistributionSets sets, String... names) {
    manifest(sets.manifest());
    for (String n : names) {
      Path p =
          sets.archive(n)
              .orElseThrow(
                  () ->
                      new RootException(
                          OP,
                          "set \"" + n + "\" is not present; have " + sets.archives().keySet(),
                          null));
      set(n, p);
    }
    return this;
  }

  /**
   * The MANIFEST every set is checked against.
   *
   * @param manifest the release MANIFEST
   * @return this builder
   */
  public RootBuilder manifest(Manifest manifest) {
    this.manifest = manifest;
    return this;
  }

  /**
   * Extracts without a MANIFEST check (a set made locally, a benchmark). Without this call a set
   * with no MANIFEST entry is refused.
   *
   * @return this builder
   */
  public RootBuilder unverified() {
    this.unverified = true;
    return this;
  }

  /**
   * Allows extracting into a root that already holds files (adding {@code lib32} to a root made
   * earlier, refreshing a root). Existing files and links at an entry's place are replaced;
   * existing directories are kept.
   *
   * @param overwrite true to extract over existing files
   * @return this builder
   */
  public RootBuilder overwrite(boolean overwrite) {
    this.overwrite = overwrite;
    return this;
  }

  /**
   * What to do with numeric owners; {@link OwnerPolicy#AUTO} by default.
   *
   * @param owners the policy
   * @return this builder
   */
  public RootBuilder owners(OwnerPolicy owners) {
    this.owners = owners;
    return this;
  }

  /**
   * The most entries one set may hold when its MANIFEST gives no count ({@link
   * #DEFAULT_MAX_ENTRIES} by default). A MANIFEST count is always enforced as well.
   *
   * @param maxEntries at least 1
   * @return this builder
   * @throws RootException when {@code maxEntries} is less than 1
   */
  public RootBuilder maxEntries(long maxEntries) {
    if (maxEntries < 1) {
      throw new RootException(OP, "maxEntries: must be at least 1, got " + maxEntries, null);
    }
    this.maxEntries = maxEntries;
    return this;
  }

  /**
   * The most file content bytes one set may unpack to ({@link #DEFAULT_MAX_UNPACKED_BYTES} by
   * default). Checked while writing: the file that crosses the bound is removed.
   *
   * @param maxUnpackedBytes at least 0
   * @return this builder
   * @throws RootException when {@code maxUnpackedBytes} is negative
   */
  public RootBuilder maxUnpackedBytes(long maxUnpackedBytes) {
    if (maxUnpackedBytes < 0) {
      throw new RootException(
          OP, "maxUnpackedBytes: must be at least 0, got " + maxUnpackedBytes, null);
    }
    this.maxUnpackedBytes = maxUnpackedBytes;
    return this;
  }

  /**
   * Receives progress (bytes read, entries handled) while extracting.
   *
   * @param listener the listener
   * @return this builder
   */
  public RootBuilder progress(ProgressListener listener) {
    this.listener = listener;
    return this;
  }

  /**
   * Verifies every set, then extracts them in order.
   *
   * @return what was done, per set
   * @throws ChecksumMismatchException when a set does not match the MANIFEST (nothing written)
   * @throws RootNotEmptyException when the root holds files and overwrite was not allowed
   * @throws UnsafePathException when an entry would leave the root
   * @throws RootException on any other failure
   */
  public RootReport populate() {
    if (archives.isEmpty()) {
      throw new RootException(OP, "no distribution set given", null);
    }
    boolean verified = verifyAll();
    boolean created;
    try {
      if (Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
          throw new RootException(OP, root + ": not a directory", null);
        }
        created = Trees.isEmpty(root);
        if (!created && !overwrite) {
          throw new RootNotEmptyException(root.toString());
        }
      } else {
        Files.createDirectories(root);
        created = true;
      }
    } catch (IOException e) {
      throw new RootException(OP, root + ": " + e.getMessage(), e);
    }
    List<ExtractionReport> reports = new ArrayList<>();
    try {
      SetExtractor extractor = new SetExtractor(root, owners, listener, created);
      for (Map.Entry<String, Path> e : archives.entrySet()) {
        // after a successful MANIFEST check the xz stream's own check adds nothing
        ManifestEntry listed = manifest == null ? null : manifest.entry(e.getKey()).orElse(null);
        long count = listed == null ? -1 : listed.entries();
        boolean fromManifest = count >= 0 && count <= maxEntries;
        reports.add(
            extractor.extract(
                e.getKey(),
                e.getValue(),
                !verified,
                fromManifest ? count : maxEntries,
                fromManifest,
                maxUnpackedBytes));
      }
    } catch (RuntimeException e) {
      if (created) {
        try {
          RootDirs.deleteContents(root);
        } catch (IOException cleanup) {
          e.addSuppressed(cleanup);
        }
      }
      throw e;
    }
    return new RootReport(JailRoot.full(root), reports);
  }

  /** Checks every set against the MANIFEST; returns false when unverified() allowed no check. */
  private boolean verifyAll() {
    boolean all = true;
    for (Map.Entry<String, Path> e : archives.entrySet()) {
      String set = e.getKey();
      Path file = e.getValue();
      ManifestEntry expected = manifest == null ? null : manifest.entry(set).orElse(null);
      if (expected == null) {
        if (!unverified) {
          throw new RootException(
              OP,
              "no MANIFEST entry for set \""
                  + set
                  + "\"; give the release MANIFEST or call unverified()",
              null);
        }
        all = false;
        continue;
      }
      String actual;
      try {
        actual = Sha256.of(file);
      } catch (IOException ex) {
        throw new RootException(OP, file + ": " + ex.getMessage(), ex);
      }
      if (!actual.equals(expected.sha256())) {
        throw new ChecksumMismatchException(
            OP, file.getFileName().toString(), expected.sha256(), actual);
      }
    }
    return all;
  }
}
