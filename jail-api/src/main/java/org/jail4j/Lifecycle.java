package org.jail4j;

import java.io.IOException;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import org.jail4j.internal.CommandLine;
import org.jail4j.internal.FstabLine;
import org.jail4j.internal.ProcessRun;
import org.jail4j.param.JailParam;
import org.jail4j.param.JailRequest;
import org.jail4j.param.JailSys;
import org.jail4j.spi.CommandSpec;
import org.jail4j.spi.HostSystem;
import org.jail4j.spi.IpAlias;
import org.jail4j.spi.JailFlags;
import org.jail4j.spi.JailKernel;
import org.jail4j.spi.MountRequest;
import org.jail4j.spi.RctlCall;
import org.jail4j.spi.SyscallException;
import org.jspecify.annotations.Nullable;

/**
 * What jail(8) does around the kernel call, over the SPI: the create sequence with rollback and the
 * remove sequence (freebsd-jail-abi.md §6.3). One instance per {@link JailHost}.
 */
final class Lifecycle {

  /** jail(8)'s devfs ruleset when {@code devfs_ruleset} is not set (devfsrules_jail). */
  static final int DEFAULT_DEVFS_RULESET = 4;

  private static final int SIGTERM = 15;

  private final JailHost host;
  private final JailKernel kernel;
  private final HostSystem sys;
  private final AliasClaims claims;

  Lifecycle(JailHost host) {
    this.host = host;
    this.kernel = host.kernel();
    this.sys = host.hostSystem();
    this.claims = AliasClaims.of(sys);
  }

  /**
   * The alias claims of every host system in this JVM (one per system, shared by its hosts). Keyed
   * by the system's identity, held weakly: a host system's own {@code equals}/{@code hashCode} are
   * never called, and a system nobody references any more drops its claims.
   */
  private static final Map<SystemKey, AliasClaims> CLAIMS = new java.util.HashMap<>();

  private static final java.lang.ref.ReferenceQueue<HostSystem> GONE =
      new java.lang.ref.ReferenceQueue<>();

  /** A weak, identity-compared key for {@link #CLAIMS}. */
  private static final class SystemKey extends java.lang.ref.WeakReference<HostSystem> {
    private final int hash;

    SystemKey(HostSystem sys, java.lang.ref.@Nullable ReferenceQueue<HostSystem> queue) {
      super(sys, queue);
      this.hash = System.identityHashCode(sys);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      if (this == o) {
        return true;
      }
      if (!(o instanceof SystemKey)) {
        return false;
      }
      HostSystem mine = get();
      return mine != null && mine == ((SystemKey) o).get();
    }
  }

  /**
   * Which aliases starts in progress on one host system hold, so that a start that fails takes back
   * an alias only when it was not on the interface before any of them, no other start still needs
   * it, and no start that needed it has succeeded (its jail uses it now). Without this two starts
   * of the same address at once both saw it absent, both added it, and the loser's rollback removed
   * the winner's alias. A stop leaves an alias alone while a start holds it. Every check and change
   * of an alias is made under the claims' lock.
   */
  static final class AliasClaims {
    private static final class Claim {
      int holders;
      boolean addedByClaims;
      boolean kept;
    }

    private final Map<IpAlias, Claim> held = new java.util.HashMap<>();

    static AliasClaims of(HostSystem sys) {
      synchronized (CLAIMS) {
        for (Object gone = GONE.poll(); gone != null; gone = GONE.poll()) {
          CLAIMS.remove(gone);
        }
        SystemKey probe = new SystemKey(sys, null);
        AliasClaims c = CLAIMS.get(probe);
        if (c == null) {
          c = new AliasClaims();
          CLAIMS.put(new SystemKey(sys, GONE), c);
        }
        return c;
      }
    }

    /** Adds the alias (a re-add of one already there is harmless) and holds it. */
    synchronized void claim(IpAlias a, HostSystem sys) {
      Claim c = held.get(a);
      boolean fresh = c == null;
      if (c == null) {
        c = new Claim();
        c.addedByClaims = !sys.aliases().contains(a);
      }
      sys.addAlias(a);
      c.holders++;
      if (fresh) {
        held.put(a, c);
      }
    }

    /**
     * Lets go of the alias: {@code started} when the start succeeded (its jail keeps the alias);
     * otherwise the last holder removes it when the claims added it and no holder succeeded.
     */
    synchronized void release(IpAlias a, boolean started, HostSystem sys) {
      Claim c = held.get(a);
      if (c == null) {
        return;
      }
      c.kept |= started;
      c.holders--;
      if (c.holders > 0) {
        return;
      }
      held.remove(a);
      if (c.addedByClaims && !c.kept && sys.aliases().contains(a)) {
        sys.removeAlias(a);
      }
    }

    /** A stop's removal: skipped while a start holds the alias. */
    synchronized void removeUnlessClaimed(IpAlias a, HostSystem sys) {
      if (!held.containsKey(a) && sys.aliases().contains(a)) {
        sys.removeAlias(a);
      }
    }
  }

  // ---- start ------------------------------------------------------------------------------

  RunningJail start(Jail jail) {
    return new Start(jail).run();
  }

  /** One run of the create sequence; remembers what it did so that a failure can undo it. */
  private final class Start {
    private final Jail jail;
    private final List<CommandRun> transcript = new ArrayList<>();
    private final Deque<Undo> undo = new ArrayDeque<>();
    private final List<IpAlias> claimed = new ArrayList<>();
    private @Nullable Integer jid;
    private @Nullable String name;

    Start(Jail jail) {
      this.jail = jail;
      this.name = jail.name().orElse(null);
      this.jid = jail.jid().isPresent() ? jail.jid().getAsInt() : null;
    }

    RunningJail run() {
      checkCapabilities(jail);
      try {
        hooks(JailStep.EXEC_PREPARE, jail.execPrepare());
        if (jail.vnetBridge().isEmpty()) {
          // An address already on the interface (another jail's: two single-address jails may
          // share one, freebsd-jail-abi.md §3.4) is re-added without error; it is not ours to
          // take back when this start fails. Nor is one that another start running at the same
          // time added or also needs: the claims on this host decide (AliasClaims).
          for (IpAlias a : aliasesOf(jail)) {
            step(JailStep.ALIASES, () -> claims.claim(a, sys));
            claimed.add(a);
            undo.push(
                new Undo(
                    JailStep.REMOVE_ALIASES,
                    () -> {
                      claimed.remove(a);
                      claims.release(a, false, sys);
                    }));
          }
        }
        for (Mount m : mountsOf(jail, true)) {
          step(m.step(), () -> sys.mount(m.request()));
          String target = m.request().target();
          undo.push(new Undo(JailStep.UNMOUNT, () -> sys.unmount(target, false)));
        }
        hooks(JailStep.EXEC_PRESTART, jail.execPrestart());
        create();
        for (JailLimit limit : jail.limits()) {
          String rule = limit.rule(jailName());
          step(JailStep.LIMITS, () -> rctl(RctlCall.ADD_RULE, rule));
          undo.push(new Undo(JailStep.REMOVE_LIMITS, () -> rctl(RctlCall.REMOVE_RULE, rule)));
        }
        hooks(JailStep.EXEC_CREATED, jail.execCreated());
        List<String> moveIn = new ArrayList<>(jail.vnetInterfaces());
        Optional<Epair> epair = epairOf(jail, jailName());
        if (epair.isPresent()) {
          Epair e = epair.get();
          String bridge = jail.vnetBridge().orElseThrow();
          step(
              JailStep.VNET_EPAIR,
              () -> {
                removeStale(e);
                sys.createInterface("epair", e.hostEnd());
              });
          undo.push(new Undo(JailStep.DESTROY_EPAIR, () -> sys.destroyInterface(e.hostEnd())));
          step(
              JailStep.VNET_EPAIR,
              () -> {
                sys.ifconfig(List.of(bridge, "addm", e.hostEnd()));
                sys.ifconfig(List.of(e.hostEnd(), "up"));
              });
          moveIn.add(e.jailEnd());
        }
        int id = jidOrFail();
        for (String iface : moveIn) {
          step(JailStep.VNET_INTERFACE, () -> sys.ifconfig(List.of(iface, "vnet", "" + id)));
          undo.push(
              new Undo(
                  JailStep.VNET_INTERFACE, () -> sys.ifconfig(List.of(iface, "-vnet", "" + id))));
        }
        if (epair.isPresent()) {
          for (JailAddress a : jail.vnetAddresses()) {
            List<String> argv = new ArrayList<>(List.of("/sbin/ifconfig", epair.get().jailEnd()));
            argv.add(a.isIpv4() ? "inet" : "inet6");
            argv.add(IpLiterals.format(a.address()) + "/" + prefixOf(a));
            argv.add("alias");
            runCommand(
                JailStep.VNET_CONFIGURE, String.join(" ", argv), CommandSpec.of(argv), false);
          }
        }
        hooks(JailStep.EXEC_START, jail.execStart());
        hooks(JailStep.COMMAND, jail.command());
        hooks(JailStep.EXEC_POSTSTART, jail.execPoststart());
        if (temporaryPersist(jail)) {
          // §6.3 step 11: the jail without processes dies right here, as with jail(8).
          step(
              JailStep.DROP_PERSIST,
              () ->
                  JailRequest.create()
                      .put(JailParam.JID, id)
                      .put(JailParam.PERSIST, false)
                      .set(kernel, JailFlags.UPDATE));
        }
        RunningJail running = new RunningJail(host, id, jailName(), jail, transcript);
        for (IpAlias a : claimed) {
          claims.release(a, true, sys);
        }
        return running;
      } catch (JailStartException e) {
        rollback(e);
        throw e;
      } catch (RuntimeException e) {
        JailStartException wrapped =
            new JailStartException(
                JailStep.CREATE, jid, name, null, null, false, "", String.valueOf(e), e);
        rollback(wrapped);
        throw wrapped;
      }
    }

    private String jailName() {
      if (name != null) {
        return name;
      }
      return jid == null ? "" : Integer.toString(jid);
    }

    private int jidOrFail() {
      Integer j = jid;
      if (j == null) {
        throw new IllegalStateException("no JID before creation");
      }
      return j;
    }

    private void create() {
      Optional<String> path = jail.path();
      if (path.isPresent()) {
        String p = path.get();
        Optional<Errno> problem = sys.checkDirectory(p);
        if (problem.isPresent()) {
          throw new JailStartException(
              JailStep.CREATE,
              jid,
              name,
              null,
              null,
              false,
              "",
              "path " + p + ": " + problem.get().message(),
              null);
        }
      }
      Jail k = jail;
      if (temporaryPersist(jail)) {
        k = Jail.builder().from(k).persist(true).build();
      }
      Jail request = k;
      step(
          JailStep.CREATE,
          () -> {
            int created = JailRequest.forJail(request).set(kernel, JailFlags.CREATE);
            jid = created;
            if (name == null) {
              name = Integer.toString(created);
            }
          });
      int created = jidOrFail();
      undo.push(new Undo(JailStep.REMOVE, () -> removeQuietly(created)));
    }

    private void hooks(JailStep step, List<String> commands) {
      for (String line : commands) {
        CommandLine cl = CommandLine.parse(line);
        if (cl.isEmpty()) {
          continue;
        }
        CommandSpec spec = commandSpec(jail, step, cl, jid, jailName());
        runCommand(step, line, spec, cl.background());
      }
    }

    private void runCommand(JailStep step, String line, CommandSpec spec, boolean background) {
      CommandRun r = Lifecycle.this.runCommand(jail, step, line, spec, background, jid, name, true);
      transcript.add(r);
    }

    private void step(JailStep step, Action action) {
      try {
        action.run();
      } catch (JailStartException e) {
        throw e;
      } catch (JailException e) {
        throw new JailStartException(step, jid, name, null, null, false, "", stepDetail(e), e);
      } catch (SyscallException e) {
        JailException k = JailException.fromErrno(e.syscall(), jid, name, e.errno(), null);
        throw new JailStartException(step, jid, name, null, null, false, "", stepDetail(k), k);
      } catch (Exception e) {
        throw new JailStartException(step, jid, name, null, null, false, "", String.valueOf(e), e);
      }
    }

    private void rollback(JailStartException failure) {
      while (!undo.isEmpty()) {
        Undo u = undo.pop();
        try {
          u.action().run();
        } catch (Exception e) {
          failure.addSuppressed(
              new JailException(
                  "rollback " + u.step().parameter(), jid, name, null, null, String.valueOf(e), e));
        }
      }
    }
  }

  /** The text of a failed SPI call for a step exception: the kernel's message or the errno. */
  private static String stepDetail(JailException e) {
    return e.kernelMessage().orElse(String.valueOf(e.getMessage()));
  }

  /** A step's work, which may fail in any of the SPI's ways. */
  @FunctionalInterface
  private interface Action {
    void run() throws Exception;
  }

  /** How to undo one thing the start did. */
  private record Undo(JailStep step, Action action) {}

  // ---- stop -------------------------------------------------------------------------------

  /**
   * The remove sequence. A failure before the jail is removed stops the sequence (the jail keeps
   * running); after removal every clean-up step is attempted and failures are reported together.
   */
  void stop(int jid, String jailName, @Nullable Jail config, List<CommandRun> transcript) {
    Jail jail = config != null ? config : Jail.builder().name(jailName).build();
    String name = jailName;
    boolean alive = isAlive(jid);
    if (alive) {
      for (String line : jail.execPrestop()) {
        stopHook(jail, JailStep.EXEC_PRESTOP, line, jid, name, transcript);
      }
      for (String line : jail.execStop()) {
        stopHook(jail, JailStep.EXEC_STOP, line, jid, name, transcript);
      }
      Duration timeout = jail.stopTimeout();
      if (!timeout.isZero() && !timeout.isNegative()) {
        try {
          terminate(jid, timeout);
        } catch (IOException e) {
          throw new JailStopException(
              JailStep.STOP_TIMEOUT, jid, name, null, null, false, "", String.valueOf(e), e);
        }
      }
      try {
        kernel.remove(jid);
      } catch (SyscallException e) {
        // EINVAL: the jail went away on its own (its last process exited) - nothing to remove.
        if (e.errno() != Errno.EINVAL) {
          JailException k = JailException.fromErrno("jail_remove", jid, name, e.errno(), null);
          throw new JailStopException(
              JailStep.REMOVE, jid, name, null, null, false, "", stepDetail(k), k);
        }
      }
    }
    List<JailStopException> failures = new ArrayList<>();
    for (String line : jail.execPoststop()) {
      try {
        stopHook(jail, JailStep.EXEC_POSTSTOP, line, jid, name, transcript);
      } catch (JailStopException e) {
        failures.add(e);
      }
    }
    List<Mount> mounts;
    try {
      mounts = mountsOf(jail, false);
    } catch (RuntimeException e) {
      mounts = List.of();
    }
    List<String> mounted = new ArrayList<>();
    for (MountRequest m : sys.mounts()) {
      mounted.add(m.target());
    }
    for (int i = mounts.size() - 1; i >= 0; i--) {
      String target = mounts.get(i).request().target();
      if (mounted.contains(target)) {
        cleanup(failures, JailStep.UNMOUNT, jid, name, () -> sys.unmount(target, false));
      }
    }
    if (jail.vnetBridge().isEmpty()) {
      for (IpAlias a : aliasesOf(jail)) {
        cleanup(
            failures, JailStep.REMOVE_ALIASES, jid, name, () -> claims.removeUnlessClaimed(a, sys));
      }
    }
    for (JailLimit limit : jail.limits()) {
      String rule = limit.rule(name);
      cleanup(failures, JailStep.REMOVE_LIMITS, jid, name, () -> removeRule(rule));
    }
    Optional<Epair> epair = epairOf(jail, name);
    if (epair.isPresent()) {
      Epair e = epair.get();
      cleanup(failures, JailStep.DESTROY_EPAIR, jid, name, () -> removeStale(e));
    }
    for (String line : jail.execRelease()) {
      try {
        stopHook(jail, JailStep.EXEC_RELEASE, line, jid, name, transcript);
      } catch (JailStopException e) {
        failures.add(e);
      }
    }
    if (!failures.isEmpty()) {
      JailStopException first = failures.get(0);
      for (int i = 1; i < failures.size(); i++) {
        first.addSuppressed(failures.get(i));
      }
      throw first;
    }
  }

  private void stopHook(
      Jail jail, JailStep step, String line, int jid, String name, List<CommandRun> transcript) {
    CommandLine cl = CommandLine.parse(line);
    if (cl.isEmpty()) {
      return;
    }
    CommandSpec spec = commandSpec(jail, step, cl, jid, name);
    transcript.add(runCommand(jail, step, line, spec, cl.background(), jid, name, false));
  }

  private void cleanup(
      List<JailStopException> failures, JailStep step, int jid, String name, Action action) {
    try {
      action.run();
    } catch (Exception e) {
      Throwable cause = e;
      String detail = String.valueOf(e);
      if (e instanceof SyscallException s) {
        JailException k = JailException.fromErrno(s.syscall(), jid, name, s.errno(), null);
        cause = k;
        detail = stepDetail(k);
      } else if (e instanceof JailException k) {
        detail = stepDetail(k);
      }
      failures.add(new JailStopException(step, jid, name, null, null, false, "", detail, cause));
    }
  }

  /** SIGTERM to every process of the jail, then wait until they are gone or the time is up. */
  private void terminate(int jid, Duration timeout) throws IOException {
    if (sys.jailProcesses(jid).isEmpty()) {
      return;
    }
    sys.signalJail(jid, SIGTERM);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!sys.jailProcesses(jid).isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for jail " + jid + " to stop", e);
      }
    }
  }

  private void removeRule(String rule) throws SyscallException {
    try {
      kernel.rctl(RctlCall.REMOVE_RULE, rule);
    } catch (SyscallException e) {
      // ESRCH: no such rule (already gone, e.g. removed with the jail) - nothing to do.
      if (e.errno() != Errno.ESRCH) {
        throw e;
      }
    }
  }

  // ---- shared pieces ----------------------------------------------------------------------

  boolean isAlive(int jid) {
    try {
      JailRequest.create().put(JailParam.JID, jid).get(kernel, 0);
      return true;
    } catch (JailNotFoundException e) {
      return false;
    }
  }

  private void removeQuietly(int jid) throws SyscallException {
    try {
      kernel.remove(jid);
    } catch (SyscallException e) {
      if (e.errno() != Errno.EINVAL) {
        throw e;
      }
    }
  }

  private void rctl(RctlCall call, String rule) throws SyscallException {
    kernel.rctl(call, rule);
  }

  /**
   * Before anything is done: a jail that needs VIMAGE or RACCT on a host without them fails with
   * that reason instead of a kernel errno halfway through.
   */
  void checkCapabilities(Jail jail) {
    String jailName = jail.name().orElse(null);
    if (jail.ipHostname()) {
      throw new InvalidJailParameterException(
          "start",
          jailName,
          "ip_hostname",
          "jail4j never resolves host names through DNS; give the addresses in ip4.addr /"
              + " ip6.addr");
    }
    if (!jail.zfsDatasets().isEmpty()) {
      throw new UnsupportedHostException(
          "start " + (jailName == null ? "jail" : jailName) + ": zfs.dataset",
          "attaching ZFS datasets (FreeBSD 15's zfs.dataset) is not supported by the lifecycle;"
              + " run \"zfs jail $JID DATASET\" in exec.created instead");
    }
    if (jail.allowDying()) {
      throw new InvalidJailParameterException(
          "start",
          jailName,
          "allow.dying",
          "reviving a dying jail is not supported (FreeBSD 15 ignores it; on 13/14 remove the"
              + " dying jail's JID from the configuration or wait until it is gone)");
    }
    HostCapabilities caps = host.capabilities();
    boolean vnet = jail.get(JailParam.VNET).map(v -> v == JailSys.NEW).orElse(false);
    if (vnet) {
      caps.whyNoVnet()
          .ifPresent(
              r -> {
                throw new UnsupportedHostException(
                    "start " + jail.name().orElse("jail") + ": vnet", r);
              });
    }
    if (jail.vnetBridge().isPresent() && !vnet) {
      throw new InvalidJailParameterException(
          "start", jail.name().orElse(null), "vnet.bridge", "needs vnet = new");
    }
    if (!jail.vnetAddresses().isEmpty() && jail.vnetBridge().isEmpty()) {
      throw new InvalidJailParameterException(
          "start",
          jail.name().orElse(null),
          "vnet.addresses",
          "are given to the epair jail4j makes for vnet.bridge; set a bridge");
    }
    if (!jail.limits().isEmpty()) {
      caps.whyNoLimits()
          .ifPresent(
              r -> {
                throw new UnsupportedHostException(
                    "start " + jail.name().orElse("jail") + ": limits", r);
              });
    }
  }

  static boolean temporaryPersist(Jail jail) {
    return !jail.persist()
        && (!jail.execStart().isEmpty()
            || !jail.command().isEmpty()
            || !jail.execPoststart().isEmpty());
  }

  /**
   * The aliases jail(8) adds: an address with {@code IFACE|} or any address when {@code interface}
   * is set.
   */
  static List<IpAlias> aliasesOf(Jail jail) {
    List<IpAlias> out = new ArrayList<>();
    for (JailAddress a : jail.addresses()) {
      Optional<String> iface = a.ifaceName().or(jail::iface);
      if (iface.isPresent()) {
        out.add(new IpAlias(iface.get(), a.address(), prefixOf(a)));
      }
    }
    return out;
  }

  /** jail(8): netmask 255.255.255.255 / prefixlen 128 when none is given. */
  static int prefixOf(JailAddress a) {
    return a.prefixLength().orElse(a.address() instanceof Inet4Address ? 32 : 128);
  }

  /** One mount of the create sequence and the step that makes it. */
  record Mount(JailStep step, MountRequest request) {}

  /**
   * Every mount in jail(8)'s order: {@code mount} lines, {@code mount.fstab} lines, devfs, fdescfs,
   * procfs.
   *
   * @param strict true when starting: a bad line or an unreadable fstab fails; false when stopping:
   *     they are skipped
   */
  List<Mount> mountsOf(Jail jail, boolean strict) {
    List<Mount> out = new ArrayList<>();
    String jname = jail.name().orElse(null);
    for (String line : jail.mounts()) {
      fstabLine(out, JailStep.MOUNT, "mount", line, jail, strict);
    }
    if (jail.mountFstab().isPresent()) {
      String file = jail.mountFstab().get();
      List<String> lines;
      try {
        lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
      } catch (IOException | RuntimeException e) {
        if (strict) {
          throw new JailStartException(
              JailStep.MOUNT_FSTAB,
              null,
              jname,
              null,
              null,
              false,
              "",
              "mount.fstab: " + file + ": " + e.getMessage(),
              e);
        }
        lines = List.of();
      }
      for (String line : lines) {
        fstabLine(out, JailStep.MOUNT_FSTAB, "mount.fstab", line, jail, strict);
      }
    }
    boolean anyFs = jail.mountDevfs() || jail.mountFdescfs() || jail.mountProcfs();
    if (anyFs && jail.path().isEmpty()) {
      if (strict) {
        String which =
            jail.mountDevfs()
                ? "mount.devfs"
                : jail.mountFdescfs() ? "mount.fdescfs" : "mount.procfs";
        throw new JailStartException(
            JailStep.MOUNT_DEVFS, null, jname, null, null, false, "", which + ": no path", null);
      }
      return out;
    }
    String path = jail.path().orElse("");
    if (jail.mountDevfs()) {
      int ruleset = jail.get(JailParam.DEVFS_RULESET).orElse(DEFAULT_DEVFS_RULESET);
      out.add(new Mount(JailStep.MOUNT_DEVFS, MountRequest.devfs(path + "/dev", ruleset)));
    }
    if (jail.mountFdescfs()) {
      out.add(
          new Mount(
              JailStep.MOUNT_FDESCFS,
              new MountRequest("fdescfs", "fdesc", path + "/dev/fd", List.of(), null)));
    }
    if (jail.mountProcfs()) {
      out.add(
          new Mount(
              JailStep.MOUNT_PROCFS,
              new MountRequest("procfs", "proc", path + "/proc", List.of(), null)));
    }
    return out;
  }

  private static void fstabLine(
      List<Mount> out, JailStep step, String param, String line, Jail jail, boolean strict) {
    try {
      Optional<FstabLine> f = FstabLine.parse(line);
      if (f.isEmpty()) {
        return;
      }
      if (!f.get().mountPoint().startsWith("/")) {
        throw new IllegalArgumentException(f.get().mountPoint() + ": not an absolute pathname");
      }
      out.add(new Mount(step, f.get().toMountRequest()));
    } catch (IllegalArgumentException e) {
      if (strict) {
        throw new JailStartException(
            step,
            null,
            jail.name().orElse(null),
            null,
            null,
            false,
            "",
            param + ": " + e.getMessage(),
            e);
      }
    }
  }

  /** The epair of a bridged vnet jail. */
  record Epair(String hostEnd, String jailEnd) {
    String base() {
      return hostEnd.substring(0, hostEnd.length() - 1);
    }
  }

  /**
   * The epair names for a bridged vnet jail, derived from its name so that a restart (new JID) or a
   * crash finds and reuses the same names: {@code e<name>_a} / {@code e<name>_b}, or a CRC of the
   * name when it is long or has characters interface names cannot hold (IFNAMSIZ is 16).
   */
  static Optional<Epair> epairOf(Jail jail, String jailName) {
    if (jail.vnetBridge().isEmpty()) {
      return Optional.empty();
    }
    String token = jailName;
    if (!token.matches("[A-Za-z0-9]{1,11}")) {
      CRC32 crc = new CRC32();
      crc.update(jailName.getBytes(StandardCharsets.UTF_8));
      token = String.format(java.util.Locale.ROOT, "%08x", crc.getValue());
    }
    return Optional.of(new Epair("e" + token + "_a", "e" + token + "_b"));
  }

  /** Destroys an epair left by a crashed run (either end destroys both). */
  private void removeStale(Epair e) {
    List<String> present = sys.interfaces();
    if (present.contains(e.hostEnd())) {
      sys.destroyInterface(e.hostEnd());
    } else if (present.contains(e.jailEnd())) {
      sys.destroyInterface(e.jailEnd());
    }
  }

  /**
   * The spec for one command: host hooks get {@code JID}, {@code JNAME}, {@code JPATH} and run as
   * {@code exec.system_user}; in-jail commands run as {@code exec.jail_user} (looked up in the
   * host's passwd with {@code exec.system_jail_user}); {@code exec.clean} gives both a clean
   * environment.
   */
  static CommandSpec commandSpec(
      Jail jail, JailStep step, CommandLine cl, @Nullable Integer jid, String name) {
    CommandSpec spec = CommandSpec.of(cl.argv()).withCleanEnvironment(jail.execClean());
    if (step.inJail()) {
      if (jail.execFib().isPresent()) {
        // jail(8) calls setfib(2) before it execs an in-jail command; setfib(1) inside the jail
        // does the same for the command it runs.
        List<String> argv = new ArrayList<>();
        argv.add("/usr/sbin/setfib");
        argv.add(Integer.toString(jail.execFib().getAsInt()));
        argv.addAll(cl.argv());
        spec = CommandSpec.of(argv).withCleanEnvironment(jail.execClean());
      }
      if (jail.execJailUser().isPresent()) {
        String user = jail.execJailUser().get();
        spec = jail.execSystemJailUser() ? spec.withHostUser(user) : spec.withJailUser(user);
      }
      return spec;
    }
    Map<String, String> env = new LinkedHashMap<>();
    env.put("JID", jid == null ? "" : Integer.toString(jid));
    env.put("JNAME", name);
    env.put("JPATH", jail.path().orElse(""));
    spec = spec.withEnvironment(env);
    if (jail.execSystemUser().isPresent()) {
      spec = spec.withHostUser(jail.execSystemUser().get());
    }
    return spec;
  }

  /**
   * Runs one command of a step: on the host, or inside the jail through {@code
   * HostSystem.startInJail}; waits up to {@code exec.timeout}; appends in-jail output to {@code
   * exec.consolelog}; fails on a non-zero exit.
   */
  CommandRun runCommand(
      Jail jail,
      JailStep step,
      String line,
      CommandSpec spec,
      boolean background,
      @Nullable Integer jid,
      @Nullable String name,
      boolean starting) {
    Process p;
    try {
      if (step.inJail()) {
        if (jid == null) {
          throw new IOException("no jail to run in");
        }
        p = sys.startInJail(jid, spec);
      } else {
        p = sys.startOnHost(spec);
      }
    } catch (IOException | RuntimeException e) {
      throw failure(
          starting,
          step,
          jid,
          name,
          line,
          null,
          false,
          "",
          "exec " + line + ": " + e.getMessage(),
          e);
    }
    if (background) {
      ProcessRun.detach(p);
      return new CommandRun(step, line, 0, "", "");
    }
    ProcessRun r;
    try {
      r = ProcessRun.await(p, jail.execTimeout().orElse(null));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(starting, step, jid, name, line, null, false, "", line + ": interrupted", e);
    }
    if (step.inJail() && jail.execConsolelog().isPresent()) {
      String log = jail.execConsolelog().get();
      try {
        Files.writeString(
            Path.of(log),
            r.stdout() + r.stderr(),
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      } catch (IOException | RuntimeException e) {
        throw failure(
            starting,
            step,
            jid,
            name,
            line,
            r.exitCode(),
            false,
            r.stdout() + r.stderr(),
            "open " + log + ": " + e.getMessage(),
            e);
      }
    }
    CommandRun run =
        new CommandRun(step, line, r.timedOut() ? -1 : r.exitCode(), r.stdout(), r.stderr());
    if (r.timedOut()) {
      throw failure(
          starting, step, jid, name, line, null, true, run.output(), line + ": timed out", null);
    }
    if (r.exitCode() != 0) {
      throw failure(
          starting,
          step,
          jid,
          name,
          line,
          r.exitCode(),
          false,
          run.output(),
          line + ": failed (exit status " + r.exitCode() + ")",
          null);
    }
    return run;
  }

  private static JailStepException failure(
      boolean starting,
      JailStep step,
      @Nullable Integer jid,
      @Nullable String name,
      String line,
      @Nullable Integer exit,
      boolean timedOut,
      String output,
      String detail,
      @Nullable Throwable cause) {
    return starting
        ? new JailStartException(step, jid, name, line, exit, timedOut, output, detail, cause)
        : new JailStopException(step, jid, name, line, exit, timedOut, output, detail, cause);
  }
}
