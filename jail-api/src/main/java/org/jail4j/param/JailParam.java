package org.jail4j.param;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A typed jail parameter key: its name as the kernel and jail(8) spell it, its {@link ParamType},
 * whether the kernel or jail(8) consumes it, whether it can be changed after creation, and the
 * FreeBSD version that added it. Every parameter of {@code reference/jail-params.tsv} has a
 * constant here.
 *
 * <pre>{@code
 * Jail.builder().name("web").param(JailParam.SECURELEVEL, 3).param(JailParam.ALLOW_RAW_SOCKETS, true);
 * JailParam<String> zfs = JailParam.named("allow.mount.zfs"); // a parameter known only at run time
 * }</pre>
 *
 * @param <T> the Java type of its values
 */
public final class JailParam<T> {

  /** Who consumes a parameter. */
  public enum Scope {
    /** Sent to the kernel through {@code jail_set(2)}. */
    KERNEL,
    /** Used by jail(8) itself (exec hooks, mounts, interfaces); never sent to the kernel. */
    PSEUDO
  }

  /** When a parameter can be set. */
  public enum Access {
    /** At any time ({@code CTLFLAG_RW}). */
    WRITABLE,
    /** Only at creation ({@code CTLFLAG_RDTUN}); changing it means a restart. */
    CREATE_ONLY,
    /** Never: the kernel reports it ({@code CTLFLAG_RD}). */
    READ_ONLY
  }

  private static final Map<String, JailParam<?>> CATALOGUE = new LinkedHashMap<>();

  private final String name;
  private final ParamType<T> type;
  private final Scope scope;
  private final Access access;
  private final String addedIn;
  private final @Nullable String module;
  private final boolean known;

  private JailParam(
      String name,
      ParamType<T> type,
      Scope scope,
      Access access,
      String addedIn,
      @Nullable String module,
      boolean known) {
    this.name = name;
    this.type = type;
    this.scope = scope;
    this.access = access;
    this.addedIn = addedIn;
    this.module = module;
    this.known = known;
  }

  private static <T> JailParam<T> kernel(
      String name, ParamType<T> type, Access access, String addedIn, @Nullable String module) {
    JailParam<T> p = new JailParam<>(name, type, Scope.KERNEL, access, addedIn, module, true);
    CATALOGUE.put(name, p);
    return p;
  }

  private static <T> JailParam<T> pseudo(String name, ParamType<T> type, String addedIn) {
    JailParam<T> p =
        new JailParam<>(name, type, Scope.PSEUDO, Access.WRITABLE, addedIn, null, true);
    CATALOGUE.put(name, p);
    return p;
  }

  // ---- kernel parameters ------------------------------------------------------------------

  /** {@code jid}: the jail ID; 0 means "allocate one". Create-only. */
  public static final JailParam<Integer> JID =
      kernel("jid", ParamType.INT, Access.CREATE_ONLY, "8.0", null);

  /** {@code name}: dotted, relative to the caller; defaults to the JID. */
  public static final JailParam<String> NAME =
      kernel("name", ParamType.string(256), Access.WRITABLE, "8.0", null);

  /** {@code path}: the jail's root directory. Create-only. */
  public static final JailParam<String> PATH =
      kernel("path", ParamType.string(1024), Access.CREATE_ONLY, "8.0", null);

  /** {@code securelevel}: at least the parent's; raising propagates to descendants. */
  public static final JailParam<Integer> SECURELEVEL =
      kernel("securelevel", ParamType.INT, Access.WRITABLE, "8.0", null);

  /** {@code persist}: the jail may exist without processes. */
  public static final JailParam<Boolean> PERSIST =
      kernel("persist", ParamType.BOOL, Access.WRITABLE, "8.0", null);

  /** {@code host.hostname}. */
  public static final JailParam<String> HOST_HOSTNAME =
      kernel("host.hostname", ParamType.string(256), Access.WRITABLE, "8.0", null);

  /** {@code ip4.addr}: the first is the primary address; at most 255. */
  public static final JailParam<List<Inet4Address>> IP4_ADDR =
      kernel("ip4.addr", ParamType.IP4_LIST, Access.WRITABLE, "8.0", null);

  /** {@code ip6.addr}: the first is the primary address; at most 255. */
  public static final JailParam<List<Inet6Address>> IP6_ADDR =
      kernel("ip6.addr", ParamType.IP6_LIST, Access.WRITABLE, "8.0", null);

  /** {@code vnet}: own network stack ({@code new}) or the parent's ({@code inherit}). */
  public static final JailParam<JailSys> VNET =
      kernel("vnet", ParamType.JAILSYS, Access.CREATE_ONLY, "8.0", null);

  /** {@code children.max}: how many descendants this jail may have; below the parent's. */
  public static final JailParam<Integer> CHILDREN_MAX =
      kernel("children.max", ParamType.INT, Access.WRITABLE, "8.0", null);

  /** {@code enforce_statfs}: 0..2, mount-point visibility. */
  public static final JailParam<Integer> ENFORCE_STATFS =
      kernel("enforce_statfs", ParamType.INT, Access.WRITABLE, "8.0", null);

  /** {@code devfs_ruleset}: 0..65535. */
  public static final JailParam<Integer> DEVFS_RULESET =
      kernel("devfs_ruleset", ParamType.INT, Access.WRITABLE, "8.0", null);

  // ---- accessors --------------------------------------------------------------------------

  /** The name as the kernel and jail(8) spell it, e.g. {@code allow.raw_sockets}. */
  public String name() {
    return name;
  }

  /** The value type. */
  public ParamType<T> type() {
    return type;
  }

  /** Whether the kernel or jail(8) consumes it. */
  public Scope scope() {
    return scope;
  }

  /** When it can be set. */
  public Access access() {
    return access;
  }

  /** The FreeBSD version that added it, as the parameter table gives it (e.g. {@code 8.0}). */
  public String addedIn() {
    return addedIn;
  }

  /** The kernel module that provides it, when it exists only while that module is loaded. */
  public Optional<String> module() {
    return Optional.ofNullable(module);
  }

  /** True for a kernel parameter. */
  public boolean isKernel() {
    return scope == Scope.KERNEL;
  }

  /** True for a constant of this class; false for one made by {@link #named(String)}. */
  public boolean isCatalogued() {
    return known;
  }

  /**
   * The catalogued parameter with this name, or a parameter known only at run time whose values are
   * text in libjail's import format ({@code jailparam_import(3)}: {@code true}/{@code false},
   * jailsys words, comma-separated lists), converted with the type the running kernel publishes.
   *
   * @param name the parameter name, e.g. {@code allow.mount.zfs}
   * @return the parameter
   * @throws IllegalArgumentException when the name is empty or contains a NUL byte
   */
  public static JailParam<String> named(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty() || name.indexOf('\0') >= 0 || name.length() > 255) {
      throw new IllegalArgumentException(
          "parameter name must be 1-255 characters without NUL bytes: " + name);
    }
    return new JailParam<>(name, ParamType.TEXT, Scope.KERNEL, Access.WRITABLE, "", null, false);
  }

  /**
   * The catalogued parameter with this name.
   *
   * @param name the parameter name
   * @return the constant, or empty
   */
  public static Optional<JailParam<?>> lookup(String name) {
    return Optional.ofNullable(CATALOGUE.get(name));
  }

  /** Every catalogued parameter, kernel and jail(8), in the order of the parameter table. */
  public static Collection<JailParam<?>> catalogue() {
    return Collections.unmodifiableCollection(CATALOGUE.values());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JailParam<?> p && p.name.equals(name) && p.type.equals(type);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}
