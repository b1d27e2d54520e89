package org.jail4j.testkit.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One jail's kernel state ({@code struct prison}), mutated only under the kernel's lock. prison0 is
 * the one instance without a parent.
 */
final class Prison {
  static final String DEFAULT_HOSTUUID = "00000000-0000-0000-0000-000000000000";

  int jid;
  final @Nullable Prison parent;

  /** The last component of the name; the full name is built from the ancestors'. */
  String localName;

  /**
   * The whole name when a jid-keyed rename under the ed31b3f4 rules named the jail below the
   * caller's jail instead of its parent (§3.4 erratum); null while the name follows the tree.
   */
  @Nullable String nameOverride;

  /**
   * Revived by a 13/14 {@code UPDATE|JAIL_DYING} without persist, attach or a name: it keeps its
   * old name without re-claiming it, so a live sibling may hold the same name (§3.2 erratum).
   */
  boolean nameUnclaimed;

  boolean dying;
  boolean persist;
  final Set<Integer> pids = new LinkedHashSet<>();
  final List<Prison> children = new ArrayList<>(2);

  /** {@code pr_childcount}: live and dying descendants at every depth. */
  int childCount;

  /** Plain references taken by the test ({@code FakeJailKernel.hold}). */
  int holds;

  String path = "/";
  int securelevel;
  int childMax;
  int enforceStatfs;
  int devfsRuleset;
  String osrelease = "";
  int osreldate;
  int cpusetId;

  /** {@code PR_HOST}: the jail has its own host name set ({@code host=new}). */
  boolean hostNew = true;

  String hostname = "";
  String domainname = "";
  String hostuuid = DEFAULT_HOSTUUID;
  long hostid;

  /** {@code PR_VNET}: own network stack. */
  boolean vnet;

  final IpState ip4 = new IpState(4);
  final IpState ip6 = new IpState(16);

  /** {@code pr_allow} as bits of {@link ParamTable#ALLOW}. */
  long allow;

  /**
   * The value parameters kept by type ({@link ValueParams}: the modules' {@code sysvmsg}, {@code
   * linux.*}, {@code zfs.*}, {@code mdo.*} / {@code mac.do.*}), by {@link ValueParams.Slot#index}:
   * an {@link Integer} for ints and jailsys values, a {@link String} for strings.
   */
  final Object[] values = ValueParams.zeroValues();

  String meta = "";
  String env = "";

  /** IPv4 or IPv6 restriction of a jail ({@code PR_IP4}, {@code PR_IP4_USER}, the list). */
  static final class IpState {
    final int size;

    /** {@code PR_IP4_USER}: restricted by its own parameters. */
    boolean user;

    /** {@code PR_IP4}: restricted (by itself or inherited from a restricted parent). */
    boolean restricted;

    /** The addresses, primary first, the rest sorted; null when none. */
    byte @Nullable [] addrs;

    boolean saddrsel = true;

    IpState(int size) {
      this.size = size;
    }

    int count() {
      byte[] a = addrs;
      return a == null ? 0 : a.length / size;
    }

    boolean contains(byte[] list, int index) {
      byte[] a = addrs;
      if (a == null) {
        return false;
      }
      for (int i = 0; i < a.length; i += size) {
        if (java.util.Arrays.equals(a, i, i + size, list, index * size, index * size + size)) {
          return true;
        }
      }
      return false;
    }
  }

  Prison(int jid, @Nullable Prison parent, String localName) {
    this.jid = jid;
    this.parent = parent;
    this.localName = localName;
  }

  /** An int or jailsys value kept by type. */
  int intValue(ValueParams.Slot slot) {
    return (Integer) values[slot.index];
  }

  /** Sets a value kept by type (an Integer or a String, as its slot's type). */
  void setValue(String name, Object value) {
    values[ValueParams.slot(name).index] = value;
  }

  boolean alive() {
    return !dying;
  }

  boolean isPrison0() {
    return parent == null;
  }

  /** The full dotted name as prison0 sees it ({@code pr_name}); "0" for prison0. */
  String fullName() {
    String override = nameOverride;
    if (override != null) {
      return override;
    }
    Prison p = parent;
    if (p == null) {
      return "0";
    }
    if (p.isPrison0()) {
      return localName;
    }
    return p.fullName() + "." + localName;
  }

  /** Whether this is a strict descendant of {@code ancestor} ({@code prison_ischild}). */
  boolean isDescendantOf(Prison ancestor) {
    for (Prison p = parent; p != null; p = p.parent) {
      if (p == ancestor) {
        return true;
      }
    }
    return false;
  }

  /** Depth below {@code ancestor} (1 for a child). */
  int depthBelow(Prison ancestor) {
    int d = 0;
    for (Prison p = this; p != null && p != ancestor; p = p.parent) {
      d++;
    }
    return d;
  }

  /** User references: processes, persist, and child jails that still exist. */
  int userRefs() {
    return pids.size() + (persist ? 1 : 0) + children.size();
  }

  /** Visits every descendant, depth first, parents before children. */
  void forEachDescendant(java.util.function.Consumer<Prison> action) {
    for (Prison c : children) {
      action.accept(c);
      c.forEachDescendant(action);
    }
  }
}
