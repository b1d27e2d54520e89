package org.jail4j.testkit;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jail4j.Errno;
import org.jail4j.FreeBsdVersion;
import org.jail4j.HostCapabilities;
import org.jail4j.spi.IoVec;
import org.jail4j.spi.JailKernel;
import org.jail4j.spi.KernelParam;
import org.jail4j.spi.RctlCall;
import org.jail4j.spi.SyscallException;
import org.jail4j.testkit.internal.CallJournal;
import org.jail4j.testkit.internal.Kernel;
import org.jail4j.testkit.internal.KernelConfig;
import org.jspecify.annotations.Nullable;

/**
 * An in-memory FreeBSD kernel for jails: {@code jail_set(2)}, {@code jail_get(2)}, {@code
 * jail_remove(2)}, {@code jail_attach(2)}, the 15.0 jail descriptors, {@code security.jail.param.*}
 * and {@code rctl(4)}, enforcing the rules of freebsd-jail-abi.md §2-§3 and §9 on the same bytes a
 * real kernel reads. This object is the host's root process in prison0; {@link #asProcessIn(int)}
 * and {@link #asUnprivileged()} give other callers.
 *
 * <pre>{@code
 * FakeJailKernel kernel = FakeJailKernel.builder()
 *     .version(FreeBsdVersion.V15).modules("zfs", "linux").paths(PathCheck.anyDirectory()).build();
 * int jid = kernel.set(new IoVec[] {
 *     IoVec.name("name"), IoVec.string("web"), IoVec.name("persist"), IoVec.empty()},
 *     JailFlags.CREATE);
 * kernel.checkInvariants();
 * }</pre>
 *
 * <p>Safe for concurrent use: every call takes one lock.
 */
public final class FakeJailKernel implements JailKernel {

  private final Kernel kernel;
  private final JailKernel root;
  private final @Nullable Journal journal;

  private FakeJailKernel(KernelConfig config, boolean withJournal) {
    this.journal = withJournal ? new Journal() : null;
    Journal j = journal;
    this.kernel = new Kernel(config, j == null ? null : new CallJournal(j::add));
    this.root = kernel.hostRoot();
  }

  /**
   * A FreeBSD 14 kernel with no optional modules, VIMAGE and RACCT enabled, and paths checked on
   * the real file system.
   *
   * @return the kernel
   */
  public static FakeJailKernel create() {
    return builder().build();
  }

  /**
   * A builder for a kernel of another version, module set, or path check.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** The FreeBSD behaviour this kernel follows. */
  public FreeBsdVersion version() {
    return kernel.config().version();
  }

  /** How this kernel looks a jail's {@code path} up ({@link Builder#paths(PathCheck)}). */
  public PathCheck paths() {
    return kernel.config().paths();
  }

  @Override
  public int set(IoVec[] iov, int flags) throws SyscallException {
    return root.set(iov, flags);
  }

  @Override
  public int get(IoVec[] iov, int flags) throws SyscallException {
    return root.get(iov, flags);
  }

  @Override
  public void remove(int jid) throws SyscallException {
    root.remove(jid);
  }

  @Override
  public void attach(int jid) throws SyscallException {
    root.attach(jid);
  }

  @Override
  public void removeDescriptor(int fd) throws SyscallException {
    root.removeDescriptor(fd);
  }

  @Override
  public void attachDescriptor(int fd) throws SyscallException {
    root.attachDescriptor(fd);
  }

  @Override
  public void closeDescriptor(int fd) throws SyscallException {
    root.closeDescriptor(fd);
  }

  @Override
  public Optional<KernelParam> param(String name) {
    return kernel.params().find(name);
  }

  @Override
  public List<KernelParam> params() {
    return kernel.params().all();
  }

  @Override
  public HostCapabilities capabilities() {
    return kernel.capabilities();
  }

  @Override
  public String rctl(RctlCall call, String argument) throws SyscallException {
    return root.rctl(call, argument);
  }

  /**
   * The journal of this kernel's system calls and of the steps of every {@link FakeHostSystem} made
   * over it, in order ({@link Journal}).
   *
   * <pre>{@code
   * FakeJailKernel kernel = FakeJailKernel.builder().journal(true).build();
   * kernel.set(iov, JailFlags.CREATE);
   * assertThat(kernel.journal().kernelCalls("jail_set")).hasSize(1);
   * }</pre>
   *
   * @return the journal
   * @throws IllegalStateException when the kernel was built without one (the default outside
   *     {@code @FakeJails}), so that an assertion never passes on an empty journal by mistake
   */
  public Journal journal() {
    Journal j = journal;
    if (j == null) {
      throw new IllegalStateException(
          "this FakeJailKernel keeps no journal: build it with FakeJailKernel.builder()"
              + ".journal(true), or use @FakeJails (journal = true is its default)");
    }
    return j;
  }

  /** The journal, or null when the kernel keeps none (for the host's steps). */
  @Nullable Journal journalOrNull() {
    return journal;
  }

  Optional<String> livePath(int jid) {
    return kernel.livePath(jid);
  }

  boolean isVnet(int jid) {
    return kernel.isVnet(jid);
  }

  boolean mayMount(int jid, String fsType) {
    return kernel.mayMount(jid, fsType);
  }

  int devfsRuleset(int jid) {
    return kernel.devfsRuleset(jid);
  }

  boolean isAtOrBelow(int ancestor, int jid) {
    return kernel.isAtOrBelow(ancestor, jid);
  }

  /**
   * The same kernel as seen by a root process attached to a jail: it sees only the jail's
   * descendants, names and paths relative to the jail, and is refused what a jailed root is refused
   * (freebsd-jail-abi.md §3, §8). The view is not itself counted as a process of the jail. For a
   * whole {@code JailHost} inside a jail, see {@link FakeJailProvider#inJail(int)}.
   *
   * @param jid a live jail
   * @return the view
   * @throws IllegalArgumentException when no live jail has that JID
   */
  public JailKernel asProcessIn(int jid) {
    return kernel.jailedRoot(jid);
  }

  /**
   * The same kernel as seen by a non-root process on the host: {@code jail_get} works, {@code
   * jail_set}, {@code jail_remove}, {@code jail_attach} and rctl changes fail with {@code EPERM} in
   * the order the version checks privilege (§9).
   *
   * @return the view
   */
  public JailKernel asUnprivileged() {
    return kernel.unprivileged();
  }

  /**
   * A new process enters the jail, as {@code jexec} or {@code jail_attach} does.
   *
   * @param jid the jail
   * @return the new process id
   * @throws SyscallException {@code EINVAL} when no live jail has that JID
   */
  public int spawn(int jid) throws SyscallException {
    return kernel.spawn(jid);
  }

  /**
   * The process exits; a jail left without {@code persist}, processes or children dies (§3.5). A
   * process that was already killed (by {@code jail_remove} or a signal) exits quietly.
   *
   * @param pid a process id from {@link #spawn(int)} or an attach
   * @throws IllegalArgumentException when no process ever had that id
   */
  public void exit(int pid) {
    kernel.exit(pid);
  }

  /**
   * Whether a process is still running: false once it exited or was killed.
   *
   * @param pid a process id
   * @return whether it runs
   */
  public boolean running(int pid) {
    return kernel.running(pid);
  }

  /**
   * The process ids in a jail (not in its children), in the order they entered.
   *
   * @param jid the jail
   * @return the process ids, empty for an unknown jail
   */
  public List<Integer> processes(int jid) {
    return kernel.processes(jid);
  }

  /**
   * Sends a signal to every process of a jail: {@code SIGKILL} (9) ends them all, any other signal
   * ends those that do not {@linkplain #ignoreSignals(int) ignore signals}.
   *
   * @param jid the jail
   * @param signal the signal number, e.g. 15 for {@code SIGTERM}
   */
  public void signal(int jid, int signal) {
    kernel.signal(jid, signal);
  }

  /**
   * Makes a process survive every signal except {@code SIGKILL}, like a daemon that ignores {@code
   * SIGTERM}.
   *
   * @param pid the process
   * @throws IllegalArgumentException when no such process exists
   */
  public void ignoreSignals(int pid) {
    kernel.ignoreSignals(pid);
  }

  /**
   * Takes a plain reference on a jail (as an open socket or a process credential does): once dying,
   * the jail is not freed until the reference is closed, so it stays visible with {@code
   * JAIL_DYING} (§3.5). Without references a dying jail is freed at once. The reference follows the
   * jail, also when 15.0 renumbers it.
   *
   * <pre>{@code
   * try (FakeJailKernel.Hold ref = kernel.hold(jid)) {
   *   kernel.remove(jid);          // dying, still there
   * }                              // freed here
   * }</pre>
   *
   * @param jid the jail
   * @return the reference; closing it (again) is harmless
   * @throws IllegalArgumentException when no jail has that JID
   */
  public Hold hold(int jid) {
    Runnable release = kernel.hold(jid);
    return release::run;
  }

  /**
   * Drops one reference taken with {@link #hold(int)} on the jail that now has this JID (for
   * callers that keep JIDs rather than {@link Hold}s; do not also close that {@code Hold}). A dying
   * jail with no references left is freed.
   *
   * @param jid the jail
   * @throws IllegalArgumentException when no jail with that JID is held
   */
  public void release(int jid) {
    kernel.release(jid);
  }

  /**
   * A plain reference on a jail taken with {@link #hold(int)}.
   *
   * <pre>{@code
   * FakeJailKernel.Hold ref = kernel.hold(jid);
   * ref.close();
   * }</pre>
   */
  @FunctionalInterface
  public interface Hold extends AutoCloseable {
    /** Drops the reference; a dying jail with no references left is freed. */
    @Override
    void close();
  }

  /**
   * Every jail, live and dying, in JID order, as the host sees them.
   *
   * @return the snapshot
   */
  public List<FakeJail> jails() {
    return kernel.jails();
  }

  /**
   * One jail by JID, live or dying.
   *
   * @param jid the JID
   * @return the snapshot, or empty
   */
  public Optional<FakeJail> jail(int jid) {
    return kernel.jail(jid);
  }

  /**
   * The rctl rules currently recorded, in the order they were added.
   *
   * @return the rules
   */
  public List<String> rctlRules() {
    return kernel.rctlRules();
  }

  /**
   * Checks the kernel's invariants: live JIDs unique, names unique among live siblings, {@code
   * children.cur} equal to the live and dying descendants, securelevel and enforce_statfs never
   * below the parent's, no live jail without persist, processes or children, and process
   * bookkeeping consistent.
   *
   * @throws IllegalStateException describing the first broken invariant
   */
  public void checkInvariants() {
    kernel.checkInvariants();
  }

  /**
   * Makes the next call of a system call fail with an errno, without doing anything (no errmsg is
   * written). Several calls queue up.
   *
   * @param syscall {@code jail_set}, {@code jail_get}, {@code jail_remove}, {@code jail_attach},
   *     {@code jail_attach_jd}, {@code jail_remove_jd} or {@code rctl}
   * @param errno the errno to fail with
   * @throws IllegalArgumentException for another syscall name
   */
  public void failNext(String syscall, Errno errno) {
    kernel.failNext(syscall, errno);
  }

  @Override
  public String toString() {
    return "FakeJailKernel[" + version() + ", " + kernel.jails().size() + " jails]";
  }

  /**
   * Configures a {@link FakeJailKernel}.
   *
   * <pre>{@code
   * FakeJailKernel kernel = FakeJailKernel.builder()
   *     .version(FreeBsdVersion.V13).modules("sysvmsg", "nullfs").racct(false).build();
   * }</pre>
   */
  public static final class Builder {
    private FreeBsdVersion version = FreeBsdVersion.V14;
    private final Set<String> modules = new LinkedHashSet<>();
    private boolean vimage = true;
    private boolean racct = true;
    private PathCheck paths = PathCheck.realFileSystem();
    private final Set<String> addedParams = new LinkedHashSet<>();
    private final Set<String> removedParams = new LinkedHashSet<>();
    private Optional<Boolean> resurrectDyingJails = Optional.empty();
    private boolean persistCheckOnCreateUpdate = true;
    private Optional<Boolean> callerJailForJidUpdates = Optional.empty();
    private boolean renumberFromLastDeadId = true;
    private int securelevel = -1;
    private String hostname = "fakehost";
    private int lastJid;
    private String osrelease = "";
    private int osreldate;
    private boolean journal;

    private Builder() {}

    /**
     * The FreeBSD behaviour to follow (default {@link FreeBsdVersion#V14}).
     *
     * @param version the version
     * @return this builder
     */
    public Builder version(FreeBsdVersion version) {
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    /**
     * Kernel modules that are loaded, adding their jail parameters: {@code linux}, {@code sysvmsg},
     * {@code sysvsem}, {@code sysvshm}, {@code zfs}, {@code vmm}, {@code mac_do}, and the file
     * systems {@code fdescfs}, {@code nullfs}, {@code procfs}, {@code linprocfs}, {@code linsysfs},
     * {@code tmpfs}, {@code fusefs}, {@code p9fs} (each adds {@code allow.mount.FS}). {@code
     * allow.mount.devfs} always exists.
     *
     * @param names module names
     * @return this builder
     * @throws IllegalArgumentException for a module the fake does not know
     */
    public Builder modules(String... names) {
      return modules(List.of(names));
    }

    /**
     * As {@link #modules(String...)}.
     *
     * @param names module names
     * @return this builder
     */
    public Builder modules(Collection<String> names) {
      for (String n : names) {
        if (!KernelConfig.KNOWN_MODULES.contains(n)) {
          throw new IllegalArgumentException(
              "unknown module " + n + "; known: " + KernelConfig.KNOWN_MODULES);
        }
        modules.add(n);
      }
      return this;
    }

    /**
     * Whether the kernel has VIMAGE (default true): without it {@code vnet} and {@code allow.nfsd}
     * are unknown parameters.
     *
     * @param vimage whether VIMAGE is compiled in
     * @return this builder
     */
    public Builder vimage(boolean vimage) {
      this.vimage = vimage;
      return this;
    }

    /**
     * Whether RACCT/RCTL is enabled (default true): without it every rctl call fails with {@code
     * ENOSYS}.
     *
     * @param racct whether {@code kern.racct.enable} is 1
     * @return this builder
     */
    public Builder racct(boolean racct) {
      this.racct = racct;
      return this;
    }

    /**
     * How a jail's path parameter is looked up (default {@link PathCheck#realFileSystem()}).
     *
     * @param paths the check
     * @return this builder
     */
    public Builder paths(PathCheck paths) {
      this.paths = Objects.requireNonNull(paths, "paths");
      return this;
    }

    /**
     * Publishes a parameter the version's default table leaves out, for rows the fact sheet marks
     * "version unverified": e.g. {@code allow.setaudit} on 15, {@code allow.nfsd} on 13.
     *
     * @param name a parameter name the fake knows how to model (an {@code allow.*} flag)
     * @return this builder
     */
    public Builder withParam(String name) {
      addedParams.add(Objects.requireNonNull(name, "name"));
      removedParams.remove(name);
      return this;
    }

    /**
     * Hides a parameter the version's default table publishes, e.g. {@code allow.extattr} on 14.
     *
     * @param name the parameter name
     * @return this builder
     */
    public Builder withoutParam(String name) {
      removedParams.add(Objects.requireNonNull(name, "name"));
      addedParams.remove(name);
      return this;
    }

    /**
     * Whether {@code JAIL_DYING} revives and modifies dying jails (§9 first row): default true on
     * 13 and 14 (no MFC of ed31b3f4 to 14.x was found), false on 15. False gives the 15.0 rules:
     * the flag is ignored, dying jails never match, and a JID held by a dying jail is renumbered.
     *
     * @param resurrect whether dying jails can be revived
     * @return this builder
     */
    public Builder resurrectDyingJails(boolean resurrect) {
      this.resurrectDyingJails = Optional.of(resurrect);
      return this;
    }

    /**
     * Whether {@code CREATE|UPDATE} without {@code persist} or {@code ATTACH} is refused ("new jail
     * must persist or attach"), as in 13.1 and later (default true). False models 12.x and, very
     * probably, 13.0 (unverified).
     *
     * @param check whether the check covers CREATE|UPDATE
     * @return this builder
     */
    public Builder persistCheckOnCreateUpdate(boolean check) {
      this.persistCheckOnCreateUpdate = check;
      return this;
    }

    /**
     * Whether an update that finds its jail by {@code jid} or {@code desc} validates against the
     * caller's jail instead of the jail's real parent (freebsd-jail-abi.md errata, §3.4): the
     * dotted-name prefix, sibling names, a rename (which then drops the parent's prefix),
     * securelevel, children.max, enforce_statfs, devfs_ruleset, addresses and allow flags. Default:
     * as the source read, true where {@code JAIL_DYING} no longer revives jails (15, since
     * ed31b3f4) and false on 13 and 14. Not yet confirmed on a 15.0-RELEASE kernel.
     *
     * @param callerJail whether jid-keyed updates compare with the caller's jail
     * @return this builder
     */
    public Builder callerJailForJidUpdates(boolean callerJail) {
      this.callerJailForJidUpdates = Optional.of(callerJail);
      return this;
    }

    /**
     * Whether a dying jail that 15.0 renumbers (a CREATE asked for its JID) takes the JID below the
     * one the previous renumbered jail took ({@code lastdeadid - 1}: 999999, 999998, ...), as in
     * the source read (default true; freebsd-jail-abi.md errata, §3.2). False restarts the count at
     * 999999 each time and takes the highest free JID. Not yet confirmed on a 15.0-RELEASE kernel.
     *
     * @param fromLastDeadId whether the count continues from the last renumbered jail
     * @return this builder
     */
    public Builder renumberFromLastDeadId(boolean fromLastDeadId) {
      this.renumberFromLastDeadId = fromLastDeadId;
      return this;
    }

    /**
     * The host's {@code kern.securelevel} (default -1), prison0's securelevel.
     *
     * @param level the level
     * @return this builder
     */
    public Builder securelevel(int level) {
      this.securelevel = level;
      return this;
    }

    /**
     * The host's host name (default {@code fakehost}), inherited by {@code host=inherit} jails.
     *
     * @param name the host name
     * @return this builder
     */
    public Builder hostname(String name) {
      this.hostname = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Where automatic JID allocation continues from (the kernel's last allocated JID, default 0):
     * the next automatic JID is {@code lastJid % 999999 + 1}, so {@code 999998} makes the next jail
     * 999999 and the one after wrap to 1 (§3.3).
     *
     * @param lastJid a value in 0..999999
     * @return this builder
     * @throws IllegalArgumentException outside 0..999999
     */
    public Builder lastAllocatedJid(int lastJid) {
      if (lastJid < 0 || lastJid > org.jail4j.spi.JailFlags.JAIL_MAX) {
        throw new IllegalArgumentException("lastAllocatedJid must be in 0..999999: " + lastJid);
      }
      this.lastJid = lastJid;
      return this;
    }

    /**
     * The host's {@code kern.osrelease} (default the version's sample: {@code 13.5-RELEASE}, {@code
     * 14.3-RELEASE}, {@code 15.0-RELEASE}), which new jails inherit as their {@link
     * org.jail4j.param.JailParam#OSRELEASE osrelease} and {@link HostCapabilities#osrelease()}
     * reports. The behaviour still follows {@link #version(FreeBsdVersion)}.
     *
     * <pre>{@code
     * FakeJailKernel.builder().version(FreeBsdVersion.V14).osrelease("14.2-RELEASE-p3").build();
     * }</pre>
     *
     * @param release e.g. {@code 14.2-RELEASE-p3}
     * @return this builder
     * @throws IllegalArgumentException when empty or longer than 31 bytes ({@code OSRELEASELEN} 32
     *     with its NUL)
     */
    public Builder osrelease(String release) {
      Objects.requireNonNull(release, "release");
      int bytes = release.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
      if (bytes == 0 || bytes >= org.jail4j.param.JailParam.OSRELEASELEN) {
        throw new IllegalArgumentException(
            "osrelease must be 1.."
                + (org.jail4j.param.JailParam.OSRELEASELEN - 1)
                + " bytes (OSRELEASELEN "
                + org.jail4j.param.JailParam.OSRELEASELEN
                + " with its NUL): \""
                + release
                + "\" is "
                + bytes);
      }
      this.osrelease = release;
      return this;
    }

    /**
     * The host's {@code kern.osreldate} (default the version's sample: 1305000, 1403000, 1500068),
     * which new jails inherit as their {@code osreldate}.
     *
     * @param date a positive {@code __FreeBSD_version}, e.g. {@code 1402000}
     * @return this builder
     * @throws IllegalArgumentException when not positive
     */
    public Builder osreldate(int date) {
      if (date <= 0) {
        throw new IllegalArgumentException("osreldate must be positive: " + date);
      }
      this.osreldate = date;
      return this;
    }

    /**
     * Whether the kernel keeps a {@link Journal} of its system calls and its hosts' steps (default
     * false: without one a call copies and decodes nothing).
     *
     * @param keep whether to keep one
     * @return this builder
     */
    public Builder journal(boolean keep) {
      this.journal = keep;
      return this;
    }

    /**
     * Builds the kernel.
     *
     * @return a kernel with only prison0
     */
    public FakeJailKernel build() {
      return new FakeJailKernel(
          new KernelConfig(
              version,
              Set.copyOf(modules),
              vimage,
              racct,
              paths,
              Set.copyOf(addedParams),
              Set.copyOf(removedParams),
              resurrectDyingJails.orElse(version.revivesDyingJails()),
              persistCheckOnCreateUpdate,
              callerJailForJidUpdates.orElse(
                  !resurrectDyingJails.orElse(version.revivesDyingJails())),
              renumberFromLastDeadId,
              securelevel,
              hostname,
              lastJid,
              osrelease,
              osreldate),
          journal);
    }
  }
}
