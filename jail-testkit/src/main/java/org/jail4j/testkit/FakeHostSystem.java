package org.jail4j.testkit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Predicate;
import org.jail4j.CommandResult;
import org.jail4j.Errno;
import org.jail4j.spi.CommandSpec;
import org.jail4j.spi.HostSystem;
import org.jail4j.spi.IpAlias;
import org.jail4j.spi.MountRequest;
import org.jail4j.testkit.host.FakeMountTable;
import org.jail4j.testkit.host.FakeNetwork;
import org.jail4j.testkit.host.HostJournal;
import org.jail4j.testkit.host.ScriptedCommands;
import org.jspecify.annotations.Nullable;

/**
 * A host system for tests: a mount table, network interfaces with their aliases, and scripted host
 * and in-jail commands, all recorded for assertions, on top of a {@link FakeJailKernel}.
 *
 * <pre>{@code
 * FakeJailKernel kernel = FakeJailKernel.create();
 * FakeHostSystem host = new FakeHostSystem(kernel);
 * host.onCommand("make", CommandResult.exit(0).stdout("built\n"));
 * host.failNextMount(Errno.EBUSY);
 * JailHost jails = JailHost.using(new FakeJailProvider(kernel, host));
 * }</pre>
 *
 * <p><b>Mounts.</b> {@link #mount} refuses a relative target or an unknown file system type ({@code
 * EINVAL}, {@code ENODEV}); a devfs ruleset must be 0..65535. {@link #unmount} refuses a target
 * that is not a mount point ({@code EINVAL}), one with other mounts below it (unmounting in the
 * wrong order, {@code EBUSY}, even with force) and one a test marked {@linkplain #markBusy busy}
 * ({@code EBUSY} unless forced). Mounts stack like on FreeBSD: the last mount on a target is the
 * one an unmount removes.
 *
 * <p><b>Interfaces.</b> The host starts with {@code lo0} and {@code em0}. Cloned interfaces get the
 * lowest free unit: {@code createInterface("epair", null)} gives {@code epair0a} and {@code
 * epair0b}; destroying either end destroys both. {@code ifconfig IFACE vnet JAIL} moves an
 * interface into a live vnet jail; it comes back to the host when that jail stops being alive.
 * Every ifconfig(8) call, including the ones {@link #addAlias}, {@link #createInterface} and {@link
 * #destroyInterface} stand for, is recorded in {@link #ifconfigCalls()}.
 *
 * <p><b>Commands.</b> A command is answered by the most recently registered handler that matches
 * it, or by the default result (exit 0 at once, no output). An in-jail command is a process of that
 * jail in the kernel while it runs; starting one in a jail that is not alive gives what jexec(8)
 * gives: exit 1 and {@code jexec: jail N not found}.
 *
 * <p><b>Faults.</b> The {@code failNext...} methods make the next matching operation fail once.
 *
 * <p>Safe for concurrent use. The mount table, the network and the scripted commands each lock on
 * their own, and each writes its operations to the {@link #journal()} in the order they took
 * effect.
 */
public final class FakeHostSystem implements HostSystem {

  /** The interfaces a new fake host has: loopback and one Ethernet card. */
  public static final List<String> DEFAULT_INTERFACES = List.of("lo0", "em0");

  /** The file system types a mount accepts (others fail with {@code ENODEV}). */
  public static final Set<String> FILE_SYSTEMS =
      Set.of(
          "devfs",
          "nullfs",
          "fdescfs",
          "procfs",
          "tmpfs",
          "zfs",
          "ufs",
          "linprocfs",
          "linsysfs",
          "unionfs",
          "fusefs",
          "nfs",
          "cd9660",
          "msdosfs",
          "ext2fs",
          "p9fs",
          "mqueuefs");

  /** The interface cloners {@link #createInterface} knows. */
  public static final Set<String> CLONERS =
      Set.of("epair", "bridge", "lo", "tap", "tun", "vlan", "gif", "gre", "lagg", "wg", "vxlan");

  private final FakeJailKernel kernel;
  private final PathCheck paths;
  private final HostJournal journal;
  private final FakeMountTable mountTable;
  private final FakeNetwork network;
  private final ScriptedCommands script;
  private final HostProcesses processes;

  /**
   * A fake host over this kernel, with the interfaces {@link #DEFAULT_INTERFACES}, that looks jail
   * paths up the way the kernel does ({@link FakeJailKernel#paths()}), so that jail(8)'s path check
   * and the kernel's agree.
   *
   * @param kernel the kernel in-jail commands run in and {@code vnet} moves look jails up in
   */
  public FakeHostSystem(FakeJailKernel kernel) {
    this(kernel, kernel.paths());
  }

  /**
   * A fake host over this kernel whose {@link #checkDirectory} answers with {@code paths}; give it
   * the check the kernel was built with, so that jail(8)'s path check and the kernel agree.
   *
   * @param kernel the kernel in-jail commands run in and {@code vnet} moves look jails up in
   * @param paths how a jail's path is looked up
   */
  public FakeHostSystem(FakeJailKernel kernel, PathCheck paths) {
    this.kernel = Objects.requireNonNull(kernel, "kernel");
    this.paths = Objects.requireNonNull(paths, "paths");
    Journal steps = kernel.journalOrNull();
    this.journal =
        steps == null
            ? new HostJournal()
            : new HostJournal(line -> steps.add(new Journal.HostStep(line)));
    this.mountTable = new FakeMountTable(FILE_SYSTEMS, journal);
    this.script = new ScriptedCommands(journal);
    this.network = new FakeNetwork(kernel, DEFAULT_INTERFACES, CLONERS, journal);
    this.processes = new HostProcesses(kernel);
  }

  /** The kernel this host runs jails on. */
  public FakeJailKernel kernel() {
    return kernel;
  }

  // ---------------------------------------------------------------- mounts

  @Override
  public void mount(MountRequest request) {
    mountTable.mount(request);
  }

  @Override
  public void unmount(String target, boolean force) {
    mountTable.unmount(target, force);
  }

  @Override
  public List<MountRequest> mounts() {
    return mountTable.mounts();
  }

  /**
   * The devfs ruleset applied to the topmost mount on a target, if that mount is devfs with one.
   *
   * @param target the mount point
   * @return the ruleset
   */
  public OptionalInt devfsRuleset(String target) {
    return mountTable.devfsRuleset(target);
  }

  /**
   * Marks a mount point as in use (open files, a process's cwd), so that unmounting it without
   * force fails with {@code EBUSY}.
   *
   * @param target the mount point
   */
  public void markBusy(String target) {
    mountTable.markBusy(target);
  }

  // ---------------------------------------------------------------- aliases

  @Override
  public void addAlias(IpAlias alias) {
    network.addAlias(alias);
  }

  @Override
  public void removeAlias(IpAlias alias) {
    network.removeAlias(alias);
  }

  @Override
  public List<IpAlias> aliases() {
    return network.aliases();
  }

  // ---------------------------------------------------------------- interfaces

  @Override
  public String createInterface(String type, @Nullable String name) {
    return network.createInterface(type, name);
  }

  @Override
  public void destroyInterface(String name) {
    network.destroyInterface(name);
  }

  @Override
  public void ifconfig(List<String> args) {
    network.ifconfig(args);
  }

  @Override
  public List<String> interfaces() {
    return network.interfaces();
  }

  /**
   * The interfaces moved into a vnet jail with {@code ifconfig IFACE vnet JAIL}.
   *
   * @param jid the jail
   * @return interface names
   */
  public List<String> interfacesIn(int jid) {
    return network.interfacesIn(jid);
  }

  /**
   * The members of a bridge ({@code ifconfig BRIDGE addm IFACE}).
   *
   * @param bridge the bridge
   * @return member interface names, in the order added
   */
  public List<String> bridgeMembers(String bridge) {
    return network.bridgeMembers(bridge);
  }

  /**
   * Adds a non-cloned interface to the host, like plugging in a card.
   *
   * @param name the interface name, e.g. {@code igb0}
   */
  public void addHostInterface(String name) {
    network.addHostInterface(name);
  }

  /** Every ifconfig(8) argument list this host was asked to run, in order. */
  public List<List<String>> ifconfigCalls() {
    return network.ifconfigCalls();
  }

  // ---------------------------------------------------------------- commands

  @Override
  public Process startOnHost(CommandSpec command) throws IOException {
    RecordedCommand recorded = new RecordedCommand(RecordedCommand.HOST, command);
    return processes.startOnHost(recorded, script.record(recorded, "host"));
  }

  @Override
  public Process startInJail(int jid, CommandSpec command) throws IOException {
    RecordedCommand recorded = new RecordedCommand(jid, command);
    return processes.startInJail(recorded, script.record(recorded, "jail " + jid));
  }

  /**
   * A command a process inside another jail asked to run in a jail it cannot see: recorded, and
   * ends as jexec(8) ends for a jail it cannot find.
   */
  Process startInInvisibleJail(int jid, CommandSpec command) {
    RecordedCommand recorded = new RecordedCommand(jid, command);
    script.record(recorded, "jail " + jid);
    return processes.notFound(recorded);
  }

  /**
   * This host as seen by a root process inside a jail: what a JVM running in that jail gets as its
   * {@code HostSystem} on FreeBSD. Mount targets and paths are inside the jail's root, mounting
   * needs the jail's {@code allow.mount} permissions, a non-vnet jail cannot configure interfaces,
   * and commands run in the jail or in jails below it. Everything it does happens on this host, so
   * its journal and {@link #leftovers()} show it. See {@link FakeJailProvider#inJail(int)} for the
   * rules.
   *
   * @param jid a live jail
   * @return the view
   * @throws IllegalArgumentException when no live jail has that JID
   */
  public HostSystem asProcessIn(int jid) {
    if (kernel.livePath(jid).isEmpty()) {
      throw new IllegalArgumentException("no live jail with JID " + jid);
    }
    return new JailedHostSystem(this, jid);
  }

  /**
   * Whether a jail's path is an existing directory, as jail(8) checks before creating the jail:
   * answered by this host's {@link PathCheck}.
   *
   * @param path an absolute path
   * @return empty for a directory, else {@code ENOENT}, {@code ENOTDIR} or another lookup errno
   */
  @Override
  public Optional<Errno> checkDirectory(String path) {
    return paths.check(path);
  }

  /**
   * Sends a signal to every process of a jail through the kernel ({@link FakeJailKernel#signal}),
   * as {@code pkill -SIGNAL -j JID} would; recorded in the {@link #journal()}.
   *
   * @param jid the jail
   * @param signal the signal number, e.g. 15 for SIGTERM
   */
  @Override
  public void signalJail(int jid, int signal) {
    journal.add("signal " + signal + " to jail " + jid);
    kernel.signal(jid, signal);
  }

  /**
   * The processes of a jail, as {@code pgrep -j JID} lists them: the kernel's process ids.
   *
   * @param jid the jail
   * @return the pids, empty when there are none
   */
  @Override
  public List<Integer> jailProcesses(int jid) {
    return kernel.processes(jid);
  }

  /**
   * Answers commands whose program has this name ({@code make} matches {@code make} and {@code
   * /usr/bin/make}), on the host and in jails.
   *
   * @param program the program's base name or full path
   * @param result how such commands end
   * @return this host
   */
  public FakeHostSystem onCommand(String program, CommandResult result) {
    return onCommand(programIs(program), r -> result);
  }

  /**
   * Answers commands that match the predicate.
   *
   * @param when which commands
   * @param result how they end
   * @return this host
   */
  public FakeHostSystem onCommand(Predicate<CommandSpec> when, CommandResult result) {
    Objects.requireNonNull(result, "result");
    return onCommand(when, r -> result);
  }

  /**
   * Answers commands that match the predicate with a result computed from the command (its jail,
   * argv, environment).
   *
   * @param when which commands
   * @param answer computes how each ends
   * @return this host
   */
  public FakeHostSystem onCommand(Predicate<CommandSpec> when, CommandHandler answer) {
    Objects.requireNonNull(when);
    Objects.requireNonNull(answer);
    script.onCommand(when, answer::answer);
    return this;
  }

  /**
   * The result of commands no handler matches (initially exit 0 at once, no output).
   *
   * @param result the default
   * @return this host
   */
  public FakeHostSystem defaultResult(CommandResult result) {
    script.defaultResult(result);
    return this;
  }

  /**
   * A predicate matching commands whose {@code argv[0]} is this program (by base name, or exactly
   * when {@code program} contains a slash).
   *
   * @param program e.g. {@code make} or {@code /sbin/zfs}
   * @return the predicate
   */
  public static Predicate<CommandSpec> programIs(String program) {
    Objects.requireNonNull(program, "program");
    return spec ->
        program.contains("/")
            ? spec.argv().get(0).equals(program)
            : RecordedCommand.programName(spec).equals(program);
  }

  /** Every command started, on the host and in jails, in order. */
  public List<RecordedCommand> commands() {
    return script.commands();
  }

  /** The commands started on the host, in order. */
  public List<RecordedCommand> hostCommands() {
    return script.hostCommands();
  }

  /** The commands started inside jails, in order. */
  public List<RecordedCommand> jailCommands() {
    return script.jailCommands();
  }

  /**
   * The commands started inside one jail, in order.
   *
   * @param jid the jail
   * @return the commands
   */
  public List<RecordedCommand> jailCommands(int jid) {
    return script.jailCommands(jid);
  }

  /** The processes this host started that are still running. */
  public List<FakeProcess> runningProcesses() {
    return processes.running();
  }

  // ---------------------------------------------------------------- faults

  /**
   * Makes the next mount fail with this errno.
   *
   * @param errno the error
   * @return this host
   */
  public FakeHostSystem failNextMount(Errno errno) {
    return failNextMount(m -> true, errno);
  }

  /**
   * Makes the next mount that matches fail with this errno.
   *
   * @param when which mount
   * @param errno the error
   * @return this host
   */
  public FakeHostSystem failNextMount(Predicate<MountRequest> when, Errno errno) {
    mountTable.failNextMount(when, errno);
    return this;
  }

  /**
   * Makes the next unmount fail with this errno.
   *
   * @param errno the error
   * @return this host
   */
  public FakeHostSystem failNextUnmount(Errno errno) {
    mountTable.failNextUnmount(t -> true, errno);
    return this;
  }

  /**
   * Makes the next alias added or removed fail with this errno.
   *
   * @param errno the error
   * @return this host
   */
  public FakeHostSystem failNextAlias(Errno errno) {
    return failNextAlias(a -> true, errno);
  }

  /**
   * Makes the next alias added or removed that matches fail with this errno.
   *
   * @param when which alias
   * @param errno the error
   * @return this host
   */
  public FakeHostSystem failNextAlias(Predicate<IpAlias> when, Errno errno) {
    network.failNextAlias(when, errno);
    return this;
  }

  /**
   * Makes the next interface operation ({@link #createInterface}, {@link #destroyInterface} or
   * {@link #ifconfig}) fail with this errno.
   *
   * @param errno the error
   * @return this host
   */
  public FakeHostSystem failNextInterface(Errno errno) {
    return failNextInterface(args -> true, errno);
  }

  /**
   * Makes the next interface operation whose ifconfig(8) arguments match fail with this errno.
   * {@code createInterface("epair", null)} has the arguments {@code [epair, create]}.
   *
   * @param when which ifconfig arguments
   * @param errno the error
   * @return this host
   */
  public FakeHostSystem failNextInterface(Predicate<List<String>> when, Errno errno) {
    network.failNextInterface(when, errno);
    return this;
  }

  /**
   * Makes the next command that matches exit with this code at once, with no output.
   *
   * @param when which command
   * @param exitCode the exit code
   * @return this host
   */
  public FakeHostSystem failNextCommand(Predicate<CommandSpec> when, int exitCode) {
    script.failNext(when, exitCode);
    return this;
  }

  /**
   * Makes the next command running this program exit with this code at once.
   *
   * @param program the program's base name or full path
   * @param exitCode the exit code
   * @return this host
   */
  public FakeHostSystem failNextCommand(String program, int exitCode) {
    return failNextCommand(programIs(program), exitCode);
  }

  // ---------------------------------------------------------------- inspection

  /**
   * What happened on this host, one line per mount, unmount, ifconfig and command, in order. The
   * kernel's {@link FakeJailKernel#journal()}, when it keeps one, has the same lines as {@link
   * Journal.HostStep}s between its system calls.
   */
  public List<String> journal() {
    return journal.lines();
  }

  /**
   * What is left behind now: live jails, mounts, aliases and cloned interfaces.
   *
   * @return the leftovers
   */
  public Leftovers leftovers() {
    List<String> jails = new ArrayList<>();
    for (FakeJail j : kernel.jails()) {
      if (!j.dying()) {
        jails.add(j.name() + " (jid " + j.jid() + ")");
      }
    }
    FakeNetwork.Leftover network = this.network.leftovers();
    return new Leftovers(jails, mountTable.mounts(), network.aliases(), network.cloned());
  }

  /** Ends every process this host started that is still running (SIGKILL). */
  public void killAll() {
    for (FakeProcess p : runningProcesses()) {
      p.destroyForcibly();
    }
  }

  @Override
  public String toString() {
    Leftovers l = leftovers();
    return "FakeHostSystem["
        + l.mounts().size()
        + " mounts, "
        + l.aliases().size()
        + " aliases, "
        + interfaces().size()
        + " interfaces, "
        + commands().size()
        + " commands]";
  }

  /**
   * Computes a command's result from the command itself.
   *
   * <pre>{@code
   * host.onCommand(FakeHostSystem.programIs("env"), cmd -> CommandResult.exit(0).stdout("JID=" + cmd.jid()));
   * }</pre>
   */
  @FunctionalInterface
  public interface CommandHandler {
    /**
     * How this command ends.
     *
     * @param command the command, with its jail
     * @return the result; never null
     */
    CommandResult answer(RecordedCommand command);
  }
}
