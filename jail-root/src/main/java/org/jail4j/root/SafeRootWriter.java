package org.jail4j.root;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.jail4j.UnsupportedHostException;
import org.jail4j.root.internal.PosixModes;
import org.jail4j.root.internal.RootDirs;
import org.jail4j.root.internal.RootNames;
import org.jspecify.annotations.Nullable;

/**
 * Every host-side write into a jail root goes through here (resolv.conf, rc.conf, fstab, localtime,
 * anything). The jail's root user owns that tree (freebsd-jail-abi.md section 8: most VFS
 * privileges inside its chroot), so it may have replaced any directory or file with a symbolic link
 * to a host path; a host process that followed it would write outside the jail.
 *
 * <p>So this writer opens the root, then each parent directory relative to the one before with
 * {@code O_NOFOLLOW} ({@link SecureDirectoryStream}, i.e. {@code openat(2)}): a link anywhere in
 * the path is refused with an {@link UnsafePathException}, and a directory swapped for a link after
 * the check fails the open instead of being followed. Content goes to a new temporary file created
 * with {@code O_CREAT|O_EXCL|O_NOFOLLOW} in the final directory and is then renamed over the target
 * ({@code renameat(2)}), which replaces a planted link or hard link instead of writing through it,
 * and leaves the old file whole if anything fails. Reads of files inside the root (a zoneinfo file
 * to copy) follow the same rules.
 *
 * <p>Paths are named as the jail sees them: {@code /etc/rc.conf} or {@code etc/rc.conf}. {@code ..}
 * components are refused. Missing directories and symbolic links are made under a random staging
 * name directly in the root (whose own path is the host's) and renamed into the opened parent
 * ({@code renameat(2)}), so a directory swapped for a link meanwhile is never followed. Only when
 * that parent is on another file system than the root (a mount inside it) is the entry made by path
 * in the parent; it is then checked through the opened parent and undone, with an {@link
 * UnsafePathException}, when the parent was swapped (docs/ROOTS.md, "Races").
 *
 * <pre>{@code
 * SafeRootWriter w = SafeRootWriter.of(Path.of("/jail/web"));
 * w.copyFromHost(Path.of("/etc/resolv.conf"), "/etc/resolv.conf", 0644);
 * w.writeString("/etc/rc.conf", "sshd_enable=\"YES\"\n");
 * }</pre>
 */
public final class SafeRootWriter {
  /**
   * The largest bound {@link #read(String, int)} accepts: the largest byte array a JVM allocates.
   */
  public static final int MAX_READ_BYTES = Integer.MAX_VALUE - 8;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int DEFAULT_DIR_MODE = 0755;
  // what previous() reports for a file whose mode cannot be read
  private static final int UNKNOWN_FILE_MODE = 0644;

  private final Path root;
  private final FileSystem fs;
  private final boolean setsModes;

  private SafeRootWriter(Path root, boolean setsModes) {
    this.root = root;
    this.fs = root.getFileSystem();
    this.setsModes = setsModes;
  }

  /**
   * A writer for a root. The root's own path is the host's (it may contain host symbolic links);
   * only what is below it is treated as hostile.
   *
   * @param root an existing directory
   * @return the writer
   * @throws RootException when the root is not a directory
   * @throws UnsupportedHostException when the platform has no {@code openat(2)} support
   */
  public static SafeRootWriter of(Path root) {
    return of(root, PosixModes.supported(root));
  }

  /**
   * Whether jail4j can write jail roots in this directory's file system: it writes below a root
   * only through {@code openat(2)} ({@link SecureDirectoryStream}), which Java on Windows does not
   * offer. Where this is false, {@link #of}, extraction and thin roots refuse with {@link
   * UnsupportedHostException}.
   *
   * <pre>{@code
   * if (!SafeRootWriter.supported(jailsDir)) { ... describe the root instead of writing it ... }
   * }</pre>
   *
   * @param dir an existing directory
   * @return true when roots can be written there; false also when the directory cannot be read
   */
  public static boolean supported(Path dir) {
    return RootDirs.supported(dir);
  }

  /**
   * A writer that sets permission bits only when {@code setsModes}; {@link #of(Path)} decides it by
   * the root's file system ({@link PosixModes#supported}).
   */
  static SafeRootWriter of(Path root, boolean setsModes) {
    Path real;
    try {
      real = root.toRealPath();
    } catch (IOException e) {
      throw new RootException("write", root + ": root does not exist: " + e.getMessage(), e);
    }
    if (!Files.isDirectory(real)) {
      throw new RootException("write", root + ": root is not a directory", null);
    }
    try (DirectoryStream<Path> probe = Files.newDirectoryStream(real)) {
      if (!(probe instanceof SecureDirectoryStream)) {
        throw new UnsupportedHostException(
            "write",
            "writing into a jail root safely needs openat(2) (SecureDirectoryStream), which this"
                + " platform's Java does not offer");
      }
    } catch (IOException e) {
      throw new RootException("write", root + ": " + e.getMessage(), e);
    }
    return new SafeRootWriter(real, setsModes);
  }

  /**
   * Whether the {@code mode} arguments are applied. False on a file system without POSIX permission
   * bits (Windows' file systems, see docs/ROOTS.md "On Windows"): files and directories are then
   * made with the file system's defaults and modes read back are {@code 0644}.
   *
   * @return true when modes are set
   */
  public boolean setsModes() {
    return setsModes;
  }

  /** The root directory (its real path on the host). */
  public Path root() {
    return root;
  }

  /**
   * Writes a file atomically (temporary file, then rename), creating missing parents.
   *
   * @param path the file inside the root, e.g. {@code /etc/rc.conf}
   * @param content the bytes
   * @param mode permission bits, e.g. {@code 0644}
   * @throws UnsafePathException when a component is a symbolic link or the path has {@code ..}
   * @throws RootException when the target is a directory or the write fails
   */
  public void write(String path, byte[] content, int mode) {
    at(
        "write",
        path,
        true,
        (dirs, dir, dirPath, name) -> {
          BasicFileAttributes existing = stat(dir, name);
          if (existing != null && existing.isDirectory()) {
            throw new RootException("write", display(path) + ": is a directory", null);
          }
          Path tmp = temporaryName(name);
          boolean moved = false;
          try {
            Set<OpenOption> options =
                Set.of(
                    StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
            try (SeekableByteChannel ch =
                setsModes
                    ? dir.newByteChannel(
                        tmp, options, PosixFilePermissions.asFileAttribute(permissions(0600)))
                    : dir.newByteChannel(tmp, options)) {
              ByteBuffer bb = ByteBuffer.wrap(content);
              while (bb.hasRemaining()) {
                ch.write(bb);
              }
            }
            setMode(dir, tmp, mode);
            dir.move(tmp, dir, name);
            moved = true;
          } finally {
            if (!moved) {
              deleteQuietly(dir, tmp);
            }
          }
          return Boolean.TRUE;
        });
  }

  /**
   * Writes UTF-8 text with mode 0644.
   *
   * @param path the file inside the root
   * @param text the text
   */
  public void writeString(String path, String text) {
    write(path, text.getBytes(StandardCharsets.UTF_8), 0644);
  }

  /**
   * Copies a host file (read normally: the host's own file, e.g. {@code /etc/resolv.conf}) into the
   * root.
   *
   * @param hostFile the file on the host
   * @param path the file inside the root
   * @param mode permission bits
   * @throws RootException when the host file cannot be read or the write fails
   */
  public void copyFromHost(Path hostFile, String path, int mode) {
    byte[] content;
    try {
      content = Files.readAllBytes(hostFile);
    } catch (IOException e) {
      throw new RootException("write", hostFile + ": " + e.getMessage(), e);
    }
    write(path, content, mode);
  }

  /**
   * Creates a directory and its missing parents; an existing directory is kept as it is.
   *
   * @param path the directory inside the root
   * @param mode permission bits for directories created
   * @throws UnsafePathException when a component is a symbolic link
   */
  public void createDirectories(String path, int mode) {
    at(
        "mkdir",
        path,
        true,
        (dirs, dir, dirPath, name) -> {
          BasicFileAttributes a = stat(dir, name);
          if (a == null) {
            a =
                dirs.place(
                    "mkdir", path, dir, dirPath, name.toString(), Files::createDirectory, true);
            if (a.isDirectory()) {
              setMode(dir, name, mode);
            }
          }
          if (a == null || a.isSymbolicLink() || !a.isDirectory()) {
            throw new UnsafePathException(
                "mkdir", path, "is not a directory (or was replaced by a link)", null);
          }
          return Boolean.TRUE;
        });
  }

  /**
   * Creates (or replaces) a symbolic link. The link's target is read inside the jail and may be
   * absolute ({@code /usr/share/zoneinfo/UTC}); the host never follows it.
   *
   * @param path the link inside the root
   * @param target the link's content
   * @throws UnsafePathException when a component of {@code path} is a symbolic link
   */
  public void symlink(String path, String target) {
    if (target.isEmpty() || target.indexOf('\0') >= 0) {
      throw new RootException("symlink", display(path) + ": empty or NUL link target", null);
    }
    at(
        "symlink",
        path,
        true,
        (dirs, dir, dirPath, name) -> {
          BasicFileAttributes existing = stat(dir, name);
          if (existing != null && existing.isDirectory()) {
            throw new RootException("symlink", display(path) + ": is a directory", null);
          }
          // made under a staging name in the root, renamed into the opened directory
          dirs.place(
              "symlink",
              path,
              dir,
              dirPath,
              name.toString(),
              at -> Files.createSymbolicLink(at, fs.getPath(target)),
              true);
          return Boolean.TRUE;
        });
  }

  /**
   * Reads a regular file inside the root without following any link.
   *
   * @param path the file inside the root
   * @param maxBytes the largest size accepted, 0 to {@link #MAX_READ_BYTES}; memory is allocated by
   *     the file's actual size, never by this bound
   * @return the content
   * @throws UnsafePathException when the file or a component is a symbolic link, or the file is not
   *     a regular file
   * @throws RootException when {@code maxBytes} is outside its range, or the file does not exist or
   *     is larger than {@code maxBytes}
   */
  public byte[] read(String path, int maxBytes) {
    if (maxBytes < 0 || maxBytes > MAX_READ_BYTES) {
      throw new RootException(
          "read", "maxBytes: must be 0.." + MAX_READ_BYTES + ", got " + maxBytes, null);
    }
    return at(
        "read",
        path,
        false,
        (dirs, dir, dirPath, name) -> {
          BasicFileAttributes a = stat(dir, name);
          if (a == null) {
            throw new RootException("read", display(path) + ": no such file", null);
          }
          if (a.isSymbolicLink()) {
            throw new UnsafePathException("read", path, "is a symbolic link", null);
          }
          if (!a.isRegularFile()) {
            throw new UnsafePathException("read", path, "is not a regular file", null);
          }
          if (a.size() > maxBytes) {
            throw new RootException(
                "read", display(path) + ": larger than " + maxBytes + " bytes", null);
          }
          try (SeekableByteChannel ch =
              dir.newByteChannel(
                  name, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
            // readNBytes grows its buffer with what it reads; one byte past the bound tells a file
            // that grew since the stat
            byte[] out = Channels.newInputStream(ch).readNBytes(maxBytes + 1);
            if (out.length > maxBytes) {
              throw new RootException(
                  "read", display(path) + ": larger than " + maxBytes + " bytes", null);
            }
            return out;
          }
        });
  }

  /**
   * What is at a path, without following links.
   *
   * @param path the path inside the root
   * @return {@code file}, {@code directory}, {@code symlink}, {@code other}, or {@code missing}
   *     (also when a parent is missing)
   * @throws UnsafePathException when a parent component is a symbolic link
   */
  public String kind(String path) {
    try {
      return at(
          "stat",
          path,
          false,
          (dirs, dir, dirPath, name) -> {
            BasicFileAttributes a = stat(dir, name);
            if (a == null) {
              return "missing";
            }
            return a.isSymbolicLink()
                ? "symlink"
                : a.isDirectory() ? "directory" : a.isRegularFile() ? "file" : "other";
          });
    } catch (MissingParentException e) {
      return "missing";
    }
  }

  /**
   * Deletes a file, a link (not what it points to) or an empty directory; nothing when absent.
   *
   * @param path the path inside the root
   * @throws UnsafePathException when a parent component is a symbolic link
   */
  public void delete(String path) {
    try {
      at(
          "delete",
          path,
          false,
          (dirs, dir, dirPath, name) -> {
            BasicFileAttributes a = stat(dir, name);
            if (a == null) {
              return Boolean.TRUE;
            }
            if (a.isDirectory()) {
              dir.deleteDirectory(name);
            } else {
              dir.deleteFile(name);
            }
            return Boolean.TRUE;
          });
    } catch (MissingParentException e) {
      // nothing to delete
    }
  }

  /** What was at a path before a write, to put back: a file, a link, or nothing. */
  // what an entry was before a write, never compared or hashed: array identity does not matter
  @SuppressWarnings("ArrayRecordComponent")
  record Previous(String kind, byte @Nullable [] content, int mode, @Nullable String target) {}

  /**
   * What is at a path now, for {@link #restore}; a file larger than {@code maxBytes}, a directory
   * or anything else cannot be put back and is refused.
   */
  Previous previous(String path, int maxBytes) {
    String kind = kind(path);
    switch (kind) {
      case "missing":
        return new Previous(kind, null, 0, null);
      case "file":
        {
          int mode = at("stat", path, false, (dirs, dir, dirPath, name) -> modeOf(dir, name));
          return new Previous(kind, read(path, maxBytes), mode, null);
        }
      case "symlink":
        return new Previous(
            kind,
            null,
            0,
            at(
                "readlink",
                path,
                false,
                // read by path: a swapped parent changes only the text put back in the link
                (dirs, dir, dirPath, name) ->
                    Files.readSymbolicLink(dirPath.resolve(name.toString())).toString()));
      default:
        throw new RootException(
            "write", display(path) + ": is a " + kind + "; refusing to replace it", null);
    }
  }

  /** Puts back what {@link #previous} saw. */
  void restore(String path, Previous p) {
    switch (p.kind()) {
      case "missing" -> delete(path);
      case "file" -> write(path, p.content() == null ? new byte[0] : p.content(), p.mode());
      default -> symlink(path, p.target() == null ? "" : p.target());
    }
  }

  private int modeOf(SecureDirectoryStream<Path> dir, Path name) throws IOException {
    PosixFileAttributeView view = posixView(dir, name);
    return view == null ? UNKNOWN_FILE_MODE : modeOf(view.readAttributes().permissions());
  }

  private void setMode(SecureDirectoryStream<Path> dir, Path name, int mode) throws IOException {
    PosixFileAttributeView view = posixView(dir, name);
    if (view != null) {
      view.setPermissions(permissions(mode));
    }
  }

  /** The entry's POSIX view, or null when this writer does not set modes. */
  private @Nullable PosixFileAttributeView posixView(SecureDirectoryStream<Path> dir, Path name) {
    return setsModes
        ? dir.getFileAttributeView(name, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
        : null;
  }

  private static int modeOf(Set<PosixFilePermission> perms) {
    int mode = 0;
    PosixFilePermission[] all = PosixFilePermission.values();
    for (int i = 0; i < all.length; i++) {
      if (perms.contains(all[i])) {
        mode |= 1 << (8 - i);
      }
    }
    return mode;
  }

  // ---- the walk ----------------------------------------------------------------------------

  @FunctionalInterface
  private interface InDirectory<T> {
    T run(RootDirs dirs, SecureDirectoryStream<Path> dir, Path dirPath, Path name)
        throws IOException;
  }

  private static final class MissingParentException extends RootException {
    private static final long serialVersionUID = 1L;

    MissingParentException(String op, String detail) {
      super(op, detail, null);
    }
  }

  private <T> T at(String op, String path, boolean createParents, InDirectory<T> action) {
    List<String> parts = RootNames.rootComponents(op, path);
    if (parts.isEmpty()) {
      throw new UnsafePathException(op, path, "names the root itself", null);
    }
    try (RootDirs dirs = RootDirs.open(op, root)) {
      SecureDirectoryStream<Path> dir = dirs.rootStream();
      Path dirPath = root;
      StringBuilder prefix = new StringBuilder();
      for (int i = 0; i < parts.size() - 1; i++) {
        String c = parts.get(i);
        prefix.append('/').append(c);
        Path name = fs.getPath(c);
        BasicFileAttributes a = stat(dir, name);
        if (a == null) {
          if (!createParents) {
            throw new MissingParentException(op, display(path) + ": no such directory " + prefix);
          }
          // made under a staging name in the root, renamed into the opened directory
          a = dirs.place(op, path, dir, dirPath, c, this::createParent, true);
        }
        if (a.isSymbolicLink()) {
          throw new UnsafePathException(
              op, path, "a component is a symbolic link: " + prefix, null);
        }
        if (!a.isDirectory()) {
          throw new UnsafePathException(
              op, path, "a component is not a directory: " + prefix, null);
        }
        // O_NOFOLLOW: a directory swapped for a link after the check is refused, not followed
        dir = dirs.openChild(dir, prefix.substring(1), c, op, path);
        dirPath = dirPath.resolve(c);
      }
      return action.run(dirs, dir, dirPath, fs.getPath(parts.get(parts.size() - 1)));
    } catch (IOException e) {
      throw new RootException(op, display(path) + ": " + e, e);
    }
  }

  private void createParent(Path at) throws IOException {
    if (setsModes) {
      Files.createDirectory(
          at, PosixFilePermissions.asFileAttribute(permissions(DEFAULT_DIR_MODE)));
    } else {
      Files.createDirectory(at);
    }
  }

  private static @Nullable BasicFileAttributes stat(SecureDirectoryStream<Path> dir, Path name)
      throws IOException {
    return RootDirs.stat(dir, name);
  }

  private static void deleteQuietly(SecureDirectoryStream<Path> dir, Path name) {
    try {
      dir.deleteFile(name);
    } catch (IOException ignored) {
      // the temporary file was never created or is already gone
    }
  }

  private Path temporaryName(Path name) {
    byte[] r = new byte[6];
    RANDOM.nextBytes(r);
    return fs.getPath("." + name + ".jail4j-" + HexFormat.of().formatHex(r));
  }

  private String display(String path) {
    return root + (path.startsWith("/") ? "" : "/") + path;
  }

  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] all = PosixFilePermission.values();
    for (int i = 0; i < all.length; i++) {
      if ((mode & (1 << (8 - i))) != 0) {
        s.add(all[i]);
      }
    }
    return s;
  }
}
