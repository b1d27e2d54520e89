package org.jail4j.root.internal;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Copying and deleting directory trees without ever following a symbolic link: links are copied and
 * deleted as links. Permission bits are read and set only on a file system that has them ({@link
 * PosixModes}); elsewhere directories are copied and deleted with the file system's own rules.
 */
public final class Trees {
  private Trees() {}

  /**
   * True when a directory has no entries.
   *
   * @param dir the directory
   * @return true when empty
   * @throws IOException when it cannot be listed
   */
  public static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }

  /**
   * Deletes everything inside a directory (not the directory itself), making directories writable
   * first so that read-only ones (mode 0555) can be emptied.
   *
   * @param dir the directory
   * @throws IOException on the first failure
   */
  public static void deleteContents(Path dir) throws IOException {
    List<Path> children;
    try (Stream<Path> s = Files.list(dir)) {
      children = new ArrayList<>(s.toList());
    }
    for (Path c : children) {
      deleteTree(c);
    }
  }

  /**
   * Deletes a file, a link or a whole directory tree.
   *
   * @param path what to delete
   * @throws IOException on the first failure
   */
  public static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    boolean posix = PosixModes.supported(path);
    Files.walkFileTree(
        path,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs)
              throws IOException {
            if (!posix) {
              return FileVisitResult.CONTINUE;
            }
            Set<PosixFilePermission> p =
                Files.getPosixFilePermissions(d, LinkOption.NOFOLLOW_LINKS);
            if (!p.contains(PosixFilePermission.OWNER_WRITE)
                || !p.contains(PosixFilePermission.OWNER_EXECUTE)) {
              p.add(PosixFilePermission.OWNER_WRITE);
              p.add(PosixFilePermission.OWNER_EXECUTE);
              p.add(PosixFilePermission.OWNER_READ);
              Files.setPosixFilePermissions(d, p);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
            Files.delete(f);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Files.delete(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /**
   * Copies a tree: directories, files (with permissions and times) and symbolic links as links. The
   * destination must not exist.
   *
   * @param from the source directory (host-controlled)
   * @param to the new directory
   * @return the number of entries copied
   * @throws IOException on the first failure
   */
  public static long copyTree(Path from, Path to) throws IOException {
    long[] count = {0};
    boolean posix = PosixModes.supported(from) && PosixModes.supported(to);
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs)
              throws IOException {
            Path t = to.resolve(from.relativize(d).toString());
            Files.copy(d, t, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            if (posix) {
              // the copy is writable by us until its children are in place
              Files.setPosixFilePermissions(
                  t,
                  Set.of(
                      PosixFilePermission.OWNER_READ,
                      PosixFilePermission.OWNER_WRITE,
                      PosixFilePermission.OWNER_EXECUTE));
            }
            count[0]++;
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
            Path t = to.resolve(from.relativize(f).toString());
            if (attrs.isRegularFile() || attrs.isSymbolicLink()) {
              Files.copy(f, t, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
              count[0]++;
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Path t = to.resolve(from.relativize(d).toString());
            if (posix) {
              Files.setPosixFilePermissions(t, Files.getPosixFilePermissions(d));
            }
            Files.setLastModifiedTime(t, Files.getLastModifiedTime(d));
            return FileVisitResult.CONTINUE;
          }
        });
    return count[0];
  }
}
