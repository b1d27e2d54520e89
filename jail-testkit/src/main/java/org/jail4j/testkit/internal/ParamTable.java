package org.jail4j.testkit.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jail4j.FreeBsdVersion;
import org.jail4j.param.JailParam;
import org.jail4j.param.ParamType;
import org.jail4j.spi.KernelParam;
import org.jail4j.testkit.RawRequests;

/**
 * The parameters a kernel of one version with one module set publishes under {@code
 * security.jail.param.*} (freebsd-jail-abi.md §4). Every fact about a parameter (name, format,
 * CTLTYPE, access, size, module, the release that has it, VIMAGE) comes from {@link JailParam};
 * this table adds only what belongs to the fake: which modules are loaded, whether VIMAGE is
 * compiled in, the parameters a test adds or hides, and the few choices listed below.
 */
public final class ParamTable {

  /**
   * Every {@code allow.*} flag the fake can model, by bit index in {@code Prison.allow}: the
   * catalogue's boolean {@code allow.*} kernel parameters, in table order.
   */
  static final String[] ALLOW =
      JailParam.catalogue().stream()
          .filter(
              p -> p.isKernel() && p.name().startsWith("allow.") && p.type().equals(ParamType.BOOL))
          .map(JailParam::name)
          .toArray(String[]::new);

  /** The {@code no} form of each flag: {@code no} before the last component. */
  static final String[] ALLOW_NO = new String[ALLOW.length];

  private static final Map<String, Integer> ALLOW_INDEX = new HashMap<>();

  static {
    if (ALLOW.length > Long.SIZE) {
      throw new IllegalStateException("more allow.* flags than bits in Prison.allow");
    }
    for (int i = 0; i < ALLOW.length; i++) {
      ALLOW_NO[i] = JailParam.noNameOf(ALLOW[i]);
      ALLOW_INDEX.put(ALLOW[i], i);
    }
  }

  /** {@code JAIL_DEFAULT_ALLOW}: set_hostname, reserved_ports, unprivileged_proc_debug, suser. */
  static final long DEFAULT_ALLOW =
      bit("allow.set_hostname")
          | bit("allow.reserved_ports")
          | bit("allow.unprivileged_proc_debug")
          | bit("allow.suser");

  /** devfs is part of every kernel, so {@code allow.mount.devfs} always exists (§4.3). */
  private static final String BUILT_IN_MODULE = "devfs";

  /**
   * Parameters the fake leaves out of its default table although the catalogue places them on the
   * version: {@code allow.setaudit}, whose release, default and meaning are unverified (§4.3). A
   * test publishes it with {@code withParam}.
   */
  private static final Set<String> ONLY_WHEN_ADDED = Set.of("allow.setaudit");

  /**
   * Module parameters the fake publishes with their module on every release it models, before the
   * release the catalogue gives (until the name is removed): OpenZFS's {@code zfs} node (14.0,
   * inferred), {@code allow.mount.p9fs} (15.0) and mac_do's first names {@code mdo} / {@code
   * mdo.rules} (14.x, unverified). A test that loads the module gets them on 13 too.
   */
  private static final Set<String> WITH_MODULE_ON_EVERY_RELEASE =
      Set.of("zfs", "zfs.mount_snapshot", "allow.mount.p9fs", "mdo", "mdo.rules");

  static long bit(String name) {
    Integer i = ALLOW_INDEX.get(name);
    if (i == null) {
      throw new IllegalArgumentException(name);
    }
    return 1L << i;
  }

  private final List<KernelParam> all;
  private final Map<String, KernelParam> byName;
  private final long allowMask;
  private final int[] allowBits;

  ParamTable(KernelConfig config) {
    for (String added : config.addedParams()) {
      if (!ALLOW_INDEX.containsKey(added)) {
        throw new IllegalArgumentException(
            "withParam(" + added + "): the fake can add only allow.* flags it models");
      }
    }
    List<KernelParam> list = new ArrayList<>();
    long mask = 0;
    List<Integer> bits = new ArrayList<>();
    for (JailParam<?> p : JailParam.catalogue()) {
      Optional<KernelParam> published = RawRequests.published(p);
      if (published.isEmpty() || !publishes(config, p)) {
        continue;
      }
      list.add(published.get());
      Integer bit = ALLOW_INDEX.get(p.name());
      if (bit != null) {
        mask |= 1L << bit;
        bits.add(bit);
      }
    }
    this.allowMask = mask;
    this.allowBits = bits.stream().mapToInt(Integer::intValue).toArray();
    this.all = Collections.unmodifiableList(list);
    Map<String, KernelParam> map = new HashMap<>();
    for (KernelParam kp : list) {
      map.put(kp.name(), kp);
    }
    this.byName = map;
  }

  /** Whether a kernel with this configuration publishes a catalogued kernel parameter. */
  private static boolean publishes(KernelConfig config, JailParam<?> p) {
    String name = p.name();
    if (config.removedParams().contains(name)) {
      return false;
    }
    if (config.addedParams().contains(name)) {
      return true;
    }
    if (ONLY_WHEN_ADDED.contains(name) || (p.requiresVimage() && !config.vimage())) {
      return false;
    }
    Optional<String> module = p.module();
    if (module.isPresent()
        && !module.get().equals(BUILT_IN_MODULE)
        && !config.modules().contains(module.get())) {
      return false;
    }
    FreeBsdVersion v = config.version();
    if (p.availableOn(v)) {
      return true;
    }
    return module.isPresent()
        && WITH_MODULE_ON_EVERY_RELEASE.contains(name)
        && p.removedIn().map(r -> !r.isReachedBy(v)).orElse(true);
  }

  /**
   * What {@code security.jail.param.NAME} publishes.
   *
   * @param name the parameter name
   * @return the description, or empty
   */
  public Optional<KernelParam> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** Whether the kernel knows the parameter. */
  boolean has(String name) {
    return byName.containsKey(name);
  }

  /**
   * Every published parameter, in sysctl order.
   *
   * @return the list
   */
  public List<KernelParam> all() {
    return all;
  }

  /** The published {@code allow.*} bits. */
  long allowMask() {
    return allowMask;
  }

  /** Indexes into {@link #ALLOW} of the published flags. */
  int[] allowBits() {
    return allowBits;
  }
}
