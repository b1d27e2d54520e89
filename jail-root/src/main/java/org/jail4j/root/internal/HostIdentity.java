package org.jail4j.root.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.jail4j.root.RootException;

/**
 * Who this process is on the host, as a file it creates shows it: the owner of a new file is the
 * effective uid, and the permissions left from {@code 0777} reveal the umask. Java has no direct
 * call for either.
 *
 * @param uid the effective user id
 * @param gid the group a new file in the probed directory gets
 * @param umask the file creation mask
 */
public record HostIdentity(int uid, int gid, int umask) {

  private static int bit(PosixFilePermission p) {
    switch (p) {
      case OWNER_READ:
        return 0400;
      case OWNER_WRITE:
        return 0200;
      case OWNER_EXECUTE:
        return 0100;
      case GROUP_READ:
        return 040;
      case GROUP_WRITE:
        return 020;
      case GROUP_EXECUTE:
        return 010;
      case OTHERS_READ:
        return 04;
      case OTHERS_WRITE:
        return 02;
      default:
        return 01;
    }
  }

  /**
   * Creates and removes a probe file in a directory.
   *
   * @param dir a writable directory
   * @return the identity
   * @throws RootException when the directory is not writable
   */
  public static HostIdentity probe(Path dir) {
    if (!PosixModes.supported(dir)) {
      throw new RootException(
          "extract",
          dir
              + ": the file system has no POSIX permission bits or owners; a FreeBSD root is"
              + " extracted on FreeBSD (or a POSIX file system)",
          null);
    }
    Path probe = null;
    try {
      probe =
          Files.createTempFile(
              dir,
              ".jail4j-probe",
              null,
              PosixFilePermissions.asFileAttribute(EnumSet.allOf(PosixFilePermission.class)));
      Set<PosixFilePermission> got = Files.getPosixFilePermissions(probe);
      int mode = 0;
      for (PosixFilePermission p : got) {
        mode |= bit(p);
      }
      int uid = (Integer) Files.getAttribute(probe, "unix:uid");
      int gid = (Integer) Files.getAttribute(probe, "unix:gid");
      return new HostIdentity(uid, gid, 0777 & ~mode);
    } catch (IOException | UnsupportedOperationException e) {
      throw new RootException("extract", dir + ": cannot create files here: " + e, e);
    } finally {
      if (probe != null) {
        try {
          Files.deleteIfExists(probe);
        } catch (IOException ignored) {
          // a leftover empty probe file is harmless
        }
      }
    }
  }
}
