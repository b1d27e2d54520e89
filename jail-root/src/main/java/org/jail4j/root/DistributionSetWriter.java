package org.jail4j.root;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.jail4j.internal.HostPaths;
import org.jail4j.root.internal.Sha256;
import org.jspecify.annotations.Nullable;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.UnsupportedOptionsException;
import org.tukaani.xz.XZOutputStream;

/**
 * Writes a FreeBSD-style distribution set: a POSIX tar archive compressed with xz ({@code .txz}),
 * plus its {@code MANIFEST} line. For tests, examples and benchmarks that need small sets, and for
 * packaging a tree as a set.
 *
 * <p>Entry names are written exactly as given (FreeBSD's sets use {@code ./bin/sh}); the writer
 * does not police them, so a test can build a hostile set. Owners default to 0:0 and times to
 * {@link #mtime(Instant)}.
 *
 * <pre>{@code
 * ManifestEntry base = DistributionSetWriter.create("base")
 *     .directory("./bin", 0755)
 *     .file("./bin/sh", shBytes, 0555)
 *     .hardLink("./bin/-sh", "./bin/sh")
 *     .symlink("./sys", "usr/src/sys")
 *     .writeTo(dist.resolve("base.txz"));
 * Files.writeString(dist.resolve("MANIFEST"), Manifest.of(List.of(base)).toString());
 * }</pre>
 */
public final class DistributionSetWriter {
  // what tree(Path) records where the file system has no modes to read
  private static final int DEFAULT_DIR_MODE = 0755;
  private static final int DEFAULT_FILE_MODE = 0644;

  private final String set;
  private String description = "";
  private int preset = 3;
  private long blockSize;
  private Instant mtime = Instant.parse("2026-01-01T00:00:00Z");
  private long uid;
  private long gid;
  private final List<Item> items = new ArrayList<>();

  private enum Kind {
    DIRECTORY,
    FILE,
    SYMLINK,
    HARDLINK,
    CHAR_DEVICE,
    BLOCK_DEVICE,
    FIFO
  }

  // an entry to write, never compared or hashed: the array's identity equality does not matter
  @SuppressWarnings("ArrayRecordComponent")
  private record Item(
      Kind kind,
      String name,
      int mode,
      long uid,
      long gid,
      Instant mtime,
      @Nullable String link,
      byte @Nullable [] content,
      @Nullable Path source,
      long size) {}

  private DistributionSetWriter(String set) {
    this.set = set;
  }

  /**
   * A writer for a set.
   *
   * @param set the set's name, e.g. {@code base}
   * @return the writer
   */
  public static DistributionSetWriter create(String set) {
    return new DistributionSetWriter(set);
  }

  /** The set's name, e.g. {@code base}. */
  public String set() {
    return set;
  }

  /**
   * The MANIFEST description, e.g. {@code Base system (MANDATORY)}.
   *
   * @param text the description
   * @return this writer
   */
  public DistributionSetWriter description(String text) {
    this.description = text;
    return this;
  }

  /**
   * The xz preset, 0 (fastest) to 9 (smallest); 3 by default. FreeBSD's releases use 9.
   *
   * @param level the preset
   * @return this writer
   */
  public DistributionSetWriter compressionPreset(int level) {
    if (level < 0 || level > 9) {
      throw new RootException("write set", "xz preset must be 0..9, got " + level, null);
    }
    this.preset = level;
    return this;
  }

  /**
   * The smallest block size {@link #blockSize(long)} accepts: 4 KiB (smaller blocks cost more in
   * headers and index than they could gain in parallel decoding).
   */
  public static final long MIN_BLOCK_SIZE = 4096;

  /**
   * The largest block size {@link #blockSize(long)} accepts: 2^31 - 9 bytes, the largest Java
   * array, so that one block can be decoded into one array.
   */
  public static final long MAX_BLOCK_SIZE = Integer.MAX_VALUE - 8;

  /**
   * Splits the xz stream into blocks of this many uncompressed bytes (the last one may be shorter),
   * as {@code xz -T} does, so that extraction can decode the blocks in parallel. By default the
   * stream is one block, as {@code xz} without {@code -T} writes it.
   *
   * <pre>{@code
   * DistributionSetWriter.create("base").blockSize(3 << 20).tree(dir).writeTo(txz); // 3 MiB blocks
   * }</pre>
   *
   * @param bytes uncompressed bytes per block, {@link #MIN_BLOCK_SIZE} to {@link #MAX_BLOCK_SIZE}
   * @return this writer
   * @throws RootException when {@code bytes} is outside that range
   */
  public DistributionSetWriter blockSize(long bytes) {
    if (bytes < MIN_BLOCK_SIZE || bytes > MAX_BLOCK_SIZE) {
      throw new RootException(
          "write set",
          "blockSize: must be " + MIN_BLOCK_SIZE + " to " + MAX_BLOCK_SIZE + " bytes, got " + bytes,
          null);
    }
    this.blockSize = bytes;
    return this;
  }

  /**
   * The modification time of entries added after this call.
   *
   * @param time the time
   * @return this writer
   */
  public DistributionSetWriter mtime(Instant time) {
    this.mtime = time;
    return this;
  }

  /**
   * The numeric owner of entries added after this call (0:0 by default).
   *
   * @param uid user id
   * @param gid group id
   * @return this writer
   */
  public DistributionSetWriter owner(long uid, long gid) {
    this.uid = uid;
    this.gid = gid;
    return this;
  }

  /**
   * Adds a directory.
   *
   * @param name the entry name, e.g. {@code ./usr/bin}
   * @param mode permission bits
   * @return this writer
   */
  public DistributionSetWriter directory(String name, int mode) {
    return add(Kind.DIRECTORY, name, mode, null, null, null, 0);
  }

  /**
   * Adds a regular file.
   *
   * @param name the entry name
   * @param content the bytes
   * @param mode permission bits (set-id and sticky bits allowed)
   * @return this writer
   */
  public DistributionSetWriter file(String name, byte[] content, int mode) {
    return add(Kind.FILE, name, mode, null, content.clone(), null, content.length);
  }

  /**
   * Adds a regular file with UTF-8 text.
   *
   * @param name the entry name
   * @param text the text
   * @param mode permission bits
   * @return this writer
   */
  public DistributionSetWriter file(String name, String text, int mode) {
    return file(name, text.getBytes(StandardCharsets.UTF_8), mode);
  }

  /**
   * Adds a symbolic link.
   *
   * @param name the entry name
   * @param target the link's content
   * @return this writer
   */
  public DistributionSetWriter symlink(String name, String target) {
    return add(Kind.SYMLINK, name, 0755, target, null, null, 0);
  }

  /**
   * Adds a hard link to an entry added earlier.
   *
   * @param name the entry name
   * @param target the earlier entry's name
   * @return this writer
   */
  public DistributionSetWriter hardLink(String name, String target) {
    return add(Kind.HARDLINK, name, 0644, target, null, null, 0);
  }

  /**
   * Adds a character device node (extraction skips it).
   *
   * @param name the entry name
   * @return this writer
   */
  public DistributionSetWriter characterDevice(String name) {
    return add(Kind.CHAR_DEVICE, name, 0600, null, null, null, 0);
  }

  /**
   * Adds a block device node (extraction skips it).
   *
   * @param name the entry name
   * @return this writer
   */
  public DistributionSetWriter blockDevice(String name) {
    return add(Kind.BLOCK_DEVICE, name, 0600, null, null, null, 0);
  }

  /**
   * Adds a FIFO (extraction skips it).
   *
   * @param name the entry name
   * @return this writer
   */
  public DistributionSetWriter fifo(String name) {
    return add(Kind.FIFO, name, 0644, null, null, null, 0);
  }

  /**
   * Adds every directory, file and symbolic link under a tree, named {@code ./RELATIVE}, with their
   * permissions and times; files sharing an inode become hard links. File contents are read when
   * the set is written. Names and link targets use {@code /} on every host; on a file system
   * without POSIX modes (Windows) directories get {@code 0755} and files {@code 0644}.
   *
   * @param tree the directory
   * @return this writer
   * @throws RootException when the tree cannot be read
   */
  public DistributionSetWriter tree(Path tree) {
    Map<Object, String> inodes = new HashMap<>();
    boolean unixModes = tree.getFileSystem().supportedFileAttributeViews().contains("unix");
    try {
      Files.walkFileTree(
          tree,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a)
                throws IOException {
              add(
                  Kind.DIRECTORY,
                  name(tree, d),
                  unixModes ? mode(d) : DEFAULT_DIR_MODE,
                  null,
                  null,
                  null,
                  0,
                  a.lastModifiedTime().toInstant());
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
              String name = name(tree, f);
              Instant t = a.lastModifiedTime().toInstant();
              if (a.isSymbolicLink()) {
                add(
                    Kind.SYMLINK,
                    name,
                    0755,
                    HostPaths.freeBsd(Files.readSymbolicLink(f)),
                    null,
                    null,
                    0,
                    t);
              } else if (a.isRegularFile()) {
                Object key = a.fileKey();
                int mode = unixModes ? mode(f) : DEFAULT_FILE_MODE;
                String first = key == null ? null : inodes.putIfAbsent(key, name);
                if (first != null) {
                  add(Kind.HARDLINK, name, mode, first, null, null, 0, t);
                } else {
                  add(Kind.FILE, name, mode, null, null, f, a.size(), t);
                }
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new RootException("write set", tree + ": " + e.getMessage(), e);
    }
    return this;
  }

  /** The entry name of a file under the tree: {@code ./} and its names joined by {@code /}. */
  static String name(Path tree, Path p) {
    String rel = HostPaths.freeBsd(tree.relativize(p));
    return rel.isEmpty() ? "./" : "./" + rel;
  }

  private static int mode(Path p) throws IOException {
    Object m = Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    return ((Integer) m) & 07777;
  }

  private DistributionSetWriter add(
      Kind kind,
      String name,
      int mode,
      @Nullable String link,
      byte @Nullable [] content,
      @Nullable Path source,
      long size) {
    return add(kind, name, mode, link, content, source, size, mtime);
  }

  private DistributionSetWriter add(
      Kind kind,
      String name,
      int mode,
      @Nullable String link,
      byte @Nullable [] content,
      @Nullable Path source,
      long size,
      Instant time) {
    items.add(new Item(kind, name, mode & 07777, uid, gid, time, link, content, source, size));
    return this;
  }

  /**
   * Writes the set (atomically: a temporary file renamed into place) and returns its MANIFEST
   * entry.
   *
   * @param archive the {@code .txz} file to write
   * @return the MANIFEST entry: file name, SHA-256, entry count, set name, description
   * @throws RootException when it cannot be written
   */
  public ManifestEntry writeTo(Path archive) {
    Path tmp = archive.resolveSibling(archive.getFileName() + ".tmp");
    MessageDigest md = Sha256.digest();
    try {
      LZMA2Options options = new LZMA2Options(preset);
      try (OutputStream file = Files.newOutputStream(tmp);
          DigestOutputStream digest =
              new DigestOutputStream(new BufferedOutputStream(file, 1 << 16), md);
          XZOutputStream xz = new XZOutputStream(digest, options);
          OutputStream blocks = blockSize > 0 ? new BlockSplitter(xz, blockSize) : xz;
          TarArchiveOutputStream tar =
              new TarArchiveOutputStream(blocks, StandardCharsets.UTF_8.name())) {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        for (Item it : items) {
          writeItem(tar, it);
        }
        tar.finish();
      }
      Files.move(tmp, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (UnsupportedOptionsException e) {
      throw new RootException("write set", "xz preset " + preset + ": " + e.getMessage(), e);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw new RootException("write set", archive + ": " + e.getMessage(), e);
    }
    return new ManifestEntry(
        archive.getFileName().toString(),
        Sha256.hex(md.digest()),
        items.size(),
        set,
        description,
        set.equals("base"));
  }

  private static void writeItem(TarArchiveOutputStream tar, Item it) throws IOException {
    byte flag;
    switch (it.kind()) {
      case DIRECTORY:
        flag = TarConstants.LF_DIR;
        break;
      case SYMLINK:
        flag = TarConstants.LF_SYMLINK;
        break;
      case HARDLINK:
        flag = TarConstants.LF_LINK;
        break;
      case CHAR_DEVICE:
        flag = TarConstants.LF_CHR;
        break;
      case BLOCK_DEVICE:
        flag = TarConstants.LF_BLK;
        break;
      case FIFO:
        flag = TarConstants.LF_FIFO;
        break;
      default:
        flag = TarConstants.LF_NORMAL;
    }
    // preserveAbsolutePath: names are written exactly as given
    TarArchiveEntry e = new TarArchiveEntry(it.name(), flag, true);
    e.setMode(it.mode());
    e.setUserId(it.uid());
    e.setGroupId(it.gid());
    e.setModTime(FileTime.from(it.mtime()));
    if (it.link() != null) {
      e.setLinkName(it.link());
    }
    if (it.kind() == Kind.FILE) {
      e.setSize(it.size());
    }
    tar.putArchiveEntry(e);
    if (it.kind() == Kind.FILE) {
      byte[] content = it.content();
      Path source = it.source();
      if (content != null) {
        tar.write(content);
      } else if (source != null) {
        try (InputStream in = Files.newInputStream(source)) {
          long copied = in.transferTo(tar);
          if (copied != it.size()) {
            throw new IOException(source + " changed size while it was archived");
          }
        }
      }
    }
    tar.closeArchiveEntry();
  }

  /** Ends an xz block after every {@code blockSize} uncompressed bytes. */
  private static final class BlockSplitter extends OutputStream {
    private final XZOutputStream xz;
    private final long blockSize;
    private long inBlock;

    BlockSplitter(XZOutputStream xz, long blockSize) {
      this.xz = xz;
      this.blockSize = blockSize;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      while (len > 0) {
        int n = (int) Math.min(len, blockSize - inBlock);
        xz.write(b, off, n);
        off += n;
        len -= n;
        inBlock += n;
        if (inBlock == blockSize) {
          xz.endBlock();
          inBlock = 0;
        }
      }
    }

    @Override
    public void flush() throws IOException {
      xz.flush();
    }

    @Override
    public void close() throws IOException {
      xz.close();
    }
  }
}
