package org.jail4j.root;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jail4j.CommandResult;
import org.jail4j.internal.HostPaths;
import org.jail4j.root.internal.RootCommands;
import org.jail4j.spi.CommandSpec;
import org.jail4j.spi.HostSystem;

/**
 * Jail roots as ZFS clones: a template dataset (a populated root) is snapshotted once, and each new
 * root is a clone of that snapshot, made in milliseconds and sharing every unchanged block. Removal
 * destroys the clone. All {@code zfs} commands run through {@link HostSystem}, so a test's fake
 * host records and answers them.
 *
 * <pre>{@code
 * ZfsRoots zfs = new ZfsRoots(host);
 * if (zfs.datasetOf(Path.of("/jails")).isPresent()) {
 *   JailRoot web = zfs.clone("zroot/jails/base-14.3", "jail4j", Path.of("/jails/web"));
 *   // ... later
 *   zfs.destroy(web);
 * }
 * }</pre>
 */
public final class ZfsRoots {
  private static final String COMPONENT = "[A-Za-z0-9_.:-]+";
  private static final Pattern DATASET = Pattern.compile(COMPONENT + "(/" + COMPONENT + ")*");
  private static final Pattern SNAPSHOT = Pattern.compile(COMPONENT);

  private final HostSystem host;
  private final String zfs;

  /**
   * ZFS roots on this host, running {@code zfs}.
   *
   * @param host the host
   */
  public ZfsRoots(HostSystem host) {
    this(host, "zfs");
  }

  /**
   * ZFS roots on this host, running this zfs program.
   *
   * @param host the host
   * @param zfsProgram e.g. {@code /sbin/zfs}
   */
  public ZfsRoots(HostSystem host, String zfsProgram) {
    this.host = host;
    this.zfs = zfsProgram;
  }

  /**
   * The dataset a path lives on ({@code zfs list -H -o name PATH}); empty when it is not on ZFS or
   * zfs is not installed.
   *
   * @param path a host path
   * @return the dataset name
   */
  public Optional<String> datasetOf(Path path) {
    CommandResult r;
    try {
      r =
          RootCommands.run(
              host, CommandSpec.of(zfs, "list", "-H", "-o", "name", HostPaths.freeBsd(path)));
    } catch (HostCommandException e) {
      return Optional.empty(); // no zfs(8) on this host
    }
    if (r.exitCode() != 0) {
      return Optional.empty();
    }
    String name = r.stdout().strip();
    int nl = name.indexOf('\n');
    if (nl >= 0) {
      name = name.substring(0, nl).strip();
    }
    return DATASET.matcher(name).matches() ? Optional.of(name) : Optional.empty();
  }

  /**
   * True when a snapshot exists ({@code zfs list -H -o name -t snapshot DATASET@SNAP}).
   *
   * @param dataset the dataset
   * @param snapshot the snapshot's name (after the {@code @})
   * @return true when it exists
   */
  public boolean snapshotExists(String dataset, String snapshot) {
    checkDataset(dataset);
    checkSnapshot(snapshot);
    CommandResult r =
        RootCommands.run(
            host,
            CommandSpec.of(
                zfs, "list", "-H", "-o", "name", "-t", "snapshot", dataset + "@" + snapshot));
    return r.exitCode() == 0;
  }

  /**
   * Clones a template into a new root: {@code zfs snapshot TEMPLATE@SNAP} when that snapshot does
   * not exist yet, then {@code zfs clone -o mountpoint=ROOT TEMPLATE@SNAP PARENT/NAME}, where
   * PARENT is the dataset of the root's parent directory and NAME the root's directory name.
   *
   * @param template the template dataset, e.g. {@code zroot/jails/base-14.3}
   * @param snapshot the snapshot name, e.g. {@code jail4j}
   * @param root the new root directory, e.g. {@code /jails/web}
   * @return the root
   * @throws RootException when the root's parent is not on ZFS
   * @throws HostCommandException when a zfs command fails, with its output
   */
  public JailRoot clone(String template, String snapshot, Path root) {
    checkDataset(template);
    checkSnapshot(snapshot);
    Path abs = root.toAbsolutePath().normalize();
    Path parent = abs.getParent();
    Path name = abs.getFileName();
    if (parent == null || name == null) {
      throw new RootException("zfs clone", abs + ": a root needs a parent directory", null);
    }
    String parentDataset =
        datasetOf(parent)
            .orElseThrow(
                () -> new RootException("zfs clone", parent + ": not on a ZFS dataset", null));
    String clone = parentDataset + "/" + name;
    checkDataset(clone);
    String snap = template + "@" + snapshot;
    if (!snapshotExists(template, snapshot)) {
      RootCommands.check(host, CommandSpec.of(zfs, "snapshot", snap));
    }
    RootCommands.check(
        host,
        CommandSpec.of(zfs, "clone", "-o", "mountpoint=" + HostPaths.freeBsd(abs), snap, clone));
    return JailRoot.zfsClone(abs, clone);
  }

  /**
   * Destroys a cloned root ({@code zfs destroy DATASET}) after checking that the dataset is a clone
   * ({@code zfs get -H -o value origin DATASET} is not {@code -}), so a mistaken call cannot
   * destroy a template or a dataset holding other data.
   *
   * @param root a root made by {@link #clone}
   * @throws RootException when the root is not a ZFS clone
   * @throws HostCommandException when a zfs command fails
   */
  public void destroy(JailRoot root) {
    String dataset =
        root.dataset()
            .orElseThrow(
                () ->
                    new RootException("zfs destroy", root.path() + ": not a ZFS clone root", null));
    checkDataset(dataset);
    CommandResult origin =
        RootCommands.check(
            host, CommandSpec.of(zfs, "get", "-H", "-o", "value", "origin", dataset));
    String o = origin.stdout().strip();
    if (o.isEmpty() || o.equals("-")) {
      throw new RootException(
          "zfs destroy",
          dataset + ": not a clone (origin \"" + o + "\"); refusing to destroy it",
          null);
    }
    RootCommands.check(host, CommandSpec.of(zfs, "destroy", dataset));
  }

  private static void checkDataset(String dataset) {
    if (!DATASET.matcher(dataset).matches()) {
      throw new RootException(
          "zfs", "dataset \"" + dataset + "\" must be pool/path of letters, digits, _ . : -", null);
    }
  }

  private static void checkSnapshot(String snapshot) {
    if (!SNAPSHOT.matcher(snapshot).matches()) {
      throw new RootException(
          "zfs", "snapshot \"" + snapshot + "\" must be letters, digits, _ . : -", null);
    }
  }
}
