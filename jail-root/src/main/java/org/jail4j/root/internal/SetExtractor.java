package org.jail4j.root.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.jail4j.UnsupportedHostException;
import org.jail4j.root.EntryOwner;
import org.jail4j.root.ExtractionProgress;
import org.jail4j.root.ExtractionReport;
import org.jail4j.root.OwnerPolicy;
import org.jail4j.root.ProgressListener;
import org.jail4j.root.RootException;
import org.jail4j.root.RootLimitException;
import org.jail4j.root.SkippedEntry;
import org.jail4j.root.UnsafePathException;
import org.jspecify.annotations.Nullable;
import org.tukaani.xz.XZInputStream;

/**
 * Extracts one {@code .txz} distribution set into a root in a single pass: xz decoding on its own
 * thread, entries written with one reusable buffer, each file created with its mode in the same
 * {@code open(2)} where the umask allows, directory modes and times applied once at the end.
 *
 * <p>Safety: the root belongs to the jail's root user (freebsd-jail-abi.md section 8), so an entry
 * never writes through a symbolic link, even one swapped in while the extraction runs. The root is
 * opened once ({@link RootDirs}) and every parent directory is opened relative to the one before
 * with {@code O_NOFOLLOW}; each entry is made under a staging name directly in the root (its mode,
 * owner and times set there) and renamed into its opened parent, replacing (never opening) a
 * non-directory that was there. Directory modes and times are applied at the end through the opened
 * directories. Device nodes and FIFOs are skipped.
 */
public final class SetExtractor {
  private static final String OP = "extract";
  private static final int BUFFER = 1 << 20;

  /**
   * FreeBSD's sets are made with {@code xz -9} (64 MiB dictionary, about 65 MiB to decode); a
   * forged header asking for more is refused instead of exhausting the heap.
   */
  private static final int XZ_MEMORY_LIMIT_KIB = 256 * 1024;

  /** At most this many skipped entries are listed by name; all of them are counted. */
  public static final int SKIPPED_NAMES_KEPT = 1000;

  private static final long PROGRESS_BYTES = 1 << 20;
  private static final int PROGRESS_ENTRIES = 256;
  private static final Set<OpenOption> CREATE_FILE =
      Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);

  private final Path root;
  private final boolean applyOwners;
  private final int selfUid;
  private final int newFileGid;
  private final boolean newFilesGetCreatorGroup;
  private final int umask;
  private final ProgressListener listener;
  private final byte[] buffer = new byte[BUFFER];
  private final Set<String> checkedDirectories = new HashSet<>();

  @SuppressWarnings({"unchecked", "rawtypes"})
  private final FileAttribute<Set<PosixFilePermission>>[] createModes = new FileAttribute[512];

  private record DeferredDirectory(List<String> parts, int mode, FileTime mtime) {}

  private @Nullable RootDirs dirs;

  /** Turns the archive file's bytes into the tar stream (xz for sets; gzip, zstd for layers). */
  @FunctionalInterface
  public interface Decoder {
    /**
     * The decoded stream.
     *
     * @param compressed the archive file's bytes, buffered
     * @return the tar stream
     * @throws IOException when the stream's header is not valid
     */
    InputStream open(InputStream compressed) throws IOException;
  }

  private boolean parallelXz = true;
  private String entriesHint = "RootBuilder.maxEntries(long)";
  private String bytesHint = "RootBuilder.maxUnpackedBytes(long)";
  private @Nullable LayerChanges layer;

  /**
   * An extractor for one root.
   *
   * @param root the root directory; must exist
   * @param owners the owner policy
   * @param listener progress
   * @param freshRoot true when the root was empty at the start (no directory in it carries a
   *     set-group-id bit before the final pass)
   */
  public SetExtractor(Path root, OwnerPolicy owners, ProgressListener listener, boolean freshRoot) {
    this.root = root;
    this.listener = listener;
    HostIdentity id = HostIdentity.probe(root);
    this.umask = id.umask();
    this.selfUid = id.uid();
    this.newFileGid = id.gid();
    // Linux gives a new file the creator's group unless the directory is set-group-id; the BSDs
    // give it the directory's group, so there the group is always set explicitly.
    String os = System.getProperty("os.name", "");
    this.newFilesGetCreatorGroup = freshRoot && os.equals("Linux") && !setGroupId(root);
    this.applyOwners = owners == OwnerPolicy.APPLY || (owners == OwnerPolicy.AUTO && id.uid() == 0);
    checkedDirectories.add("");
  }

  private static boolean setGroupId(Path dir) {
    try {
      return (((Integer) Files.getAttribute(dir, "unix:mode")) & 02000) != 0;
    } catch (IOException | UnsupportedOperationException e) {
      return true; // unknown: set groups explicitly
    }
  }

  /**
   * Names the settings that raise the entry and byte limits in {@link RootLimitException}s (by
   * default {@code RootBuilder}'s).
   *
   * @param entries how to raise the entry limit, e.g. {@code RootBuilder.maxEntries(long)}
   * @param bytes how to raise the byte limit
   * @return this extractor
   */
  public SetExtractor limitHints(String entries, String bytes) {
    this.entriesHint = entries;
    this.bytesHint = bytes;
    return this;
  }

  /**
   * Extracts one OCI image layer: the archive as {@link #extract(String, Path, boolean)} does, and
   * the OCI whiteout rules ({@link LayerChanges}) over what lower layers wrote. Use one extractor
   * per layer: what it remembers of checked directories is this layer's.
   *
   * @param name the layer's name for progress and reports
   * @param blob the layer's file
   * @param decoder its media type's decoder
   * @param maxEntries the most entries the layer may hold
   * @param maxBytes the most file content bytes the layer may unpack to
   * @return what was done
   * @throws RootLimitException when the layer holds more entries or unpacks to more bytes
   * @throws RootException on a refused entry or an I/O failure
   */
  public ExtractionReport extractLayer(
      String name, Path blob, Decoder decoder, long maxEntries, long maxBytes) {
    this.layer = new LayerChanges(root, this::forget);
    return extract(name, blob, decoder, maxEntries, false, maxBytes);
  }

  /** Forgets a checked directory and everything below it (a whiteout removed it). */
  private void forget(String rel) {
    String below = rel + "/";
    checkedDirectories.removeIf(k -> k.equals(rel) || k.startsWith(below));
    RootDirs d = dirs;
    if (d != null) {
      d.forget(rel);
    }
  }

  /**
   * Whether an xz set with several blocks is decoded in parallel (true by default); false decodes
   * every set with one decoder, as for a single block.
   *
   * @param parallel true to decode blocks in parallel
   * @return this extractor
   */
  public SetExtractor parallelXz(boolean parallel) {
    this.parallelXz = parallel;
    return this;
  }

  /** True when this extractor applies numeric owners. */
  public boolean appliesOwners() {
    return applyOwners;
  }

  /**
   * Extracts an archive.
   *
   * @param set the set's name for progress and reports
   * @param archive the {@code .txz} file
   * @param verifyXzCheck check the xz stream's own CRC/SHA (redundant after a MANIFEST check)
   * @return what was done
   * @throws RootException on a refused entry or an I/O failure
   */
  public ExtractionReport extract(String set, Path archive, boolean verifyXzCheck) {
    return extract(set, archive, verifyXzCheck, Long.MAX_VALUE, false, Long.MAX_VALUE);
  }

  /**
   * Extracts an archive of at most {@code maxEntries} entries.
   *
   * @param set the set's name for progress and reports
   * @param archive the {@code .txz} file
   * @param verifyXzCheck check the xz stream's own CRC/SHA (redundant after a MANIFEST check)
   * @param maxEntries the most entries the archive may hold (its MANIFEST count, or a default)
   * @param countFromManifest true when {@code maxEntries} is the set's MANIFEST entry count
   * @param maxBytes the most file content bytes the archive may unpack to
   * @return what was done
   * @throws RootLimitException when the archive holds more entries or unpacks to more bytes
   * @throws RootException on a refused entry or an I/O failure
   */
  public ExtractionReport extract(
      String set,
      Path archive,
      boolean verifyXzCheck,
      long maxEntries,
      boolean countFromManifest,
      long maxBytes) {
    return extract(
        set,
        archive,
        in -> new XZInputStream(in, XZ_MEMORY_LIMIT_KIB, verifyXzCheck),
        true,
        verifyXzCheck,
        maxEntries,
        countFromManifest,
        maxBytes);
  }

  private ExtractionReport extract(
      String set,
      Path archive,
      Decoder decoder,
      long maxEntries,
      boolean countFromManifest,
      long maxBytes) {
    return extract(set, archive, decoder, false, false, maxEntries, countFromManifest, maxBytes);
  }

  /**
   * The decoded tar stream: the xz blocks in parallel when {@code xzBlocks} and the file has
   * several (see {@link XzBlocksPipe#open}), otherwise one decoder on its own thread.
   */
  private DecodedStream decode(
      String set, Path archive, Decoder decoder, boolean xzBlocks, boolean verifyXzCheck)
      throws IOException {
    if (xzBlocks && parallelXz) {
      XzBlocksPipe blocks =
          XzBlocksPipe.open(
              archive,
              set,
              XZ_MEMORY_LIMIT_KIB,
              verifyXzCheck,
              XzBlocksPipe.defaultBudget(),
              XzBlocksPipe.defaultThreads());
      if (blocks != null) {
        return blocks;
      }
    }
    InputStream file = Files.newInputStream(archive);
    try {
      CountingInputStream counted = new CountingInputStream(file);
      InputStream decoded = decoder.open(new BufferedInputStream(counted, 1 << 16));
      return new DecompressingPipe(decoded, counted, set);
    } catch (IOException | RuntimeException e) {
      file.close();
      throw e;
    }
  }

  private ExtractionReport extract(
      String set,
      Path archive,
      Decoder decoder,
      boolean xzBlocks,
      boolean verifyXzCheck,
      long maxEntries,
      boolean countFromManifest,
      long maxBytes) {
    long total;
    try {
      total = Files.size(archive);
    } catch (IOException e) {
      throw new RootException(OP, archive + ": " + e.getMessage(), e);
    }
    Counts counts = new Counts(archive.getFileName().toString(), maxBytes);
    List<DeferredDirectory> directories = new ArrayList<>();
    String current = "";
    try (RootDirs opened = RootDirs.open(OP, root);
        DecodedStream pipe = decode(set, archive, decoder, xzBlocks, verifyXzCheck);
        TarArchiveInputStream tar =
            new TarArchiveInputStream(pipe, StandardCharsets.ISO_8859_1.name())) {
      dirs = opened;
      long lastBytes = 0;
      long lastEntries = 0;
      long done = 0;
      long entriesTotal = countFromManifest ? maxEntries : -1;
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        current = entry.getName();
        counts.entries++;
        if (counts.entries > maxEntries) {
          // checked before the entry is handled: a flood of skipped entries (FIFOs cost 512
          // bytes each and compress to almost nothing) must not run on unbounded
          throw new RootLimitException(
              OP,
              archive.getFileName() + ": entry \"" + current + "\"",
              countFromManifest ? "the MANIFEST entry count" : "maxEntries",
              maxEntries,
              counts.entries,
              countFromManifest ? "a MANIFEST that lists the set's real entry count" : entriesHint);
        }
        LayerChanges changes = layer;
        if (changes != null && changes.before(entry)) {
          continue; // a whiteout: applied, not written
        }
        extractEntry(tar, entry, counts, directories);
        long read = pipe.compressedHandled();
        if (counts.entries - lastEntries >= PROGRESS_ENTRIES
            || read - lastBytes >= PROGRESS_BYTES) {
          lastEntries = counts.entries;
          lastBytes = read;
          // what was written, not what was read: the pipe decodes ahead of the writer, so the read
          // position is scaled by the share of the decoded stream taken; never falls back
          done = Math.max(done, Math.min(total, read));
          ExtractionProgress p =
              new ExtractionProgress(
                  set, done, total, counts.entries, entriesTotal, counts.bytesWritten, false);
          if (p.fraction() < 1.0) {
            // 1.0 is said once, by the last callback, after the directories are finished
            listener.progress(p);
          }
        }
      }
      current = "";
      for (int i = directories.size() - 1; i >= 0; i--) {
        finishDirectory(directories.get(i));
      }
      listener.progress(
          new ExtractionProgress(
              set, total, total, counts.entries, entriesTotal, counts.bytesWritten, true));
    } catch (RootException e) {
      throw e;
    } catch (UnsupportedHostException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // a malformed header can surface as IllegalArgumentException from the tar parser
      throw new RootException(
          OP,
          archive.getFileName()
              + (current.isEmpty() ? "" : ": entry \"" + current + "\"")
              + ": "
              + describe(e),
          e);
    } finally {
      dirs = null;
    }
    return new ExtractionReport(
        set,
        counts.entries,
        counts.files,
        counts.directories,
        counts.symlinks,
        counts.hardLinks,
        counts.bytesWritten,
        counts.skipped,
        counts.skippedEntries,
        applyOwners,
        counts.owners);
  }

  private static final class Counts {
    final String archive;
    final long maxBytes;

    Counts(String archive, long maxBytes) {
      this.archive = archive;
      this.maxBytes = maxBytes;
    }

    long entries;
    long files;
    long directories;
    long symlinks;
    long hardLinks;
    long bytesWritten;
    long skippedEntries;
    final List<SkippedEntry> skipped = new ArrayList<>();
    final List<EntryOwner> owners = new ArrayList<>();

    void skip(SkippedEntry e) {
      skippedEntries++;
      if (skipped.size() < SKIPPED_NAMES_KEPT) {
        skipped.add(e);
      }
    }
  }

  private void extractEntry(
      TarArchiveInputStream tar,
      TarArchiveEntry entry,
      Counts counts,
      List<DeferredDirectory> directories)
      throws IOException {
    String name = archiveName(entry.getName(), entry.getName(), "name");
    if (entry.isSparse() || entry.isOldGNUSparse() || entry.isPaxGNUSparse()) {
      // FreeBSD's sets hold no sparse files; writing one as a plain file would put its sparse map
      // or a wrong length where the content belongs, so it is refused rather than written wrong
      RootNames.archiveComponents(OP, name);
      throw new RootException(
          OP, "refusing \"" + name + "\": sparse entries (GNU or pax) are not supported", null);
    }
    if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
      // A jail gets its devices from devfs and its ruleset (freebsd-jail-abi.md section 8);
      // a device node in the tree would be a way around that ruleset, so none is ever created.
      String type =
          entry.isCharacterDevice()
              ? "character device"
              : entry.isBlockDevice() ? "block device" : "fifo";
      RootNames.archiveComponents(OP, name);
      counts.skip(new SkippedEntry(name, type, "devfs provides /dev; not created"));
      return;
    }
    List<String> parts = RootNames.archiveComponents(OP, name);
    int mode = entry.getMode() & 07777;
    FileTime mtime = entry.getLastModifiedTime();
    if (parts.isEmpty()) {
      if (!entry.isDirectory()) {
        throw new UnsafePathException(OP, name, "the root itself can only be a directory", null);
      }
      directories.add(new DeferredDirectory(parts, mode, mtime));
      // the root's own path is the host's: changing it by path is safe
      owner(root, "", entry, mode, counts);
      counts.directories++;
      return;
    }
    String rel = String.join("/", parts);
    String last = parts.get(parts.size() - 1);
    if (entry.isDirectory()) {
      directory(name, parts, rel, last, entry, mode, counts);
      directories.add(new DeferredDirectory(parts, mode, mtime));
      counts.directories++;
    } else if (entry.isSymbolicLink()) {
      String link = archiveName(name, entry.getLinkName(), "link target");
      if (link.isEmpty() || link.indexOf('\0') >= 0) {
        throw new UnsafePathException(OP, name, "symbolic link with an empty or NUL target", null);
      }
      // The link itself may point anywhere (it is read inside the jail); only following it from
      // the host would be dangerous, and nothing here ever does.
      placeNonDirectory(
          name,
          parts,
          at -> {
            Files.createSymbolicLink(at, at.getFileSystem().getPath(link));
            owner(at, rel, entry, mode, counts);
            setTimeQuietly(at, mtime);
          });
      counts.symlinks++;
    } else if (entry.isLink()) {
      Path existing =
          hardLinkTarget(name, archiveName(name, entry.getLinkName(), "hard link target"));
      Object expectedKey = hardLinkKey;
      placeNonDirectory(
          name,
          parts,
          at -> {
            Files.createLink(at, existing);
            // the source was found by path: make sure it is the file checked in the root
            BasicFileAttributes made = RootDirs.lstat(at);
            if (made == null || !java.util.Objects.equals(expectedKey, made.fileKey())) {
              throw new UnsafePathException(
                  OP, name, "hard link target changed while it was linked", null);
            }
          });
      counts.hardLinks++;
    } else if (entry.isFile()) {
      placeNonDirectory(
          name,
          parts,
          at -> {
            writeFile(tar, entry, name, at, mode, counts);
            owner(at, rel, entry, mode, counts);
            // The file is staged under the root's own (trusted) directory; its final
            // component is never followed.
            Files.getFileAttributeView(at, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(mtime, mtime, null);
            if (needsChmod(mode)) {
              setMode(at, mode);
            }
          });
      counts.files++;
    } else {
      counts.skip(
          new SkippedEntry(
              name,
              "type '" + (char) entry.getLinkFlag() + "'",
              "not a file, directory or link; not created"));
    }
  }

  private static final java.nio.charset.Charset FILE_NAMES =
      java.nio.charset.Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));

  /**
   * An entry's name as the file name to write. The tar reader decodes header names as ISO-8859-1,
   * one character per byte, so the archive's bytes are still known: they must be UTF-8 (what
   * FreeBSD's sets use) and must be representable as a file name by this JVM, else the entry is
   * refused. Replacing undecodable bytes (the reader's default, {@code caf\xe9} becoming {@code
   * caf?}) would merge distinct entries into one file. Names from pax headers are already decoded
   * from UTF-8 by the reader; those with a character beyond U+00FF are kept as they are.
   */
  private static String archiveName(String entryName, String raw, String field) {
    boolean ascii = true;
    boolean bytes = true;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      ascii &= c < 0x80;
      bytes &= c <= 0xFF;
    }
    if (ascii) {
      return raw;
    }
    String decoded = raw;
    if (bytes) {
      try {
        decoded =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(raw.getBytes(StandardCharsets.ISO_8859_1)))
                .toString();
      } catch (java.nio.charset.CharacterCodingException e) {
        throw new RootException(
            OP,
            "refusing \""
                + escaped(entryName)
                + "\": its "
                + field
                + " is not valid UTF-8, and writing it with the bytes replaced could merge it with"
                + " another entry",
            e);
      }
    }
    if (!FILE_NAMES.newEncoder().canEncode(decoded)) {
      throw new RootException(
          OP,
          "refusing \""
              + escaped(entryName)
              + "\": its "
              + field
              + " cannot be written as a file name in this JVM's file name encoding ("
              + FILE_NAMES
              + ")",
          null);
    }
    return decoded;
  }

  /** A raw (byte-per-character) name with bytes from 0x80 up shown as {@code \xNN}. */
  private static String escaped(String raw) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c >= 0x80 && c <= 0xFF) {
        b.append(String.format(java.util.Locale.ROOT, "\\x%02x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** Makes a file or link under a staging name and renames it to its entry's place. */
  private void placeNonDirectory(String name, List<String> parts, RootDirs.Maker maker)
      throws IOException {
    String last = parts.get(parts.size() - 1);
    SecureDirectoryStream<Path> parent = dirFor(name, parts, parts.size() - 1, true);
    clearPlace(name, parent, last);
    dirs().place(OP, name, parent, parentPath(parts), last, maker, false);
  }

  private RootDirs dirs() {
    RootDirs d = dirs;
    if (d == null) {
      throw new IllegalStateException("not extracting");
    }
    return d;
  }

  private Path parentPath(List<String> parts) {
    Path p = root;
    for (int i = 0; i < parts.size() - 1; i++) {
      p = p.resolve(parts.get(i));
    }
    return p;
  }

  private static String join(List<String> parts, int count) {
    return String.join("/", parts.subList(0, count));
  }

  /**
   * The opened directory named by the first {@code count} components, walked from the root (or the
   * deepest opened directory remembered) with {@code O_NOFOLLOW} at every step, creating missing
   * ones when asked.
   */
  private SecureDirectoryStream<Path> dirFor(
      String name, List<String> parts, int count, boolean create) throws IOException {
    RootDirs d = dirs();
    SecureDirectoryStream<Path> dir = null;
    int start = count;
    String rel = "";
    while (start > 0) {
      rel = join(parts, start);
      dir = d.cached(rel);
      if (dir != null) {
        break;
      }
      start--;
    }
    if (dir == null) {
      dir = d.rootStream();
      rel = "";
      start = 0;
    }
    for (int i = start; i < count; i++) {
      String c = parts.get(i);
      String childRel = rel.isEmpty() ? c : rel + "/" + c;
      if (!checkedDirectories.contains(childRel)) {
        BasicFileAttributes a = RootDirs.stat(dir, d.name(c));
        if (a == null) {
          if (!create) {
            throw new UnsafePathException(OP, name, "no such directory: " + childRel, null);
          }
          d.place(OP, name, dir, dirPath(rel), c, Files::createDirectory, false);
        } else if (a.isSymbolicLink()) {
          throw new UnsafePathException(OP, name, "a parent is a symbolic link: " + childRel, null);
        } else if (!a.isDirectory()) {
          throw new UnsafePathException(OP, name, "a parent is not a directory: " + childRel, null);
        }
        checkedDirectories.add(childRel);
      }
      dir = d.openChild(dir, childRel, c, OP, name);
      rel = childRel;
    }
    return dir;
  }

  private Path dirPath(String rel) {
    return rel.isEmpty() ? root : root.resolve(rel);
  }

  private void directory(
      String name,
      List<String> parts,
      String rel,
      String last,
      TarArchiveEntry entry,
      int mode,
      Counts counts)
      throws IOException {
    if (checkedDirectories.contains(rel)) {
      recordOwner(rel, entry, mode, counts);
      return;
    }
    SecureDirectoryStream<Path> parent = dirFor(name, parts, parts.size() - 1, true);
    Path lastName = dirs().name(last);
    BasicFileAttributes a = RootDirs.stat(parent, lastName);
    if (a != null && a.isSymbolicLink()) {
      throw new UnsafePathException(OP, name, "a symbolic link is in the way of a directory", null);
    }
    if (a != null && !a.isDirectory()) {
      parent.deleteFile(lastName);
      a = null;
    }
    if (a == null) {
      dirs()
          .place(
              OP,
              name,
              parent,
              parentPath(parts),
              last,
              at -> {
                Files.createDirectory(at);
                owner(at, rel, entry, mode, counts);
              },
              false);
    } else if (!applyOwners) {
      recordOwner(rel, entry, mode, counts);
    } else if (ownerDiffers(root.resolve(rel), entry)) {
      // an existing directory: its owner is changed on a trusted path, never through its parents
      dirs().changeStaged(OP, name, parent, last, at -> owner(at, rel, entry, mode, counts));
    }
    checkedDirectories.add(rel);
  }

  private void recordOwner(String rel, TarArchiveEntry entry, int mode, Counts counts) {
    if (!applyOwners) {
      counts.owners.add(new EntryOwner(rel, entry.getLongUserId(), entry.getLongGroupId(), mode));
    }
  }

  private static boolean ownerDiffers(Path p, TarArchiveEntry entry) {
    try {
      // a read by path: when it is misled, the owner is changed (safely) once more than needed
      return ((Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS))
              != entry.getLongUserId()
          || ((Integer) Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS))
              != entry.getLongGroupId();
    } catch (IOException | UnsupportedOperationException e) {
      return true;
    }
  }

  /** Checks that a non-directory may take a place: refuses to replace a directory. */
  private void clearPlace(String name, SecureDirectoryStream<Path> parent, String last)
      throws IOException {
    BasicFileAttributes a = RootDirs.stat(parent, dirs().name(last));
    if (a != null && a.isDirectory()) {
      throw new UnsafePathException(
          OP, name, "would replace a directory with a non-directory", null);
    }
    // anything else there is replaced by the rename (never opened, never written through)
  }

  private @Nullable Object hardLinkKey;

  private Path hardLinkTarget(String name, String linkName) throws IOException {
    List<String> parts;
    try {
      parts = RootNames.archiveComponents(OP, linkName);
    } catch (UnsafePathException e) {
      throw new UnsafePathException(
          OP, name, "hard link target \"" + linkName + "\" is outside the root", e);
    }
    if (parts.isEmpty()) {
      throw new UnsafePathException(OP, name, "hard link to the root itself", null);
    }
    SecureDirectoryStream<Path> dir;
    try {
      dir = dirFor(name, parts, parts.size() - 1, false);
    } catch (UnsafePathException e) {
      throw new UnsafePathException(
          OP, name, "hard link target is not inside a real directory: " + linkName, e);
    }
    BasicFileAttributes a = RootDirs.stat(dir, dirs().name(parts.get(parts.size() - 1)));
    if (a == null || !a.isRegularFile()) {
      throw new UnsafePathException(
          OP, name, "hard link target is not a regular file in the root: " + linkName, null);
    }
    hardLinkKey = a.fileKey();
    return root.resolve(String.join("/", parts));
  }

  private void writeFile(
      TarArchiveInputStream tar,
      TarArchiveEntry entry,
      String name,
      Path target,
      int mode,
      Counts counts)
      throws IOException {
    // created readable by its owner so that the times can be set before the final mode
    FileChannel ch =
        FileChannel.open(
            target, CREATE_FILE, createMode(needsChmod(mode) ? (mode & 0777) | 0600 : mode));
    try (FileChannel out = ch) {
      long remaining = entry.getSize();
      while (remaining > 0) {
        int n = tar.read(buffer, 0, (int) Math.min(buffer.length, remaining));
        if (n < 0) {
          throw new IOException("archive ends inside the entry");
        }
        if (counts.bytesWritten + n > counts.maxBytes) {
          // a few hundred KiB of xz can unpack to gigabytes of zeros: stop before the disk fills
          throw new RootLimitException(
              OP,
              counts.archive + ": entry \"" + name + "\"",
              "maxUnpackedBytes",
              counts.maxBytes,
              counts.bytesWritten + n,
              bytesHint);
        }
        ByteBuffer bb = ByteBuffer.wrap(buffer, 0, n);
        while (bb.hasRemaining()) {
          out.write(bb);
        }
        remaining -= n;
        counts.bytesWritten += n;
      }
    }
    // an incomplete file is staged: RootDirs.place deletes it
  }

  private void owner(Path target, String rel, TarArchiveEntry entry, int mode, Counts counts)
      throws IOException {
    long uid = entry.getLongUserId();
    long gid = entry.getLongGroupId();
    if (!applyOwners) {
      counts.owners.add(new EntryOwner(rel, uid, gid, mode));
      return;
    }
    try {
      // A new file is owned by the creating user everywhere: chown only what differs, since
      // every call costs a system call per file.
      if (uid != selfUid) {
        Files.setAttribute(target, "unix:uid", (int) uid, LinkOption.NOFOLLOW_LINKS);
      }
      if (!newFilesGetCreatorGroup || gid != newFileGid) {
        Files.setAttribute(target, "unix:gid", (int) gid, LinkOption.NOFOLLOW_LINKS);
      }
    } catch (UnsupportedOperationException e) {
      throw new RootException(OP, "this file system cannot record owners: " + target, e);
    }
  }

  /**
   * True when the mode given to open(2) would not survive the umask, has special bits, or leaves
   * the owner unable to read (the times are set through a read-only open first).
   */
  private boolean needsChmod(int mode) {
    return (mode & 07000) != 0 || (mode & umask) != 0 || (mode & 0400) == 0;
  }

  private FileAttribute<Set<PosixFilePermission>> createMode(int mode) {
    int perm = mode & 0777;
    FileAttribute<Set<PosixFilePermission>> a = createModes[perm];
    if (a == null) {
      a = PosixFilePermissions.asFileAttribute(permissions(perm));
      createModes[perm] = a;
    }
    return a;
  }

  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] order = {
      PosixFilePermission.OTHERS_EXECUTE,
      PosixFilePermission.OTHERS_WRITE,
      PosixFilePermission.OTHERS_READ,
      PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE,
      PosixFilePermission.OWNER_WRITE,
      PosixFilePermission.OWNER_READ
    };
    for (int i = 0; i < order.length; i++) {
      if ((mode & (1 << i)) != 0) {
        s.add(order[i]);
      }
    }
    return s;
  }

  /**
   * Applies a directory's mode and times at the end, through the directory opened from the root;
   * special bits (the sticky {@code /tmp}), which no opened-directory view can set, are set while
   * the directory is renamed to a staging name in the root.
   */
  private void finishDirectory(DeferredDirectory d) throws IOException {
    if (d.parts().isEmpty()) {
      setMode(root, d.mode());
      setTime(root, d.mtime());
      return;
    }
    String rel = String.join("/", d.parts());
    SecureDirectoryStream<Path> dir = dirFor(rel, d.parts(), d.parts().size(), false);
    if ((d.mode() & 07000) == 0) {
      dir.getFileAttributeView(PosixFileAttributeView.class).setPermissions(permissions(d.mode()));
    } else {
      SecureDirectoryStream<Path> parent = dirFor(rel, d.parts(), d.parts().size() - 1, false);
      dirs()
          .changeStaged(
              OP, rel, parent, d.parts().get(d.parts().size() - 1), at -> setMode(at, d.mode()));
    }
    dir.getFileAttributeView(BasicFileAttributeView.class).setTimes(d.mtime(), d.mtime(), null);
  }

  /** chmod without following a link (the JDK opens with O_NOFOLLOW and uses fchmod). */
  private static void setMode(Path p, int mode) throws IOException {
    Files.setAttribute(p, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
  }

  private static void setTime(Path p, FileTime t) throws IOException {
    Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
        .setTimes(t, t, null);
  }

  private static void setTimeQuietly(Path p, FileTime t) {
    try {
      setTime(p, t);
    } catch (IOException | UnsupportedOperationException e) {
      // the time of a symbolic link is cosmetic, and not every platform can set it
    }
  }

  /** An I/O failure in words: a stream that ends early says nothing by itself. */
  private static String describe(Exception e) {
    Throwable cause = e.getCause();
    String message = e.getMessage();
    if (e instanceof java.io.EOFException || message == null || message.isBlank()) {
      return "the archive is truncated or corrupt ("
          + e.getClass().getName()
          + (cause != null
              ? ": " + cause
              : message != null && !message.isBlank() ? ": " + message : "")
          + ")";
    }
    return e.toString();
  }
}
