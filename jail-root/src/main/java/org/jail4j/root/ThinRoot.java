package org.jail4j.root;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.jail4j.internal.HostPaths;
import org.jail4j.root.internal.Trees;
import org.jail4j.spi.HostSystem;
import org.jail4j.spi.MountRequest;
import org.jspecify.annotations.Nullable;

/**
 * Thin jail roots: one read-only base tree shared by many jails over nullfs, plus the jail's own
 * writable parts ({@code etc}, {@code var}, {@code tmp}, {@code root}, {@code home}, {@code
 * usr/local}) mounted read-write on top. Creating one copies only the small per-jail skeleton
 * ({@code etc}, {@code var} and {@code root} from a template, the others empty), never the base;
 * the result is a {@link JailRoot} whose mounts the lifecycle mounts before the jail is created and
 * unmounts after it is removed ({@link JailRoot#applyTo}).
 *
 * <pre>{@code
 * JailRoot web = ThinRoot.from(Path.of("/jails/base/14.3")).create(Path.of("/jails/web"));
 * // mounts: /jails/base/14.3 on /jails/web (nullfs, ro), /jails/web.rw/etc on /jails/web/etc, ...
 * Jail jail = web.applyTo(Jail.builder().name("web").persist(true).build());
 * }</pre>
 */
public final class ThinRoot {
  /** The parts of a root each jail gets its own writable copy of. */
  public static final List<String> WRITABLE_PARTS =
      List.of("etc", "var", "tmp", "root", "home", "usr/local");

  /** The writable parts copied from the template; the others start empty. */
  public static final List<String> COPIED_PARTS = List.of("etc", "var", "root");

  private final Path base;
  private @Nullable Path template;
  private @Nullable Path writable;

  private ThinRoot(Path base) {
    this.base = base.toAbsolutePath().normalize();
  }

  /**
   * Thin roots over this base.
   *
   * @param base a full root, shared read-only by every thin root
   * @return the builder
   */
  public static ThinRoot from(Path base) {
    return new ThinRoot(base);
  }

  /**
   * Where {@code etc}, {@code var} and {@code root} are copied from; the base itself by default.
   *
   * @param skeleton a tree holding those directories
   * @return this builder
   */
  public ThinRoot template(Path skeleton) {
    this.template = skeleton.toAbsolutePath().normalize();
    return this;
  }

  /**
   * Where the jail's writable parts live; {@code ROOT.rw} beside the root by default.
   *
   * @param dir the directory (must not exist or be empty)
   * @return this builder
   */
  public ThinRoot writableParts(Path dir) {
    this.writable = dir.toAbsolutePath().normalize();
    return this;
  }

  /**
   * Creates the missing mount points for the writable parts in a base (once per base; the base must
   * be writable while this runs).
   *
   * @param base the base tree
   * @throws UnsafePathException when a mount point in the base is a symbolic link
   */
  public static void prepareBase(Path base) {
    SafeRootWriter w = SafeRootWriter.of(base);
    for (String part : WRITABLE_PARTS) {
      w.createDirectories("/" + part, 0755);
    }
  }

  /**
   * The mounts of a thin root at this path: the base read-only on the root, then each writable part
   * read-write on its place.
   *
   * @param root the root directory
   * @param writableDir the writable parts directory
   * @return the mounts, in mount order
   */
  public List<MountRequest> mounts(Path root, Path writableDir) {
    List<MountRequest> out = new ArrayList<>();
    out.add(
        new MountRequest(
            "nullfs", HostPaths.freeBsd(base), HostPaths.freeBsd(root), List.of("ro"), null));
    for (String part : WRITABLE_PARTS) {
      out.add(
          new MountRequest(
              "nullfs",
              HostPaths.freeBsd(writableDir.resolve(part)),
              HostPaths.freeBsd(root.resolve(part)),
              List.of("rw"),
              null));
    }
    return out;
  }

  /**
   * Creates a thin root: the (empty) root directory as the mount point, and the writable parts.
   *
   * @param root the new root directory
   * @return the root with its mounts
   * @throws RootException when the base lacks a mount point, or the writable directory or the root
   *     already holds files
   */
  public JailRoot create(Path root) {
    Path abs = root.toAbsolutePath().normalize();
    Path rw = writable != null ? writable : abs.resolveSibling(abs.getFileName() + ".rw");
    Path from = template != null ? template : base;
    List<String> missing = new ArrayList<>();
    for (String part : WRITABLE_PARTS) {
      BasicFileAttributes a = lstat(base.resolve(part));
      if (a == null || !a.isDirectory()) {
        missing.add("/" + part);
      }
    }
    if (!missing.isEmpty()) {
      throw new RootException(
          "thin root",
          base
              + ": the base lacks directories to mount the writable parts on: "
              + missing
              + " (ThinRoot.prepareBase creates them)",
          null);
    }
    try {
      for (Path p : List.of(abs, rw)) {
        if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Trees.isEmpty(p)) {
          throw new RootException("thin root", p + ": already exists and is not empty", null);
        }
      }
      Files.createDirectories(abs);
      Files.createDirectories(rw);
      try {
        for (String part : WRITABLE_PARTS) {
          Path dst = rw.resolve(part);
          Path src = from.resolve(part);
          if (COPIED_PARTS.contains(part) && Files.isDirectory(src, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dst.getParent());
            Trees.copyTree(src, dst);
          } else {
            Files.createDirectories(dst);
            if (part.equals("tmp")) {
              Files.setAttribute(dst, "unix:mode", 01777);
            }
          }
        }
      } catch (IOException | RuntimeException e) {
        Trees.deleteContents(rw);
        throw e;
      }
    } catch (IOException e) {
      throw new RootException("thin root", abs + ": " + e.getMessage(), e);
    }
    return JailRoot.thin(abs, rw, mounts(abs, rw));
  }

  /**
   * Removes a thin root: its writable parts and its (empty) mount point. Refused while anything is
   * still mounted on or below the root.
   *
   * @param host the host, asked for its mounts
   * @param root a root made by {@link #create}
   * @throws RootException when it is still mounted or not a thin root
   */
  public static void remove(HostSystem host, JailRoot root) {
    Path rw =
        root.writableParts()
            .orElseThrow(
                () -> new RootException("thin root", root.path() + ": not a thin root", null));
    // the mounts name their targets as FreeBSD does (mounts(Path, Path))
    String prefix = HostPaths.freeBsd(root.path());
    for (MountRequest m : host.mounts()) {
      if (m.target().equals(prefix) || m.target().startsWith(prefix + "/")) {
        throw new RootException(
            "thin root",
            m.target() + " is still mounted; stop the jail before removing its root",
            null);
      }
    }
    try {
      Trees.deleteTree(rw);
      if (Files.isDirectory(root.path(), LinkOption.NOFOLLOW_LINKS)) {
        Files.delete(root.path());
      }
    } catch (IOException e) {
      throw new RootException("thin root", root.path() + ": " + e, e);
    }
  }

  private static @Nullable BasicFileAttributes lstat(Path p) {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return null;
    }
  }
}
