package org.jail4j.freebsd.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jail4j.spi.KernelParam;
import org.jail4j.spi.SyscallException;

/**
 * The jail parameters the running kernel publishes under {@code security.jail.param.*}, read the
 * way libjail's {@code jailparam_type} and {@code jailparam_all} read them (freebsd-jail-abi.md
 * §4.1, §5): the kind word gives the CTLTYPE and access, the format string the wire type; a node's
 * own type sits on its empty-named child (the name with a trailing dot); reading a string parameter
 * gives its maximum length in decimal, reading an address array its element size.
 *
 * <p>Found parameters are cached for the life of this table (one per host); unknown names are asked
 * again each time, because loading a module adds parameters.
 *
 * <pre>{@code
 * KernelParamTable table = new KernelParamTable(sysctl);
 * table.lookup("host.hostname"); // KernelParam[host.hostname, A, 3, RW, 256]
 * }</pre>
 */
public final class KernelParamTable {
  /** The sysctl prefix of every jail parameter. */
  public static final String PREFIX = "security.jail.param.";

  private final Sysctl sysctl;
  private final ConcurrentMap<String, KernelParam> cache = new ConcurrentHashMap<>();

  /**
   * A table read through this sysctl.
   *
   * @param sysctl the sysctl access
   */
  public KernelParamTable(Sysctl sysctl) {
    this.sysctl = sysctl;
  }

  /**
   * What the kernel publishes for one parameter.
   *
   * @param name the parameter name, e.g. {@code host} or {@code allow.mount.zfs}
   * @return the description, or empty when the kernel (with its modules) does not know it
   * @throws SyscallException when sysctl fails for another reason than "no such name"
   */
  public Optional<KernelParam> lookup(String name) throws SyscallException {
    KernelParam cached = cache.get(name);
    if (cached != null) {
      return Optional.of(cached);
    }
    if (!wellFormed(name)) {
      return Optional.empty();
    }
    Optional<int[]> oid = sysctl.oid(PREFIX + name);
    if (oid.isEmpty()) {
      return Optional.empty();
    }
    Optional<Sysctl.Format> format = sysctl.format(oid.get());
    if (format.isEmpty()) {
      return Optional.empty();
    }
    if (format.get().isNode()) {
      // a node such as host, ip4 or allow.mount: its type is on the empty-named child (§4.1).
      // name2oid ignores a final dot and answers the node again, so the child is found among the
      // node's own entries by its name, as libjail's jailparam_type does.
      oid = emptyNamedChild(name, oid.get());
      if (oid.isEmpty()) {
        return Optional.empty();
      }
      format = sysctl.format(oid.get());
      if (format.isEmpty() || format.get().isNode()) {
        return Optional.empty();
      }
    }
    KernelParam found = describe(name, format.get(), oid.get());
    cache.put(name, found);
    return Optional.of(found);
  }

  /**
   * The empty-named child of a parameter node: the entry under the node whose full name is the
   * node's with a trailing dot, walked with {@code {0,2}} (next OID) and named with {@code {0,1}}.
   */
  private Optional<int[]> emptyNamedChild(String name, int[] node) throws SyscallException {
    String wanted = PREFIX + name + ".";
    Optional<int[]> at = Optional.of(node);
    while (true) {
      at = sysctl.next(at.get());
      if (at.isEmpty()) {
        return Optional.empty();
      }
      Optional<String> full = sysctl.name(at.get());
      if (full.isEmpty() || !full.get().startsWith(wanted)) {
        return Optional.empty();
      }
      if (full.get().equals(wanted)) {
        return at;
      }
    }
  }

  /**
   * Every parameter, in the kernel's walk order ({@code jailparam_all}).
   *
   * @return the parameters
   * @throws SyscallException when sysctl fails
   */
  public List<KernelParam> all() throws SyscallException {
    List<KernelParam> out = new ArrayList<>();
    String root = PREFIX.substring(0, PREFIX.length() - 1);
    Optional<int[]> at = sysctl.oid(root);
    if (at.isEmpty()) {
      return out;
    }
    while (true) {
      at = sysctl.next(at.get());
      if (at.isEmpty()) {
        break;
      }
      Optional<String> full = sysctl.name(at.get());
      if (full.isEmpty() || !full.get().startsWith(PREFIX)) {
        break;
      }
      Optional<Sysctl.Format> format = sysctl.format(at.get());
      if (format.isEmpty() || format.get().isNode()) {
        continue;
      }
      String name = full.get().substring(PREFIX.length());
      if (name.endsWith(".")) {
        name = name.substring(0, name.length() - 1);
      }
      if (name.isEmpty()) {
        continue;
      }
      KernelParam p = describe(name, format.get(), at.get());
      cache.putIfAbsent(name, p);
      out.add(p);
    }
    return out;
  }

  private KernelParam describe(String name, Sysctl.Format format, int[] oid)
      throws SyscallException {
    int ctlType = format.ctlType();
    int size = 0;
    if (ctlType == KernelParam.CTLTYPE_STRING) {
      // reading a string parameter gives its buffer size as decimal text ("256")
      size = sysctl.read(oid).map(b -> parseSize(Sysctl.cString(b))).orElse(0);
    } else if (ctlType == KernelParam.CTLTYPE_STRUCT) {
      // reading an address-array parameter gives its element size as a size_t
      size = sysctl.read(oid).map(KernelParamTable::sizeT).orElse(0);
      if (size == 0) {
        size = format.format().startsWith("S,in6_addr") ? 16 : 4;
      }
    }
    return new KernelParam(name, format.format(), ctlType, access(format.kind()), size);
  }

  /**
   * The access a kind word gives: writable is RW, tunable-only RDTUN, otherwise RD.
   *
   * @param kind the kind word
   * @return the access
   */
  public static KernelParam.Access access(int kind) {
    if ((kind & Sysctl.CTLFLAG_WR) != 0) {
      return KernelParam.Access.RW;
    }
    if ((kind & Sysctl.CTLFLAG_TUN) != 0) {
      return KernelParam.Access.RDTUN;
    }
    return KernelParam.Access.RD;
  }

  private static boolean wellFormed(String name) {
    if (name.isEmpty() || name.startsWith(".") || name.endsWith(".") || name.contains("..")) {
      return false;
    }
    return name.indexOf('\0') < 0;
  }

  private static int parseSize(String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static int sizeT(byte[] b) {
    ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
    if (b.length >= 8) {
      return (int) buf.getLong();
    }
    return b.length >= 4 ? buf.getInt() : 0;
  }
}
