package org.jail4j.testkit.host;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Predicate;
import org.jail4j.Errno;
import org.jail4j.spi.MountRequest;

/**
 * A fake host's mount table: mounts stack like on FreeBSD, so the last mount on a target is the one
 * an unmount removes.
 *
 * <pre>{@code
 * FakeMountTable table = new FakeMountTable(Set.of("nullfs", "devfs"), new HostJournal());
 * table.mount(MountRequest.devfs("/jail/web/dev", 4));
 * table.devfsRuleset("/jail/web/dev"); // OptionalInt[4]
 * table.unmount("/jail/web/dev", false);
 * }</pre>
 *
 * <p>A mount refuses a relative target ({@code EINVAL}), an unknown file system type ({@code
 * ENODEV}) and a devfs ruleset outside 0..65535 ({@code EINVAL}). An unmount refuses a target that
 * is not a mount point ({@code EINVAL}), one with other mounts below it ({@code EBUSY}, even with
 * force) and one {@linkplain #markBusy marked busy} ({@code EBUSY} unless forced). Failures are
 * {@link HostFailure}s.
 *
 * <p>Safe for concurrent use.
 */
public final class FakeMountTable {

  private final Set<String> fileSystems;
  private final HostJournal journal;
  private final FaultQueue<MountRequest, Errno> mountFaults = new FaultQueue<>();
  private final FaultQueue<String, Errno> unmountFaults = new FaultQueue<>();

  // Guarded by this.
  private final List<MountRequest> mounts = new ArrayList<>();
  private final Set<String> busyTargets = new HashSet<>();

  /**
   * An empty mount table.
   *
   * @param fileSystems the file system types a mount accepts
   * @param journal where mounts and unmounts are written
   */
  public FakeMountTable(Set<String> fileSystems, HostJournal journal) {
    this.fileSystems = Set.copyOf(fileSystems);
    this.journal = Objects.requireNonNull(journal, "journal");
  }

  /**
   * Mounts, or fails with the next matching fault or the first rule broken.
   *
   * @param request the mount
   */
  public void mount(MountRequest request) {
    synchronized (this) {
      Optional<Errno> fault = mountFaults.take(request);
      if (fault.isPresent()) {
        throw HostFailure.of("mount", fault.get(), describe(request));
      }
      if (!request.target().startsWith("/")) {
        throw HostFailure.of("mount", Errno.EINVAL, describe(request) + ": not an absolute path");
      }
      if (!fileSystems.contains(request.fsType())) {
        throw HostFailure.of(
            "mount", Errno.ENODEV, describe(request) + ": unknown file system type");
      }
      OptionalInt ruleset = request.ruleset();
      if (ruleset.isPresent() && (ruleset.getAsInt() < 0 || ruleset.getAsInt() > 65535)) {
        throw HostFailure.of(
            "mount", Errno.EINVAL, describe(request) + ": devfs ruleset outside 0..65535");
      }
      mounts.add(request);
      journal.add("mount " + describe(request));
    }
  }

  /**
   * Removes the topmost mount on a target, or fails with the next fault or the first rule broken.
   *
   * @param target the mount point
   * @param force whether a busy mount point is unmounted anyway
   */
  public void unmount(String target, boolean force) {
    synchronized (this) {
      Optional<Errno> fault = unmountFaults.take(target);
      if (fault.isPresent()) {
        throw HostFailure.of("unmount", fault.get(), target);
      }
      int index = lastMountOn(target);
      if (index < 0) {
        throw HostFailure.of(
            "unmount", Errno.EINVAL, target + ": not a file system root directory");
      }
      for (int i = index + 1; i < mounts.size(); i++) {
        if (isBelow(mounts.get(i).target(), target)) {
          throw HostFailure.of(
              "unmount",
              Errno.EBUSY,
              target + ": " + mounts.get(i).target() + " is mounted on it; unmount that first");
        }
      }
      if (!force && busyTargets.contains(target)) {
        throw HostFailure.of("unmount", Errno.EBUSY, target + ": in use");
      }
      mounts.remove(index);
      busyTargets.remove(target);
      journal.add("unmount " + target + (force ? " (force)" : ""));
    }
  }

  /** The mounts, in mount order. */
  public synchronized List<MountRequest> mounts() {
    return List.copyOf(mounts);
  }

  /**
   * The devfs ruleset applied to the topmost mount on a target, if that mount is devfs with one.
   *
   * @param target the mount point
   * @return the ruleset
   */
  public synchronized OptionalInt devfsRuleset(String target) {
    int index = lastMountOn(target);
    return index < 0 ? OptionalInt.empty() : mounts.get(index).ruleset();
  }

  /**
   * Marks a mount point as in use, so that unmounting it without force fails with {@code EBUSY}.
   *
   * @param target the mount point
   */
  public synchronized void markBusy(String target) {
    busyTargets.add(target);
  }

  /**
   * Makes the next mount that matches fail with this errno.
   *
   * @param when which mount
   * @param errno the error
   */
  public void failNextMount(Predicate<MountRequest> when, Errno errno) {
    mountFaults.add(when, errno);
  }

  /**
   * Makes the next unmount that matches fail with this errno.
   *
   * @param when which mount point
   * @param errno the error
   */
  public void failNextUnmount(Predicate<String> when, Errno errno) {
    unmountFaults.add(when, errno);
  }

  private int lastMountOn(String target) {
    for (int i = mounts.size() - 1; i >= 0; i--) {
      if (mounts.get(i).target().equals(target)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isBelow(String path, String dir) {
    String prefix = dir.endsWith("/") ? dir : dir + "/";
    return path.startsWith(prefix);
  }

  private static String describe(MountRequest m) {
    return m.fsType()
        + " "
        + m.source()
        + " on "
        + m.target()
        + (m.options().isEmpty() ? "" : " (" + String.join(",", m.options()) + ")")
        + (m.devfsRuleset() == null ? "" : " ruleset " + m.devfsRuleset());
  }
}
