package org.jail4j.testkit.internal;

import java.util.List;
import java.util.Optional;
import org.jail4j.HostCapabilities;
import org.jail4j.spi.IoVec;
import org.jail4j.spi.JailKernel;
import org.jail4j.spi.KernelParam;
import org.jail4j.spi.RctlCall;
import org.jail4j.spi.SyscallException;

/**
 * One caller: a process in some prison, root or not, as the kernel sees it through {@code
 * td->td_ucred->cr_prison} and {@code priv_check}. Every system call goes to the part of the fake
 * that mirrors its kern_jail.c function.
 */
final class CallerView implements JailKernel {
  private final Kernel k;
  final Prison prison;
  final boolean privileged;

  CallerView(Kernel k, Prison prison, boolean privileged) {
    this.k = k;
    this.prison = prison;
    this.privileged = privileged;
  }

  // Without a journal every call goes straight to the kernel: nothing is copied or decoded.

  @Override
  public int set(IoVec[] iov, int flags) throws SyscallException {
    CallJournal j = k.journal;
    if (j == null) {
      return k.sets.set(this, iov, flags);
    }
    return j.iov("jail_set", caller(), iov, flags, () -> k.sets.set(this, iov, flags));
  }

  @Override
  public int get(IoVec[] iov, int flags) throws SyscallException {
    CallJournal j = k.journal;
    if (j == null) {
      return k.gets.get(this, iov, flags);
    }
    return j.iov("jail_get", caller(), iov, flags, () -> k.gets.get(this, iov, flags));
  }

  @Override
  public void remove(int jid) throws SyscallException {
    CallJournal j = k.journal;
    if (j == null) {
      k.removes.remove(this, jid);
      return;
    }
    j.arg("jail_remove", caller(), jid, () -> k.removes.remove(this, jid));
  }

  @Override
  public void attach(int jid) throws SyscallException {
    CallJournal j = k.journal;
    if (j == null) {
      k.removes.attach(this, jid);
      return;
    }
    j.arg("jail_attach", caller(), jid, () -> k.removes.attach(this, jid));
  }

  @Override
  public void removeDescriptor(int fd) throws SyscallException {
    CallJournal j = k.journal;
    if (j == null) {
      k.removes.removeDescriptor(this, fd);
      return;
    }
    j.arg("jail_remove_jd", caller(), fd, () -> k.removes.removeDescriptor(this, fd));
  }

  @Override
  public void attachDescriptor(int fd) throws SyscallException {
    CallJournal j = k.journal;
    if (j == null) {
      k.removes.attachDescriptor(this, fd);
      return;
    }
    j.arg("jail_attach_jd", caller(), fd, () -> k.removes.attachDescriptor(this, fd));
  }

  @Override
  public void closeDescriptor(int fd) throws SyscallException {
    CallJournal j = k.journal;
    if (j == null) {
      k.removes.closeDescriptor(fd);
      return;
    }
    j.arg("close", caller(), fd, () -> k.removes.closeDescriptor(fd));
  }

  /** The caller as the journal names it. */
  private String caller() {
    if (prison.isPrison0()) {
      return privileged ? "root" : "unprivileged";
    }
    return "jail " + prison.jid + (privileged ? "" : " unprivileged");
  }

  @Override
  public Optional<KernelParam> param(String name) {
    return k.params.find(name);
  }

  @Override
  public List<KernelParam> params() {
    return k.params.all();
  }

  @Override
  public HostCapabilities capabilities() {
    return k.capabilities;
  }

  @Override
  public String rctl(RctlCall call, String argument) throws SyscallException {
    return k.rctlCall(this, call, argument);
  }

  @Override
  public String toString() {
    return (privileged ? "root" : "user") + " process in jail " + prison.jid;
  }
}
