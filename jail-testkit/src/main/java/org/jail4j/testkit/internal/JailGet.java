package org.jail4j.testkit.internal;

import static org.jail4j.spi.JailFlags.AT_DESC;
import static org.jail4j.spi.JailFlags.DYING;
import static org.jail4j.spi.JailFlags.GET_DESC;
import static org.jail4j.spi.JailFlags.OWN_DESC;
import static org.jail4j.spi.JailFlags.USE_DESC;

import org.jail4j.Errno;
import org.jail4j.spi.IoVec;
import org.jail4j.spi.JailFlags;
import org.jail4j.spi.SyscallException;

/**
 * {@code sys_jail_get} / {@code kern_jail_get}: finding the jail by {@code lastjid}, {@code jid},
 * {@code name} or descriptor and filling every parameter relative to the caller (§3.6).
 */
final class JailGet {
  private final Kernel k;

  JailGet(Kernel k) {
    this.k = k;
  }

  private static final int DESC_FLAGS = Kernel.DESC_FLAGS;

  int get(CallerView c, IoVec[] iov, int flags) throws SyscallException {
    synchronized (k.lock) {
      k.fault("jail_get");
      Options[] holder = new Options[1];
      try {
        return doGet(c, iov, flags, holder);
      } catch (Fail f) {
        Options opts = holder[0];
        String msg = f.errmsg();
        if (opts != null && msg != null) {
          opts.writeErrmsg(msg);
        }
        throw new SyscallException("jail_get", f.errno());
      }
    }
  }

  int doGet(CallerView c, IoVec[] iov, int flags, Options[] holder) throws Fail {
    Options.checkArray(iov);
    if ((flags & ~k.getMask) != 0) {
      throw Fail.of(Errno.EINVAL);
    }
    if ((flags & (USE_DESC | AT_DESC)) == (USE_DESC | AT_DESC)) {
      throw Fail.of(Errno.EINVAL);
    }
    Options opts = Options.build(iov);
    holder[0] = opts;
    Prison mypr = c.prison;
    Prison pr = null;
    Options.Opt descOpt = null;
    boolean dyingToo = (flags & DYING) != 0;
    if (k.descriptors && (flags & OWN_DESC) != 0 && !c.privileged) {
      // an owning descriptor needs PRIV_JAIL_REMOVE (§3.1 erratum)
      throw Fail.of(Errno.EPERM);
    }
    if (k.descriptors && (flags & DESC_FLAGS) != 0) {
      descOpt = opts.get("desc");
      if (descOpt == null) {
        if ((flags & DESC_FLAGS) != USE_DESC) {
          throw Fail.of(Errno.ENOENT, "missing desc");
        }
        // JAIL_USE_DESC without desc is a normal lookup ("missing desc" is for AT/GET/OWN only,
        // §3.1 erratum)
      } else if (descOpt.len != 4 || descOpt.value == null) {
        throw Fail.of(Errno.EINVAL);
      } else if ((flags & (USE_DESC | AT_DESC)) != 0) {
        Kernel.Desc d = k.lookupDescriptor(Options.readInt(descOpt.value));
        if (d.detached || k.byJid.get(d.prison.jid) != d.prison || (d.prison.dying && !dyingToo)) {
          // also with JAIL_DYING: a descriptor does not keep a dying jail (§3.5 erratum)
          throw Fail.of(Errno.ENOENT, "descriptor to dead jail");
        }
        if ((flags & USE_DESC) != 0) {
          pr = d.prison;
        } else {
          mypr = d.prison;
        }
      }
    } else if (k.descriptors && opts.get("desc") != null) {
      // "unexpected desc": 0, no errmsg and no values (§3.1 erratum)
      return 0;
    }
    if (pr == null) {
      pr = findForGet(opts, mypr, dyingToo);
    }
    fill(opts, mypr, pr);
    Options.Opt unknown = opts.firstUnseen();
    if (unknown != null) {
      throw Fail.of(Errno.EINVAL, "unknown parameter: " + unknown.name);
    }
    if (descOpt != null && (flags & (GET_DESC | OWN_DESC)) != 0) {
      int fd = k.openDescriptor(pr, (flags & OWN_DESC) != 0);
      descOpt.out = Options.intBytes(fd);
    }
    opts.copyOut();
    return pr.jid;
  }

  Prison findForGet(Options opts, Prison mypr, boolean dyingToo) throws Fail {
    Integer last = opts.copyInt("lastjid");
    if (last != null) {
      for (Prison p : k.byJid.tailMap(last, false).values()) {
        if ((dyingToo || !p.dying) && p.isDescendantOf(mypr)) {
          return p;
        }
      }
      throw Fail.of(Errno.ENOENT, "no jail after " + last);
    }
    Integer jid = opts.copyInt("jid");
    if (jid != null && jid != 0) {
      Prison p = k.byJid.get(jid);
      if (p != null && p.isDescendantOf(mypr)) {
        if (p.dying && !dyingToo) {
          throw Fail.of(Errno.ENOENT, "jail " + jid + " is dying");
        }
        return p;
      }
      throw Fail.of(Errno.ENOENT, "jail " + jid + " not found");
    }
    Options.Opt nameOpt = opts.get("name");
    if (nameOpt != null) {
      byte[] v = nameOpt.value;
      if (nameOpt.len == 0 || v == null || v[nameOpt.len - 1] != 0) {
        throw Fail.of(Errno.EINVAL);
      }
      String name = Options.cString(v, 0, nameOpt.len);
      Prison p = k.findName(mypr, name);
      if (p != null) {
        if (p.dying && !dyingToo) {
          throw Fail.of(Errno.ENOENT, "jail \"" + name + "\" is dying");
        }
        return p;
      }
      throw Fail.of(Errno.ENOENT, "jail \"" + name + "\" not found");
    }
    throw Fail.of(Errno.ENOENT, "no jail specified");
  }

  /** The values of {@code kern_jail_get}, in its order, relative to the caller (§3.6). */
  void fill(Options opts, Prison mypr, Prison pr) throws Fail {
    Prison parent = pr.parent;
    opts.setInt("jid", pr.jid);
    opts.setInt("parent", parent == null || parent == mypr ? 0 : parent.jid);
    if (opts.find("name") != null) {
      opts.setString("name", Kernel.relativeName(mypr, pr));
    }
    opts.setInt("cpuset.id", pr.cpusetId);
    if (opts.find("path") != null) {
      opts.setString("path", Kernel.relativePath(mypr, pr));
    }
    opts.setPart("ip4.addr", addrs(pr.ip4));
    opts.setPart("ip6.addr", addrs(pr.ip6));
    opts.setInt("securelevel", pr.securelevel);
    opts.setInt("children.cur", pr.childCount);
    opts.setInt("children.max", pr.childMax);
    opts.setString("host.hostname", pr.hostname);
    opts.setString("host.domainname", pr.domainname);
    opts.setString("host.hostuuid", pr.hostuuid);
    opts.setFixed("host.hostid", Options.longBytes(pr.hostid));
    opts.setInt("enforce_statfs", pr.enforceStatfs);
    opts.setInt("devfs_ruleset", pr.devfsRuleset);
    bool(opts, "persist", "nopersist", pr.persist);
    bool(opts, "ip4.saddrsel", "ip4.nosaddrsel", pr.ip4.saddrsel);
    bool(opts, "ip6.saddrsel", "ip6.nosaddrsel", pr.ip6.saddrsel);
    opts.setInt("host", pr.hostNew ? JailFlags.JAIL_SYS_NEW : JailFlags.JAIL_SYS_INHERIT);
    if (k.config.vimage()) {
      opts.setInt("vnet", pr.vnet ? JailFlags.JAIL_SYS_NEW : JailFlags.JAIL_SYS_INHERIT);
    }
    // new and disable share one bit: a restricted jail reads back disable (§3.6)
    opts.setInt("ip4", pr.ip4.user ? JailFlags.JAIL_SYS_DISABLE : JailFlags.JAIL_SYS_INHERIT);
    opts.setInt("ip6", pr.ip6.user ? JailFlags.JAIL_SYS_DISABLE : JailFlags.JAIL_SYS_INHERIT);
    for (int i : k.params.allowBits()) {
      bool(opts, ParamTable.ALLOW[i], ParamTable.ALLOW_NO[i], (pr.allow & (1L << i)) != 0);
    }
    bool(opts, "dying", "nodying", pr.dying);
    opts.setInt("osreldate", pr.osreldate);
    opts.setString("osrelease", pr.osrelease);

    // module parameters (PR_METHOD_GET)
    ValueParams.fill(k, opts, pr);
    if (k.params.has("meta")) {
      getKeyValues(opts, "meta", pr.meta);
      getKeyValues(opts, "env", pr.env);
    }
  }

  static byte[] addrs(Prison.IpState ip) {
    byte[] a = ip.addrs;
    return a == null ? new byte[0] : a;
  }

  static void bool(Options opts, String name, String noName, boolean value) throws Fail {
    opts.setInt(name, value ? 1 : 0);
    opts.setInt(noName, value ? 0 : 1);
  }

  /**
   * {@code meta} as text; {@code meta.KEY} as its value, an unknown key as empty (length 0). A size
   * probe is EINVAL, {@code meta.KEY}'s buffer must be longer than the rest of the stored text from
   * the value on, and an empty key is EINVAL without errmsg ({@code jm_osd_method_get}, §2.8
   * erratum).
   */
  static void getKeyValues(Options opts, String node, String text) throws Fail {
    Options.Opt whole = opts.get(node);
    if (whole != null && whole.value == null) {
      throw Fail.of(Errno.EINVAL);
    }
    opts.setString(node, text);
    String prefix = node + ".";
    for (Options.Opt o : opts.all()) {
      if (!o.name.startsWith(prefix)) {
        continue;
      }
      if (o.name.length() == prefix.length()) {
        throw Fail.of(Errno.EINVAL);
      }
      String key = o.name.substring(prefix.length());
      String value = PrisonUpdate.keyValue(text, key);
      o.seen = true;
      if (value == null) {
        o.len = 0;
        o.out = null;
      } else {
        int at = ("\n" + text).indexOf("\n" + key + "=") + key.length() + 1;
        if (o.value == null || SetChecks.utf8Length(text.substring(at)) >= o.len) {
          throw Fail.of(Errno.EINVAL);
        }
        opts.setString(o.name, value);
      }
    }
  }
}
