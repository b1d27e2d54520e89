package org.jail4j.testkit.internal;

import static org.jail4j.spi.JailFlags.ATTACH;
import static org.jail4j.spi.JailFlags.AT_DESC;
import static org.jail4j.spi.JailFlags.CREATE;
import static org.jail4j.spi.JailFlags.GET_DESC;
import static org.jail4j.spi.JailFlags.JAIL_MAX;
import static org.jail4j.spi.JailFlags.OWN_DESC;
import static org.jail4j.spi.JailFlags.UPDATE;
import static org.jail4j.spi.JailFlags.USE_DESC;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jail4j.Errno;
import org.jail4j.FreeBsdVersion;
import org.jail4j.HostCapabilities;
import org.jail4j.spi.JailKernel;
import org.jail4j.spi.KernelParam;
import org.jail4j.spi.RctlCall;
import org.jail4j.spi.SyscallException;
import org.jail4j.testkit.FakeJail;
import org.jspecify.annotations.Nullable;

/**
 * The fake kernel's state and its invariants: the prison tree ({@code allprison}, {@code prison0}),
 * processes, references and the descriptor table. It mirrors the life cycle and lookup parts of
 * kern_jail.c ({@code prison_deref}, {@code prison_proc_free}, {@code prison_remove}, {@code
 * prison_find_child}, {@code prison_find_name}, {@code prison_name}, {@code prison_path}, {@code
 * get_next_prid}). Every entry point takes the one lock; the system calls live in {@link JailSet},
 * {@link JailGet} and {@link JailRemoveAttach}, reached through a {@link CallerView}. The rules
 * follow freebsd-jail-abi.md §2 (transport), §3 (semantics) and §9 (version deltas).
 */
public final class Kernel {
  static final int DESC_FLAGS = USE_DESC | AT_DESC | GET_DESC | OWN_DESC;
  private static final int SIGKILL = 9;

  private static final Set<String> FAULTABLE =
      Set.of(
          "jail_set",
          "jail_get",
          "jail_remove",
          "jail_attach",
          "jail_attach_jd",
          "jail_remove_jd",
          "rctl");

  final KernelConfig config;
  final ParamTable params;
  final Object lock = new Object();
  final Prison prison0;
  final TreeMap<Integer, Prison> byJid = new TreeMap<>();
  final Map<Integer, Proc> procs = new HashMap<>();
  final TreeMap<Integer, Desc> descs = new TreeMap<>();
  private final Map<String, ArrayDeque<Errno>> faults = new HashMap<>();
  final Rctl rctl = new Rctl();
  final HostCapabilities capabilities;
  final JailSet sets = new JailSet(this);
  final SetChecks checks = new SetChecks(this);
  final JailGet gets = new JailGet(this);
  final JailRemoveAttach removes = new JailRemoveAttach(this);

  /** Where system calls are journalled, or null when the kernel keeps no journal. */
  final @Nullable CallJournal journal;

  private final CallerView hostRoot;
  private final CallerView unprivileged;

  // version behaviour (§9)
  final boolean privilegeFirst;
  final int setMask;
  final int getMask;
  final boolean resurrect;
  final boolean callerJailForJidUpdates;
  final boolean descriptors;
  final long allowDifferences;
  final int persistCheckMask;

  /**
   * Jails a 13/14 {@code UPDATE|JAIL_DYING} revived without persist, attach or children: alive with
   * no user reference until something takes and drops one (§3.2/§9 erratum).
   */
  final Set<Prison> revivedWithoutRefs = Collections.newSetFromMap(new IdentityHashMap<>());

  private int lastprid;
  private int lastdeadid;
  int nextCpuset = 2;
  private static final int FIRST_PID = 100;
  private int nextPid = FIRST_PID;

  static final class Proc {
    final int pid;
    Prison prison;
    boolean ignoresSignals;

    Proc(int pid, Prison prison) {
      this.pid = pid;
      this.prison = prison;
    }
  }

  static final class Desc {
    final Prison prison;
    final boolean owning;

    /** Set when the jail started dying: the descriptor dropped its reference (§3.5 erratum). */
    boolean detached;

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
    this(config, null);
  }

  /**
   * A kernel with only prison0 that journals its system calls.
   *
   * @param config the settings
   * @param journal where the calls go, or null for no journal
   */
  public Kernel(KernelConfig config, @Nullable CallJournal journal) {
    this.config = config;
    this.journal = journal;
    this.params = new ParamTable(config);
    FreeBsdVersion v = config.version();
    this.privilegeFirst = v.checksPrivilegeBeforeFlags();
    this.descriptors = v.hasJailDescriptors();
    this.setMask = v.jailSetMask();
    this.getMask = v.jailGetMask();
    this.resurrect = config.resurrectDyingJails();
    this.callerJailForJidUpdates = config.callerJailForJidUpdates();
    long diff = ParamTable.bit("allow.unprivileged_proc_debug");
    if (v.isAtLeast(FreeBsdVersion.V15)) {
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
    p0.osrelease = config.osrelease().isEmpty() ? osrelease(v) : config.osrelease();
    p0.osreldate = config.osreldate() == 0 ? osreldate(v) : config.osreldate();
    p0.cpusetId = 1;
    p0.allow = params.allowMask();
    p0.ip4.saddrsel = true;
    p0.ip6.saddrsel = true;
    ValueParams.prison0Defaults(p0);
    // the host's Linux ABI identity (compat.linux.osname, osrelease, oss_version)
    p0.setValue("linux.osname", "Linux");
    p0.setValue("linux.osrelease", linuxOsrelease(v));
    p0.setValue("linux.oss_version", 0x030600);
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
    this.hostRoot = new CallerView(this, p0, true);
    this.unprivileged = new CallerView(this, p0, false);
  }

  private static String osrelease(FreeBsdVersion v) {
    return switch (v) {
      case V13 -> "13.5-RELEASE";
      case V14 -> "14.3-RELEASE";
      case V15 -> "15.0-RELEASE";
    };
  }

  /** The sample {@code compat.linux.osrelease} of each family's default Linux ABI. */
  private static String linuxOsrelease(FreeBsdVersion v) {
    return switch (v) {
      case V13 -> "5.10.0";
      case V14, V15 -> "5.15.0";
    };
  }

  private static int osreldate(FreeBsdVersion v) {
    return switch (v) {
      case V13 -> 1305000;
      case V14 -> 1403000;
      case V15 -> 1500068;
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
      return new CallerView(this, p, true);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // what a root process inside a jail may do on its side of the host

  /**
   * A live jail's path as the host sees it.
   *
   * @param jid the jail
   * @return the path, or empty when no live jail has that JID
   */
  public Optional<String> livePath(int jid) {
    synchronized (lock) {
      Prison p = byJid.get(jid);
      return p == null || p.dying ? Optional.empty() : Optional.of(p.path);
    }
  }

  /**
   * Whether a live jail has its own network stack ({@code vnet=new}).
   *
   * @param jid the jail
   * @return false also when no live jail has that JID
   */
  public boolean isVnet(int jid) {
    synchronized (lock) {
      Prison p = byJid.get(jid);
      return p != null && !p.dying && p.vnet;
    }
  }

  /**
   * Whether a root process in jail {@code jid} may mount a file system of this type: it needs
   * {@code allow.mount}, {@code allow.mount.FS} and {@code enforce_statfs} below 2, and the type
   * must be one a jail may mount at all (an {@code allow.mount.FS} flag exists; freebsd-jail-abi.md
   * §8, "Mounting").
   *
   * @param jid the jail
   * @param fsType e.g. {@code nullfs}
   * @return whether the mount is allowed
   */
  public boolean mayMount(int jid, String fsType) {
    synchronized (lock) {
      Prison p = byJid.get(jid);
      if (p == null || p.dying || p.enforceStatfs >= 2) {
        return false;
      }
      return hasAllow(p, "allow.mount") && hasAllow(p, "allow.mount." + fsType);
    }
  }

  private static boolean hasAllow(Prison p, String flag) {
    try {
      return (p.allow & ParamTable.bit(flag)) != 0;
    } catch (IllegalArgumentException notAFlag) {
      return false; // no allow.mount.FS: a type jails never mount
    }
  }

  /**
   * A live jail's {@code devfs_ruleset}.
   *
   * @param jid the jail
   * @return the ruleset, or -1 when no live jail has that JID
   */
  public int devfsRuleset(int jid) {
    synchronized (lock) {
      Prison p = byJid.get(jid);
      return p == null || p.dying ? -1 : p.devfsRuleset;
    }
  }

  /**
   * Whether jail {@code jid} is {@code ancestor} or below it.
   *
   * @param ancestor a JID (0 for the host)
   * @param jid a JID
   * @return whether {@code ancestor} sees it
   */
  public boolean isAtOrBelow(int ancestor, int jid) {
    synchronized (lock) {
      if (ancestor == 0) {
        return true;
      }
      for (Prison p = byJid.get(jid); p != null; p = p.parent) {
        if (p.jid == ancestor && !p.isPrison0()) {
          return true;
        }
      }
      return false;
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

  int addProcess(Prison p) {
    int pid = nextPid++;
    procs.put(pid, new Proc(pid, p));
    p.pids.add(pid);
    revivedWithoutRefs.remove(p);
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

  void fault(String syscall) throws SyscallException {
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
        // kern_jail_set bounds an explicit jid only below (EINVAL "negative jid"); JAIL_MAX
        // bounds the JIDs it picks itself (§3.3)
        if (p.jid < 1) {
          fail(who + " has a JID below 1");
        }
        // the ed31b3f4 rule compares jid-keyed updates with the caller's jail, so a grandchild
        // may fall below its parent (§3.4 erratum)
        boolean realParentRule = !callerJailForJidUpdates;
        if (realParentRule && p.securelevel < parent.securelevel) {
          fail(
              who
                  + " has securelevel "
                  + p.securelevel
                  + " below its parent's "
                  + parent.securelevel);
        }
        if (realParentRule && p.enforceStatfs < parent.enforceStatfs) {
          fail(who + " has enforce_statfs below its parent's");
        }
        if (realParentRule && p.childMax != 0 && p.childMax >= parent.childMax) {
          fail(
              who
                  + " has children.max "
                  + p.childMax
                  + " not below its parent's "
                  + parent.childMax);
        }
        if (!p.dying && p.userRefs() == 0 && !revivedWithoutRefs.contains(p)) {
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
      // a 13/14 UPDATE|JAIL_DYING without persist or attach revives a jail without re-claiming
      // its name (§3.2 erratum), so a new jail may hold the same name: only the others must differ
      if (!c.dying && !c.nameUnclaimed && !liveNames.add(c.localName)) {
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
  void dropUserRef(Prison p) {
    Prison cur = p;
    while (cur != null && !cur.isPrison0()) {
      if (cur.userRefs() > 0) {
        return;
      }
      startDying(cur);
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

  /**
   * A jail turns dying: its descriptors are detached and drop their reference, so that they no
   * longer keep it (§3.5 erratum).
   */
  private void startDying(Prison p) {
    p.dying = true;
    revivedWithoutRefs.remove(p);
    for (Desc d : descs.values()) {
      if (d.prison == p && !d.detached) {
        d.detached = true;
        p.holds--;
      }
    }
  }

  /** {@code jail_remove} / {@code PD_KILL}: the subtree turns dying, processes are killed. */
  void kill(Prison p) {
    List<Prison> subtree = new ArrayList<>();
    subtree.add(p);
    p.forEachDescendant(subtree::add);
    for (Prison s : subtree) {
      startDying(s);
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

  /**
   * {@code prison_find_name}: the descendant whose name, as {@code mypr} sees it, is {@code name};
   * a live one preferred. Names are compared whole, as the kernel stores them, so a jail renamed
   * under the caller's jail (§3.4 erratum) is found by its new name only.
   */
  @Nullable Prison findName(Prison mypr, String name) {
    Prison[] found = new Prison[2];
    mypr.forEachDescendant(
        p -> {
          if (found[0] == null && relativeName(mypr, p).equals(name)) {
            if (p.dying) {
              found[1] = p;
            } else {
              found[0] = p;
            }
          }
        });
    return found[0] != null ? found[0] : found[1];
  }

  /** {@code prison_name}: the name as {@code mypr} sees it ("0" for itself). */
  static String relativeName(Prison mypr, Prison pr) {
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
  static String relativePath(Prison mypr, Prison pr) {
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
  int nextPrid() {
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

  /**
   * 15.0: a dying jail holding a requested JID moves to a free JID counted down from the last one
   * given to a dying jail (999999, then 999998, ...; §3.2 erratum). With {@code
   * renumberFromLastDeadId} off the count restarts at 999999 each time.
   */
  void renumberDying(Prison dying) {
    int start = config.renumberFromLastDeadId() && lastdeadid > 1 ? lastdeadid - 1 : JAIL_MAX;
    int jid = start;
    while (jid > 0 && byJid.containsKey(jid)) {
      jid--;
    }
    if (jid == 0) {
      jid = JAIL_MAX;
      while (jid > start && byJid.containsKey(jid)) {
        jid--;
      }
    }
    lastdeadid = jid;
    byJid.remove(dying.jid);
    dying.jid = jid;
    byJid.put(jid, dying);
  }

  // ---------------------------------------------------------------------------------------------
  // descriptor table (§3.7)

  /**
   * A descriptor from the table: {@code EBADF} for a number that is not open, {@code EINVAL} for
   * the standard descriptors 0-2, which are open but not jail descriptors (jaildesc.c {@code
   * at_desc_bad_fd}).
   */
  Desc lookupDescriptor(int fd) throws Fail {
    Desc d = descs.get(fd);
    if (d != null) {
      return d;
    }
    throw Fail.of(fd >= 0 && fd <= 2 ? Errno.EINVAL : Errno.EBADF, "not a jail descriptor");
  }

  int openDescriptor(Prison p, boolean owning) {
    int fd = 3;
    while (descs.containsKey(fd)) {
      fd++;
    }
    Desc d = new Desc(p, owning);
    descs.put(fd, d);
    if (p.dying) {
      d.detached = true; // a descriptor does not keep a dying jail (§3.5 erratum)
    } else {
      p.holds++;
    }
    return fd;
  }

  String rctlCall(CallerView c, RctlCall call, String argument) throws SyscallException {
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
    if (SetChecks.isNumeric(id)) {
      p = byJid.get(SetChecks.numericJid(id));
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
}
