package org.jail4j.root;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jail4j.rc.RcConf;
import org.jail4j.spi.MountRequest;
import org.jspecify.annotations.Nullable;

/**
 * The files a jail needs before its first start, written into its root through a {@link
 * SafeRootWriter}: the host's {@code resolv.conf}, {@code /etc/rc.conf}, the time zone ({@code
 * /etc/localtime} as a copy of, or a link to, the zoneinfo file inside the root, and {@code
 * /var/db/zoneinfo} naming the zone, as tzsetup(8) leaves them) and {@code /etc/fstab}.
 *
 * <p>Everything is read and checked first (the host file, the zone file inside the root), then
 * written; each file is replaced atomically.
 *
 * <pre>{@code
 * FirstStart.into(Path.of("/jail/web"))
 *     .resolvConf(Path.of("/etc/resolv.conf"))
 *     .rcConf(RcConf.parse("").hostname("web").enable("sshd"))
 *     .timeZone("Europe/Berlin", LocalTimeMode.COPY)
 *     .fstab(List.of())
 *     .apply();
 * }</pre>
 */
public final class FirstStart {
  private static final Pattern ZONE =
      Pattern.compile("[A-Za-z0-9_+-][A-Za-z0-9_+.-]*(/[A-Za-z0-9_+-][A-Za-z0-9_+.-]*)*");
  private static final int MAX_ZONE_FILE = 1 << 20;

  /** The largest earlier file kept to put back: rc.conf's own bound. */
  private static final int MAX_PREVIOUS_BYTES = (int) RcConf.MAX_FILE_BYTES;

  private final Path root;
  private Path systemFiles;
  private @Nullable Path resolvConf;
  private byte @Nullable [] rcConf;
  private @Nullable String zone;
  private LocalTimeMode zoneMode = LocalTimeMode.COPY;
  private @Nullable List<MountRequest> fstab;

  private FirstStart(Path root) {
    this.root = root;
    this.systemFiles = root;
  }

  /**
   * First-start files for the root at this directory.
   *
   * @param root the root directory on the host
   * @return the builder
   */
  public static FirstStart into(Path root) {
    return new FirstStart(root);
  }

  /**
   * Where {@code /usr/share/zoneinfo} is read from when it is not the root itself (a thin root's
   * shared base).
   *
   * @param systemRoot the tree holding {@code usr/share/zoneinfo}
   * @return this builder
   */
  public FirstStart systemFilesFrom(Path systemRoot) {
    this.systemFiles = systemRoot;
    return this;
  }

  /**
   * Copies the host's resolver configuration to {@code /etc/resolv.conf}.
   *
   * @param hostResolvConf the host file, usually {@code /etc/resolv.conf}
   * @return this builder
   */
  public FirstStart resolvConf(Path hostResolvConf) {
    this.resolvConf = hostResolvConf;
    return this;
  }

  /**
   * Writes {@code /etc/rc.conf} with this text.
   *
   * @param text the file's text
   * @return this builder
   */
  public FirstStart rcConf(String text) {
    this.rcConf = text.getBytes(StandardCharsets.UTF_8);
    return this;
  }

  /**
   * Writes {@code /etc/rc.conf} from an edited {@link RcConf} (its bytes, comments and quoting as
   * it keeps them).
   *
   * <pre>{@code
   * RcConf rc = RcConf.parse("").hostname("web").enable("sshd");
   * FirstStart.into(root).rcConf(rc).apply();
   * }</pre>
   *
   * @param rc the rc.conf
   * @return this builder
   */
  public FirstStart rcConf(RcConf rc) {
    this.rcConf = rc.toBytes();
    return this;
  }

  /**
   * Sets the time zone by copying the zoneinfo file to {@code /etc/localtime}.
   *
   * @param zone a zone name such as {@code Europe/Berlin} or {@code UTC}
   * @return this builder
   */
  public FirstStart timeZone(String zone) {
    return timeZone(zone, LocalTimeMode.COPY);
  }

  /**
   * Sets the time zone.
   *
   * @param zone a zone name such as {@code Europe/Berlin}
   * @param mode copy the zoneinfo file or link to it
   * @return this builder
   */
  public FirstStart timeZone(String zone, LocalTimeMode mode) {
    if (!ZONE.matcher(zone).matches() || zone.contains("..")) {
      throw new RootException(
          "timezone", "zone \"" + zone + "\" must be a zoneinfo name such as Europe/Berlin", null);
    }
    this.zone = zone;
    this.zoneMode = mode;
    return this;
  }

  /**
   * Writes {@code /etc/fstab} with one line per mount (an empty list writes the header only).
   *
   * @param mounts the mounts
   * @return this builder
   */
  public FirstStart fstab(List<MountRequest> mounts) {
    this.fstab = List.copyOf(mounts);
    return this;
  }

  /**
   * Checks everything, then writes the files, all or nothing: when a step fails, the files that
   * earlier steps wrote are put back as they were (content and mode, a link as a link, a missing
   * file deleted); directories it created stay, empty.
   *
   * @return the paths written, as the jail sees them
   * @throws UnsafePathException when a path in the root, or the zone file, is a symbolic link
   * @throws RootException when a file cannot be read or written
   */
  public List<String> apply() {
    SafeRootWriter w = SafeRootWriter.of(root);
    byte[] resolv = null;
    if (resolvConf != null) {
      try {
        resolv = Files.readAllBytes(resolvConf);
      } catch (IOException e) {
        throw new RootException("resolv.conf", resolvConf + ": " + e.getMessage(), e);
      }
    }
    byte[] zoneFile = null;
    String zoneName = zone;
    String zonePath = zoneName == null ? null : "/usr/share/zoneinfo/" + zoneName;
    if (zonePath != null) {
      SafeRootWriter system = systemFiles.equals(root) ? w : SafeRootWriter.of(systemFiles);
      if (system.kind(zonePath).equals("missing")) {
        throw new RootException(
            "timezone", systemFiles + zonePath + ": no such zoneinfo file", null);
      }
      if (zoneMode == LocalTimeMode.COPY) {
        // read without following links: a jail could have made the zone file a link to a host
        // secret, which a copy would hand back to it
        zoneFile = system.read(zonePath, MAX_ZONE_FILE);
      } else if (!system.kind(zonePath).equals("file")) {
        throw new RootException(
            "timezone", systemFiles + zonePath + ": no such zoneinfo file", null);
      }
    }
    List<String> written = new ArrayList<>();
    // what each file was before, to put back when a later step fails (all or nothing)
    List<String> touched = new ArrayList<>();
    List<SafeRootWriter.Previous> before = new ArrayList<>();
    try {
      for (String p : planned(resolv != null, zoneName != null)) {
        before.add(w.previous(p, MAX_PREVIOUS_BYTES));
        touched.add(p);
      }
      writeAll(w, resolv, zoneFile, zoneName, zonePath, written);
    } catch (RuntimeException e) {
      for (int i = touched.size() - 1; i >= 0; i--) {
        try {
          w.restore(touched.get(i), before.get(i));
        } catch (RuntimeException undo) {
          e.addSuppressed(undo);
        }
      }
      throw e;
    }
    return written;
  }

  /** The files {@link #apply()} writes, in order. */
  private List<String> planned(boolean resolv, boolean zone) {
    List<String> out = new ArrayList<>();
    if (resolv) {
      out.add("/etc/resolv.conf");
    }
    if (rcConf != null) {
      out.add("/etc/rc.conf");
    }
    if (zone) {
      out.add("/etc/localtime");
      out.add("/var/db/zoneinfo");
    }
    if (fstab != null) {
      out.add("/etc/fstab");
    }
    return out;
  }

  /** Runs after each file is written; tests make a later step fail with it. */
  private @Nullable Consumer<String> afterWrite;

  /** Makes {@link #apply()} call {@code check} after each file it writes (for tests). */
  FirstStart afterWrite(Consumer<String> check) {
    this.afterWrite = check;
    return this;
  }

  private void done(List<String> written, String path) {
    written.add(path);
    Consumer<String> c = afterWrite;
    if (c != null) {
      c.accept(path);
    }
  }

  private void writeAll(
      SafeRootWriter w,
      byte @Nullable [] resolv,
      byte @Nullable [] zoneFile,
      @Nullable String zoneName,
      @Nullable String zonePath,
      List<String> written) {
    if (resolv != null) {
      w.write("/etc/resolv.conf", resolv, 0644);
      done(written, "/etc/resolv.conf");
    }
    if (rcConf != null) {
      w.write("/etc/rc.conf", rcConf, 0644);
      done(written, "/etc/rc.conf");
    }
    if (zoneName != null && zonePath != null) {
      if (zoneFile != null) {
        w.write("/etc/localtime", zoneFile, 0444);
      } else {
        w.symlink("/etc/localtime", zonePath);
      }
      w.write("/var/db/zoneinfo", (zoneName + "\n").getBytes(StandardCharsets.US_ASCII), 0644);
      done(written, "/etc/localtime");
      done(written, "/var/db/zoneinfo");
    }
    if (fstab != null) {
      StringBuilder sb = new StringBuilder("# Device\tMountpoint\tFStype\tOptions\tDump\tPass#\n");
      for (MountRequest m : fstab) {
        sb.append(m.toFstabLine()).append('\n');
      }
      w.writeString("/etc/fstab", sb.toString());
      done(written, "/etc/fstab");
    }
  }
}
