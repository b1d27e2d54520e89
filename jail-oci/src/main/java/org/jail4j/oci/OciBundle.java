package org.jail4j.oci;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.jail4j.Jail;
import org.jail4j.internal.HostPaths;
import org.jail4j.oci.internal.Json;
import org.jail4j.root.JailRoot;
import org.jail4j.root.internal.Trees;

/**
 * An OCI runtime bundle for FreeBSD's OCI runtimes ({@code ocijail}, the runtime podman uses on
 * FreeBSD, and {@code runj}, containerd's): a directory with {@code config.json} (runtime-spec 1.3,
 * {@code root.path} {@value #ROOTFS}, relative to the bundle) and the jail's root file system in
 * {@code rootfs/}. The container id given to the runtime names the jail.
 *
 * <p>Build the root straight into {@link #rootfs(Path)} (nothing is copied then), or give any full
 * root and its tree is copied in, links as links. A thin root is refused: its nullfs mounts name
 * this host's base directory, which another node of a fleet does not have.
 *
 * <pre>{@code
 * Path dir = Path.of("/var/bundles/web");
 * RootReport r = OciImageRoot.into(OciBundle.rootfs(dir)).image(image).populate();
 * OciBundle b = OciBundle.write(Jail.builder().name("web").hostname("web").build(), r.root(), dir);
 * // ocijail create --bundle /var/bundles/web web && ocijail start web
 * }</pre>
 */
public final class OciBundle {
  /** The root file system's folder inside a bundle, and the config's {@code root.path}. */
  public static final String ROOTFS = "rootfs";

  private final Path directory;
  private final OciConfig config;

  private OciBundle(Path directory, OciConfig config) {
    this.directory = directory;
    this.config = config;
  }

  /**
   * Where a bundle's root file system goes: {@code dir/rootfs}.
   *
   * @param dir the bundle directory
   * @return its {@code rootfs} folder
   */
  public static Path rootfs(Path dir) {
    return dir.toAbsolutePath().normalize().resolve(ROOTFS);
  }

  /**
   * Writes a bundle for a jail: its root in {@code dir/rootfs} and {@code dir/config.json}.
   *
   * @param jail the jail (its name is the container id; its {@code path} is replaced by the
   *     bundle's {@code rootfs})
   * @param root a full root; copied unless it is already {@code dir/rootfs}
   * @param dir the bundle directory, created when missing
   * @return the bundle
   * @throws OciException for a jail without name, a thin root, a {@code rootfs} that exists but is
   *     not the root, or a jail OCI cannot carry (as {@link OciConfig#toJson()})
   */
  public static OciBundle write(Jail jail, JailRoot root, Path dir) {
    return write(OciConfig.fromJail(jail), root, dir);
  }

  /**
   * Writes a bundle for a configuration (a jail with devices, environment, working directory).
   *
   * @param config the configuration; its jail's {@code path} is replaced by the bundle's {@code
   *     rootfs}
   * @param root a full root; copied unless it is already {@code dir/rootfs}
   * @param dir the bundle directory, created when missing
   * @return the bundle
   * @throws OciException as {@link #write(Jail, JailRoot, Path)}
   */
  public static OciBundle write(OciConfig config, JailRoot root, Path dir) {
    if (root.kind() == JailRoot.Kind.THIN) {
      throw new OciException(
          "root.path",
          "a thin root's nullfs mounts name this host's base; give a full root for a bundle");
    }
    Path d = dir.toAbsolutePath().normalize();
    Path rootfs = rootfs(d);
    Jail jail = Jail.builder().from(config.jail()).path(HostPaths.freeBsd(rootfs)).build();
    OciConfig inBundle =
        new OciConfig(
            jail,
            config.devices(),
            config.env(),
            config.cwd(),
            config.terminal(),
            config.annotations());
    ObjectNode tree = (ObjectNode) Json.read(inBundle.toJson());
    ((ObjectNode) tree.path("root")).put("path", ROOTFS);
    String json = Json.write(tree);
    String id =
        jail.name()
            .orElseThrow(
                () -> new OciException("name", "a bundle's jail needs a name: the container id"));
    if (!OciConfig.parse(json, id, d).equals(inBundle)) {
      throw new OciException("root.path", "the bundle's config does not read back to the jail");
    }
    try {
      Files.createDirectories(d);
      if (!root.path().equals(rootfs)) {
        if (Files.exists(rootfs, LinkOption.NOFOLLOW_LINKS)) {
          throw new OciException(
              "root.path", rootfs + " exists and is not the root " + root.path() + " to copy");
        }
        Trees.copyTree(root.path(), rootfs);
      }
      Path tmp = d.resolve(".config.json.tmp");
      Files.writeString(tmp, json, StandardCharsets.UTF_8);
      Files.move(
          tmp,
          d.resolve("config.json"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new OciException("config", "cannot write the bundle " + d + ": " + e, e);
    }
    return new OciBundle(d, inBundle);
  }

  /** The bundle directory. */
  public Path directory() {
    return directory;
  }

  /** The bundle's {@code config.json}. */
  public Path configFile() {
    return directory.resolve("config.json");
  }

  /** The bundle's root file system, {@code rootfs/}. */
  public Path rootfs() {
    return directory.resolve(ROOTFS);
  }

  /** The configuration written, its jail's {@code path} the bundle's {@code rootfs}. */
  public OciConfig config() {
    return config;
  }
}
