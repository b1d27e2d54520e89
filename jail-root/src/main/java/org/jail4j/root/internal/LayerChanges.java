package org.jail4j.root.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.jail4j.root.UnsafePathException;
import org.jspecify.annotations.Nullable;

/**
 * The OCI image-spec rules for applying one layer over the layers below it ("Applying Changesets"
 * and "Whiteouts" of image-spec 1.1.1 layer.md), run by {@link SetExtractor#extractLayer} before
 * each entry:
 *
 * <ul>
 *   <li>an entry {@code DIR/.wh.NAME} removes {@code DIR/NAME} (a file, a link or a whole tree) of
 *       the lower layers and is not written itself;
 *   <li>an entry {@code DIR/.wh..wh..opq} removes everything in {@code DIR} the lower layers put
 *       there; other {@code .wh..wh.} names are reserved and ignored;
 *   <li>neither hides what this layer itself writes, whatever the entry order;
 *   <li>an entry whose place holds something of another kind from a lower layer (a directory where
 *       a file goes, a file or link where a directory goes) replaces it.
 * </ul>
 *
 * <p>Removal never follows a link: a whiteout below a symbolic link is refused like any entry below
 * one, and a tree is removed with its links as links. The extractor forgets the checked directories
 * of what was removed, so a link made in their place is checked again.
 */
final class LayerChanges {
  static final String WHITEOUT = ".wh.";
  static final String OPAQUE = ".wh..wh..opq";
  private static final String RESERVED = ".wh..wh.";
  private static final String OP = "extract";

  private final Path root;
  private final Consumer<String> forget;

  /** This layer's entries and every directory above them, as root-relative paths. */
  private final Set<String> written = new HashSet<>();

  LayerChanges(Path root, Consumer<String> forget) {
    this.root = root;
    this.forget = forget;
    written.add("");
  }

  /**
   * Applies the rules for one entry.
   *
   * @param entry the entry
   * @return true when the entry was a whiteout (applied, not to be written)
   * @throws UnsafePathException for an unsafe name, a whiteout naming no file, or a whiteout below
   *     a symbolic link
   * @throws IOException when a removal fails
   */
  boolean before(TarArchiveEntry entry) throws IOException {
    String name = entry.getName();
    List<String> parts = RootNames.archiveComponents(OP, name);
    if (parts.isEmpty()) {
      return false;
    }
    String last = parts.get(parts.size() - 1);
    List<String> dirParts = parts.subList(0, parts.size() - 1);
    String dirRel = String.join("/", dirParts);
    if (last.startsWith(WHITEOUT)) {
      Path dir = directory(name, dirParts);
      if (last.equals(OPAQUE)) {
        mark(dirParts, dirParts.size());
        if (dir != null) {
          opaque(dir, dirRel);
        }
      } else if (!last.startsWith(RESERVED)) {
        String hidden = last.substring(WHITEOUT.length());
        if (hidden.isEmpty() || hidden.equals(".") || hidden.equals("..")) {
          throw new UnsafePathException(OP, name, "a whiteout must name a file", null);
        }
        String rel = child(dirRel, hidden);
        if (dir != null && !written.contains(rel)) {
          remove(dir.resolve(hidden), rel);
        }
      }
      return true;
    }
    String rel = String.join("/", parts);
    boolean kept =
        entry.isDirectory() || entry.isFile() || entry.isSymbolicLink() || entry.isLink();
    if (kept && !written.contains(rel)) {
      Path dir = directory(null, dirParts);
      BasicFileAttributes a = dir == null ? null : RootDirs.lstat(dir.resolve(last));
      if (a != null && dir != null) {
        boolean realDirectory = a.isDirectory() && !a.isSymbolicLink();
        if (entry.isDirectory() != realDirectory) {
          // image-spec: "removing the file path ... and recreating" it from the entry
          remove(dir.resolve(last), rel);
        }
      }
    }
    if (kept) {
      mark(parts, parts.size());
    }
    return false;
  }

  /**
   * The directory of the given components, without following links; null when a component is
   * missing or not a directory. A symbolic link among them is refused when {@code refuse} names the
   * entry, and reported as null otherwise (the extractor then refuses the entry itself).
   */
  private @Nullable Path directory(@Nullable String refuse, List<String> parts) throws IOException {
    Path dir = root;
    for (int i = 0; i < parts.size(); i++) {
      dir = dir.resolve(parts.get(i));
      BasicFileAttributes a = RootDirs.lstat(dir);
      if (a != null && a.isSymbolicLink() && refuse != null) {
        throw new UnsafePathException(
            OP,
            refuse,
            "a parent is a symbolic link: " + String.join("/", parts.subList(0, i + 1)),
            null);
      }
      if (a == null || !a.isDirectory() || a.isSymbolicLink()) {
        return null;
      }
    }
    return dir;
  }

  /** Removes everything in a directory this layer did not write, recursing into what it did. */
  private void opaque(Path dir, String dirRel) throws IOException {
    List<Path> children;
    try (Stream<Path> s = java.nio.file.Files.list(dir)) {
      children = new ArrayList<>(s.toList());
    }
    for (Path c : children) {
      String rel = child(dirRel, String.valueOf(c.getFileName()));
      if (!written.contains(rel)) {
        remove(c, rel);
        continue;
      }
      BasicFileAttributes a = RootDirs.lstat(c);
      if (a != null && a.isDirectory() && !a.isSymbolicLink()) {
        opaque(c, rel);
      }
    }
  }

  private void remove(Path path, String rel) throws IOException {
    Trees.deleteTree(path);
    forget.accept(rel);
  }

  private void mark(List<String> parts, int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append('/');
      }
      b.append(parts.get(i));
      written.add(b.toString());
    }
  }

  private static String child(String dirRel, String name) {
    return dirRel.isEmpty() ? name : dirRel + "/" + name;
  }
}
