package org.jail4j;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the test machine's file system, skipping the test with the reason when it
 * is missing (Windows: no POSIX modes; symlinks only with the right privilege).
 */
public final class HostFiles {
  private HostFiles() {}

  /**
   * Skips the test unless the file system holding {@code dir} keeps POSIX modes.
   *
   * @param dir a directory on that file system
   */
  public static void assumePosix(Path dir) throws IOException {
    Assumptions.assumeTrue(
        Files.getFileStore(dir).supportsFileAttributeView("posix"),
        "this file system keeps no POSIX modes (" + Files.getFileStore(dir).type() + ")");
  }

  /**
   * Makes a symbolic link, or skips the test when this machine lets no test make one (Windows
   * without the symlink privilege or developer mode).
   *
   * @param link the link to make
   * @param target what it points to
   * @return the link
   */
  public static Path symlink(Path link, Path target) throws IOException {
    try {
      return Files.createSymbolicLink(link, target);
    } catch (UnsupportedOperationException | FileSystemException e) {
      Assumptions.abort("symbolic links cannot be made here: " + e);
      throw e;
    }
  }
}
