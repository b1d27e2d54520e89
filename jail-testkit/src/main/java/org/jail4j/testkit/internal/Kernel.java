package org.jail4j.testkit.internal;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jail4j.Errno;
import org.jail4j.HostCapabilities;
import org.jail4j.spi.IoVec;
import org.jail4j.spi.JailKernel;
import org.jail4j.spi.KernelParam;
import org.jail4j.spi.SyscallException;
import org.jail4j.testkit.FakeJail;

/** The fake kernel's state and system calls (being filled in). */
public final class Kernel {
  private final KernelConfig config;

  /**
   * A kernel with only prison0.
   *
   * @param config the settings
   */
  public Kernel(KernelConfig config) {
    this.config = config;
  }

  /** The settings. */
  public KernelConfig config() {
    return config;
  }

  /** The host's root process. */
  public JailKernel hostRoot() {
    return new Stub();
  }

  /**
   * A root process in a jail.
   *
   * @param jid the jail
   * @return the view
   */
  public JailKernel jailedRoot(int jid) {
    return new Stub();
  }

  /** A non-root host process. */
  public JailKernel unprivileged() {
    return new Stub();
  }

  /** The parameter table. */
  public Params params() {
    return new Params();
  }

  /** The capabilities. */
  public HostCapabilities capabilities() {
    return new HostCapabilities(
        config.version(), config.version().firstOsreldate(), "", config.vimage(), config.racct(),
        config.modules(), Set.of());
  }

  /**
   * Spawns a process.
   *
   * @param jid the jail
   * @return the pid
   * @throws SyscallException EINVAL
   */
  public int spawn(int jid) throws SyscallException {
    throw new SyscallException("spawn", Errno.EINVAL);
  }

  /** Ends a process. */
  public void exit(int pid) {}

  /** Processes of a jail. */
  public List<Integer> processes(int jid) {
    return List.of();
  }

  /** Signals a jail. */
  public void signal(int jid, int signal) {}

  /** Marks a process as ignoring signals. */
  public void ignoreSignals(int pid) {}

  /** Holds a jail. */
  public void hold(int jid) {}

  /** Releases a jail. */
  public void release(int jid) {}

  /** The jails. */
  public List<FakeJail> jails() {
    return List.of();
  }

  /** The rctl rules. */
  public List<String> rctlRules() {
    return List.of();
  }

  /** Checks invariants. */
  public void checkInvariants() {}

  /** Queues a fault. */
  public void failNext(String syscall, Errno errno) {}

  /** The published parameters. */
  public static final class Params {
    /** Finds one. */
    public Optional<KernelParam> find(String name) {
      return Optional.empty();
    }

    /** All of them. */
    public List<KernelParam> all() {
      return List.of();
    }
  }

  private static final class Stub implements JailKernel {
    @Override
    public int set(IoVec[] iov, int flags) throws SyscallException {
      throw new SyscallException("jail_set", Errno.ENOSYS);
    }

    @Override
    public int get(IoVec[] iov, int flags) throws SyscallException {
      throw new SyscallException("jail_get", Errno.ENOSYS);
    }

    @Override
    public void remove(int jid) throws SyscallException {
      throw new SyscallException("jail_remove", Errno.ENOSYS);
    }

    @Override
    public void attach(int jid) throws SyscallException {
      throw new SyscallException("jail_attach", Errno.ENOSYS);
    }

    @Override
    public Optional<KernelParam> param(String name) {
      return Optional.empty();
    }

    @Override
    public List<KernelParam> params() {
      return List.of();
    }

    @Override
    public HostCapabilities capabilities() {
      throw new UnsupportedOperationException();
    }
  }
}
