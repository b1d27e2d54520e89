package org.jail4j.lifecycle.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.jail4j.CommandRun;
import org.jail4j.Errno;
import org.jail4j.Jail;
import org.jail4j.JailAddress;
import org.jail4j.JailException;
import org.jail4j.JailLimit;
import org.jail4j.JailStep;
import org.jail4j.lifecycle.internal.Mounts.Mount;
import org.jail4j.lifecycle.internal.Network.Epair;
import org.jail4j.lifecycle.internal.StepFailures.Action;
import org.jail4j.param.JailParam;
import org.jail4j.param.JailRequest;
import org.jail4j.spi.CommandSpec;
import org.jail4j.spi.HostSystem;
import org.jail4j.spi.IpAlias;
import org.jail4j.spi.JailFlags;
import org.jail4j.spi.JailKernel;
import org.jail4j.spi.RctlCall;
import org.jail4j.spi.SyscallException;
import org.jail4j.spi.support.IpLiterals;
import org.jspecify.annotations.Nullable;

/**
 * One run of the create sequence (freebsd-jail-abi.md §6.3); remembers what it did so that a
 * failure can undo it in reverse order.
 */
final class StartSequence {
  private final JailKernel kernel;
  private final HostSystem sys;
  private final AliasClaims claims;
  private final ExecHooks hooks;
  private final Checks checks;
  private final Jail jail;
  private final List<CommandRun> transcript = new ArrayList<>();
  private final Deque<Undo> undo = new ArrayDeque<>();
  private final List<IpAlias> claimed = new ArrayList<>();
  private @Nullable Integer jid;
  private @Nullable String name;

  /** How to undo one thing the start did. */
  private record Undo(JailStep step, Action action) {}

  StartSequence(
      JailKernel kernel,
      HostSystem sys,
      AliasClaims claims,
      ExecHooks hooks,
      Checks checks,
      Jail jail) {
    this.kernel = kernel;
    this.sys = sys;
    this.claims = claims;
    this.hooks = hooks;
    this.checks = checks;
    this.jail = jail;
    this.name = jail.name().orElse(null);
    this.jid = jail.jid().isPresent() ? jail.jid().getAsInt() : null;
  }

  Lifecycle.Started run() {
    checks.checkCapabilities(jail);
    try {
      hooks(JailStep.EXEC_PREPARE);
      if (jail.vnetBridge().isEmpty()) {
        // An address already on the interface (another jail's: two single-address jails may
        // share one, freebsd-jail-abi.md §3.4) is re-added without error; it is not ours to
        // take back when this start fails. Nor is one that another start running at the same
        // time added or also needs: the claims on this host decide (AliasClaims).
        for (IpAlias a : Network.aliasesOf(jail)) {
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
      for (Mount m : Mounts.mountsOf(jail, true)) {
        step(m.step(), () -> sys.mount(m.request()));
        String target = m.request().target();
        undo.push(new Undo(JailStep.UNMOUNT, () -> sys.unmount(target, false)));
      }
      hooks(JailStep.EXEC_PRESTART);
      create();
      for (JailLimit limit : jail.limits()) {
        String rule = limit.rule(jailName());
        step(JailStep.LIMITS, () -> kernel.rctl(RctlCall.ADD_RULE, rule));
        undo.push(new Undo(JailStep.REMOVE_LIMITS, () -> kernel.rctl(RctlCall.REMOVE_RULE, rule)));
      }
      hooks(JailStep.EXEC_CREATED);
      List<String> moveIn = new ArrayList<>(jail.vnetInterfaces());
      Optional<Epair> epair = Network.epairOf(jail, jailName());
      if (epair.isPresent()) {
        Epair e = epair.get();
        String bridge = jail.vnetBridge().orElseThrow();
        step(
            JailStep.VNET_EPAIR,
            () -> {
              Network.removeStale(sys, e);
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
          argv.add(IpLiterals.format(a.address()) + "/" + Network.prefixOf(a));
          argv.add("alias");
          transcript.add(
              hooks.runCommand(
                  jail,
                  JailStep.VNET_CONFIGURE,
                  String.join(" ", argv),
                  CommandSpec.of(argv),
                  false,
                  jid,
                  name,
                  true));
        }
      }
      hooks(JailStep.EXEC_START);
      hooks(JailStep.COMMAND);
      hooks(JailStep.EXEC_POSTSTART);
      if (Checks.temporaryPersist(jail)) {
        // §6.3 step 11: the jail without processes dies right here, as with jail(8).
        step(
            JailStep.DROP_PERSIST,
            () ->
                JailRequest.create()
                    .put(JailParam.JID, id)
                    .put(JailParam.PERSIST, false)
                    .set(kernel, JailFlags.UPDATE));
      }
      Lifecycle.Started started = new Lifecycle.Started(id, jailName(), transcript);
      for (IpAlias a : claimed) {
        claims.release(a, true, sys);
      }
      return started;
    } catch (RuntimeException e) {
      // A step's failure already says where; anything else is charged to the creation.
      JailException failure =
          e instanceof JailException je && je.failedStep().isPresent()
              ? je
              : StepFailures.failure(JailStep.CREATE, jid, name, e);
      rollback(failure);
      throw failure;
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
        // jail(8)'s own check of the directory: its errno goes with the start failure
        String detail = "path " + p + ": " + problem.get().message();
        JailException check =
            new JailException("stat", jid, name, problem.get(), null, detail, null);
        throw StepFailures.start(JailStep.CREATE, jid, name, detail, check);
      }
    }
    Jail k = jail;
    if (Checks.temporaryPersist(jail)) {
      k = Jail.builder().from(k).persist(true).build();
    }
    Jail request = k;
    step(
        JailStep.CREATE,
        () -> {
          int created = request.kernelRequest().set(kernel, JailFlags.CREATE);
          jid = created;
          if (name == null) {
            name = Integer.toString(created);
          }
        });
    int created = jidOrFail();
    undo.push(new Undo(JailStep.REMOVE, () -> removeQuietly(created)));
  }

  private void removeQuietly(int id) throws SyscallException {
    try {
      kernel.remove(id);
    } catch (SyscallException e) {
      if (e.errno() != Errno.EINVAL) {
        throw e;
      }
    }
  }

  private void hooks(JailStep step) {
    for (String line : ExecHooks.commands(jail, step)) {
      hooks.run(jail, step, line, jid, name, jailName(), true).ifPresent(transcript::add);
    }
  }

  private void step(JailStep step, Action action) {
    try {
      action.run();
    } catch (Exception e) {
      throw StepFailures.failure(step, jid, name, e);
    }
  }

  private void rollback(JailException failure) {
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
