package org.jail4j.spi;

import java.util.Objects;

/**
 * What the kernel publishes about one jail parameter under {@code security.jail.param.NAME}: its
 * format string, sysctl type, access, and size (freebsd-jail-abi.md §4.1).
 *
 * <pre>{@code
 * KernelParam p = kernel.param("host.hostname").orElseThrow();
 * p.format();  // "A"
 * p.size();    // 256, the buffer size including the NUL
 * }</pre>
 *
 * @param name the parameter name without the {@code security.jail.param.} prefix, and without the
 *     trailing dot of a node's empty-named child (so {@code host}, not {@code host.})
 * @param format the sysctl format string: {@code I}, {@code LU}, {@code B}, {@code E,jailsys},
 *     {@code A}, {@code A,keyvalue}, {@code S,in_addr,a} or {@code S,in6_addr,a}
 * @param ctlType the CTLTYPE code: INT 2, STRING 3, S64 4, STRUCT/OPAQUE 5, UINT 6, LONG 7, ULONG
 *     8, U64 9
 * @param access whether the parameter can be set, only at creation, or never
 * @param size for strings the buffer size including the NUL (what reading the sysctl returns); for
 *     address arrays the element size (4 or 16); 0 otherwise
 */
public record KernelParam(String name, String format, int ctlType, Access access, int size) {

  /** CTLTYPE_INT. */
  public static final int CTLTYPE_INT = 2;

  /** CTLTYPE_STRING. */
  public static final int CTLTYPE_STRING = 3;

  /** CTLTYPE_STRUCT (also OPAQUE). */
  public static final int CTLTYPE_STRUCT = 5;

  /** CTLTYPE_ULONG. */
  public static final int CTLTYPE_ULONG = 8;

  /** The access flags a parameter's sysctl carries. */
  public enum Access {
    /** {@code CTLFLAG_RW}: settable at any time. */
    RW,
    /**
     * {@code CTLFLAG_RDTUN}: settable only at creation (jail(8) restarts the jail to change it).
     */
    RDTUN,
    /** {@code CTLFLAG_RD}: read-only; unknown to {@code jail_set}. */
    RD
  }

  /** Validates the record. */
  public KernelParam {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(access, "access");
  }

  /** True for a presence-only boolean ({@code B}). */
  public boolean isBoolean() {
    return format.equals("B");
  }

  /** True for a jailsys int ({@code E,jailsys}). */
  public boolean isJailSys() {
    return format.equals("E,jailsys");
  }
}
