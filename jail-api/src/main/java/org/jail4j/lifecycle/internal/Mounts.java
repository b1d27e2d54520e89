package org.jail4j.lifecycle.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jail4j.Jail;
import org.jail4j.JailSetting;
import org.jail4j.JailStep;
import org.jail4j.internal.FstabLine;
import org.jail4j.internal.HostPaths;
import org.jail4j.param.JailParam;
import org.jail4j.spi.MountRequest;

/** The mounts of the sequences, in jail(8)'s order. */
final class Mounts {
  private Mounts() {}

  /** jail(8)'s devfs ruleset when {@code devfs_ruleset} is not set (devfsrules_jail). */
  static final int DEFAULT_DEVFS_RULESET = 4;

  /** One mount of the create sequence and the step that makes it. */
  record Mount(JailStep step, MountRequest request) {}

  /**
   * Every mount in jail(8)'s order: {@code mount} lines, {@code mount.fstab} lines, devfs, fdescfs,
   * procfs.
   *
   * @param strict true when starting: a bad line or an unreadable fstab fails; false when stopping:
   *     they are skipped
   */
  static List<Mount> mountsOf(Jail jail, boolean strict) {
    List<Mount> out = new ArrayList<>();
    String jname = jail.name().orElse(null);
    for (String line : jail.mounts()) {
      fstabLine(out, JailStep.MOUNT, JailSetting.MOUNT, line, jail, strict);
    }
    if (jail.mountFstab().isPresent()) {
      String file = jail.mountFstab().get();
      List<String> lines;
      try {
        lines = Files.readAllLines(HostPaths.onThisHost(file), StandardCharsets.UTF_8);
      } catch (IOException | RuntimeException e) {
        if (strict) {
          throw StepFailures.start(
              JailStep.MOUNT_FSTAB,
              null,
              jname,
              name(JailSetting.MOUNT_FSTAB) + ": " + file + ": " + e.getMessage(),
              e);
        }
        lines = List.of();
      }
      for (String line : lines) {
        fstabLine(out, JailStep.MOUNT_FSTAB, JailSetting.MOUNT_FSTAB, line, jail, strict);
      }
    }
    boolean anyFs = jail.mountDevfs() || jail.mountFdescfs() || jail.mountProcfs();
    if (anyFs && jail.path().isEmpty()) {
      if (strict) {
        JailSetting which =
            jail.mountDevfs()
                ? JailSetting.MOUNT_DEVFS
                : jail.mountFdescfs() ? JailSetting.MOUNT_FDESCFS : JailSetting.MOUNT_PROCFS;
        throw StepFailures.start(
            JailStep.MOUNT_DEVFS, null, jname, name(which) + ": no path", null);
      }
      return out;
    }
    String path = jail.path().orElse("");
    if (jail.mountDevfs()) {
      int ruleset = jail.get(JailParam.DEVFS_RULESET).orElse(DEFAULT_DEVFS_RULESET);
      out.add(new Mount(JailStep.MOUNT_DEVFS, MountRequest.devfs(path + "/dev", ruleset)));
    }
    if (jail.mountFdescfs()) {
      out.add(
          new Mount(
              JailStep.MOUNT_FDESCFS,
              new MountRequest("fdescfs", "fdesc", path + "/dev/fd", List.of(), null)));
    }
    if (jail.mountProcfs()) {
      out.add(
          new Mount(
              JailStep.MOUNT_PROCFS,
              new MountRequest("procfs", "proc", path + "/proc", List.of(), null)));
    }
    return out;
  }

  private static String name(JailSetting setting) {
    return setting.param().name();
  }

  private static void fstabLine(
      List<Mount> out, JailStep step, JailSetting setting, String line, Jail jail, boolean strict) {
    try {
      Optional<FstabLine> f = FstabLine.parse(line);
      if (f.isEmpty()) {
        return;
      }
      if (!f.get().mountPoint().startsWith("/")) {
        throw new IllegalArgumentException(f.get().mountPoint() + ": not an absolute pathname");
      }
      out.add(new Mount(step, f.get().toMountRequest()));
    } catch (IllegalArgumentException e) {
      if (strict) {
        throw StepFailures.start(
            step, null, jail.name().orElse(null), name(setting) + ": " + e.getMessage(), e);
      }
    }
  }
}
