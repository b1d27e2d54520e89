package org.jail4j.rc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes rc.conf files below a jail's root without following any link the jail's root
 * user may have planted there: every component below the root is checked with {@code
 * NOFOLLOW_LINKS}, the file type is checked before the file is opened (so a FIFO never blocks), the
 * file is opened with {@code NOFOLLOW_LINKS}, and at most the size limit is read.
 */
final class RcFiles {
  private RcFiles() {}

  /** What is at a path below the root, links never followed. */
  private static @Nullable BasicFileAttributes attributes(Path p) throws IOException {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /**
   * Checks every directory between the root and {@code relative}'s last component.
   *
   * @return the real parent directory, or null when a component does not exist
   */
  private static @Nullable Path parent(Path root, String relative) throws IOException {
    Path p = root;
    Path rel = Path.of(relative);
    for (int i = 0; i < rel.getNameCount() - 1; i++) {
      p = p.resolve(rel.getName(i).toString());
      BasicFileAttributes a = attributes(p);
      if (a == null) {
        return null;
      }
      if (a.isSymbolicLink()) {
        throw refusedLink(p);
      }
      if (!a.isDirectory()) {
        throw new RcConfException(p.toString(), 0, null, "is not a directory", null);
      }
    }
    return p;
  }

  static RcConfException refusedLink(Path p) {
    return new RcConfException(
        p.toString(),
        0,
        null,
        "is a symlink; jail4j does not follow links inside a jail's root",
        null);
  }

  /**
   * True when {@code root/relative} is a directory reached without links; false when it does not
   * exist.
   *
   * @throws RcConfException when a component is a link or not a directory
   */
  static boolean isDirectory(Path root, String relative) {
    try {
      Path dir = parent(root, relative + "/x");
      return dir != null;
    } catch (IOException e) {
      throw new RcConfException(root.resolve(relative).toString(), 0, null, "cannot read: " + e, e);
    }
  }

  /**
   * The bytes of {@code root/relative}, or null when it (or a directory on the way) does not exist.
   *
   * @throws RcConfException when a component is a symlink, the file is not a regular file, or it is
   *     larger than {@code maxBytes}
   */
  static byte @Nullable [] readBelow(Path root, String relative, long maxBytes) {
    Path file = root.resolve(relative);
    try {
      Path dir = parent(root, relative);
      if (dir == null) {
        return null;
      }
      file = dir.resolve(Path.of(relative).getFileName().toString());
      BasicFileAttributes a = attributes(file);
      if (a == null) {
        return null;
      }
      if (a.isSymbolicLink()) {
        throw refusedLink(file);
      }
      return readRegular(file, a, maxBytes, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new RcConfException(file.toString(), 0, null, "cannot read: " + e, e);
    }
  }

  /**
   * Reads a host file as {@link #readHost} does, or null when it does not exist (sysrc reads a
   * missing rc.conf file as empty).
   */
  static byte @Nullable [] readHostIfExists(Path file, long maxBytes) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return readRegular(file, a, maxBytes);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new RcConfException(file.toString(), 0, null, "cannot read: " + e, e);
    }
  }

  /** Reads a host file (links followed), refusing non-regular files and files over the limit. */
  static byte[] readHost(Path file, long maxBytes) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      byte[] bytes = readRegular(file, a, maxBytes);
      return bytes;
    } catch (IOException e) {
      throw new RcConfException(file.toString(), 0, null, "cannot read: " + e, e);
    }
  }

  private static byte[] readRegular(
      Path file, BasicFileAttributes a, long maxBytes, LinkOption... options) throws IOException {
    if (!a.isRegularFile()) {
      throw new RcConfException(
          file.toString(),
          0,
          null,
          "is not a regular file (" + kind(a) + "); rc.conf must be a regular file",
          null);
    }
    if (a.size() > maxBytes) {
      throw tooLarge(file, a.size() + " bytes", maxBytes);
    }
    java.util.Set<java.nio.file.OpenOption> open = new java.util.HashSet<>();
    open.add(StandardOpenOption.READ);
    java.util.Collections.addAll(open, options);
    try (SeekableByteChannel ch = Files.newByteChannel(file, open)) {
      // the file may have grown since the check: read at most one byte past the limit
      ByteBuffer buf = ByteBuffer.allocate((int) Math.min(maxBytes + 1, a.size() + 1));
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(buf.capacity());
      long total = 0;
      while (true) {
        buf.clear();
        int n = ch.read(buf);
        if (n < 0) {
          break;
        }
        total += n;
        if (total > maxBytes) {
          throw tooLarge(file, "grew past the limit while being read", maxBytes);
        }
        out.write(buf.array(), 0, n);
      }
      return out.toByteArray();
    }
  }

  private static RcConfException tooLarge(Path file, String size, long maxBytes) {
    return RcConfException.overLimit(
        file.toString(),
        RcConf.MAX_FILE_BYTES_NAME,
        maxBytes,
        "is larger than " + RcConf.MAX_FILE_BYTES_NAME + " (" + maxBytes + " bytes): " + size);
  }

  private static String kind(BasicFileAttributes a) {
    return a.isDirectory()
        ? "a directory"
        : a.isOther() ? "a device, FIFO or socket" : "not a file";
  }

  /**
   * Replaces {@code root/relative} atomically: a temporary file in the same (checked, link-free)
   * directory, then a rename over the file.
   *
   * @throws RcConfException when a component is a symlink, the directory does not exist, the
   *     existing file is not a regular file, or the write fails
   */
  static void writeBelow(Path root, String relative, byte[] bytes) {
    Path file = root.resolve(relative);
    Path tmp = null;
    try {
      Path dir = parent(root, relative);
      if (dir == null) {
        throw new RcConfException(
            file.toString(), 0, null, "cannot write: the directory does not exist", null);
      }
      String name = Path.of(relative).getFileName().toString();
      file = dir.resolve(name);
      BasicFileAttributes a = attributes(file);
      if (a != null && a.isSymbolicLink()) {
        throw refusedLink(file);
      }
      if (a != null && !a.isRegularFile()) {
        throw new RcConfException(
            file.toString(), 0, null, "is not a regular file (" + kind(a) + ")", null);
      }
      tmp = Files.createTempFile(dir, "." + name, ".tmp");
      Files.write(tmp, bytes, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException e) {
      throw new RcConfException(file.toString(), 0, null, "cannot write: " + e, e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the write already failed; that error is the one to report
        }
      }
    }
  }
}
