package org.jail4j.freebsd.internal;

import java.util.Optional;
import org.jail4j.FreeBsdVersion;

/**
 * The jail system calls with their FreeBSD syscall numbers (machine-independent;
 * freebsd-jail-abi.md §1.1) and the release that added them.
 *
 * <p>The provider calls the libc symbols by name and never by number: a kernel that lacks a call
 * answers a raw {@code syscall(2)} with SIGSYS, which kills the JVM (a 15-CURRENT from before jail
 * descriptors has a 15 {@code osreldate} and no such calls). A missing descriptor symbol is {@code
 * ENOSYS}; the numbers are the ABI facts checked by the tests.
 *
 * <pre>{@code
 * Syscall.JAIL_ATTACH_JD.number();  // 597
 * Syscall.JAIL_ATTACH_JD.since();   // V15
 * }</pre>
 */
public enum Syscall {
  /** {@code jail(2)}, the legacy entry point (not used by the provider). */
  JAIL("jail", 338, FreeBsdVersion.V13),
  /** {@code jail_attach(2)}. */
  JAIL_ATTACH("jail_attach", 436, FreeBsdVersion.V13),
  /** {@code jail_get(2)}. */
  JAIL_GET("jail_get", 506, FreeBsdVersion.V13),
  /** {@code jail_set(2)}. */
  JAIL_SET("jail_set", 507, FreeBsdVersion.V13),
  /** {@code jail_remove(2)}. */
  JAIL_REMOVE("jail_remove", 508, FreeBsdVersion.V13),
  /** {@code jail_attach_jd(2)}, 15.0. */
  JAIL_ATTACH_JD("jail_attach_jd", 597, FreeBsdVersion.V15),
  /** {@code jail_remove_jd(2)}, 15.0. */
  JAIL_REMOVE_JD("jail_remove_jd", 598, FreeBsdVersion.V15);

  private final String symbol;
  private final int number;
  private final FreeBsdVersion since;

  Syscall(String symbol, int number, FreeBsdVersion since) {
    this.symbol = symbol;
    this.number = number;
    this.since = since;
  }

  /** The libc symbol and man page name, e.g. {@code jail_set}. */
  public String symbol() {
    return symbol;
  }

  /** The syscall number ({@code SYS_jail_set} and friends). */
  public int number() {
    return number;
  }

  /** The first release family that has it (13 stands for "13 or earlier"). */
  public FreeBsdVersion since() {
    return since;
  }

  /** True when a kernel of this family has the call. */
  public boolean existsOn(FreeBsdVersion version) {
    return version.compareTo(since) >= 0;
  }

  /**
   * The call with this number.
   *
   * @param number a syscall number
   * @return the call, or empty
   */
  public static Optional<Syscall> fromNumber(int number) {
    for (Syscall s : values()) {
      if (s.number == number) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
