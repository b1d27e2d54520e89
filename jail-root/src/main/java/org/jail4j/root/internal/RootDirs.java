package org.jail4j.root.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jail4j.UnsupportedHostException;
import org.jail4j.root.RootException;
import org.jail4j.root.UnsafePathException;
import org.jspecify.annotations.Nullable;

/**
 * A jail root opened once, and the directories below it opened relative to it with {@code
 * O_NOFOLLOW} ({@link SecureDirectoryStream}, i.e. {@code openat(2)}): a directory swapped for a
 * symbolic link after it was opened is never followed, because every later operation goes through
 * the opened descriptor, not through its path.
 *
 * <p>The JDK has no {@code mkdirat}, {@code symlinkat} or {@code linkat}, so new directories, links
 * and hard links are made by path <em>directly in the root</em> under a random staging name (the
 * root's own path is the host's and trusted; only what is below it is hostile), and then renamed
 * into the opened parent with {@code renameat(2)} ({@link SecureDirectoryStream#move}). Metadata
 * that only a path can change (special mode bits, owners of links) is applied while the entry is
 * staged, on the trusted path, without following its final component. When the rename fails because
 * the parent is on another file system than the root (a mount inside the root), {@link #place}
 * either refuses with a typed error or, where the caller allows it, creates the entry by path in
 * the parent and verifies it through the opened parent, undoing it when the parent was swapped (the
 * residual risk is described in docs/ROOTS.md).
 */
public final class RootDirs implements Closeable {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Opened directories kept (each holds a descriptor); others are reopened from the root. */
  private static final int CACHED = 64;

  private final Path root;
  private final FileSystem fs;
  private final SecureDirectoryStream<Path> rootDir;
  private final Map<String, SecureDirectoryStream<Path>> cache =
      new LinkedHashMap<>(CACHED * 2, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SecureDirectoryStream<Path>> e) {
          if (size() > CACHED) {
            closeQuietly(e.getValue());
            return true;
          }
          return false;
        }
      };

  private RootDirs(Path root, SecureDirectoryStream<Path> rootDir) {
    this.root = root;
    this.fs = root.getFileSystem();
    this.rootDir = rootDir;
  }

  /**
   * Opens a root.
   *
   * @param op the operation, for errors
   * @param root an existing directory, named by a trusted host path
   * @return the opened root; close it
   * @throws UnsupportedHostException when the platform's Java has no {@link SecureDirectoryStream}
   * @throws RootException when the root cannot be opened
   */
  @SuppressWarnings("StreamResourceLeak") // the stream is the RootDirs' own, closed by close()
  public static RootDirs open(String op, Path root) {
    DirectoryStream<Path> s;
    try {
      s = Files.newDirectoryStream(root);
    } catch (IOException e) {
      throw new RootException(op, root + ": " + e.getMessage(), e);
    }
    if (!(s instanceof SecureDirectoryStream<Path> secure)) {
      closeQuietly(s);
      throw new UnsupportedHostException(
          op,
          "writing into a jail root safely needs openat(2) (SecureDirectoryStream), which this"
              + " platform's Java does not offer");
    }
    return new RootDirs(root, secure);
  }

  /** True when this platform's Java offers {@link SecureDirectoryStream} for a directory. */
  public static boolean supported(Path dir) {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      return s instanceof SecureDirectoryStream;
    } catch (IOException e) {
      return false;
    }
  }

  /** The root's path. */
  public Path root() {
    return root;
  }

  /** The opened root directory. */
  public SecureDirectoryStream<Path> rootStream() {
    return rootDir;
  }

  /** A single-component path on the root's file system. */
  public Path name(String component) {
    return fs.getPath(component);
  }

  /**
   * An opened directory below the root remembered by {@link #openChild}, or the root for {@code
   * ""}; {@code null} when not cached.
   *
   * @param rel the directory relative to the root, components joined by {@code /}
   * @return the opened directory or null
   */
  public @Nullable SecureDirectoryStream<Path> cached(String rel) {
    return rel.isEmpty() ? rootDir : cache.get(rel);
  }

  /**
   * Opens a directory relative to its opened parent without following a link, and remembers it.
   *
   * @param parent the opened parent
   * @param rel the child's path relative to the root
   * @param name the child's name
   * @param op the operation, for errors
   * @param entry the entry or path being handled, for errors
   * @return the opened child
   * @throws UnsafePathException when the child is (or became) a symbolic link or no directory
   */
  public SecureDirectoryStream<Path> openChild(
      SecureDirectoryStream<Path> parent, String rel, String name, String op, String entry)
      throws IOException {
    SecureDirectoryStream<Path> next;
    try {
      next = parent.newDirectoryStream(fs.getPath(name), LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      throw new UnsafePathException(op, entry, "directory " + rel + " vanished", e);
    } catch (FileSystemException e) {
      // O_NOFOLLOW (ELOOP) or O_DIRECTORY (ENOTDIR) refused: swapped after the check
      throw new UnsafePathException(
          op, entry, "a component changed into a symbolic link or non-directory: " + rel, e);
    }
    SecureDirectoryStream<Path> old = cache.put(rel, next);
    if (old != null && old != next) {
      closeQuietly(old);
    }
    return next;
  }

  /**
   * What is at a name in an opened directory, without following a link.
   *
   * @param dir the opened directory
   * @param name the entry's name
   * @return its attributes, or null when absent
   */
  public static @Nullable BasicFileAttributes stat(SecureDirectoryStream<Path> dir, Path name)
      throws IOException {
    try {
      return dir.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
          .readAttributes();
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** Makes an entry at a path that names no existing file. */
  @FunctionalInterface
  public interface Maker {
    /**
     * Creates the entry.
     *
     * @param at where (its final component is never followed by the callers' makers)
     */
    void make(Path at) throws IOException;
  }

  /**
   * Makes an entry by path in the root under a staging name, then renames it to {@code name} in the
   * opened {@code parent} (replacing a non-directory there).
   *
   * @param op the operation, for errors
   * @param entry the entry or path, for errors
   * @param parent the opened parent
   * @param parentPath the parent's path (used only by the by-path fallback)
   * @param name the final name
   * @param maker creates the entry (and applies any path-only metadata) at the staged path
   * @param byPathFallback when the rename crosses file systems: true to create by path in the
   *     parent and verify through the opened parent, false to refuse with a typed error
   * @return the placed entry's attributes as seen through the opened parent
   * @throws UnsafePathException when the entry was replaced, or the parent swapped, meanwhile
   * @throws RootException when the parent is on another file system and no fallback is allowed
   */
  public BasicFileAttributes place(
      String op,
      String entry,
      SecureDirectoryStream<Path> parent,
      Path parentPath,
      String name,
      Maker maker,
      boolean byPathFallback)
      throws IOException {
    Path tmp = stagingName(name);
    Path target = fs.getPath(name);
    boolean staged = false;
    try {
      maker.make(root.resolve(tmp.toString()));
      staged = true;
      BasicFileAttributes made = stat(rootDir, tmp);
      if (made == null) {
        throw new UnsafePathException(op, entry, "the staged entry vanished", null);
      }
      try {
        rootDir.move(tmp, parent, target);
      } catch (AtomicMoveNotSupportedException crossDevice) {
        deleteTree(rootDir, tmp);
        staged = false;
        if (!byPathFallback) {
          throw new RootException(
              op,
              entry
                  + ": its directory is on another file system than the root (a mount inside the"
                  + " root); it cannot be written there race-free",
              crossDevice);
        }
        return placeByPath(op, entry, parent, parentPath, name, maker);
      }
      staged = false;
      BasicFileAttributes now = stat(parent, target);
      if (now == null || !Objects.equals(now.fileKey(), made.fileKey())) {
        throw new UnsafePathException(op, entry, "replaced while it was placed", null);
      }
      return now;
    } finally {
      if (staged) {
        try {
          deleteTree(rootDir, tmp);
        } catch (IOException ignored) {
          // the staged entry is inside the root; the caller's cleanup removes it
        }
      }
    }
  }

  private BasicFileAttributes placeByPath(
      String op,
      String entry,
      SecureDirectoryStream<Path> parent,
      Path parentPath,
      String name,
      Maker maker)
      throws IOException {
    Object parentKey =
        parent.getFileAttributeView(BasicFileAttributeView.class).readAttributes().fileKey();
    Path target = parentPath.resolve(name);
    maker.make(target);
    BasicFileAttributes viaParent = stat(parent, fs.getPath(name));
    BasicFileAttributes byPath = lstat(target);
    BasicFileAttributes parentByPath = lstat(parentPath);
    boolean ok =
        viaParent != null
            && byPath != null
            && Objects.equals(viaParent.fileKey(), byPath.fileKey())
            && parentByPath != null
            && !parentByPath.isSymbolicLink()
            && Objects.equals(parentByPath.fileKey(), parentKey);
    if (!ok || viaParent == null) {
      if (byPath != null && (viaParent == null || !viaParent.fileKey().equals(byPath.fileKey()))) {
        // made somewhere else: undo what this call made, if it is still what the path names
        BasicFileAttributes again = lstat(target);
        if (again != null && Objects.equals(again.fileKey(), byPath.fileKey())) {
          Files.deleteIfExists(target);
        }
      }
      throw new UnsafePathException(
          op, entry, "a parent directory was swapped while the entry was created; undone", null);
    }
    return viaParent;
  }

  /**
   * Runs a path-only change on an existing entry: renames it from the opened parent to a staging
   * name in the root, runs the change on that trusted path, and renames it back.
   *
   * @param op the operation, for errors
   * @param entry the entry, for errors
   * @param parent the opened parent
   * @param name the entry's name
   * @param change the change, given the staged path
   */
  public void changeStaged(
      String op, String entry, SecureDirectoryStream<Path> parent, String name, Maker change)
      throws IOException {
    Path tmp = stagingName(name);
    Path target = fs.getPath(name);
    try {
      parent.move(target, rootDir, tmp);
    } catch (AtomicMoveNotSupportedException crossDevice) {
      throw new RootException(
          op,
          entry
              + ": on another file system than the root (a mount inside the root); its mode or"
              + " owner cannot be changed race-free",
          crossDevice);
    }
    try {
      change.make(root.resolve(tmp.toString()));
    } finally {
      rootDir.move(tmp, parent, target);
    }
  }

  /**
   * Deletes a file, link or whole directory tree at a name in an opened directory, descending only
   * through directories opened relative to their parents (never a link), without recursion.
   *
   * @param dir the opened directory
   * @param name the entry's name
   */
  public static void deleteTree(SecureDirectoryStream<Path> dir, Path name) throws IOException {
    BasicFileAttributes a = stat(dir, name);
    if (a == null) {
      return;
    }
    if (!a.isDirectory()) {
      dir.deleteFile(name);
      return;
    }
    final class Frame {
      final SecureDirectoryStream<Path> parent;
      final Path name;
      final SecureDirectoryStream<Path> self;
      final Iterator<Path> children;

      Frame(SecureDirectoryStream<Path> parent, Path name) throws IOException {
        this.parent = parent;
        this.name = name;
        this.self = parent.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS);
        List<Path> names = new ArrayList<>();
        for (Path p : self) {
          names.add(p.getFileName());
        }
        this.children = names.iterator();
      }
    }
    Deque<Frame> stack = new ArrayDeque<>();
    try {
      stack.push(new Frame(dir, name));
      while (!stack.isEmpty()) {
        Frame top = stack.peek();
        if (top.children.hasNext()) {
          Path c = top.children.next();
          BasicFileAttributes ca = stat(top.self, c);
          if (ca == null) {
            continue;
          }
          if (ca.isDirectory()) {
            stack.push(new Frame(top.self, c));
          } else {
            top.self.deleteFile(c);
          }
        } else {
          stack.pop();
          top.self.close();
          top.parent.deleteDirectory(top.name);
        }
      }
    } finally {
      for (Frame f : stack) {
        closeQuietly(f.self);
      }
    }
  }

  /**
   * Deletes everything inside a root (not the root itself) without following any link.
   *
   * @param root the root
   */
  public static void deleteContents(Path root) throws IOException {
    try (RootDirs dirs = open("cleanup", root)) {
      List<Path> names = new ArrayList<>();
      for (Path p : dirs.rootDir) {
        names.add(p.getFileName());
      }
      for (Path n : names) {
        deleteTree(dirs.rootDir, n);
      }
    }
  }

  /** A random name for staging an entry in the root. */
  public Path stagingName(String name) {
    byte[] r = new byte[6];
    RANDOM.nextBytes(r);
    String base = name.length() > 64 ? name.substring(0, 64) : name;
    return fs.getPath(".jail4j-" + HexFormat.of().formatHex(r) + "-" + base);
  }

  /** lstat by path; null when absent. */
  public static @Nullable BasicFileAttributes lstat(Path p) throws IOException {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /**
   * Forgets the opened directory at {@code rel} and every one below it, closing them: the directory
   * was removed (a whiteout), so a directory made again under that name is opened anew.
   *
   * @param rel the directory relative to the root, components joined by {@code /}
   */
  public void forget(String rel) {
    String below = rel + "/";
    var it = cache.entrySet().iterator();
    while (it.hasNext()) {
      var e = it.next();
      if (e.getKey().equals(rel) || e.getKey().startsWith(below)) {
        closeQuietly(e.getValue());
        it.remove();
      }
    }
  }

  @Override
  public void close() {
    for (SecureDirectoryStream<Path> s : cache.values()) {
      closeQuietly(s);
    }
    cache.clear();
    closeQuietly(rootDir);
  }

  private static void closeQuietly(Closeable c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // closing a directory descriptor cannot lose data
    }
  }
}
