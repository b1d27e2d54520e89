package org.jail4j.testkit.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jail4j.Errno;
import org.jail4j.param.JailParam;
import org.jail4j.param.ParamType;
import org.jail4j.spi.JailFlags;
import org.jspecify.annotations.Nullable;

/**
 * The value parameters the fake keeps by type rather than in a field of its own: every catalogued
 * kernel int, jailsys or string parameter that {@code kern_jail.c} does not keep in {@code struct
 * prison} with rules of its own. In FreeBSD these are the modules' parameters ({@code sysvmsg},
 * {@code linux.*}, {@code zfs.*}, {@code mdo.*} / {@code mac.do.*}), stored per jail through OSD
 * and read, checked and written by each module's {@code PR_METHOD_*} hooks (freebsd-jail-abi.md
 * §4.3). The fake reads, stores and answers all of them alike, by their catalogued type; the few
 * rules a module adds on top are the {@link ModuleRule}s below, one per module. A parameter added
 * to the catalogue needs no fake code unless its module has a rule the kernel really applies.
 *
 * <p>Without a rule a new jail starts with the type's zero value (0, or the empty string), prison0
 * with {@code new} for a jailsys node and zero otherwise, and a jailsys value may be 0, 1 or 2.
 */
final class ValueParams {
  private ValueParams() {}

  /**
   * The parameters {@code kern_jail.c} keeps in {@code struct prison} and checks itself: the fake
   * models each in {@link Prison}'s own fields, {@link SetRequest} and {@link JailGet}.
   */
  private static final Set<String> STRUCT_PRISON =
      Set.of(
          "jid",
          "desc",
          "parent",
          "name",
          "path",
          "securelevel",
          "osreldate",
          "osrelease",
          "enforce_statfs",
          "devfs_ruleset",
          "vnet",
          "children.cur",
          "children.max",
          "host",
          "host.hostname",
          "host.domainname",
          "host.hostuuid",
          "host.hostid",
          "cpuset.id",
          "ip4",
          "ip6",
          "lastjid",
          "errmsg");

  /** How a module's {@code PR_METHOD_CHECK} / {@code PR_METHOD_SET} treat its jailsys node. */
  enum NodeValues {
    /** 0 ({@code disable}), 1 ({@code new}) or 2 ({@code inherit}). */
    ANY,
    /** {@code new} or {@code inherit} only ({@code linux}, {@code zfs}). */
    NEW_OR_INHERIT
  }

  /**
   * What one module adds to the generic handling (the fact sheet's §4.3 and the table of choices in
   * docs/FAKE-KERNEL.md).
   *
   * @param values the node values the module accepts
   * @param createDefault the node value of a new jail
   * @param childrenFromParent whether a new jail copies the parent's other values of the module
   * @param inheritCopiesChildren whether setting the node to {@code inherit} copies the parent's
   * @param childImpliesNew whether setting another value of the module sets the node to {@code new}
   * @param sysv the SysV IPC rules: {@code allow.sysvipc} / {@code allow.nosysvipc} stand for
   *     {@code inherit} / {@code disable}, and a jail under a parent without a slot may only be
   *     {@code disable} ({@code EPERM})
   */
  record ModuleRule(
      NodeValues values,
      int createDefault,
      boolean childrenFromParent,
      boolean inheritCopiesChildren,
      boolean childImpliesNew,
      boolean sysv) {}

  private static final ModuleRule SYSV =
      new ModuleRule(NodeValues.ANY, JailFlags.JAIL_SYS_DISABLE, false, false, false, true);

  /** The module rules, by module name. */
  private static final Map<String, ModuleRule> RULES =
      Map.of(
          // linux_prison_create: a new jail has its own copy of the parent's ABI identity, and
          // setting any linux.* value gives it one
          "linux",
          new ModuleRule(
              NodeValues.NEW_OR_INHERIT, JailFlags.JAIL_SYS_NEW, true, true, true, false),
          // OpenZFS zfs_jail: default inherit, zfs.mount_snapshot 0
          "zfs",
          new ModuleRule(
              NodeValues.NEW_OR_INHERIT, JailFlags.JAIL_SYS_INHERIT, false, false, false, false),
          // mac_do: default inherit, the rules text of the parent copied
          "mac_do",
          new ModuleRule(NodeValues.ANY, JailFlags.JAIL_SYS_INHERIT, true, false, false, false),
          "sysvmsg",
          SYSV,
          "sysvsem",
          SYSV,
          "sysvshm",
          SYSV);

  /** One parameter kept by type: its index in {@link Prison#values}, its node and its rule. */
  static final class Slot {
    final int index;
    final JailParam<?> param;
    final String name;
    final ParamType.Kind kind;

    /** The jailsys parameter of the same module whose name prefixes this one's; null for none. */
    final @Nullable Slot node;

    /** The module's rule, or null. */
    final @Nullable ModuleRule rule;

    Slot(int index, JailParam<?> param, @Nullable Slot node, @Nullable ModuleRule rule) {
      this.index = index;
      this.param = param;
      this.name = param.name();
      this.kind = param.type().kind();
      this.node = node;
      this.rule = rule;
    }

    boolean isNode() {
      return kind == ParamType.Kind.JAILSYS;
    }

    /** The largest string with its NUL, or 0. */
    int size() {
      return param.type().size();
    }

    /** The value a new jail starts with when the module has no rule (§3.3). */
    Object zero() {
      return kind == ParamType.Kind.STRING ? "" : (Object) 0;
    }
  }

  /** Every kept parameter, in catalogue order (the order the modules' hooks run in). */
  static final List<Slot> SLOTS;

  private static final Map<String, Slot> BY_NAME = new HashMap<>();

  static {
    List<Slot> list = new ArrayList<>();
    for (JailParam<?> p : JailParam.catalogue()) {
      ParamType.Kind kind = p.type().kind();
      boolean byType =
          kind == ParamType.Kind.INT
              || kind == ParamType.Kind.JAILSYS
              || kind == ParamType.Kind.STRING;
      if (!p.isKernel() || !byType || STRUCT_PRISON.contains(p.name())) {
        continue;
      }
      Optional<String> module = p.module();
      Slot node = null;
      for (Slot s : list) {
        if (s.isNode() && s.param.module().equals(module) && p.name().startsWith(s.name + ".")) {
          node = s;
        }
      }
      ModuleRule rule = module.map(RULES::get).orElse(null);
      Slot slot = new Slot(list.size(), p, node, rule);
      list.add(slot);
      BY_NAME.put(slot.name, slot);
    }
    SLOTS = Collections.unmodifiableList(list);
    for (String name : STRUCT_PRISON) {
      if (JailParam.lookup(name).isEmpty()) {
        throw new IllegalStateException(name + " is not in the catalogue");
      }
    }
  }

  /** The slot of a kept parameter. */
  static Slot slot(String name) {
    Slot s = BY_NAME.get(name);
    if (s == null) {
      throw new IllegalArgumentException(name + " is not a value parameter kept by type");
    }
    return s;
  }

  /** The values of a new prison before any rule: every slot at its zero value. */
  static Object[] zeroValues() {
    Object[] v = new Object[SLOTS.size()];
    for (Slot s : SLOTS) {
      v[s.index] = s.zero();
    }
    return v;
  }

  /**
   * The values of a new jail under {@code ppr} (§3.3): each node at its module's default, each
   * other value the parent's where the module copies them, else zero. {@code sysvipc} is the legacy
   * {@code allow.sysvipc} without {@code allow.nosysvipc} in the request.
   */
  static void createDefaults(Prison pr, Prison ppr, boolean sysvipc) {
    for (Slot s : SLOTS) {
      ModuleRule rule = s.rule;
      Object value = s.zero();
      if (rule != null) {
        if (s.isNode()) {
          value =
              rule.sysv() && sysvipc ? (Object) JailFlags.JAIL_SYS_INHERIT : rule.createDefault();
        } else if (rule.childrenFromParent()) {
          value = ppr.values[s.index];
        }
      }
      pr.values[s.index] = value;
    }
  }

  /** prison0's values: {@code new} for every jailsys node, zero for the rest. */
  static void prison0Defaults(Prison p0) {
    for (Slot s : SLOTS) {
      p0.values[s.index] = s.isNode() ? (Object) JailFlags.JAIL_SYS_NEW : s.zero();
    }
  }

  /**
   * Reads every published kept parameter of a {@code jail_set} (the modules' {@code
   * PR_METHOD_CHECK}, run before the unknown-parameter test, §3.4): by type, with the module's
   * rule. Returns the new values by slot index (null where the request does not change one).
   */
  static @Nullable Object[] read(Kernel k, Options opts, Prison ppr) throws Fail {
    @Nullable Object[] out = new Object[SLOTS.size()];
    for (Slot s : SLOTS) {
      if (!k.params.has(s.name)) {
        continue;
      }
      ModuleRule rule = s.rule;
      if (s.isNode()) {
        Integer v = opts.copyInt(s.name);
        if (rule != null && rule.sysv()) {
          v = sysv(opts, v, s, ppr);
        } else if (v != null) {
          boolean ok =
              (rule != null && rule.values() == NodeValues.NEW_OR_INHERIT)
                  ? (v == JailFlags.JAIL_SYS_NEW || v == JailFlags.JAIL_SYS_INHERIT)
                  : (v >= 0 && v <= 2);
          if (!ok) {
            throw Fail.of(Errno.EINVAL);
          }
        }
        out[s.index] = v;
      } else if (s.kind == ParamType.Kind.STRING) {
        out[s.index] = opts.string(s.name, s.size());
      } else {
        out[s.index] = opts.copyInt(s.name);
      }
    }
    return out;
  }

  /** A SysV node: its own value, or the legacy {@code allow.sysvipc} meaning (§4.3). */
  private static @Nullable Integer sysv(Options opts, @Nullable Integer given, Slot s, Prison ppr)
      throws Fail {
    int jsys;
    if (given != null) {
      jsys = given;
      if (jsys < 0 || jsys > 2) {
        throw Fail.of(Errno.EINVAL);
      }
    } else if (opts.find("allow.nosysvipc") != null) {
      jsys = JailFlags.JAIL_SYS_DISABLE;
    } else if (opts.find("allow.sysvipc") != null) {
      jsys = JailFlags.JAIL_SYS_INHERIT;
    } else {
      return null;
    }
    if (jsys != JailFlags.JAIL_SYS_DISABLE
        && !ppr.isPrison0()
        && ppr.intValue(s) == JailFlags.JAIL_SYS_DISABLE) {
      throw Fail.of(Errno.EPERM);
    }
    return jsys;
  }

  /** Writes the values a request read into the jail (the modules' {@code PR_METHOD_SET}). */
  static void commit(Prison pr, @Nullable Object[] changes) {
    Prison parent = pr.parent;
    for (Slot s : SLOTS) {
      Object v = changes[s.index];
      if (v == null) {
        continue;
      }
      pr.values[s.index] = v;
      ModuleRule rule = s.rule;
      if (rule == null) {
        continue;
      }
      if (s.isNode()
          && rule.inheritCopiesChildren()
          && (Integer) v == JailFlags.JAIL_SYS_INHERIT
          && parent != null) {
        for (Slot c : SLOTS) {
          if (c.node == s) {
            pr.values[c.index] = parent.values[c.index];
          }
        }
      }
    }
    for (Slot s : SLOTS) {
      Slot node = s.node;
      ModuleRule rule = s.rule;
      if (changes[s.index] != null && node != null && rule != null && rule.childImpliesNew()) {
        pr.values[node.index] = JailFlags.JAIL_SYS_NEW;
      }
    }
  }

  /** Answers every published kept parameter of a {@code jail_get} (the {@code PR_METHOD_GET}s). */
  static void fill(Kernel k, Options opts, Prison pr) throws Fail {
    for (Slot s : SLOTS) {
      if (!k.params.has(s.name)) {
        continue;
      }
      Object v = pr.values[s.index];
      if (s.kind == ParamType.Kind.STRING) {
        opts.setString(s.name, (String) v);
      } else {
        opts.setInt(s.name, (Integer) v);
      }
    }
  }
}
