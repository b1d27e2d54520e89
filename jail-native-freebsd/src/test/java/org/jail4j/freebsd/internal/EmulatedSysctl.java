package org.jail4j.freebsd.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jail4j.HostCapabilities;
import org.jail4j.spi.KernelParam;

/**
 * A sysctl tree in Java, shaped like FreeBSD's: nodes and leaves with OIDs, kind words and format
 * strings, the internal MIBs {0,1} name, {0,2} next leaf, {0,3} name to OID, {0,4} OID format.
 * Built from a kernel's parameter table and capabilities, so the provider's sysctl reader is
 * exercised on the same shapes a FreeBSD kernel publishes: a parameter with children is a node
 * whose type sits on an empty-named child (freebsd-jail-abi.md §4.1).
 */
final class EmulatedSysctl {
  static final int CTLTYPE_NODE = 1;
  static final int CTLTYPE_INT = 2;

  /** {@code CTLTYPE_U8} in sys/sys/sysctl.h: what {@code SYSCTL_BOOL} declares (docs/ABI.md). */
  static final int CTLTYPE_U8 = 0xa;

  static final int CTLTYPE_STRING = 3;
  static final int CTLFLAG_MPSAFE = 0x00040000;
  static final int CTLFLAG_CAPRD = 0x00008000;

  /** One OID. */
  static final class Oid {
    final String name;
    final int[] oid;
    final int kind;
    final String format;
    final byte[] value;
    final Map<String, Oid> children = new LinkedHashMap<>();
    int nextChild = 0x100;

    Oid(String name, int[] oid, int kind, String format, byte[] value) {
      this.name = name;
      this.oid = oid;
      this.kind = kind;
      this.format = format;
      this.value = value;
    }

    boolean isNode() {
      return (kind & Sysctl.CTLTYPE_MASK) == CTLTYPE_NODE;
    }
  }

  private final Oid root = new Oid("", new int[0], CTLTYPE_NODE, "N", new byte[0]);
  private final Map<String, Oid> byName = new LinkedHashMap<>();

  static EmulatedSysctl of(List<KernelParam> params, HostCapabilities caps) {
    EmulatedSysctl t = new EmulatedSysctl();
    // kind words as sys/kern/kern_mib.c, kern_racct.c and kern_jail.c declare them (docs/ABI.md)
    t.leaf(
        "kern.ostype", CTLTYPE_STRING | Sysctl.CTLFLAG_RD | CTLFLAG_CAPRD, "A", cstring("FreeBSD"));
    t.leaf(
        "kern.osrelease",
        CTLTYPE_STRING | CTLFLAG_CAPRD | Sysctl.CTLFLAG_RD | CTLFLAG_MPSAFE,
        "A",
        cstring(caps.osrelease()));
    t.leaf(
        "kern.osreldate",
        CTLTYPE_INT | CTLFLAG_CAPRD | Sysctl.CTLFLAG_RD | CTLFLAG_MPSAFE,
        "I",
        intBytes(caps.osreldate()));
    // SYSCTL_STRING of the kernel's global version string: the same for every jail
    t.leaf(
        "kern.version",
        CTLTYPE_STRING | Sysctl.CTLFLAG_RD,
        "A",
        cstring("FreeBSD " + caps.osrelease() + " releng/emulated GENERIC\n"));
    if (caps.vimage()) {
      t.leaf("kern.features.vimage", CTLTYPE_INT | Sysctl.CTLFLAG_RD, "I", intBytes(1));
    }
    // SYSCTL_BOOL: CTLTYPE_U8 (0xa), format "CU", exactly one byte; CTLFLAG_RDTUN
    t.leaf(
        "kern.racct.enable",
        CTLTYPE_U8 | CTLFLAG_MPSAFE | Sysctl.CTLFLAG_RD | Sysctl.CTLFLAG_TUN,
        "CU",
        new byte[] {(byte) (caps.racct() ? 1 : 0)});
    t.leaf(
        "security.jail.jailed", CTLTYPE_INT | Sysctl.CTLFLAG_RD | CTLFLAG_MPSAFE, "I", intBytes(0));
    for (KernelParam p : params) {
      boolean hasChildren = params.stream().anyMatch(q -> q.name().startsWith(p.name() + "."));
      String name = "security.jail.param." + p.name() + (hasChildren ? "." : "");
      t.leaf(name, p.ctlType() | accessFlags(p.access()), p.format(), metadata(p));
    }
    // a leaf after the parameter subtree: the provider's walk must stop at the subtree's end
    t.leaf("security.jail.vnet", CTLTYPE_INT | Sysctl.CTLFLAG_RD, "I", intBytes(0));
    t.leaf(
        "vm.overcommit", CTLTYPE_INT | (Sysctl.CTLFLAG_RD | Sysctl.CTLFLAG_WR), "I", intBytes(0));
    return t;
  }

  static int accessFlags(KernelParam.Access access) {
    return switch (access) {
      case RW -> Sysctl.CTLFLAG_RD | Sysctl.CTLFLAG_WR;
      case RDTUN -> Sysctl.CTLFLAG_RD | Sysctl.CTLFLAG_TUN;
      case RD -> Sysctl.CTLFLAG_RD;
    };
  }

  /** What reading a jail parameter's sysctl gives (§4.1). */
  static byte[] metadata(KernelParam p) {
    return switch (p.ctlType()) {
      case KernelParam.CTLTYPE_STRING -> cstring(Integer.toString(p.size()));
      case KernelParam.CTLTYPE_STRUCT ->
          ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(p.size()).array();
      case KernelParam.CTLTYPE_ULONG -> new byte[8];
      default -> new byte[4];
    };
  }

  static byte[] cstring(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return Arrays.copyOf(b, b.length + 1);
  }

  static byte[] intBytes(int v) {
    return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(v).array();
  }

  /** Adds a leaf, creating the nodes on its path; a trailing dot adds an empty-named child. */
  void leaf(String name, int kind, String format, byte[] value) {
    String[] parts = name.split("\\.", -1);
    Oid at = root;
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        path.append('.');
      }
      path.append(parts[i]);
      boolean last = i == parts.length - 1;
      Oid child = at.children.get(parts[i]);
      if (child == null) {
        int[] oid = Arrays.copyOf(at.oid, at.oid.length + 1);
        oid[oid.length - 1] = at.nextChild++;
        child =
            last
                ? new Oid(path.toString(), oid, kind, format, value)
                : new Oid(
                    path.toString(),
                    oid,
                    CTLTYPE_NODE | (Sysctl.CTLFLAG_RD | Sysctl.CTLFLAG_WR),
                    "N",
                    new byte[0]);
        at.children.put(parts[i], child);
        byName.put(path.toString(), child);
      } else if (!child.isNode()) {
        throw new IllegalStateException(path + " is a leaf, cannot hold " + name);
      }
      at = child;
    }
  }

  /** Replaces a leaf's value, keeping its OID, kind and format (what a jail sees differently). */
  void replace(String name, byte[] value) {
    Oid old = byName.get(name);
    if (old == null || old.isNode()) {
      throw new IllegalStateException("no leaf " + name);
    }
    Oid now = new Oid(name, old.oid, old.kind, old.format, value);
    int dot = name.lastIndexOf('.');
    Oid parent = dot < 0 ? root : byName.get(name.substring(0, dot));
    if (parent == null) {
      throw new IllegalStateException("no parent for " + name);
    }
    parent.children.put(name.substring(dot + 1), now);
    byName.put(name, now);
  }

  /**
   * The kernel's {@code name2oid}: one component per dot, stopping at the end of the name or at an
   * empty rest, so a final dot is ignored and {@code security.jail.param.host.} is the node {@code
   * host}, never its empty-named child (sys/kern/kern_sysctl.c).
   */
  Optional<Oid> name2oid(String name) {
    Oid at = root;
    String rest = name;
    while (true) {
      int dot = rest.indexOf('.');
      String part = dot < 0 ? rest : rest.substring(0, dot);
      Oid child = at.children.get(part);
      if (child == null) {
        return Optional.empty();
      }
      if (dot < 0 || dot == rest.length() - 1) {
        return Optional.of(child);
      }
      if (!child.isNode()) {
        return Optional.empty();
      }
      at = child;
      rest = rest.substring(dot + 1);
    }
  }

  Optional<Oid> byName(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  Optional<Oid> byOid(int[] oid) {
    return byName.values().stream().filter(o -> Arrays.equals(o.oid, oid)).findFirst();
  }

  /** Every leaf in walk order (ascending OIDs). */
  List<Oid> leaves() {
    List<Oid> out = new ArrayList<>();
    collect(root, out);
    return out;
  }

  private static void collect(Oid at, List<Oid> out) {
    for (Oid c : at.children.values()) {
      if (c.isNode()) {
        collect(c, out);
      } else {
        out.add(c);
      }
    }
  }

  /** The first leaf after an OID ({0,2}). */
  Optional<Oid> next(int[] oid) {
    for (Oid leaf : leaves()) {
      if (Arrays.compare(leaf.oid, oid) > 0 && !startsWith(oid, leaf.oid)) {
        return Optional.of(leaf);
      }
    }
    return Optional.empty();
  }

  private static boolean startsWith(int[] longer, int[] prefix) {
    return longer.length >= prefix.length
        && Arrays.equals(longer, 0, prefix.length, prefix, 0, prefix.length);
  }
}
