package org.jail4j.freebsd;

import java.util.ArrayList;
import java.util.List;
import org.jail4j.JailNotFoundException;
import org.jail4j.param.JailParam;
import org.jail4j.param.JailRequest;
import org.jail4j.param.JailValues;
import org.jail4j.spi.HostSystem;
import org.jail4j.spi.IpAlias;
import org.jail4j.spi.JailKernel;
import org.jail4j.spi.MountRequest;
import org.jail4j.spi.SyscallException;
import org.jail4j.spi.support.IpLiterals;
import org.jail4j.testkit.contract.ContractContext;

/**
 * Removes what a FreeBSD check made, in this run or an earlier one that was interrupted: every jail
 * whose name starts with {@link #FAMILY} (the check's per-run prefixes) or with the contract's
 * {@link ContractContext#PREFIX}, every mount whose target path holds {@link #FAMILY}, and the
 * check's address {@link #ADDRESS} on {@code lo0}. Nothing else is touched. Each step is tried even
 * when an earlier one failed; what could not be removed is listed.
 *
 * <pre>{@code
 * CheckCleanup.Result r = CheckCleanup.run(kernel, host);
 * }</pre>
 */
public final class CheckCleanup {
  /** The start of every per-run prefix: {@code j4jchk}, then hex digits and {@code _}. */
  public static final String FAMILY = "j4jchk";

  /** The address the lifecycle test puts on {@code lo0}. */
  public static final String ADDRESS = "127.0.53.1";

  /** The alias the lifecycle test adds. */
  public static final IpAlias ALIAS = new IpAlias("lo0", IpLiterals.parse(ADDRESS), 32);

  private CheckCleanup() {}

  /**
   * What a cleanup did.
   *
   * @param removed what was removed ({@code jail NAME (JID)}, {@code mount TARGET}, {@code alias
   *     ...})
   * @param left what could not be removed, with the reason
   */
  public record Result(List<String> removed, List<String> left) {}

  /**
   * A fresh prefix for one run: {@link #FAMILY}, the process id and the time in hex, {@code _}.
   *
   * @return e.g. {@code j4jchk1f3a18c2d4e5_}
   */
  public static String newPrefix() {
    return FAMILY
        + Long.toHexString(ProcessHandle.current().pid())
        + Long.toHexString(System.nanoTime() & 0xffffffL)
        + "_";
  }

  /**
   * Whether a jail name is one the check owns.
   *
   * @param name the jail's name
   * @return true for the check's and the contract's prefixes
   */
  public static boolean owned(String name) {
    return name.startsWith(FAMILY) || name.startsWith(ContractContext.PREFIX);
  }

  /**
   * Removes the check's jails, mounts and alias.
   *
   * @param kernel the kernel
   * @param host the host
   * @return what was removed and what was left
   */
  public static synchronized Result run(JailKernel kernel, HostSystem host) {
    List<String> removed = new ArrayList<>();
    List<String> left = new ArrayList<>();
    try {
      for (JailValues j : jails(kernel)) {
        String name = j.get(JailParam.NAME).orElse("");
        if (!owned(name)) {
          continue;
        }
        try {
          kernel.remove(j.jid());
          removed.add("jail " + name + " (" + j.jid() + ")");
        } catch (SyscallException e) {
          left.add("jail " + name + " (" + j.jid() + "): " + e.getMessage());
        }
      }
    } catch (RuntimeException e) {
      left.add("jails: cannot list them: " + e.getMessage());
    }
    try {
      List<MountRequest> mounts = new ArrayList<>(host.mounts());
      // the deepest first, so a mount inside another is undone before it
      mounts.sort((a, b) -> b.target().length() - a.target().length());
      for (MountRequest m : mounts) {
        if (!m.target().contains(FAMILY)) {
          continue;
        }
        try {
          host.unmount(m.target(), true);
          removed.add("mount " + m.target());
        } catch (RuntimeException e) {
          left.add("mount " + m.target() + ": " + e.getMessage());
        }
      }
    } catch (RuntimeException e) {
      left.add("mounts: cannot list them: " + e.getMessage());
    }
    try {
      if (host.aliases().contains(ALIAS)) {
        host.removeAlias(ALIAS);
        removed.add("alias " + ADDRESS + "/32 on lo0");
      }
    } catch (RuntimeException e) {
      left.add("alias " + ADDRESS + " on lo0: " + e.getMessage());
    }
    return new Result(List.copyOf(removed), List.copyOf(left));
  }

  /** Every jail the caller sees, by a jls-style {@code lastjid} walk. */
  private static List<JailValues> jails(JailKernel kernel) {
    List<JailValues> out = new ArrayList<>();
    int last = 0;
    for (int guard = 0; guard < 100_000; guard++) {
      JailValues v;
      try {
        v = JailRequest.create().put(JailParam.LASTJID, last).want(JailParam.NAME).get(kernel, 0);
      } catch (JailNotFoundException e) {
        // ENOENT: no jail after the last one
        break;
      }
      out.add(v);
      last = v.jid();
    }
    return out;
  }
}
