package org.jail4j.root.internal;

import java.nio.file.Path;

/**
 * Whether a file system keeps POSIX permission bits. FreeBSD, Linux and macOS do; Windows' file
 * systems (and e.g. a zip file system) do not, and there {@code PosixFilePermissions} attributes
 * and reads throw {@code UnsupportedOperationException}. Roots written on such a file system get
 * the file system's own defaults: modes are not meaningful there (docs/ROOTS.md, "On Windows").
 */
public final class PosixModes {
  private PosixModes() {}

  /**
   * True when files at this path have POSIX permission bits that can be read and set.
   *
   * @param path a path of the file system to ask about (need not exist)
   * @return true when the file system offers the {@code posix} attribute view
   */
  public static boolean supported(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
