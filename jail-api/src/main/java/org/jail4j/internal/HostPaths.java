package org.jail4j.internal;

import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Between a jail's path (a FreeBSD path: {@code /} separates names, and a backslash is an ordinary
 * character of a name) and the text of the host path that names the same file, for a host whose
 * name separator is {@code separator}. On a {@code /} host both are the same string; on Windows
 * ({@code \}) {@code /C:/Users/x} is {@code C:\Users\x} and back, {@code //server/share/x} is
 * {@code \\server\share\x}, and {@code /tmp/x} is {@code \tmp\x} (the current drive). Pure string
 * functions, so that every host's rules are tested on any host.
 *
 * <p>The one place for this rule: every host path that goes to the kernel (a jail's {@code path}),
 * to a mount, to a host command or into jail.conf is {@link #freeBsd(Path)}; the testkit's {@code
 * PathCheck} maps back with {@link #toHost(String, String)}. On FreeBSD both are the path's own
 * text.
 *
 * <pre>{@code
 * HostPaths.freeBsd(Path.of("/jails/web"));            // "/jails/web"
 * HostPaths.toJail("C:\\jails\\web", "\\");          // "/C:/jails/web"
 * }</pre>
 */
public final class HostPaths {
  private static final Pattern DRIVE = Pattern.compile("[A-Za-z]:");

  private HostPaths() {}

  /**
   * The host path text a FreeBSD path names.
   *
   * @param jailPath the FreeBSD path
   * @param separator the host's name separator ({@code FileSystem.getSeparator()})
   * @return the host text, or empty when no host file can have that name (a name holding the host's
   *     separator, or a relative path on a host that is not {@code /})
   */
  public static Optional<String> toHost(String jailPath, String separator) {
    if (separator.equals("/")) {
      return Optional.of(jailPath);
    }
    if (!jailPath.startsWith("/") || jailPath.contains(separator)) {
      return Optional.empty();
    }
    String rest = jailPath.substring(1);
    int slash = rest.indexOf('/');
    String first = slash < 0 ? rest : rest.substring(0, slash);
    if (DRIVE.matcher(first).matches()) {
      // /C: and /C:/ are the drive's root
      String tail = slash < 0 ? "" : rest.substring(slash + 1);
      return Optional.of(first + separator + tail.replace("/", separator));
    }
    return Optional.of(jailPath.replace("/", separator));
  }

  /**
   * The file of a host file system that a FreeBSD path names: {@link #toHost(String, String)} with
   * that file system's separator, as one of its paths.
   *
   * @param jailPath the FreeBSD path
   * @param fileSystem the host's file system ({@code FileSystems.getDefault()} for this machine)
   * @return the host path, or empty when no file of that file system can have that name
   */
  public static Optional<Path> hostPath(String jailPath, FileSystem fileSystem) {
    Optional<String> text = toHost(jailPath, fileSystem.getSeparator());
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(fileSystem.getPath(text.get()));
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  /**
   * The file of this machine's file system that a FreeBSD path from a jail's configuration names (a
   * {@code mount.fstab}, an {@code exec.consolelog}).
   *
   * @param jailPath the FreeBSD path
   * @return the host path
   * @throws InvalidPathException when no file of this machine can have that name
   */
  public static Path onThisHost(String jailPath) {
    return hostPath(jailPath, FileSystems.getDefault())
        .orElseThrow(() -> new InvalidPathException(jailPath, "names no file on this host"));
  }

  /**
   * The text FreeBSD sees for a host path: the path's own text where its file system separates
   * names with {@code /} (FreeBSD, Linux, macOS), else {@link #toJail(String, String)} of it with
   * that file system's separator. A relative path stays relative, with {@code /} between names.
   *
   * @param path a host path
   * @return the FreeBSD path text
   */
  public static String freeBsd(Path path) {
    return toJail(path.toString(), path.getFileSystem().getSeparator());
  }

  /**
   * The FreeBSD path of a host path text.
   *
   * @param hostPath the host path: absolute ({@code Path.toAbsolutePath().toString()}) for an
   *     absolute FreeBSD path; a relative one keeps its names, with {@code /} between them
   * @param separator the host's name separator
   * @return the FreeBSD path: {@code /} between names, a drive letter as the first name
   */
  public static String toJail(String hostPath, String separator) {
    if (separator.equals("/")) {
      return hostPath;
    }
    // Windows takes / as a separator too
    String slashed = hostPath.replace(separator, "/");
    if (slashed.length() >= 2 && DRIVE.matcher(slashed.substring(0, 2)).matches()) {
      String tail = slashed.substring(2);
      if (tail.endsWith("/")) {
        tail = tail.substring(0, tail.length() - 1);
      }
      return "/"
          + slashed.substring(0, 2)
          + (tail.isEmpty() || tail.startsWith("/") ? tail : "/" + tail);
    }
    return slashed;
  }
}
