package org.jail4j.testkit.internal;

import static org.jail4j.spi.JailFlags.ATTACH;
import static org.jail4j.spi.JailFlags.AT_DESC;
import static org.jail4j.spi.JailFlags.CREATE;
import static org.jail4j.spi.JailFlags.DYING;
import static org.jail4j.spi.JailFlags.GET_DESC;
import static org.jail4j.spi.JailFlags.JAIL_MAX;
import static org.jail4j.spi.JailFlags.OWN_DESC;
import static org.jail4j.spi.JailFlags.UPDATE;
import static org.jail4j.spi.JailFlags.USE_DESC;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jail4j.Errno;
import org.jail4j.FreeBsdVersion;
import org.jail4j.HostCapabilities;
import org.jail4j.spi.IoVec;
import org.jail4j.spi.JailFlags;
import org.jail4j.spi.JailKernel;
import org.jail4j.spi.KernelParam;
import org.jail4j.spi.RctlCall;
import org.jail4j.spi.SyscallException;
import org.jail4j.testkit.FakeJail;
import org.jspecify.annotations.Nullable;

/**
 * The fake kernel's state and system calls. Every entry point takes the one lock; the rules follow
 * freebsd-jail-abi.md §2 (transport), §3 (semantics) and §9 (version deltas), in the order the
 * kernel checks them ({@code kern_jail_set}, {@code kern_jail_get}).
 */
public final class Kernel {
  private static final int DESC_FLAGS = USE_DESC | AT_DESC | GET_DESC | OWN_DESC;
  private static final int SIGKILL = 9;

  /** {@code security.jail.meta_maxbufsize} (15.0). */
  private static final int META_MAXBUFSIZE = 4096;

  private static final Set<String> FAULTABLE =
      Set.of(
          "jail_set",
          "jail_get",
          "jail_remove",
          "jail_attach",
          "jail_attach_jd",
          "jail_remove_jd",
          "rctl");

  private final KernelConfig config;
  private final ParamTable params;
  private final Object lock = new Object();
  private final Prison prison0;
  private final TreeMap<Integer, Prison> byJid = new TreeMap<>();
  private final Map<Integer, Proc> procs = new HashMap<>();
  private final TreeMap<Integer, Desc> descs = new TreeMap<>();
  private final Map<String, ArrayDeque<Errno>> faults = new HashMap<>();
  private final Rctl rctl = new Rctl();
  private final HostCapabilities capabilities;
  private final View hostRoot;
  private final View unprivileged;

  // version behaviour (§9)
  private final boolean privilegeFirst;
  private final int setMask;
  private final int getMask;
  private final boolean resurrect;
  private final boolean descriptors;
  private final long allowDifferences;
  private final int persistCheckMask;

  private int lastprid;
  private int nextCpuset = 2;
  private static final int FIRST_PID = 100;
  private int nextPid = FIRST_PID;

  private static final class Proc {
    final int pid;
    Prison prison;
    boolean ignoresSignals;

    Proc(int pid, Prison prison) {
      this.pid = pid;
      this.prison = prison;
    }
  }

  private static final class Desc {
    final Prison prison;
    final boolean owning;

    Desc(Prison prison, boolean owning) {
      this.prison = prison;
      this.owning = owning;
    }
  }

  /**
   * A kernel with only prison0.
   *
   * @param config the settings
   */
  public Kernel(KernelConfig config) {
    this.config = config;
    this.params = new ParamTable(config);
    FreeBsdVersion v = config.version();
    this.privilegeFirst = v != FreeBsdVersion.V15;
    this.descriptors = v.hasJailDescriptors();
    this.setMask = descriptors ? JailFlags.SET_MASK_15 : JailFlags.SET_MASK_14;
    this.getMask = descriptors ? JailFlags.GET_MASK_15 : JailFlags.GET_MASK_14;
    this.resurrect = config.resurrectDyingJails();
    long diff = ParamTable.bit("allow.unprivileged_proc_debug");
    if (v == FreeBsdVersion.V15) {
      diff |= ParamTable.bit("allow.unprivileged_parent_tampering");
    }
    this.allowDifferences = diff;
    this.persistCheckMask =
        config.persistCheckOnCreateUpdate() ? CREATE | ATTACH : CREATE | UPDATE | ATTACH;

    Prison p0 = new Prison(0, null, "0");
    p0.childMax = JAIL_MAX;
    p0.securelevel = config.securelevel();
    p0.enforceStatfs = 0;
    p0.devfsRuleset = 0;
    p0.hostname = config.hostname();
    p0.osrelease = osrelease(v);
    p0.osreldate = osreldate(v);
    p0.cpusetId = 1;
    p0.allow = params.allowMask();
    p0.ip4.saddrsel = true;
    p0.ip6.saddrsel = true;
    Arrays.fill(p0.sysv, 1);
    p0.linuxSys = 1;
    p0.linuxOsrelease = v == FreeBsdVersion.V13 ? "5.10.0" : "5.15.0";
    p0.linuxOssVersion = 0x030600;
    p0.zfsSys = 1;
    p0.mdoSys = 1;
    p0.persist = true;
    this.prison0 = p0;
    Set<String> names = new HashSet<>();
    for (KernelParam kp : params.all()) {
      names.add(kp.name());
    }
    this.capabilities =
        new HostCapabilities(
            v,
            p0.osreldate,
            p0.osrelease,
            config.vimage(),
            config.racct(),
            config.modules(),
            names);
    this.lastprid = config.lastJid();
    this.hostRoot = new View(p0, true);
    this.unprivileged = new View(p0, false);
  }

  private static String osrelease(FreeBsdVersion v) {
    return switch (v) {
      case V13 -> "13.5-RELEASE";
      case V15 -> "15.0-RELEASE";
      default -> "14.3-RELEASE";
    };
  }

  private static int osreldate(FreeBsdVersion v) {
    return switch (v) {
      case V13 -> 1305000;
      case V15 -> 1500068;
      default -> 1403000;
    };
  }

  /** The settings. */
  public KernelConfig config() {
    return config;
  }

  /** The parameter table. */
  public ParamTable params() {
    return params;
  }

  /** What this kernel publishes as its capabilities. */
  public HostCapabilities capabilities() {
    return capabilities;
  }

  /** The host's root process in prison0. */
  public JailKernel hostRoot() {
    return hostRoot;
  }

  /** A non-root process on the host. */
  public JailKernel unprivileged() {
    return unprivileged;
  }

  /**
   * A root process in a jail.
   *
   * @param jid a live jail
   * @return the view
   */
  public JailKernel jailedRoot(int jid) {
    synchronized (lock) {
      Prison p = byJid.get(jid);
      if (p == null || p.dying) {
        throw new IllegalArgumentException("no live jail with JID " + jid);
      }
      return new View(p, true);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // processes, holds, inspection, faults

  /**
   * A process enters the jail.
   *
   * @param jid the jail
   * @return the pid
   * @throws SyscallException EINVAL when no live jail has that JID
   */
  public int spawn(int jid) throws SyscallException {
    synchronized (lock) {
      Prison p = byJid.get(jid);
      if (p == null || p.dying) {
        throw new SyscallException("jail_attach", Errno.EINVAL);
      }
      return addProcess(p);
    }
  }

  private int addProcess(Prison p) {
    int pid = nextPid++;
    procs.put(pid, new Proc(pid, p));
    p.pids.add(pid);
    return pid;
  }

  /**
   * A process exits.
   *
   * @param pid the process
   */
  public void exit(int pid) {
    synchronized (lock) {
      Proc proc = procs.get(pid);
      if (proc == null) {
        if (pid >= FIRST_PID && pid < nextPid) {
          return; // already gone: killed by jail_remove or a signal
        }
        throw new IllegalArgumentException("no process " + pid);
      }
      endProcess(proc);
    }
  }

  /**
   * Whether a process is still running.
   *
   * @param pid the process
   * @return true until it exits or is killed
   */
  public boolean running(int pid) {
    synchronized (lock) {
      return procs.containsKey(pid);
    }
  }

  private void endProcess(Proc proc) {
    procs.remove(proc.pid);
    proc.prison.pids.remove(proc.pid);
    dropUserRef(proc.prison);
  }

  /**
   * The processes of a jail.
   *
   * @param jid the jail
   * @return the pids
   */
  public List<Integer> processes(int jid) {
    synchronized (lock) {
      Prison p = byJid.get(jid);
      return p == null ? List.of() : List.copyOf(p.pids);
    }
  }

  /**
   * Signals every process of a jail.
   *
   * @param jid the jail
   * @param signal the signal
   */
  public void signal(int jid, int signal) {
    synchronized (lock) {
      Prison p = byJid.get(jid);
      if (p == null) {
        return;
      }
      for (Integer pid : new ArrayList<>(p.pids)) {
        Proc proc = procs.get(pid);
        if (proc != null && (signal == SIGKILL || !proc.ignoresSignals)) {
          endProcess(proc);
        }
      }
    }
  }

  /**
   * Makes a process survive signals other than SIGKILL.
   *
   * @param pid the process
   */
  public void ignoreSignals(int pid) {
    synchronized (lock) {
      Proc proc = procs.get(pid);
      if (proc == null) {
        throw new IllegalArgumentException("no process " + pid);
      }
      proc.ignoresSignals = true;
    }
  }

  /**
   * Takes a plain reference on a jail; the returned action drops it (once). The reference follows
   * the jail, also when 15.0 renumbers it.
   *
   * @param jid the jail
   * @return the action that releases the reference
   */
  public Runnable hold(int jid) {
    synchronized (lock) {
      Prison p = byJid.get(jid);
      if (p == null) {
        throw new IllegalArgumentException("no jail with JID " + jid);
      }
      p.holds++;
      boolean[] released = {false};
      return () -> {
        synchronized (lock) {
          if (!released[0]) {
            released[0] = true;
            p.holds--;
            if (byJid.get(p.jid) == p) {
              dropUserRef(p);
            }
          }
        }
      };
    }
  }

  /**
   * Drops one plain reference of the jail that now has this JID.
   *
   * @param jid the jail
   */
  public void release(int jid) {
    synchronized (lock) {
      Prison p = byJid.get(jid);
      if (p == null || p.holds == 0) {
        throw new IllegalArgumentException("jail " + jid + " is not held");
      }
      p.holds--;
      dropUserRef(p);
    }
  }

  /** Every jail, live and dying, in JID order. */
  public List<FakeJail> jails() {
    synchronized (lock) {
      List<FakeJail> out = new ArrayList<>(byJid.size());
      for (Prison p : byJid.values()) {
        out.add(snapshot(p));
      }
      return out;
    }
  }

  /**
   * One jail, live or dying.
   *
   * @param jid the JID
   * @return its snapshot, or empty
   */
  public Optional<FakeJail> jail(int jid) {
    synchronized (lock) {
      Prison p = byJid.get(jid);
      return p == null ? Optional.empty() : Optional.of(snapshot(p));
    }
  }

  private static FakeJail snapshot(Prison p) {
    Prison parent = p.parent;
    return new FakeJail(
        p.jid,
        p.fullName(),
        parent == null ? 0 : parent.jid,
        p.dying,
        p.persist,
        p.pids.size(),
        p.childCount);
  }

  /** The recorded rctl rules. */
  public List<String> rctlRules() {
    synchronized (lock) {
      return rctl.rules();
    }
  }

  /**
   * Queues a fault for the next call of a system call.
   *
   * @param syscall the system call
   * @param errno the errno
   */
  public void failNext(String syscall, Errno errno) {
    if (!FAULTABLE.contains(syscall)) {
      throw new IllegalArgumentException(
          "failNext(" + syscall + "): not a system call the fake models; one of " + FAULTABLE);
    }
    synchronized (lock) {
      faults.computeIfAbsent(syscall, k -> new ArrayDeque<>()).add(errno);
    }
  }

  private void fault(String syscall) throws SyscallException {
    if (faults.isEmpty()) {
      return;
    }
    ArrayDeque<Errno> q = faults.get(syscall);
    if (q != null) {
      Errno e = q.poll();
      if (q.isEmpty()) {
        faults.remove(syscall);
      }
      if (e != null) {
        throw new SyscallException(syscall, e);
      }
    }
  }

  /** Checks the invariants; throws IllegalStateException naming the first broken one. */
  public void checkInvariants() {
    synchronized (lock) {
      Map<Integer, Integer> counted = new HashMap<>();
      for (Map.Entry<Integer, Prison> e : byJid.entrySet()) {
        Prison p = e.getValue();
        String who = "jail " + p.jid + " (" + p.fullName() + ")";
        if (e.getKey() != p.jid) {
          fail("JID table entry " + e.getKey() + " holds " + who);
        }
        Prison parent = p.parent;
        if (parent == null) {
          fail(who + " has no parent");
          continue;
        }
        if (!parent.isPrison0() && byJid.get(parent.jid) != parent) {
          fail(who + " has a parent that no longer exists");
        }
        if (!parent.children.contains(p)) {
          fail(who + " is missing from its parent's children");
        }
        if (p.jid < 1 || p.jid > JAIL_MAX) {
          fail(who + " has a JID outside 1.." + JAIL_MAX);
        }
        if (p.securelevel < parent.securelevel) {
          fail(
              who
                  + " has securelevel "
                  + p.securelevel
                  + " below its parent's "
                  + parent.securelevel);
        }
        if (p.enforceStatfs < parent.enforceStatfs) {
          fail(who + " has enforce_statfs below its parent's");
        }
        if (p.childMax != 0 && p.childMax >= parent.childMax) {
          fail(
              who
                  + " has children.max "
                  + p.childMax
                  + " not below its parent's "
                  + parent.childMax);
        }
        if (!p.dying && p.userRefs() == 0) {
          fail(who + " is alive without persist, processes or children");
        }
        if (p.dying && !p.pids.isEmpty()) {
          fail(who + " is dying but has processes " + p.pids);
        }
        if (p.dying && p.holds == 0 && p.children.isEmpty()) {
          fail(who + " is dying without references and was not freed");
        }
        if (p.dying && p.persist) {
          fail(who + " is dying with persist set");
        }
        for (Prison a = parent; a != null; a = a.parent) {
          counted.merge(a.jid, 1, Integer::sum);
        }
        for (Integer pid : p.pids) {
          Proc proc = procs.get(pid);
          if (proc == null || proc.prison != p) {
            fail(who + " lists process " + pid + " that is not in it");
          }
        }
      }
      checkChildren(prison0, counted);
      for (Proc proc : procs.values()) {
        if (!proc.prison.pids.contains(proc.pid)) {
          fail("process " + proc.pid + " is not listed by its jail " + proc.prison.jid);
        }
      }
    }
  }

  private void checkChildren(Prison p, Map<Integer, Integer> counted) {
    int expected = counted.getOrDefault(p.jid, 0);
    if (p.childCount != expected) {
      fail(
          "jail "
              + p.jid
              + " has children.cur "
              + p.childCount
              + " but "
              + expected
              + " live and dying descendants");
    }
    Set<String> liveNames = new HashSet<>();
    for (Prison c : p.children) {
      if (!c.dying && !liveNames.add(c.localName)) {
        fail("two live children of jail " + p.jid + " are named " + c.localName);
      }
      if (byJid.get(c.jid) != c) {
        fail("jail " + c.jid + " is a child of " + p.jid + " but not in the JID table");
      }
      checkChildren(c, counted);
    }
  }

  private static void fail(String message) {
    throw new IllegalStateException(message);
  }

  // ---------------------------------------------------------------------------------------------
  // life cycle (§3.5)

  /**
   * Re-evaluates a jail after it lost a user reference: without any it turns dying, and a dying
   * jail without references is freed, which drops the reference it held on its parent.
   */
  private void dropUserRef(Prison p) {
    Prison cur = p;
    while (cur != null && !cur.isPrison0()) {
      if (cur.userRefs() > 0) {
        return;
      }
      cur.dying = true;
      if (cur.holds > 0 || byJid.get(cur.jid) != cur) {
        return;
      }
      Prison parent = cur.parent;
      free(cur);
      cur = parent;
    }
  }

  private void free(Prison p) {
    byJid.remove(p.jid);
    Prison parent = p.parent;
    if (parent != null) {
      parent.children.remove(p);
      for (Prison a = parent; a != null; a = a.parent) {
        a.childCount--;
      }
    }
  }

  /** {@code jail_remove} / {@code PD_KILL}: the subtree turns dying, processes are killed. */
  private void kill(Prison p) {
    List<Prison> subtree = new ArrayList<>();
    subtree.add(p);
    p.forEachDescendant(subtree::add);
    for (Prison s : subtree) {
      s.dying = true;
      s.persist = false;
      for (Integer pid : s.pids) {
        procs.remove(pid);
      }
      s.pids.clear();
    }
    // children before parents, so that a parent whose children are all gone goes too
    for (int i = subtree.size() - 1; i >= 0; i--) {
      Prison s = subtree.get(i);
      if (byJid.get(s.jid) == s && s.userRefs() == 0 && s.holds == 0) {
        free(s);
      }
    }
    Prison parent = p.parent;
    if (parent != null && byJid.get(p.jid) != p) {
      dropUserRef(parent);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // lookups

  /** {@code prison_find_name}: a descendant by relative dotted name, a live one preferred. */
  private @Nullable Prison findName(Prison mypr, String name) {
    Prison[] dead = new Prison[1];
    Prison live = findName(mypr, name, 0, dead);
    return live != null ? live : dead[0];
  }

  private @Nullable Prison findName(Prison base, String name, int from, Prison[] dead) {
    int dot = name.indexOf('.', from);
    String component = dot < 0 ? name.substring(from) : name.substring(from, dot);
    for (Prison c : base.children) {
      if (!c.localName.equals(component)) {
        continue;
      }
      if (dot < 0) {
        if (!c.dying) {
          return c;
        }
        dead[0] = c;
      } else {
        Prison found = findName(c, name, dot + 1, dead);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /** {@code prison_name}: the name as {@code mypr} sees it ("0" for itself). */
  private static String relativeName(Prison mypr, Prison pr) {
    if (pr == mypr) {
      return "0";
    }
    if (mypr.isPrison0()) {
      return pr.fullName();
    }
    String full = pr.fullName();
    String prefix = mypr.fullName() + ".";
    return full.startsWith(prefix) ? full.substring(prefix.length()) : full;
  }

  /** {@code prison_path}: the path relative to {@code mypr}'s root. */
  private static String relativePath(Prison mypr, Prison pr) {
    String root = mypr.path;
    if (root.equals("/")) {
      return pr.path;
    }
    if (pr.path.equals(root)) {
      return "/";
    }
    if (pr.path.startsWith(root + "/")) {
      return pr.path.substring(root.length());
    }
    return pr.path;
  }

  /** {@code get_next_prid}: monotonic with wrap-around, skipping live and dying jails (§3.3). */
  private int nextPrid() {
    int jid = lastprid % JAIL_MAX + 1;
    int maxid = JAIL_MAX;
    while (byJid.containsKey(jid)) {
      if (++jid > maxid) {
        if (lastprid == maxid || lastprid == 0) {
          return 0;
        }
        jid = 1;
        maxid = lastprid;
      }
    }
    lastprid = jid;
    return jid;
  }

  /** 15.0: a dying jail holding a requested JID moves to the highest free JID (§3.2). */
  private void renumberDying(Prison dying) {
    int jid = JAIL_MAX;
    while (jid > 0 && byJid.containsKey(jid)) {
      jid--;
    }
    byJid.remove(dying.jid);
    dying.jid = jid;
    byJid.put(jid, dying);
  }

  // ---------------------------------------------------------------------------------------------
  // jail_set (§3.1-§3.5)

  /** The settings of one jail_set call, read before anything is changed. */
  private static final class SetRequest {
    int flags;
    int cuflags;
    int jid;
    @Nullable Integer slevel;
    @Nullable Integer childmax;
    @Nullable Integer enforce;
    @Nullable Integer rsnum;
    boolean persistOn;
    boolean persistChanged;
    boolean saddrsel4On;
    boolean saddrsel4Changed;
    boolean saddrsel6On;
    boolean saddrsel6Changed;
    boolean hostMentioned;
    boolean hostNew;
    boolean vnetMentioned;
    boolean vnetNew;
    boolean ip4Mentioned;
    boolean ip4User;
    boolean ip6Mentioned;
    boolean ip6User;
    long prAllow;
    long chAllow;
    @Nullable String name;
    @Nullable String hostname;
    @Nullable String domainname;
    @Nullable String hostuuid;
    @Nullable Long hostid;
    byte @Nullable [] ip4;
    byte @Nullable [] ip6;
    @Nullable String osrelease;
    @Nullable Integer osreldate;
    @Nullable String path;
    @Nullable Prison desc;
    Options.@Nullable Opt descOpt;
    final int[] sysv = {-1, -1, -1};
    @Nullable Integer linuxSys;
    @Nullable String linuxOsname;
    @Nullable String linuxOsrelease;
    @Nullable Integer linuxOss;
    @Nullable Integer zfsSys;
    @Nullable Integer zfsSnapshot;
    @Nullable Integer mdoSys;
    @Nullable String mdoRules;
    @Nullable KeyValueChange meta;
    @Nullable KeyValueChange env;
  }

  private int set(View c, IoVec[] iov, int flags) throws SyscallException {
    synchronized (lock) {
      fault("jail_set");
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

  private void checkSetPrivilege(View c) throws Fail {
    // PRIV_JAIL_SET and PRIV_JAIL_ATTACH: root has them, jailed root is granted them (§3.1 step 6)
    if (!c.privileged) {
      throw Fail.of(Errno.EPERM);
    }
  }

  private int doSet(View c, IoVec[] iov, int flags, Options[] holder) throws Fail {
    Options.checkArray(iov);
    Prison mypr = c.prison;
    if (privilegeFirst) {
      // 13.x/14.x: privilege, then children.max == 0, then the flag mask (§9 check order)
      checkSetPrivilege(c);
      if ((flags & CREATE) != 0 && mypr.childMax == 0) {
        throw Fail.of(Errno.EPERM);
      }
      if ((flags & ~setMask) != 0) {
        throw Fail.of(Errno.EINVAL);
      }
    } else {
      // 15.0: children.max, flags and parsing first, privilege later (§3.1 steps 1-6)
      if ((flags & CREATE) != 0 && (flags & AT_DESC) == 0 && mypr.childMax == 0) {
        throw Fail.of(Errno.EPERM);
      }
      if ((flags & ~setMask) != 0) {
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
    if (descriptors) {
      if (readDescriptor(opts, flags, r)) {
        // the snapshot read returns 0 and does nothing when desc comes without a DESC flag (§3.1)
        checkSetPrivilege(c);
        return 0;
      }
      checkSetPrivilege(c);
    }
    readParams(opts, r);
    return apply(c, opts, r);
  }

  /** 15.0 descriptor handling (§3.1 step 5); true for the "unexpected desc" no-op. */
  private boolean readDescriptor(Options opts, int flags, SetRequest r) throws Fail {
    Options.Opt descOpt = opts.get("desc");
    if ((flags & DESC_FLAGS) == 0) {
      if (descOpt != null) {
        opts.writeErrmsg("unexpected desc");
        return true;
      }
      return false;
    }
    if (descOpt == null) {
      throw Fail.of(Errno.ENOENT, "missing desc");
    }
    if (descOpt.len != 4 || descOpt.value == null) {
      throw Fail.of(Errno.EINVAL);
    }
    r.descOpt = descOpt;
    if ((flags & (USE_DESC | AT_DESC)) != 0) {
      Desc d = lookupDescriptor(Options.readInt(descOpt.value));
      if (d.prison.dying || byJid.get(d.prison.jid) != d.prison) {
        throw Fail.of(Errno.ENOENT, "descriptor to dead jail");
      }
      r.desc = d.prison;
    }
    return false;
  }

  private void readParams(Options opts, SetRequest r) throws Fail {
    int flags = r.flags;
    Integer jid = opts.copyInt("jid");
    r.jid = jid == null ? 0 : jid;
    r.slevel = opts.copyInt("securelevel");
    r.childmax = opts.copyInt("children.max");
    r.enforce = opts.copyInt("enforce_statfs");
    if (r.enforce != null && (r.enforce < 0 || r.enforce > 2)) {
      throw Fail.of(Errno.EINVAL);
    }
    r.rsnum = opts.copyInt("devfs_ruleset");

    // pr_flag_bool: presence-only booleans, the value ignored (§2.6)
    boolean on = opts.flag("persist");
    boolean off = opts.flag("nopersist");
    r.persistOn = on;
    r.persistChanged = on || off;
    on = opts.flag("ip4.saddrsel");
    off = opts.flag("ip4.nosaddrsel");
    r.saddrsel4On = on;
    r.saddrsel4Changed = on || off;
    on = opts.flag("ip6.saddrsel");
    off = opts.flag("ip6.nosaddrsel");
    r.saddrsel6On = on;
    r.saddrsel6Changed = on || off;

    // pr_flag_jailsys: host, vnet, ip4, ip6
    Integer host = opts.copyInt("host");
    if (host != null) {
      r.hostMentioned = true;
      r.hostNew = jailsys(host, false) == JailFlags.JAIL_SYS_NEW;
    }
    if (config.vimage()) {
      Integer vnet = opts.copyInt("vnet");
      if (vnet != null) {
        r.vnetMentioned = true;
        r.vnetNew = jailsys(vnet, false) == JailFlags.JAIL_SYS_NEW;
      }
    }
    Integer ip4 = opts.copyInt("ip4");
    if (ip4 != null) {
      r.ip4Mentioned = true;
      r.ip4User = jailsys(ip4, true) != JailFlags.JAIL_SYS_INHERIT;
    }
    Integer ip6 = opts.copyInt("ip6");
    if (ip6 != null) {
      r.ip6Mentioned = true;
      r.ip6User = jailsys(ip6, true) != JailFlags.JAIL_SYS_INHERIT;
    }
    if ((flags & persistCheckMask) == CREATE && !r.persistOn) {
      throw Fail.of(Errno.EINVAL, "new jail must persist or attach");
    }
    if ((flags & UPDATE) != 0 && r.vnetMentioned) {
      throw Fail.of(Errno.EINVAL, "vnet cannot be changed after creation");
    }
    if ((flags & UPDATE) != 0 && r.ip4Mentioned) {
      throw Fail.of(Errno.EINVAL, "ip4 cannot be changed after creation");
    }
    if ((flags & UPDATE) != 0 && r.ip6Mentioned) {
      throw Fail.of(Errno.EINVAL, "ip6 cannot be changed after creation");
    }

    long prAllow = 0;
    long chAllow = 0;
    for (int i : params.allowBits()) {
      if (opts.flag(ParamTable.ALLOW[i])) {
        prAllow |= 1L << i;
      }
      if (opts.flag(ParamTable.ALLOW_NO[i])) {
        chAllow |= 1L << i;
      }
    }
    r.prAllow = prAllow;
    r.chAllow = chAllow | prAllow;

    r.name = opts.string("name", 256);
    r.hostname = opts.string("host.hostname", 256);
    r.domainname = opts.string("host.domainname", 256);
    r.hostuuid = opts.string("host.hostuuid", 64);
    r.hostid = opts.copyLong("host.hostid");
    if (r.hostname != null || r.domainname != null || r.hostuuid != null || r.hostid != null) {
      // setting any host.* implies host=new
      r.hostMentioned = true;
      r.hostNew = true;
    }

    Options.Opt a4 = opts.get("ip4.addr");
    if (a4 != null) {
      r.ip4 = addresses(a4, 4, "too many IPv4 addresses");
      r.ip4Mentioned = true;
      r.ip4User = true;
    }
    Options.Opt a6 = opts.get("ip6.addr");
    if (a6 != null) {
      r.ip6 = addresses(a6, 16, "too many IPv6 addresses");
      r.ip6Mentioned = true;
      r.ip6User = true;
    }
    if (r.vnetMentioned && (r.ip4Mentioned || r.ip6Mentioned)) {
      throw Fail.of(Errno.EINVAL, "vnet jails cannot have IP address restrictions");
    }

    Options.Opt rel = opts.get("osrelease");
    if (rel != null) {
      if ((flags & UPDATE) != 0) {
        throw Fail.of(Errno.EINVAL, "osrelease cannot be changed after creation");
      }
      byte[] v = rel.value;
      if (rel.len == 0 || v == null || v[rel.len - 1] != 0) {
        throw Fail.of(Errno.EINVAL);
      }
      if (rel.len >= 32) {
        throw Fail.of(Errno.ENAMETOOLONG, "osrelease string must be 1-31 bytes long");
      }
      r.osrelease = Options.cString(v, 0, rel.len);
    }
    Integer osreldate = opts.copyInt("osreldate");
    if (osreldate != null) {
      if ((flags & UPDATE) != 0) {
        throw Fail.of(Errno.EINVAL, "osreldate cannot be changed after creation");
      }
      if (osreldate == 0) {
        throw Fail.of(Errno.EINVAL, "osreldate cannot be 0");
      }
      r.osreldate = osreldate;
    }
    Options.Opt path = opts.get("path");
    if (path != null) {
      if ((flags & UPDATE) != 0) {
        throw Fail.of(Errno.EINVAL, "path cannot be changed after creation");
      }
      byte[] v = path.value;
      if (path.len == 0 || v == null || v[path.len - 1] != 0) {
        throw Fail.of(Errno.EINVAL);
      }
      r.path = Options.cString(v, 0, path.len);
    }
  }

  /** A jailsys int: 0..2, and {@code disable} only where the parameter has it (§3.1). */
  private static int jailsys(int value, boolean hasDisable) throws Fail {
    if (value == JailFlags.JAIL_SYS_DISABLE && !hasDisable) {
      throw Fail.of(Errno.EINVAL);
    }
    if (value < 0 || value > 2) {
      throw Fail.of(Errno.EINVAL);
    }
    return value;
  }

  /**
   * An {@code ip4.addr} / {@code ip6.addr} array (§3.1): a multiple of the element size, at most
   * 255, no wildcard/broadcast and no duplicates; the first stays first, the rest are sorted.
   */
  private static byte[] addresses(Options.Opt o, int size, String tooMany) throws Fail {
    if (o.len % size != 0) {
      throw Fail.of(Errno.EINVAL);
    }
    byte[] v = o.value;
    if (o.len == 0 || v == null) {
      return new byte[0];
    }
    int n = o.len / size;
    if (n > JailFlags.MAX_AF_IPS) {
      throw Fail.of(Errno.EINVAL, tooMany);
    }
    byte[][] rest = new byte[n - 1][];
    for (int i = 1; i < n; i++) {
      rest[i - 1] = Arrays.copyOfRange(v, i * size, i * size + size);
    }
    Arrays.sort(rest, Arrays::compareUnsigned);
    byte[] out = new byte[n * size];
    System.arraycopy(v, 0, out, 0, size);
    for (int i = 1; i < n; i++) {
      System.arraycopy(rest[i - 1], 0, out, i * size, size);
    }
    for (int i = 0; i < n; i++) {
      if (isWildcard(out, i, size)) {
        throw Fail.of(Errno.EINVAL);
      }
      if (i + 1 < n && (sameAddr(out, 0, i + 1, size) || sameAddr(out, i, i + 1, size))) {
        throw Fail.of(Errno.EINVAL);
      }
    }
    return out;
  }

  private static boolean isWildcard(byte[] a, int i, int size) {
    boolean zero = true;
    boolean ones = true;
    for (int k = i * size; k < i * size + size; k++) {
      zero &= a[k] == 0;
      ones &= a[k] == (byte) 0xff;
    }
    return zero || (size == 4 && ones);
  }

  private static boolean sameAddr(byte[] a, int i, int j, int size) {
    return Arrays.equals(a, i * size, i * size + size, a, j * size, j * size + size);
  }

  private int apply(View c, Options opts, SetRequest r) throws Fail {
    int flags = r.flags;
    int cuflags = r.cuflags;
    Prison mypr = r.desc != null && (flags & AT_DESC) != 0 ? r.desc : c.prison;

    String gpath = null;
    if (r.path != null) {
      gpath = globalPath(c.prison, r.path);
      Optional<Errno> bad = config.paths().check(gpath);
      if (bad.isPresent()) {
        throw Fail.of(bad.get());
      }
    }

    // §3.2 finding the target jail
    Prison pr = null;
    Prison ppr = mypr;
    String name = r.name;
    int jid = r.jid;
    if (r.desc != null && (flags & USE_DESC) != 0) {
      pr = r.desc;
      Prison parent = pr.parent;
      ppr = parent == null ? mypr : parent;
    }
    if (cuflags == CREATE && jid == 0 && name != null) {
      int dot = name.lastIndexOf('.');
      jid = numericJid(dot < 0 ? name : name.substring(dot + 1));
    }
    if (mypr.dying || (!mypr.isPrison0() && byJid.get(mypr.jid) != mypr)) {
      throw Fail.of(Errno.EAGAIN);
    }
    if (pr == null && jid != 0) {
      if (jid < 0) {
        throw Fail.of(Errno.EINVAL, "negative jid");
      }
      Prison found = byJid.get(jid);
      if (found != null && found.dying && !resurrect) {
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
        ppr = parent == null ? mypr : parent;
        if (ppr.dying) {
          throw Fail.of(Errno.ENOENT, "jail " + ppr.jid + " is dying");
        }
        if (found.dying) {
          if ((flags & DYING) == 0) {
            throw Fail.of(Errno.ENOENT, "jail " + jid + " is dying");
          }
          if (((flags & ATTACH) != 0 || r.persistOn) && name == null) {
            // a revived jail re-claims its name, so a live sibling holding it is found (§9)
            name = relativeName(mypr, found);
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
          if (!prefix.equals(relativeName(mypr, ppr))) {
            throw Fail.of(Errno.EINVAL, "cannot change jail's parent");
          }
        } else {
          Prison p = findName(mypr, prefix);
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
        if (resurrect && deadpr != null && pr == null) {
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
        jid = nextPrid();
        if (jid == 0) {
          throw Fail.of(Errno.EAGAIN, "no available jail IDs");
        }
      } else {
        Prison holder = byJid.get(jid);
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
      checkSubset(ip4, ppr.ip4);
      checkClash(ip4, 4, pr, ppr, true);
    }
    byte[] ip6 = r.ip6;
    if (ip6 != null && ip6.length > 0) {
      checkSubset(ip6, ppr.ip6);
      checkClash(ip6, 16, pr, ppr, false);
    }
    if (namelc != null) {
      if (namelc.isEmpty()) {
        namelc = Integer.toString(jid);
      } else if (isNumeric(namelc)
          && (numericJid(namelc) != jid || namelc.charAt(0) < '1' || namelc.charAt(0) > '9')) {
        throw Fail.of(Errno.EINVAL, "name cannot be numeric (unless it is the jid)");
      }
      int pnamelen = ppr.isPrison0() ? 0 : utf8Length(ppr.fullName()) + 1;
      int onamelen = created ? 0 : utf8Length(pr.localName);
      int namelen = utf8Length(namelc);
      if (pnamelen + namelen + 1 > 256) {
        throw Fail.of(Errno.ENAMETOOLONG);
      }
      if (!created) {
        int growth = namelen - onamelen;
        List<Prison> sub = new ArrayList<>();
        pr.forEachDescendant(sub::add);
        for (Prison t : sub) {
          if (utf8Length(t.fullName()) + growth >= 256) {
            throw Fail.of(Errno.ENAMETOOLONG);
          }
        }
      }
    }
    long diff = r.prAllow & ~ppr.allow;
    if ((diff & ~allowDifferences) != 0) {
      throw Fail.of(Errno.EPERM);
    }
    checkModules(opts, r, ppr);

    Options.Opt unknown = opts.firstUnseen();
    if (unknown != null) {
      throw Fail.of(Errno.EINVAL, "unknown parameter: " + unknown.name);
    }

    // nothing has changed so far: commit
    if (created) {
      if (renumber != null) {
        renumberDying(renumber);
      }
      pr.cpusetId = nextCpuset++;
      byJid.put(pr.jid, pr);
      ppr.children.add(pr);
      for (Prison a = ppr; a != null; a = a.parent) {
        a.childCount++;
      }
    }
    commit(pr, r, namelc, gpath, rsnum, created);

    // a dying jail comes back with persist or attach (13/14, §9); a jail left without user
    // references dies right here (§3.5)
    boolean attach = (flags & ATTACH) != 0;
    if (pr.dying && (attach || pr.persist)) {
      pr.dying = false;
    }
    if (attach) {
      addProcess(pr);
    }
    int result = pr.jid;
    Options.Opt descOpt = r.descOpt;
    if (descOpt != null && (flags & (GET_DESC | OWN_DESC)) != 0) {
      int fd = openDescriptor(pr, (flags & OWN_DESC) != 0);
      opts.writeIntNow(descOpt, fd);
    }
    if (!pr.dying && pr.userRefs() == 0) {
      dropUserRef(pr);
    }
    return result;
  }

  private Prison newPrison(int jid, Prison ppr, Prison mypr, SetRequest r, Options opts) {
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
    int sysvDefault = JailFlags.JAIL_SYS_DISABLE;
    Options.Opt noipc = opts.find("allow.nosysvipc");
    Options.Opt ipc = opts.find("allow.sysvipc");
    if (noipc == null && ipc != null) {
      sysvDefault = JailFlags.JAIL_SYS_INHERIT;
    }
    Arrays.fill(pr.sysv, sysvDefault);
    pr.linuxSys = JailFlags.JAIL_SYS_NEW;
    pr.linuxOsname = ppr.linuxOsname;
    pr.linuxOsrelease = ppr.linuxOsrelease;
    pr.linuxOssVersion = ppr.linuxOssVersion;
    pr.zfsSys = JailFlags.JAIL_SYS_INHERIT;
    pr.zfsMountSnapshot = 0;
    pr.mdoSys = JailFlags.JAIL_SYS_INHERIT;
    pr.mdoRules = ppr.mdoRules;
    return pr;
  }

  private static String globalPath(Prison caller, String path) {
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

  /** {@code strtoul} of the last name component as the kernel does it; 0 when not a number. */
  private static int numericJid(String component) {
    if (!isNumeric(component)) {
      return 0;
    }
    String digits = component.trim();
    try {
      return (int) Long.parseLong(digits.startsWith("+") ? digits.substring(1) : digits);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Whether {@code strtoul} would consume the whole string (spaces, sign, digits). */
  private static boolean isNumeric(String s) {
    int i = 0;
    int n = s.length();
    while (i < n && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    int digits = 0;
    while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
      digits++;
    }
    return digits > 0 && i == n;
  }

  private static int utf8Length(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  private static void checkSubset(byte[] list, Prison.IpState parent) throws Fail {
    if (!parent.restricted) {
      return;
    }
    int n = list.length / parent.size;
    for (int i = 0; i < n; i++) {
      if (!parent.contains(list, i)) {
        throw Fail.of(Errno.EPERM);
      }
    }
  }

  /**
   * Address overlap with another live jail of the same network stack, unless both have exactly one
   * address (§3.4).
   */
  private void checkClash(byte[] list, int size, Prison pr, Prison ppr, boolean v4) throws Fail {
    Prison tppr = ppr;
    while (!tppr.isPrison0() && !tppr.vnet) {
      Prison parent = tppr.parent;
      tppr = parent == null ? prison0 : parent;
    }
    int n = list.length / size;
    if (clashIn(tppr, tppr, list, n, pr, v4)) {
      throw Fail.of(Errno.EADDRINUSE, v4 ? "IPv4 addresses clash" : "IPv6 addresses clash");
    }
  }

  private boolean clashIn(Prison base, Prison tppr, byte[] list, int n, Prison pr, boolean v4) {
    for (Prison t : base.children) {
      if (t == pr || (t != tppr && t.vnet) || t.dying) {
        continue;
      }
      Prison.IpState ip = v4 ? t.ip4 : t.ip6;
      if (!ip.user) {
        if (clashIn(t, tppr, list, n, pr, v4)) {
          return true;
        }
        continue;
      }
      if (ip.addrs == null || ip.addrs.length == 0 || (n == 1 && ip.count() == 1)) {
        continue;
      }
      for (int i = 0; i < n; i++) {
        if (ip.contains(list, i)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Module check hooks ({@code PR_METHOD_CHECK}): they run before the unknown-parameter test. */
  private void checkModules(Options opts, SetRequest r, Prison ppr) throws Fail {
    String[] sysvNames = {"sysvmsg", "sysvsem", "sysvshm"};
    for (int i = 0; i < 3; i++) {
      if (!params.has(sysvNames[i])) {
        continue;
      }
      Integer v = opts.copyInt(sysvNames[i]);
      int jsys;
      if (v != null) {
        jsys = v;
        if (jsys < 0 || jsys > 2) {
          throw Fail.of(Errno.EINVAL);
        }
      } else if (opts.find("allow.nosysvipc") != null) {
        jsys = JailFlags.JAIL_SYS_DISABLE;
      } else if (opts.find("allow.sysvipc") != null) {
        jsys = JailFlags.JAIL_SYS_INHERIT;
      } else {
        continue;
      }
      if (jsys != JailFlags.JAIL_SYS_DISABLE
          && !ppr.isPrison0()
          && ppr.sysv[i] == JailFlags.JAIL_SYS_DISABLE) {
        throw Fail.of(Errno.EPERM);
      }
      r.sysv[i] = jsys;
    }
    if (params.has("linux")) {
      Integer v = opts.copyInt("linux");
      if (v != null && v != JailFlags.JAIL_SYS_NEW && v != JailFlags.JAIL_SYS_INHERIT) {
        throw Fail.of(Errno.EINVAL);
      }
      r.linuxSys = v;
      r.linuxOsname = opts.string("linux.osname", 65);
      r.linuxOsrelease = opts.string("linux.osrelease", 65);
      r.linuxOss = opts.copyInt("linux.oss_version");
    }
    if (params.has("zfs")) {
      Integer v = opts.copyInt("zfs");
      if (v != null && v != JailFlags.JAIL_SYS_NEW && v != JailFlags.JAIL_SYS_INHERIT) {
        throw Fail.of(Errno.EINVAL);
      }
      r.zfsSys = v;
      r.zfsSnapshot = opts.copyInt("zfs.mount_snapshot");
    }
    String mdo = descriptors ? "mac.do" : "mdo";
    if (params.has(mdo)) {
      Integer v = opts.copyInt(mdo);
      if (v != null && (v < 0 || v > 2)) {
        throw Fail.of(Errno.EINVAL);
      }
      r.mdoSys = v;
      r.mdoRules = opts.string(mdo + ".rules", 1024);
    }
    if (params.has("meta")) {
      r.meta = keyValues(opts, "meta");
      r.env = keyValues(opts, "env");
    }
  }

  /**
   * A change to {@code meta} or {@code env}: whole-buffer assignments and keyed updates, in the
   * order the caller gave them (jailmeta.sh {@code keyvalue}: order matters).
   */
  private static final class KeyValueChange {
    /** Each step: {key or null for the whole buffer, value or null to delete the key}. */
    final List<@Nullable String[]> steps = new ArrayList<>();
  }

  /**
   * 15.0 {@code meta} / {@code env} (§4.4): {@code meta=TEXT} replaces the buffer, {@code
   * meta.KEY=VALUE} replaces or adds the line {@code KEY=VALUE} at the front, {@code meta.KEY}
   * without a value deletes it. Null when the request does not touch them.
   */
  private static @Nullable KeyValueChange keyValues(Options opts, String node) throws Fail {
    KeyValueChange change = null;
    String prefix = node + ".";
    for (Options.Opt o : opts.all()) {
      boolean whole = o.name.equals(node);
      if (!whole && !(o.name.startsWith(prefix) && o.name.length() > prefix.length())) {
        continue;
      }
      o.seen = true;
      if (change == null) {
        change = new KeyValueChange();
      }
      if (whole) {
        if (o.len > META_MAXBUFSIZE) {
          throw Fail.of(Errno.EFBIG);
        }
        change.steps.add(new @Nullable String[] {null, o.len == 0 ? "" : terminated(o)});
      } else {
        change.steps.add(
            new @Nullable String[] {
              o.name.substring(prefix.length()), o.len == 0 ? null : terminated(o)
            });
      }
    }
    return change;
  }

  private static String terminated(Options.Opt o) throws Fail {
    byte[] v = o.value;
    if (o.len == 0 || v == null || v[o.len - 1] != 0) {
      throw Fail.of(Errno.EINVAL);
    }
    return Options.cString(v, 0, o.len);
  }

  /** The text after a change; {@code EFBIG} beyond {@code security.jail.meta_maxbufsize}. */
  private static String applyKeyValues(String current, KeyValueChange change) throws Fail {
    String text = current;
    for (@Nullable String[] step : change.steps) {
      String key = step[0];
      String value = step[1];
      if (key == null) {
        text = value == null ? "" : value;
        continue;
      }
      StringBuilder sb = new StringBuilder();
      if (value != null) {
        sb.append(key).append('=').append(value);
      }
      for (String line : text.split("\n", -1)) {
        if (line.isEmpty() || line.startsWith(key + "=")) {
          continue;
        }
        if (sb.length() > 0) {
          sb.append('\n');
        }
        sb.append(line);
      }
      text = sb.toString();
    }
    if (utf8Length(text) + 1 > META_MAXBUFSIZE) {
      throw Fail.of(Errno.EFBIG);
    }
    return text;
  }

  /** The value of {@code KEY} in a key/value buffer (after the first {@code =}), or null. */
  private static @Nullable String keyValue(String text, String key) {
    for (String line : text.split("\n", -1)) {
      if (line.startsWith(key + "=")) {
        return line.substring(key.length() + 1);
      }
    }
    return null;
  }

  /** Writes the request into the jail and propagates to descendants (§3.4 last paragraphs). */
  private void commit(
      Prison pr,
      SetRequest r,
      @Nullable String namelc,
      @Nullable String gpath,
      @Nullable Integer rsnum,
      boolean created)
      throws Fail {
    // the key/value texts may still fail on size; compute them before changing anything
    String meta = r.meta == null ? null : applyKeyValues(pr.meta, r.meta);
    String env = r.env == null ? null : applyKeyValues(pr.env, r.env);

    List<Prison> desc = new ArrayList<>();
    if (!created) {
      pr.forEachDescendant(desc::add);
    }
    if (r.ip4User) {
      pr.ip4.user = true;
      pr.ip4.restricted = true;
      byte[] a = r.ip4;
      pr.ip4.addrs = a == null || a.length == 0 ? null : a;
      restrictDescendants(pr, true);
    }
    if (r.ip6User) {
      pr.ip6.user = true;
      pr.ip6.restricted = true;
      byte[] a = r.ip6;
      pr.ip6.addrs = a == null || a.length == 0 ? null : a;
      restrictDescendants(pr, false);
    }
    if (r.slevel != null) {
      int level = r.slevel;
      pr.securelevel = level;
      for (Prison t : desc) {
        t.securelevel = Math.max(t.securelevel, level);
      }
    }
    if (r.childmax != null) {
      int max = r.childmax;
      pr.childMax = max;
      for (Prison t : desc) {
        int depth = t.depthBelow(pr);
        if (t.childMax > max - depth) {
          t.childMax = max > depth ? max - depth : 0;
        }
      }
    }
    if (r.enforce != null) {
      int e = r.enforce;
      pr.enforceStatfs = e;
      for (Prison t : desc) {
        t.enforceStatfs = Math.max(t.enforceStatfs, e);
      }
    }
    if (rsnum != null) {
      pr.devfsRuleset = rsnum;
      for (Prison t : desc) {
        t.devfsRuleset = rsnum;
      }
    }
    if (namelc != null) {
      pr.localName = namelc;
    }
    if (gpath != null) {
      pr.path = gpath;
    }
    Prison parent = pr.parent;
    if (r.hostMentioned && !r.hostNew) {
      // host=inherit: copy the parent's host information
      if (parent != null && (pr.hostNew || created)) {
        pr.hostname = parent.hostname;
        pr.domainname = parent.domainname;
        pr.hostuuid = parent.hostuuid;
        pr.hostid = parent.hostid;
      }
      pr.hostNew = false;
    } else {
      if (r.hostMentioned) {
        pr.hostNew = true;
      }
      if (r.hostname != null || r.domainname != null || r.hostuuid != null || r.hostid != null) {
        setHost(pr, r);
        propagateHost(pr, r);
      }
    }
    pr.allow = (pr.allow & ~r.chAllow) | r.prAllow;
    long cleared = r.chAllow & ~r.prAllow;
    if (cleared != 0) {
      for (Prison t : desc) {
        t.allow &= ~cleared;
      }
    }
    if (r.persistChanged) {
      pr.persist = r.persistOn;
    }
    if (r.saddrsel4Changed) {
      pr.ip4.saddrsel = r.saddrsel4On;
    }
    if (r.saddrsel6Changed) {
      pr.ip6.saddrsel = r.saddrsel6On;
    }
    for (int i = 0; i < 3; i++) {
      if (r.sysv[i] >= 0) {
        pr.sysv[i] = r.sysv[i];
      }
    }
    if (r.linuxSys != null) {
      pr.linuxSys = r.linuxSys;
      if (r.linuxSys == JailFlags.JAIL_SYS_INHERIT && parent != null) {
        pr.linuxOsname = parent.linuxOsname;
        pr.linuxOsrelease = parent.linuxOsrelease;
        pr.linuxOssVersion = parent.linuxOssVersion;
      }
    }
    if (r.linuxOsname != null || r.linuxOsrelease != null || r.linuxOss != null) {
      pr.linuxSys = JailFlags.JAIL_SYS_NEW;
      if (r.linuxOsname != null) {
        pr.linuxOsname = r.linuxOsname;
      }
      if (r.linuxOsrelease != null) {
        pr.linuxOsrelease = r.linuxOsrelease;
      }
      if (r.linuxOss != null) {
        pr.linuxOssVersion = r.linuxOss;
      }
    }
    if (r.zfsSys != null) {
      pr.zfsSys = r.zfsSys;
    }
    if (r.zfsSnapshot != null) {
      pr.zfsMountSnapshot = r.zfsSnapshot;
    }
    if (r.mdoSys != null) {
      pr.mdoSys = r.mdoSys;
    }
    if (r.mdoRules != null) {
      pr.mdoRules = r.mdoRules;
    }
    if (meta != null) {
      pr.meta = meta;
    }
    if (env != null) {
      pr.env = env;
    }
  }

  private static void setHost(Prison t, SetRequest r) {
    if (r.hostname != null) {
      t.hostname = r.hostname;
    }
    if (r.domainname != null) {
      t.domainname = r.domainname;
    }
    if (r.hostuuid != null) {
      t.hostuuid = r.hostuuid;
    }
    if (r.hostid != null) {
      t.hostid = r.hostid;
    }
  }

  /** Host changes reach descendants in {@code host=inherit} mode, not below a {@code host=new}. */
  private static void propagateHost(Prison pr, SetRequest r) {
    for (Prison c : pr.children) {
      if (!c.hostNew) {
        setHost(c, r);
        propagateHost(c, r);
      }
    }
  }

  /** {@code prison_restrict_ip4}: descendants keep only addresses their parent still has. */
  private static void restrictDescendants(Prison pr, boolean v4) {
    for (Prison c : pr.children) {
      if (c.vnet) {
        continue;
      }
      Prison.IpState parent = v4 ? pr.ip4 : pr.ip6;
      Prison.IpState ip = v4 ? c.ip4 : c.ip6;
      if (!ip.user) {
        ip.restricted = parent.restricted;
        ip.addrs = parent.addrs == null ? null : parent.addrs.clone();
      } else if (ip.addrs != null) {
        byte[] a = ip.addrs;
        int size = ip.size;
        int n = a.length / size;
        byte[] kept = new byte[a.length];
        int k = 0;
        for (int i = 0; i < n; i++) {
          if (parent.contains(a, i)) {
            System.arraycopy(a, i * size, kept, k * size, size);
            k++;
          }
        }
        ip.addrs = k == 0 ? null : Arrays.copyOf(kept, k * size);
      }
      restrictDescendants(c, v4);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // jail_get (§3.6)

  private int get(View c, IoVec[] iov, int flags) throws SyscallException {
    synchronized (lock) {
      fault("jail_get");
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

  private int doGet(View c, IoVec[] iov, int flags, Options[] holder) throws Fail {
    Options.checkArray(iov);
    if ((flags & ~getMask) != 0) {
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
    if (descriptors && (flags & DESC_FLAGS) != 0) {
      descOpt = opts.get("desc");
      if (descOpt == null) {
        throw Fail.of(Errno.ENOENT, "missing desc");
      }
      if (descOpt.len != 4 || descOpt.value == null) {
        throw Fail.of(Errno.EINVAL);
      }
      if ((flags & (USE_DESC | AT_DESC)) != 0) {
        Desc d = lookupDescriptor(Options.readInt(descOpt.value));
        if (byJid.get(d.prison.jid) != d.prison || (d.prison.dying && !dyingToo)) {
          throw Fail.of(Errno.ENOENT, "descriptor to dead jail");
        }
        if ((flags & USE_DESC) != 0) {
          pr = d.prison;
        } else {
          mypr = d.prison;
        }
      }
    } else if (descriptors) {
      // without a DESC flag a desc parameter is accepted and left as it is
      opts.get("desc");
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
      int fd = openDescriptor(pr, (flags & OWN_DESC) != 0);
      descOpt.out = Options.intBytes(fd);
    }
    opts.copyOut();
    return pr.jid;
  }

  private Prison findForGet(Options opts, Prison mypr, boolean dyingToo) throws Fail {
    Integer last = opts.copyInt("lastjid");
    if (last != null) {
      for (Prison p : byJid.tailMap(last, false).values()) {
        if ((dyingToo || !p.dying) && p.isDescendantOf(mypr)) {
          return p;
        }
      }
      throw Fail.of(Errno.ENOENT, "no jail after " + last);
    }
    Integer jid = opts.copyInt("jid");
    if (jid != null && jid != 0) {
      Prison p = byJid.get(jid);
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
      Prison p = findName(mypr, name);
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
  private void fill(Options opts, Prison mypr, Prison pr) throws Fail {
    Prison parent = pr.parent;
    opts.setInt("jid", pr.jid);
    opts.setInt("parent", parent == null || parent == mypr ? 0 : parent.jid);
    opts.setString("name", relativeName(mypr, pr));
    opts.setInt("cpuset.id", pr.cpusetId);
    opts.setString("path", relativePath(mypr, pr));
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
    if (config.vimage()) {
      opts.setInt("vnet", pr.vnet ? JailFlags.JAIL_SYS_NEW : JailFlags.JAIL_SYS_INHERIT);
    }
    // new and disable share one bit: a restricted jail reads back disable (§3.6)
    opts.setInt("ip4", pr.ip4.user ? JailFlags.JAIL_SYS_DISABLE : JailFlags.JAIL_SYS_INHERIT);
    opts.setInt("ip6", pr.ip6.user ? JailFlags.JAIL_SYS_DISABLE : JailFlags.JAIL_SYS_INHERIT);
    for (int i : params.allowBits()) {
      bool(opts, ParamTable.ALLOW[i], ParamTable.ALLOW_NO[i], (pr.allow & (1L << i)) != 0);
    }
    bool(opts, "dying", "nodying", pr.dying);
    opts.setInt("osreldate", pr.osreldate);
    opts.setString("osrelease", pr.osrelease);

    // module parameters (PR_METHOD_GET)
    String[] sysvNames = {"sysvmsg", "sysvsem", "sysvshm"};
    for (int i = 0; i < 3; i++) {
      if (params.has(sysvNames[i])) {
        opts.setInt(sysvNames[i], pr.sysv[i]);
      }
    }
    if (params.has("linux")) {
      opts.setInt("linux", pr.linuxSys);
      opts.setString("linux.osname", pr.linuxOsname);
      opts.setString("linux.osrelease", pr.linuxOsrelease);
      opts.setInt("linux.oss_version", pr.linuxOssVersion);
    }
    if (params.has("zfs")) {
      opts.setInt("zfs", pr.zfsSys);
      opts.setInt("zfs.mount_snapshot", pr.zfsMountSnapshot);
    }
    String mdo = descriptors ? "mac.do" : "mdo";
    if (params.has(mdo)) {
      opts.setInt(mdo, pr.mdoSys);
      opts.setString(mdo + ".rules", pr.mdoRules);
    }
    if (params.has("meta")) {
      getKeyValues(opts, "meta", pr.meta);
      getKeyValues(opts, "env", pr.env);
    }
  }

  private static byte[] addrs(Prison.IpState ip) {
    byte[] a = ip.addrs;
    return a == null ? new byte[0] : a;
  }

  private static void bool(Options opts, String name, String noName, boolean value) throws Fail {
    opts.setInt(name, value ? 1 : 0);
    opts.setInt(noName, value ? 0 : 1);
  }

  /** {@code meta} as text; {@code meta.KEY} as its value, an unknown key as empty (length 0). */
  private static void getKeyValues(Options opts, String node, String text) throws Fail {
    opts.setString(node, text);
    String prefix = node + ".";
    for (Options.Opt o : opts.all()) {
      if (!o.name.startsWith(prefix) || o.name.length() == prefix.length()) {
        continue;
      }
      String value = keyValue(text, o.name.substring(prefix.length()));
      o.seen = true;
      if (value == null) {
        o.len = 0;
        o.out = null;
      } else {
        opts.setString(o.name, value);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // jail_remove, jail_attach, descriptors (§3.7)

  private void remove(View c, int jid) throws SyscallException {
    synchronized (lock) {
      fault("jail_remove");
      if (!c.privileged) {
        throw new SyscallException("jail_remove", Errno.EPERM);
      }
      Prison p = byJid.get(jid);
      if (p == null || !p.isDescendantOf(c.prison)) {
        throw new SyscallException("jail_remove", Errno.EINVAL);
      }
      if (p.dying) {
        return; // already dying: silently succeeds
      }
      kill(p);
    }
  }

  private void attach(View c, int jid) throws SyscallException {
    synchronized (lock) {
      fault("jail_attach");
      if (!c.privileged) {
        throw new SyscallException("jail_attach", Errno.EPERM);
      }
      Prison p = byJid.get(jid);
      if (p == null || !p.isDescendantOf(c.prison) || p.dying) {
        throw new SyscallException("jail_attach", Errno.EINVAL);
      }
      addProcess(p);
    }
  }

  /**
   * A descriptor from the table: {@code EBADF} for a number that is not open, {@code EINVAL} for
   * the standard descriptors 0-2, which are open but not jail descriptors (jaildesc.c {@code
   * at_desc_bad_fd}).
   */
  private Desc lookupDescriptor(int fd) throws Fail {
    Desc d = descs.get(fd);
    if (d != null) {
      return d;
    }
    throw Fail.of(fd >= 0 && fd <= 2 ? Errno.EINVAL : Errno.EBADF, "not a jail descriptor");
  }

  private int openDescriptor(Prison p, boolean owning) {
    int fd = 3;
    while (descs.containsKey(fd)) {
      fd++;
    }
    descs.put(fd, new Desc(p, owning));
    p.holds++;
    return fd;
  }

  private Desc descriptor(String syscall, int fd) throws SyscallException {
    if (!descriptors) {
      throw new SyscallException(syscall, Errno.ENOSYS);
    }
    try {
      return lookupDescriptor(fd);
    } catch (Fail f) {
      throw new SyscallException(syscall, f.errno());
    }
  }

  private void attachDescriptor(View c, int fd) throws SyscallException {
    synchronized (lock) {
      if (descriptors) {
        fault("jail_attach_jd");
      }
      Desc d = descriptor("jail_attach_jd", fd);
      if (!c.privileged) {
        throw new SyscallException("jail_attach_jd", Errno.EPERM);
      }
      if (d.prison.dying || byJid.get(d.prison.jid) != d.prison) {
        throw new SyscallException("jail_attach_jd", Errno.ENOENT);
      }
      addProcess(d.prison);
    }
  }

  private void removeDescriptor(View c, int fd) throws SyscallException {
    synchronized (lock) {
      if (descriptors) {
        fault("jail_remove_jd");
      }
      Desc d = descriptor("jail_remove_jd", fd);
      if (!c.privileged) {
        throw new SyscallException("jail_remove_jd", Errno.EPERM);
      }
      if (byJid.get(d.prison.jid) != d.prison) {
        throw new SyscallException("jail_remove_jd", Errno.ENOENT);
      }
      if (!d.prison.dying) {
        kill(d.prison);
      }
    }
  }

  private void closeDescriptor(int fd) throws SyscallException {
    synchronized (lock) {
      Desc d = descs.remove(fd);
      if (d == null || !descriptors) {
        throw new SyscallException("close", Errno.EBADF);
      }
      Prison p = d.prison;
      boolean exists = byJid.get(p.jid) == p;
      if (d.owning && exists && !p.dying) {
        kill(p);
      }
      p.holds--;
      if (exists && byJid.get(p.jid) == p) {
        dropUserRef(p);
      }
    }
  }

  private String rctlCall(View c, RctlCall call, String argument) throws SyscallException {
    synchronized (lock) {
      fault("rctl");
      if (!config.racct()) {
        throw new SyscallException("rctl", Errno.ENOSYS);
      }
      if (!c.privileged || !c.prison.isPrison0()) {
        throw new SyscallException("rctl", Errno.EPERM);
      }
      return rctl.call(call, argument, this::racctSubject);
    }
  }

  /** The usage figures of a jail named or numbered in an rctl subject, or null. */
  private @Nullable String racctSubject(String id) {
    Prison p = null;
    if (isNumeric(id)) {
      p = byJid.get(numericJid(id));
    }
    if (p == null) {
      p = findName(prison0, id);
    }
    if (p == null || p.dying) {
      return null;
    }
    int[] count = {p.pids.size()};
    p.forEachDescendant(d -> count[0] += d.pids.size());
    return Rctl.usage(count[0]);
  }

  /** One caller: a process in some prison, root or not. */
  private final class View implements JailKernel {
    final Prison prison;
    final boolean privileged;

    View(Prison prison, boolean privileged) {
      this.prison = prison;
      this.privileged = privileged;
    }

    @Override
    public int set(IoVec[] iov, int flags) throws SyscallException {
      return Kernel.this.set(this, iov, flags);
    }

    @Override
    public int get(IoVec[] iov, int flags) throws SyscallException {
      return Kernel.this.get(this, iov, flags);
    }

    @Override
    public void remove(int jid) throws SyscallException {
      Kernel.this.remove(this, jid);
    }

    @Override
    public void attach(int jid) throws SyscallException {
      Kernel.this.attach(this, jid);
    }

    @Override
    public void removeDescriptor(int fd) throws SyscallException {
      Kernel.this.removeDescriptor(this, fd);
    }

    @Override
    public void attachDescriptor(int fd) throws SyscallException {
      Kernel.this.attachDescriptor(this, fd);
    }

    @Override
    public void closeDescriptor(int fd) throws SyscallException {
      Kernel.this.closeDescriptor(fd);
    }

    @Override
    public Optional<KernelParam> param(String name) {
      return params.find(name);
    }

    @Override
    public List<KernelParam> params() {
      return params.all();
    }

    @Override
    public HostCapabilities capabilities() {
      return capabilities;
    }

    @Override
    public String rctl(RctlCall call, String argument) throws SyscallException {
      return rctlCall(this, call, argument);
    }

    @Override
    public String toString() {
      return (privileged ? "root" : "user") + " process in jail " + prison.jid;
    }
  }
}
