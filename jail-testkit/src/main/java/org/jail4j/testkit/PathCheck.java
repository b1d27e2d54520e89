package org.jail4j.testkit;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import org.jail4j.Errno;

/**
 * How the fake kernel looks up a jail's {@code path} (freebsd-jail-abi.md §3.1): the errno {@code
 * namei} would report, or empty when the path is a directory.
 *
 * <pre>{@code
 * FakeJailKernel kernel = FakeJailKernel.builder().paths(PathCheck.anyDirectory()).build();
 * PathCheck onlyJails = p -> p.startsWith("/jails/") ? Optional.empty() : Optional.of(Errno.ENOENT);
 * }</pre>
 */
@FunctionalInterface
public interface PathCheck {

  /**
   * Checks a path the way the kernel's lookup would.
   *
   * @param path the absolute path, as the host sees it
   * @return {@code ENOENT} when it does not exist, {@code ENOTDIR} when it is not a directory, any
   *     other lookup errno, or empty when it is a directory
   */
  Optional<Errno> check(String path);

  /**
   * The real file system of the machine running the test: symlinks are followed, a missing path
   * gives {@code ENOENT}, anything but a directory {@code ENOTDIR}.
   *
   * @return the check
   */
  static PathCheck realFileSystem() {
    return path -> {
      Path p;
      try {
        p = Path.of(path);
      } catch (InvalidPathException e) {
        return Optional.of(Errno.ENOENT);
      }
      if (!Files.exists(p)) {
        return Optional.of(Errno.ENOENT);
      }
      return Files.isDirectory(p) ? Optional.empty() : Optional.of(Errno.ENOTDIR);
    };
  }

  /**
   * Every path is an existing directory: for tests that name paths like {@code /jails/web} which do
   * not exist on the test machine.
   *
   * @return the check
   */
  static PathCheck anyDirectory() {
    return path -> Optional.empty();
  }
}
