package org.jail4j.testkit.internal;

import static org.jail4j.spi.JailFlags.ATTACH;
import static org.jail4j.spi.JailFlags.AT_DESC;
import static org.jail4j.spi.JailFlags.CREATE;
import static org.jail4j.spi.JailFlags.DYING;
import static org.jail4j.spi.JailFlags.GET_DESC;
import static org.jail4j.spi.JailFlags.OWN_DESC;
import static org.jail4j.spi.JailFlags.UPDATE;
import static org.jail4j.spi.JailFlags.USE_DESC;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jail4j.Errno;
import org.jail4j.param.JailParam;
import org.jail4j.spi.IoVec;
import org.jail4j.spi.SyscallException;

/**
 * {@code sys_jail_set} / {@code kern_jail_set}: the check order, the descriptor handling, finding
 * or creating the target jail and the final commit (freebsd-jail-abi.md §3.1-§3.5).
 */
final class JailSet {
  private final Kernel k;

  JailSet(Kernel k) {
    this.k = k;
  }

  private static final int DESC_FLAGS = Kernel.DESC_FLAGS;

  int set(CallerView c, IoVec[] iov, int flags) throws SyscallException {
    synchronized (k.lock) {
      k.fault("jail_set");
      Options[] holder = new Options[1];
      try {
        return doSet(c, iov, flags, holder);
      } catch (Fail f) {
        Options opts = holder[0];
        String msg = f.errmsg();
        if (opts != null && msg != null) {
          opts.writeErrmsg(msg);
        }
        throw new SyscallException("jail_set", f.errno());
      }
    }
  }

  void checkSetPrivilege(CallerView c) throws Fail {
    // PRIV_JAIL_SET and PRIV_JAIL_ATTACH: root has them, jailed root is granted them (§3.1 step 6)
    if (!c.privileged) {
      throw Fail.of(Errno.EPERM);
    }
  }

  int doSet(CallerView c, IoVec[] iov, int flags, Options[] holder) throws Fail {
    Options.checkArray(iov);
    Prison mypr = c.prison;
    if (k.privilegeFirst) {
      // 13.x/14.x: privilege, then children.max == 0, then the flag mask (§9 check order)
      checkSetPrivilege(c);
      if ((flags & CREATE) != 0 && mypr.childMax == 0) {
        throw Fail.of(Errno.EPERM);
      }
      if ((flags & ~k.setMask) != 0) {
        throw Fail.of(Errno.EINVAL);
      }
    } else {
      // 15.0: children.max, flags and parsing first, privilege later (§3.1 steps 1-6)
      if ((flags & CREATE) != 0 && (flags & AT_DESC) == 0 && mypr.childMax == 0) {
        throw Fail.of(Errno.EPERM);
      }
      if ((flags & ~k.setMask) != 0) {
        throw Fail.of(Errno.EINVAL);
      }
      if ((flags & (USE_DESC | AT_DESC)) == (USE_DESC | AT_DESC)) {
        throw Fail.of(Errno.EINVAL);
      }
    }
    Options opts = Options.build(iov);
    holder[0] = opts;
    SetRequest r = new SetRequest();
    r.flags = flags;
    r.cuflags = flags & (CREATE | UPDATE);
    if (r.cuflags == 0) {
      throw Fail.of(Errno.EINVAL, "no valid operation (create or update)");
    }
    if (k.descriptors) {
      if (readDescriptor(opts, flags, r)) {
        // the snapshot read returns 0, does nothing and writes no errmsg when desc comes without a
        // DESC flag (§3.1 erratum)
        checkSetPrivilege(c);
        return 0;
      }
      Prison atDesc = r.desc;
      if (atDesc != null && (flags & CREATE) != 0 && atDesc.childMax == 0) {
        // CREATE|AT_DESC under a jail that may have no children: EPERM, no errmsg (§3.6 erratum)
        throw Fail.of(Errno.EPERM);
      }
      checkSetPrivilege(c);
    }
    SetRequest.readParams(k, opts, r);
    return apply(c, opts, r);
  }

  /**
   * 15.0 descriptor handling (§3.1 step 5); true for the "unexpected desc" no-op. Only {@code
   * JAIL_AT_DESC} is resolved here; {@code JAIL_USE_DESC} after the parameter checks ({@link
   * #useDescriptor}, §3.1 erratum).
   */
  boolean readDescriptor(Options opts, int flags, SetRequest r) throws Fail {
    Options.Opt descOpt = opts.get("desc");
    if ((flags & DESC_FLAGS) == 0) {
      return descOpt != null;
    }
    if (descOpt == null) {
      throw Fail.of(Errno.ENOENT, "missing desc");
    }
    if (descOpt.len != 4 || descOpt.value == null) {
      throw Fail.of(Errno.EINVAL);
    }
    r.descOpt = descOpt;
    if ((flags & AT_DESC) != 0) {
      r.desc = liveJailOf(descOpt);
    }
    return false;
  }

  /** The live jail of a {@code desc} value, or the descriptor errors (§3.1, §3.5 errata). */
  Prison liveJailOf(Options.Opt descOpt) throws Fail {
    byte[] v = descOpt.value;
    Kernel.Desc d = k.lookupDescriptor(v == null ? -1 : Options.readInt(v));
    if (d.detached || d.prison.dying || k.byJid.get(d.prison.jid) != d.prison) {
      throw Fail.of(Errno.ENOENT, "descriptor to dead jail");
    }
    return d.prison;
  }

  /**
   * {@code JAIL_USE_DESC}, resolved after the parameter checks and the EAGAIN check: the
   * descriptor's jail becomes the {@code jid} key; another {@code jid} is "cannot change jid" (§3.1
   * erratum).
   */
  int useDescriptor(Options.Opt descOpt, int jid) throws Fail {
    Prison pr = liveJailOf(descOpt);
    if (jid != 0 && jid != pr.jid) {
      throw Fail.of(Errno.EINVAL, "cannot change jid");
    }
    return pr.jid;
  }

  int apply(CallerView c, Options opts, SetRequest r) throws Fail {
    int flags = r.flags;
    int cuflags = r.cuflags;
    Prison mypr = r.desc != null && (flags & AT_DESC) != 0 ? r.desc : c.prison;

    String gpath = null;
    if (r.path != null) {
      gpath = globalPath(c.prison, r.path);
      Optional<Errno> bad = k.config.paths().check(gpath);
      if (bad.isPresent()) {
        throw Fail.of(bad.get());
      }
    }

    // §3.2 finding the target jail
    Prison pr = null;
    Prison ppr = mypr;
    String name = r.name;
    int jid = r.jid;
    if (cuflags == CREATE && jid == 0 && name != null) {
      int dot = name.lastIndexOf('.');
      jid = SetChecks.numericJid(dot < 0 ? name : name.substring(dot + 1));
    }
    if (mypr.dying || (!mypr.isPrison0() && k.byJid.get(mypr.jid) != mypr)) {
      throw Fail.of(Errno.EAGAIN);
    }
    Options.Opt useDesc = (flags & USE_DESC) != 0 ? r.descOpt : null;
    if (useDesc != null) {
      jid = useDescriptor(useDesc, jid);
    }
    if (jid != 0) {
      if (jid < 0) {
        throw Fail.of(Errno.EINVAL, "negative jid");
      }
      Prison found = k.byJid.get(jid);
      if (found != null && found.dying && !k.resurrect) {
        // 15.0: dying jails never match; a create renumbers the holder (§9)
        found = null;
      }
      if (found != null) {
        if (cuflags == CREATE) {
          throw Fail.of(Errno.EEXIST, "jail " + jid + " already exists");
        }
        if (!found.isDescendantOf(mypr)) {
          throw Fail.of(Errno.ENOENT, "jail " + jid + " not found");
        }
        Prison parent = found.parent;
        Prison realParent = parent == null ? mypr : parent;
        // 13/14 compare with the real parent; the ed31b3f4 code (15) keeps the caller's jail
        // for names, limits and flags (§3.4 erratum)
        ppr = k.callerJailForJidUpdates ? mypr : realParent;
        if (!k.callerJailForJidUpdates && realParent.dying) {
          throw Fail.of(Errno.ENOENT, "jail " + realParent.jid + " is dying");
        }
        if (found.dying) {
          if ((flags & DYING) == 0) {
            throw Fail.of(Errno.ENOENT, "jail " + jid + " is dying");
          }
          if (((flags & ATTACH) != 0 || r.persistOn) && name == null) {
            // a revived jail re-claims its name, so a live sibling holding it is found (§9)
            name = found.localName;
          }
        }
        pr = found;
      } else if (cuflags == UPDATE) {
        throw Fail.of(Errno.ENOENT, "jail " + jid + " not found");
      }
    }

    String namelc = null;
    if (name != null) {
      int dot = name.lastIndexOf('.');
      if (dot < 0) {
        namelc = name;
      } else {
        String prefix = name.substring(0, dot);
        if (pr != null) {
          // compared with the parent's full name, so a relative prefix from inside a jail
          // never matches (§3.2/§3.4 erratum)
          if (!prefix.equals(ppr.fullName())) {
            throw Fail.of(Errno.EINVAL, "cannot change jail's parent");
          }
        } else {
          Prison p = k.findName(mypr, prefix);
          if (p == null) {
            throw Fail.of(Errno.ENOENT, "jail \"" + prefix + "\" not found");
          }
          if (p.dying) {
            throw Fail.of(Errno.ENOENT, "jail \"" + prefix + "\" is dying");
          }
          ppr = p;
        }
        namelc = name.substring(dot + 1);
      }
      if (!namelc.isEmpty()) {
        Prison deadpr = null;
        for (Prison t : ppr.children) {
          if (t == pr || !t.localName.equals(namelc)) {
            continue;
          }
          if (!t.dying) {
            if (pr == null && cuflags != CREATE) {
              pr = t;
              break;
            }
            throw Fail.of(Errno.EEXIST, "jail \"" + name + "\" already exists");
          }
          if (pr == null && cuflags != CREATE) {
            deadpr = t;
          }
        }
        if (k.resurrect && deadpr != null && pr == null) {
          if ((flags & DYING) != 0) {
            pr = deadpr;
          } else if (cuflags == UPDATE) {
            throw Fail.of(Errno.ENOENT, "jail \"" + name + "\" is dying");
          }
        } else if (cuflags == UPDATE && pr == null) {
          throw Fail.of(Errno.ENOENT, "jail \"" + name + "\" not found");
        }
      }
    } else if (cuflags == UPDATE && pr == null) {
      throw Fail.of(Errno.ENOENT, "update specified no jail");
    }

    // §3.3 creation
    boolean created = pr == null;
    Prison renumber = null;
    if (pr == null) {
      for (Prison t = mypr; t != null; t = t.parent) {
        if (t.childCount >= t.childMax) {
          throw Fail.of(Errno.EPERM, "prison limit exceeded");
        }
      }
      if (jid == 0) {
        jid = k.nextPrid();
        if (jid == 0) {
          throw Fail.of(Errno.EAGAIN, "no available jail IDs");
        }
      } else {
        Prison holder = k.byJid.get(jid);
        if (holder != null) {
          renumber = holder; // only a dying jail under the 15.0 rules reaches here
        }
      }
      pr = newPrison(jid, ppr, mypr, r, opts);
      if (namelc == null) {
        namelc = ""; // takes the JID as its name below
      }
    } else {
      if (pr.vnet && (r.ip4Mentioned || r.ip6Mentioned)) {
        throw Fail.of(Errno.EINVAL, "vnet jails cannot have IP address restrictions");
      }
      if (r.ip4 != null && !pr.ip4.user) {
        throw Fail.of(Errno.EINVAL, "ip4 cannot be changed after creation");
      }
      if (r.ip6 != null && !pr.ip6.user) {
        throw Fail.of(Errno.EINVAL, "ip6 cannot be changed after creation");
      }
    }

    // §3.4 validation against the parent
    if (r.slevel != null && r.slevel < ppr.securelevel) {
      throw Fail.of(Errno.EPERM);
    }
    if (r.childmax != null && r.childmax >= ppr.childMax) {
      throw Fail.of(Errno.EPERM);
    }
    if (r.enforce != null && r.enforce < ppr.enforceStatfs) {
      throw Fail.of(Errno.EPERM);
    }
    Integer rsnum = r.rsnum;
    if (rsnum != null) {
      if (rsnum < 0 || rsnum > 65535) {
        throw Fail.of(Errno.EINVAL);
      }
      if (!c.prison.isPrison0()) {
        // nested jails always inherit the parent's devfs ruleset
        if (rsnum > 0 && rsnum != ppr.devfsRuleset) {
          throw Fail.of(Errno.EPERM);
        }
        rsnum = ppr.devfsRuleset;
      }
    }
    byte[] ip4 = r.ip4;
    if (ip4 != null && ip4.length > 0) {
      SetChecks.checkSubset(ip4, ppr.ip4);
      k.checks.checkClash(ip4, 4, pr, ppr, true);
    }
    byte[] ip6 = r.ip6;
    if (ip6 != null && ip6.length > 0) {
      SetChecks.checkSubset(ip6, ppr.ip6);
      k.checks.checkClash(ip6, 16, pr, ppr, false);
    }
    if (namelc != null) {
      if (namelc.isEmpty()) {
        namelc = Integer.toString(jid);
      } else if (SetChecks.isNumeric(namelc)
          && (SetChecks.numericJid(namelc) != jid
              || namelc.charAt(0) < '1'
              || namelc.charAt(0) > '9')) {
        throw Fail.of(Errno.EINVAL, "name cannot be numeric (unless it is the jid)");
      }
      int pnamelen = ppr.isPrison0() ? 0 : SetChecks.utf8Length(ppr.fullName()) + 1;
      int onamelen = created ? 0 : SetChecks.utf8Length(pr.localName);
      int namelen = SetChecks.utf8Length(namelc);
      if (pnamelen + namelen + 1 > JailParam.MAXHOSTNAMELEN) {
        throw Fail.of(Errno.ENAMETOOLONG);
      }
      if (!created) {
        int growth = namelen - onamelen;
        List<Prison> sub = new ArrayList<>();
        pr.forEachDescendant(sub::add);
        for (Prison t : sub) {
          if (SetChecks.utf8Length(t.fullName()) + growth >= JailParam.MAXHOSTNAMELEN) {
            throw Fail.of(Errno.ENAMETOOLONG);
          }
        }
      }
    }
    long diff = r.prAllow & ~ppr.allow;
    if ((diff & ~k.allowDifferences) != 0) {
      throw Fail.of(Errno.EPERM);
    }
    k.checks.checkModules(opts, r, ppr);

    Options.Opt unknown = opts.firstUnseen();
    if (unknown != null) {
      throw Fail.of(Errno.EINVAL, "unknown parameter: " + unknown.name);
    }

    // nothing has changed so far: PrisonUpdate.commit
    if (created) {
      if (renumber != null) {
        k.renumberDying(renumber);
      }
      pr.cpusetId = k.nextCpuset++;
      k.byJid.put(pr.jid, pr);
      ppr.children.add(pr);
      for (Prison a = ppr; a != null; a = a.parent) {
        a.childCount++;
      }
    }
    PrisonUpdate.commit(pr, r, namelc, gpath, rsnum, created);
    if (namelc != null && !created) {
      // a rename under the caller's jail rather than the parent takes the caller's prefix only
      // (§3.4 erratum)
      pr.nameOverride =
          ppr == pr.parent ? null : ppr.isPrison0() ? namelc : ppr.fullName() + "." + namelc;
    }

    // any successful update of a dying jail revives it (13/14; persist or attach only decide
    // whether it re-claims its name, §3.2/§9 erratum); a jail left without user references dies
    // right here (§3.5)
    boolean attach = (flags & ATTACH) != 0;
    boolean revived = pr.dying;
    if (namelc != null) {
      pr.nameUnclaimed = false;
    } else if (revived) {
      pr.nameUnclaimed = true;
    }
    if (revived) {
      pr.dying = false;
      if (!attach && pr.userRefs() == 0) {
        k.revivedWithoutRefs.add(pr);
      }
    }
    if (attach) {
      k.addProcess(pr);
    }
    int result = pr.jid;
    Options.Opt descOpt = r.descOpt;
    if (descOpt != null && (flags & (GET_DESC | OWN_DESC)) != 0) {
      int fd = k.openDescriptor(pr, (flags & OWN_DESC) != 0);
      opts.writeIntNow(descOpt, fd);
    }
    if (pr.userRefs() > 0) {
      k.revivedWithoutRefs.remove(pr);
    } else if (!pr.dying && !k.revivedWithoutRefs.contains(pr)) {
      k.dropUserRef(pr);
    }
    return result;
  }

  Prison newPrison(int jid, Prison ppr, Prison mypr, SetRequest r, Options opts) {
    Prison pr = new Prison(jid, ppr, "");
    pr.path = mypr.path;
    pr.hostNew = true;
    if (!r.vnetNew) {
      if (!r.ip4Mentioned) {
        pr.ip4.user = true;
        pr.ip4.restricted = true;
      } else if (!r.ip4User) {
        pr.ip4.restricted = ppr.ip4.restricted;
        pr.ip4.addrs = ppr.ip4.addrs == null ? null : ppr.ip4.addrs.clone();
      }
      if (!r.ip6Mentioned) {
        pr.ip6.user = true;
        pr.ip6.restricted = true;
      } else if (!r.ip6User) {
        pr.ip6.restricted = ppr.ip6.restricted;
        pr.ip6.addrs = ppr.ip6.addrs == null ? null : ppr.ip6.addrs.clone();
      }
    }
    pr.securelevel = ppr.securelevel;
    pr.allow = ParamTable.DEFAULT_ALLOW & ppr.allow;
    pr.enforceStatfs = 2;
    pr.devfsRuleset = ppr.devfsRuleset;
    pr.osreldate = r.osreldate != null ? r.osreldate : ppr.osreldate;
    pr.osrelease = r.osrelease != null ? r.osrelease : ppr.osrelease;
    pr.vnet = r.vnetNew;
    // a new jail has no SysV slot (reads back disable) unless legacy allow.sysvipc asks to inherit
    boolean sysvipc = opts.find("allow.nosysvipc") == null && opts.find("allow.sysvipc") != null;
    ValueParams.createDefaults(pr, ppr, sysvipc);
    return pr;
  }

  static String globalPath(Prison caller, String path) {
    // a relative path resolves against the caller's working directory, which the fake keeps at
    // the caller's root (§3.1)
    String joined = caller.path.equals("/") ? "/" + path : caller.path + "/" + path;
    List<String> parts = new ArrayList<>();
    for (String part : joined.split("/", -1)) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!parts.isEmpty()) {
          parts.remove(parts.size() - 1);
        }
        continue;
      }
      parts.add(part);
    }
    String base = "/" + String.join("/", parts);
    if (!caller.path.equals("/") && !(base + "/").startsWith(caller.path + "/")) {
      // ".." cannot leave the caller's root
      return caller.path;
    }
    return base;
  }
}
