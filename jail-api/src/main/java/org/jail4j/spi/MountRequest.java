package org.jail4j.spi;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One file system to mount, as an fstab(5) line describes it, plus the devfs ruleset to apply to a
 * devfs mount.
 *
 * <pre>{@code
 * MountRequest devfs = MountRequest.devfs("/jail/web/dev", 4);
 * MountRequest base = new MountRequest("nullfs", "/jails/base", "/jail/web", List.of("ro"), null);
 * }</pre>
 *
 * @param fsType the file system type: {@code devfs}, {@code nullfs}, {@code fdescfs}, {@code
 *     procfs}, {@code tmpfs}, ...
 * @param source what to mount (the fstab "device" field; the type name for pseudo file systems)
 * @param target the absolute mount point on the host
 * @param options mount options such as {@code ro}, {@code nosuid}, {@code size=1g}
 * @param devfsRuleset for devfs: the ruleset to apply to the new mount, or null
 */
public record MountRequest(
    String fsType,
    String source,
    String target,
    List<String> options,
    @org.jspecify.annotations.Nullable Integer devfsRuleset) {

  /** Validates and copies. */
  public MountRequest {
    Objects.requireNonNull(fsType, "fsType");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    options = List.copyOf(options);
  }

  /**
   * A devfs mount with a ruleset, as {@code mount.devfs} does.
   *
   * @param target the mount point, usually {@code <path>/dev}
   * @param ruleset the devfs ruleset (jail(8)'s default is 4)
   * @return the request
   */
  public static MountRequest devfs(String target, int ruleset) {
    return new MountRequest("devfs", "devfs", target, List.of(), ruleset);
  }

  /** The devfs ruleset, when one is to be applied. */
  public OptionalInt ruleset() {
    return devfsRuleset == null ? OptionalInt.empty() : OptionalInt.of(devfsRuleset);
  }

  /** This mount as an fstab(5) line. */
  public String toFstabLine() {
    return source
        + " "
        + target
        + " "
        + fsType
        + " "
        + (options.isEmpty() ? "rw" : String.join(",", options))
        + " 0 0";
  }
}
