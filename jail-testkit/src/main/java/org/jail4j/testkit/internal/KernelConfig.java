package org.jail4j.testkit.internal;

import java.util.List;
import java.util.Set;
import org.jail4j.FreeBsdVersion;
import org.jail4j.testkit.PathCheck;

/**
 * The settings a fake kernel was built with.
 *
 * @param version the FreeBSD behaviour
 * @param modules the loaded modules
 * @param vimage whether VIMAGE is compiled in
 * @param racct whether RACCT/RCTL is enabled
 * @param paths how paths are looked up
 * @param addedParams parameters published on top of the version's table
 * @param removedParams parameters hidden from the version's table
 * @param resurrectDyingJails whether JAIL_DYING revives dying jails (13/14 rules)
 * @param persistCheckOnCreateUpdate whether CREATE|UPDATE needs persist or attach
 * @param callerJailForJidUpdates whether jid- and desc-keyed updates compare names, limits and
 *     flags with the caller's jail instead of the target's parent (ed31b3f4, 15.0 rules)
 * @param renumberFromLastDeadId whether 15.0 renumbers each dying jail below the last renumbered
 *     one (instead of from 999999 each time)
 * @param securelevel prison0's securelevel
 * @param hostname prison0's host name
 * @param lastJid where JID allocation continues from (the last allocated JID)
 * @param osrelease prison0's {@code osrelease}, or empty for the version's sample release
 * @param osreldate prison0's {@code osreldate}, or 0 for the version's sample date
 */
public record KernelConfig(
    FreeBsdVersion version,
    Set<String> modules,
    boolean vimage,
    boolean racct,
    PathCheck paths,
    Set<String> addedParams,
    Set<String> removedParams,
    boolean resurrectDyingJails,
    boolean persistCheckOnCreateUpdate,
    boolean callerJailForJidUpdates,
    boolean renumberFromLastDeadId,
    int securelevel,
    String hostname,
    int lastJid,
    String osrelease,
    int osreldate) {

  /** Module names the fake knows. */
  public static final List<String> KNOWN_MODULES =
      List.of(
          "linux",
          "sysvmsg",
          "sysvsem",
          "sysvshm",
          "zfs",
          "vmm",
          "mac_do",
          "fdescfs",
          "nullfs",
          "procfs",
          "linprocfs",
          "linsysfs",
          "tmpfs",
          "fusefs",
          "p9fs");
}
