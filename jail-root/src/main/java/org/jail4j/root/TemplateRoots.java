package org.jail4j.root;

import java.nio.file.Path;
import org.jail4j.spi.HostSystem;
import org.jspecify.annotations.Nullable;

/**
 * New jail roots from one template, the cheapest way the host allows: a ZFS clone of the template's
 * snapshot when the new root's parent directory is on ZFS and the template dataset is known, a
 * nullfs thin root over the template tree elsewhere.
 *
 * <pre>{@code
 * TemplateRoots roots = new TemplateRoots(host, Path.of("/jails/base/14.3"))
 *     .zfsTemplate("zroot/jails/base-14.3", "jail4j");
 * JailRoot web = roots.create(Path.of("/jails/web"));
 * RunningJail j = host.start(web.applyTo(Jail.builder().name("web").persist(true).build()));
 * // ... after the jail is stopped:
 * roots.remove(web);
 * }</pre>
 */
public final class TemplateRoots {
  private final HostSystem host;
  private final Path template;
  private final ZfsRoots zfs;
  private @Nullable String zfsTemplate;
  private String snapshot = "jail4j";
  private ThinRoot thin;

  /**
   * Roots from a template tree.
   *
   * @param host the host (zfs commands, mount table)
   * @param template a full root used as the thin roots' base
   */
  public TemplateRoots(HostSystem host, Path template) {
    this.host = host;
    this.template = template;
    this.zfs = new ZfsRoots(host);
    this.thin = ThinRoot.from(template);
  }

  /**
   * The template's ZFS dataset and the snapshot to clone (created when missing). Without it roots
   * are always thin.
   *
   * @param dataset e.g. {@code zroot/jails/base-14.3}
   * @param snapshotName e.g. {@code jail4j}
   * @return this
   */
  public TemplateRoots zfsTemplate(String dataset, String snapshotName) {
    this.zfsTemplate = dataset;
    this.snapshot = snapshotName;
    return this;
  }

  /**
   * How thin roots are made (template skeleton, writable parts location).
   *
   * @param thinRoots the thin-root settings; their base should be this template
   * @return this
   */
  public TemplateRoots thinRoots(ThinRoot thinRoots) {
    this.thin = thinRoots;
    return this;
  }

  /** The template tree. */
  public Path template() {
    return template;
  }

  /**
   * Creates a root.
   *
   * @param root the new root directory
   * @return a ZFS clone or a thin root
   */
  public JailRoot create(Path root) {
    Path abs = root.toAbsolutePath().normalize();
    Path parent = abs.getParent();
    String dataset = zfsTemplate;
    if (dataset != null && parent != null && zfs.datasetOf(parent).isPresent()) {
      return zfs.clone(dataset, snapshot, abs);
    }
    return thin.create(abs);
  }

  /**
   * Removes a root made by {@link #create}: destroys the clone, or removes the thin root's writable
   * parts and mount point.
   *
   * @param root the root
   */
  public void remove(JailRoot root) {
    if (root.kind() == JailRoot.Kind.ZFS_CLONE) {
      zfs.destroy(root);
    } else if (root.kind() == JailRoot.Kind.THIN) {
      ThinRoot.remove(host, root);
    } else {
      throw new RootException("remove root", root.path() + ": not made from a template", null);
    }
  }
}
