package org.jail4j;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jail4j.internal.ProcessRun;
import org.jail4j.internal.RacctText;
import org.jail4j.param.JailParam;
import org.jail4j.param.JailRequest;
import org.jail4j.spi.CommandSpec;
import org.jail4j.spi.JailFlags;
import org.jail4j.spi.RctlCall;
import org.jail4j.spi.SyscallException;
import org.jspecify.annotations.Nullable;

/**
 * A live jail: its JID and name, a snapshot of its parameters, commands run inside it (what
 * jexec(8) does), and the jail(8) remove sequence. Obtained from {@link JailHost#start(Jail)} (then
 * it knows the {@link Jail} it was started from, and {@link #stop()} runs that jail's stop hooks,
 * unmounts and removes aliases) or from {@link JailHost#get(int)} / {@link JailHost#find(String)}
 * (then {@link #stop()} only terminates and removes it, like {@code jail -r} of a jail not in
 * jail.conf).
 *
 * <p>A handle knows its jail by JID and name. JIDs are reused (a new jail may get the JID of one
 * that was removed, and a configuration may fix one), so before it stops, removes, updates, reads
 * or runs a command in its jail the handle checks that the jail at its JID still has the name it
 * started with; when another jail holds the JID it throws {@link JailGoneException} and touches
 * nothing. A jail that is simply gone (no jail at the JID) is not an error for {@link #stop()}: its
 * clean-up still runs, as {@code jail -r} does for a jail that died on its own. (FreeBSD 15's jail
 * descriptors would pin the jail itself; the lifecycle does not hold them, so the check is by JID
 * and name, and a jail removed and replaced by one of the same name between the check and the call
 * is not told apart.)
 *
 * <pre>{@code
 * try (RunningJail web =
 *     Jail.builder().name("web").path("/jail/web").ip4("em0|192.168.1.4/24").persist(true)
 *         .addExecStart("/bin/sh /etc/rc").addExecStop("/bin/sh /etc/rc.shutdown").start(host)) {
 *   CommandResult r = web.run(Duration.ofSeconds(10), "/bin/hostname");
 *   System.out.println(web.info().hostname() + " " + r.stdout());
 * }                                 // close() stops it
 * }</pre>
 */
public final class RunningJail implements AutoCloseable {

  /**
   * The create-only parameters a {@code JAIL_UPDATE} refuses with EINVAL "NAME cannot be changed
   * after creation" (freebsd-jail-abi.md §3.1).
   */
  private static final Set<JailParam<?>> CHANGED_AFTER_CREATION =
      Set.of(
          JailParam.PATH,
          JailParam.VNET,
          JailParam.IP4,
          JailParam.IP6,
          JailParam.OSRELEASE,
          JailParam.OSRELDATE);

  private final JailHost host;
  private final int jid;
  private final String name;
  private final @Nullable Jail config;
  private final List<CommandRun> transcript;
  private volatile boolean stopped;

  RunningJail(JailHost host, int jid, String name, @Nullable Jail config, List<CommandRun> runs) {
    this.host = Objects.requireNonNull(host, "host");
    this.jid = jid;
    this.name = Objects.requireNonNull(name, "name");
    this.config = config;
    this.transcript = Collections.synchronizedList(new ArrayList<>(runs));
  }

  /** The JID. */
  public int jid() {
    return jid;
  }

  /** The name (the JID as text for a jail created without one). */
  public String name() {
    return name;
  }

  /** The host it lives on. */
  public JailHost host() {
    return host;
  }

  /** The jail it was started from, when this handle came from a start. */
  public Optional<Jail> config() {
    return Optional.ofNullable(config);
  }

  /**
   * This handle with a configuration to stop by (e.g. the jail.conf entry of a jail found by JID:
   * its {@code exec.prestop}, {@code exec.poststop}, mounts and aliases are then used).
   *
   * @param jail the configuration
   * @return a new handle on the same jail
   */
  public RunningJail withConfig(Jail jail) {
    return new RunningJail(host, jid, name, Objects.requireNonNull(jail, "jail"), transcript);
  }

  /**
   * Every command the lifecycle ran for this jail so far (start hooks, stop hooks), in order, with
   * exit status and output.
   *
   * @return a copy of the transcript
   */
  public List<CommandRun> transcript() {
    synchronized (transcript) {
      return List.copyOf(transcript);
    }
  }

  /**
   * A fresh snapshot of the jail's parameters.
   *
   * @return the snapshot
   * @throws JailNotFoundException when the jail is gone ({@link JailGoneException} when another
   *     jail now holds its JID)
   */
  public JailInfo info() {
    checkSameJail("jail_get");
    return new JailQuery(host.kernel())
        .byJid(jid, false)
        .orElseThrow(
            () -> new JailNotFoundException("jail_get", name, "jail " + jid + " not found"));
  }

  /** True while the jail exists and is not dying. */
  public boolean isAlive() {
    return host.lifecycle().isAlive(jid);
  }

  /**
   * Changes one parameter of the running jail ({@code jail -m jid=N param=value}).
   *
   * @param param the parameter; must not be create-only
   * @param value its new value
   * @param <T> its type
   * @return this handle
   * @throws InvalidJailParameterException when the parameter is create-only or the kernel refuses
   * @throws JailGoneException when another jail now holds this handle's JID
   */
  public <T> RunningJail update(JailParam<T> param, T value) {
    if (param.access() != JailParam.Access.WRITABLE || !param.isKernel()) {
      String why =
          param.isKernel()
              ? "can only be set when the jail is created (restart it, or use JailHost.apply)"
              : "is a jail(8) setting, not a kernel parameter";
      InvalidJailParameterException.Violation v;
      if (CHANGED_AFTER_CREATION.contains(param)) {
        // The kernel's own refusal of this parameter in a JAIL_UPDATE (§3.1).
        v =
            InvalidJailParameterException.Violation.ofKernel(
                param.name(),
                Errno.EINVAL,
                param.name() + " cannot be changed after creation",
                why);
      } else if (param.isKernel()
          && param.access() == JailParam.Access.READ_ONLY
          && !param.equals(JailParam.ERRMSG)
          && !param.equals(JailParam.DESC)) {
        // jail_set does not consume a read-only parameter: "unknown parameter" (§2 rule 7).
        v =
            InvalidJailParameterException.Violation.ofKernel(
                param.name(),
                Errno.EINVAL,
                "unknown parameter: " + param.name(),
                "is read-only: the kernel reports it and jail_set refuses it");
      } else {
        v = new InvalidJailParameterException.Violation(param.name(), why);
      }
      throw new InvalidJailParameterException("update", name, List.of(v));
    }
    checkSameJail("update");
    JailRequest.create()
        .put(JailParam.JID, jid)
        .put(param, value)
        .set(host.kernel(), JailFlags.UPDATE);
    return this;
  }

  /**
   * Starts a command inside the jail, as {@code jexec [-l] [-u|-U user] jid argv...} does, in the
   * command's working directory when it names one.
   *
   * @param command the command, with user, directory and environment choices
   * @return the live process
   * @throws JailException when it cannot be started
   * @throws JailGoneException when another jail now holds this handle's JID
   */
  public JailProcess exec(CommandSpec command) {
    checkSameJail("exec");
    try {
      return new JailProcess(
          jid, command.commandLine(), host.hostSystem().startInJail(jid, command));
    } catch (IOException e) {
      throw new JailException(
          "exec", jid, name, null, null, command.commandLine() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Starts a command inside the jail as root with the inherited environment.
   *
   * @param argv the program and its arguments
   * @return the live process
   */
  public JailProcess exec(String... argv) {
    return exec(CommandSpec.of(argv));
  }

  /**
   * Runs a command inside the jail to completion, capturing its output; killed when it runs past
   * the timeout.
   *
   * <pre>{@code
   * CommandResult r = web.run(Duration.ofSeconds(5), CommandSpec.of("/usr/bin/id").withJailUser("www"));
   * }</pre>
   *
   * @param timeout the longest it may run
   * @param command the command
   * @return exit status and output
   * @throws JailException when it cannot be started or the wait is interrupted
   */
  public CommandResult run(Duration timeout, CommandSpec command) {
    JailProcess p = exec(command);
    try {
      return ProcessRun.await(p.process(), timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JailException("exec", jid, name, null, null, "interrupted: " + p.commandLine(), e);
    }
  }

  /**
   * Runs a command inside the jail to completion.
   *
   * @param timeout the longest it may run
   * @param argv the program and its arguments
   * @return exit status and output
   */
  public CommandResult run(Duration timeout, String... argv) {
    return run(timeout, CommandSpec.of(argv));
  }

  /**
   * The jail's resource usage as racct reports it ({@code rctl -u jail:NAME}): {@code cputime},
   * {@code memoryuse}, {@code maxproc}, {@code openfiles}, ...
   *
   * @return resource name to amount
   * @throws UnsupportedHostException when RACCT is not enabled on this host
   */
  public Map<String, Long> usage() {
    host.capabilities()
        .whyNoLimits()
        .ifPresent(
            r -> {
              throw new UnsupportedHostException("usage " + name, r);
            });
    try {
      return RacctText.parse(host.kernel().rctl(RctlCall.GET_RACCT, "jail:" + name));
    } catch (SyscallException e) {
      throw JailException.fromErrno("rctl_get_racct", jid, name, e.errno(), null);
    }
  }

  /**
   * Stops the jail the jail(8) way ({@code jail -r}): {@code exec.prestop}, {@code exec.stop},
   * SIGTERM and up to {@code stop.timeout} for the processes to go, {@code jail_remove}, {@code
   * exec.poststop}, unmounts in reverse order, aliases, rctl rules, the epair.
   *
   * @throws JailStopException naming the step that failed
   * @throws JailGoneException when another jail now holds this handle's JID
   */
  public void stop() {
    checkSameJail("stop");
    host.lifecycle().stop(jid, name, config, transcript);
    stopped = true;
  }

  /**
   * Removes the jail without running any hook or clean-up ({@code jail -R}): {@code jail_remove(2)}
   * kills its processes and its child jails.
   *
   * @throws JailException when the kernel refuses (e.g. {@code EPERM})
   * @throws JailGoneException when another jail now holds this handle's JID
   */
  public void remove() {
    checkSameJail("jail_remove");
    try {
      host.kernel().remove(jid);
      stopped = true;
    } catch (SyscallException e) {
      throw JailException.fromErrno("jail_remove", jid, name, e.errno(), null);
    }
  }

  /**
   * Stops the jail and starts it again from the same configuration ({@code jail -rc}); the new jail
   * gets a new JID unless the configuration fixes one.
   *
   * @return the new running jail
   * @throws JailException when this handle has no configuration to start from
   */
  public RunningJail restart() {
    Jail jail = config;
    if (jail == null) {
      throw new JailException(
          "restart", name, "no configuration to start from: use withConfig(jail) first");
    }
    stop();
    return host.start(jail);
  }

  /**
   * Stops the jail unless it was already stopped or removed, or has gone away on its own.
   *
   * @throws JailGoneException when another jail now holds this handle's JID (that jail is left
   *     alone)
   */
  @Override
  public void close() {
    if (!stopped) {
      stop();
    }
  }

  /**
   * Refuses to act on a jail that is not this handle's: the JID now holds a jail with another name
   * (this handle's jail was removed and the JID reused). No jail at the JID is left to the caller
   * (stop cleans up, exec fails like jexec(8), the kernel answers ENOENT).
   */
  private void checkSameJail(String operation) {
    String now;
    try {
      now =
          JailRequest.create()
              .put(JailParam.JID, jid)
              .want(JailParam.NAME)
              .get(host.kernel(), 0)
              .get(JailParam.NAME)
              .orElse(name);
    } catch (JailNotFoundException e) {
      return;
    }
    if (!now.equals(name)) {
      throw new JailGoneException(operation, jid, name, now);
    }
  }

  @Override
  public String toString() {
    return "RunningJail[" + jid + ", " + name + "]";
  }
}
