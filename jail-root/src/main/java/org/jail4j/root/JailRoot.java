package org.jail4j.root;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jail4j.Jail;
import org.jail4j.internal.HostPaths;
import org.jail4j.spi.MountRequest;
import org.jspecify.annotations.Nullable;

/**
 * A jail root on the host and how it was made: a full tree ({@link RootBuilder}, {@link
 * SourceInstall}), a thin root assembled from nullfs mounts ({@link ThinRoot}) or a ZFS clone
 * ({@link ZfsRoots}). It knows the mounts the jail needs and applies them (and its path) to a
 * {@link Jail}, so the lifecycle mounts them before creation and unmounts them after removal.
 *
 * <pre>{@code
 * JailRoot root = ThinRoot.from(Path.of("/jails/base/14.3")).create(Path.of("/jails/web"));
 * Jail web = root.applyTo(Jail.builder().name("web").persist(true).build());
 * root.firstStart().resolvConf(Path.of("/etc/resolv.conf")).timeZone("UTC").apply();
 * }</pre>
 */
public final class JailRoot {

  /** How a root was made. */
  public enum Kind {
    /** A complete tree of its own. */
    FULL,
    /** A read-only base over nullfs plus per-jail writable directories. */
    THIN,
    /** A ZFS clone of a template snapshot. */
    ZFS_CLONE
  }

  private final Path path;
  private final Kind kind;
  private final List<MountRequest> mounts;
  private final @Nullable Path writable;
  private final @Nullable String dataset;

  private JailRoot(
      Path path,
      Kind kind,
      List<MountRequest> mounts,
      @Nullable Path writable,
      @Nullable String dataset) {
    this.path = path.toAbsolutePath().normalize();
    this.kind = kind;
    this.mounts = List.copyOf(mounts);
    this.writable = writable;
    this.dataset = dataset;
  }

  /**
   * A full root already on disk.
   *
   * @param path its directory
   * @return the root
   */
  public static JailRoot full(Path path) {
    return new JailRoot(path, Kind.FULL, List.of(), null, null);
  }

  static JailRoot thin(Path path, Path writable, List<MountRequest> mounts) {
    return new JailRoot(path, Kind.THIN, mounts, writable, null);
  }

  static JailRoot zfsClone(Path path, String dataset) {
    return new JailRoot(path, Kind.ZFS_CLONE, List.of(), null, dataset);
  }

  /** The root directory on the host (the jail's {@code path}). */
  public Path path() {
    return path;
  }

  /** How the root was made. */
  public Kind kind() {
    return kind;
  }

  /** The mounts the jail needs, in mount order (empty for full roots and ZFS clones). */
  public List<MountRequest> mounts() {
    return mounts;
  }

  /** The mounts as fstab(5) lines, the jail's {@code mount} parameter. */
  public List<String> fstabLines() {
    List<String> out = new ArrayList<>();
    for (MountRequest m : mounts) {
      out.add(m.toFstabLine());
    }
    return out;
  }

  /** For a thin root: the directory holding the jail's own writable parts. */
  public Optional<Path> writableParts() {
    return Optional.ofNullable(writable);
  }

  /** For a ZFS clone: the dataset. */
  public Optional<String> dataset() {
    return Optional.ofNullable(dataset);
  }

  /**
   * A jail with this root: its {@code path} set to the root and this root's mounts added after the
   * jail's own.
   *
   * @param jail the jail description
   * @return a copy with path and mounts
   */
  public Jail applyTo(Jail jail) {
    List<String> all = new ArrayList<>(jail.mounts());
    for (String line : fstabLines()) {
      if (!all.contains(line)) {
        all.add(line);
      }
    }
    return Jail.builder().from(jail).path(HostPaths.freeBsd(path)).mounts(all).build();
  }

  /**
   * A writer for host-side writes into this root that never leave it. For a thin root it writes the
   * jail's own parts ({@link #writableParts()}: {@code /etc}, {@code /var}, {@code /root}, ...),
   * which is where those paths live before and after the mounts.
   *
   * @return the writer
   */
  public SafeRootWriter writer() {
    return SafeRootWriter.of(writable != null ? writable : path);
  }

  /**
   * First-start configuration (resolv.conf, rc.conf, time zone, fstab) for this root. For a thin
   * root the files go to its writable parts and zoneinfo files are read from the shared base.
   *
   * @return the first-start builder
   */
  public FirstStart firstStart() {
    if (writable != null && !mounts.isEmpty()) {
      return FirstStart.into(writable).systemFilesFrom(Path.of(mounts.get(0).source()));
    }
    return FirstStart.into(path);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof JailRoot r)) {
      return false;
    }
    return r.path.equals(path)
        && r.kind == kind
        && r.mounts.equals(mounts)
        && Objects.equals(r.writable, writable)
        && Objects.equals(r.dataset, dataset);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, kind, mounts, writable, dataset);
  }

  @Override
  public String toString() {
    return "JailRoot[" + kind + " " + path + (dataset == null ? "" : " " + dataset) + "]";
  }
}
