package org.jail4j.lifecycle.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jail4j.CommandRun;
import org.jail4j.Errno;
import org.jail4j.Jail;
import org.jail4j.JailException;
import org.jail4j.JailLimit;
import org.jail4j.JailNotFoundException;
import org.jail4j.JailStep;
import org.jail4j.JailStopException;
import org.jail4j.lifecycle.internal.Mounts.Mount;
import org.jail4j.lifecycle.internal.Network.Epair;
import org.jail4j.lifecycle.internal.StepFailures.Action;
import org.jail4j.param.JailParam;
import org.jail4j.param.JailRequest;
import org.jail4j.spi.HostSystem;
import org.jail4j.spi.IpAlias;
import org.jail4j.spi.JailKernel;
import org.jail4j.spi.MountRequest;
import org.jail4j.spi.RctlCall;
import org.jail4j.spi.SyscallException;
import org.jspecify.annotations.Nullable;

/**
 * The remove sequence (freebsd-jail-abi.md §6.3). A failure before the jail is removed stops the
 * sequence (the jail keeps running); after removal every clean-up step is attempted and failures
 * are reported together.
 */
final class StopSequence {

  private static final int SIGTERM = 15;

  private final JailKernel kernel;
  private final HostSystem sys;
  private final AliasClaims claims;
  private final ExecHooks hooks;

  StopSequence(JailKernel kernel, HostSystem sys, AliasClaims claims, ExecHooks hooks) {
    this.kernel = kernel;
    this.sys = sys;
    this.claims = claims;
    this.hooks = hooks;
  }

  void run(int jid, String jailName, @Nullable Jail config, List<CommandRun> transcript) {
    Jail jail = config != null ? config : Jail.builder().name(jailName).build();
    String name = jailName;
    boolean alive = isAlive(kernel, jid);
    if (alive) {
      for (String line : ExecHooks.commands(jail, JailStep.EXEC_PRESTOP)) {
        stopHook(jail, JailStep.EXEC_PRESTOP, line, jid, name, transcript);
      }
      for (String line : ExecHooks.commands(jail, JailStep.EXEC_STOP)) {
        stopHook(jail, JailStep.EXEC_STOP, line, jid, name, transcript);
      }
      Duration timeout = jail.stopTimeout();
      if (!timeout.isZero() && !timeout.isNegative()) {
        try {
          terminate(jid, timeout);
        } catch (IOException e) {
          throw StepFailures.stop(JailStep.STOP_TIMEOUT, jid, name, String.valueOf(e), e);
        }
      }
      try {
        kernel.remove(jid);
      } catch (SyscallException e) {
        // EINVAL: the jail went away on its own (its last process exited) - nothing to remove.
        if (e.errno() != Errno.EINVAL) {
          throw StepFailures.failure(JailStep.REMOVE, jid, name, e);
        }
      }
    }
    List<JailException> failures = new ArrayList<>();
    for (String line : ExecHooks.commands(jail, JailStep.EXEC_POSTSTOP)) {
      try {
        stopHook(jail, JailStep.EXEC_POSTSTOP, line, jid, name, transcript);
      } catch (JailStopException e) {
        failures.add(e);
      }
    }
    List<Mount> mounts;
    try {
      mounts = Mounts.mountsOf(jail, false);
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
      for (IpAlias a : Network.aliasesOf(jail)) {
        cleanup(
            failures, JailStep.REMOVE_ALIASES, jid, name, () -> claims.removeUnlessClaimed(a, sys));
      }
    }
    for (JailLimit limit : jail.limits()) {
      String rule = limit.rule(name);
      cleanup(failures, JailStep.REMOVE_LIMITS, jid, name, () -> removeRule(rule));
    }
    Optional<Epair> epair = Network.epairOf(jail, name);
    if (epair.isPresent()) {
      Epair e = epair.get();
      cleanup(failures, JailStep.DESTROY_EPAIR, jid, name, () -> Network.removeStale(sys, e));
    }
    for (String line : ExecHooks.commands(jail, JailStep.EXEC_RELEASE)) {
      try {
        stopHook(jail, JailStep.EXEC_RELEASE, line, jid, name, transcript);
      } catch (JailStopException e) {
        failures.add(e);
      }
    }
    if (!failures.isEmpty()) {
      JailException first = failures.get(0);
      for (int i = 1; i < failures.size(); i++) {
        first.addSuppressed(failures.get(i));
      }
      throw first;
    }
  }

  private void stopHook(
      Jail jail, JailStep step, String line, int jid, String name, List<CommandRun> transcript) {
    hooks.run(jail, step, line, jid, name, name, false).ifPresent(transcript::add);
  }

  private static void cleanup(
      List<JailException> failures, JailStep step, int jid, String name, Action action) {
    try {
      action.run();
    } catch (Exception e) {
      failures.add(StepFailures.failure(step, jid, name, e));
    }
  }

  /** True while the jail exists and is not dying. */
  static boolean isAlive(JailKernel kernel, int jid) {
    try {
      JailRequest.create().put(JailParam.JID, jid).get(kernel, 0);
      return true;
    } catch (JailNotFoundException e) {
      return false;
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
}
