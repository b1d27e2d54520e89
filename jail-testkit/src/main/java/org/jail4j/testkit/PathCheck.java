package org.jail4j.testkit;

import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jail4j.Errno;
import org.jail4j.internal.HostPaths;

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
   * The real file system of the machine running the test: the jail path (a FreeBSD path, {@code /}
   * between names) is read as the host file {@link #hostPath(String)} names, symlinks are followed,
   * a missing path gives {@code ENOENT}, anything but a directory {@code ENOTDIR}.
   *
   * @return the check
   */
  static PathCheck realFileSystem() {
    return fileSystem(FileSystems.getDefault());
  }

  /**
   * The same check as {@link #realFileSystem()} on another file system, e.g. an in-memory one that
   * behaves like Windows ({@code /C:/jails/web} is its {@code C:\jails\web}) or macOS.
   *
   * <pre>{@code
   * FileSystem windows = Jimfs.newFileSystem(Configuration.windows());
   * Files.createDirectories(windows.getPath("C:\\jails\\web"));
   * PathCheck.fileSystem(windows).check("/C:/jails/web");   // empty: a directory
   * }</pre>
   *
   * @param fileSystem the file system jail paths are read from
   * @return the check
   */
  static PathCheck fileSystem(FileSystem fileSystem) {
    return path -> {
      Optional<Path> host = hostPath(path, fileSystem);
      if (host.isEmpty()) {
        return Optional.of(Errno.ENOENT);
      }
      Path p = host.get();
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

  /**
   * The host file a jail path names on this machine. A jail path is a FreeBSD path: {@code /}
   * separates names on every host. Where the host's separator is {@code /} this is {@code
   * Path.of(jailPath)}; on Windows {@code /C:/Users/x} is {@code C:\Users\x} (the inverse of {@link
   * #jailPath(Path)}), and a name holding a backslash names no host file.
   *
   * @param jailPath the FreeBSD path
   * @return the host path, or empty when no host file can have that name
   */
  static Optional<Path> hostPath(String jailPath) {
    return hostPath(jailPath, FileSystems.getDefault());
  }

  /**
   * The file of {@code fileSystem} a jail path names: {@link #hostPath(String)} for a file system
   * other than this machine's.
   *
   * @param jailPath the FreeBSD path
   * @param fileSystem the host file system
   * @return the host path, or empty when no file of that file system can have that name
   */
  static Optional<Path> hostPath(String jailPath, FileSystem fileSystem) {
    return HostPaths.hostPath(jailPath, fileSystem);
  }

  /**
   * The jail path (a FreeBSD path, {@code /} between names) for a host file, so that a test can
   * make a directory or file on the test machine and hand it to the fake kernel as a {@code path}
   * that {@link #realFileSystem()} (or {@link #fileSystem(FileSystem)} of the path's file system)
   * finds again. Where the path's file system separates names with {@code /} this is the absolute
   * path's text; on Windows {@code C:\Users\x} becomes {@code /C:/Users/x}.
   *
   * @param hostPath a path of any file system (made absolute first)
   * @return the FreeBSD path
   */
  static String jailPath(Path hostPath) {
    return HostPaths.freeBsd(hostPath.toAbsolutePath());
  }
}
