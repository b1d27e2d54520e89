package org.jail4j.testkit.internal;

import org.jail4j.Errno;
import org.jail4j.spi.SyscallException;

/**
 * {@code sys_jail_remove}, {@code sys_jail_attach} and the 15.0 descriptor calls {@code
 * sys_jail_remove_jd}, {@code sys_jail_attach_jd} and the descriptor close ({@code jaildesc.c})
 * (§3.7).
 */
final class JailRemoveAttach {
  private final Kernel k;

  JailRemoveAttach(Kernel k) {
    this.k = k;
  }

  void remove(CallerView c, int jid) throws SyscallException {
    synchronized (k.lock) {
      k.fault("jail_remove");
      if (!c.privileged) {
        throw new SyscallException("jail_remove", Errno.EPERM);
      }
      Prison p = k.byJid.get(jid);
      if (p == null || !p.isDescendantOf(c.prison)) {
        throw new SyscallException("jail_remove", Errno.EINVAL);
      }
      if (p.dying) {
        return; // already dying: silently succeeds
      }
      k.kill(p);
    }
  }

  void attach(CallerView c, int jid) throws SyscallException {
    synchronized (k.lock) {
      k.fault("jail_attach");
      if (!c.privileged) {
        throw new SyscallException("jail_attach", Errno.EPERM);
      }
      Prison p = k.byJid.get(jid);
      if (p == null || !p.isDescendantOf(c.prison) || p.dying) {
        throw new SyscallException("jail_attach", Errno.EINVAL);
      }
      k.addProcess(p);
    }
  }

  private Kernel.Desc descriptor(String syscall, int fd) throws SyscallException {
    if (!k.descriptors) {
      throw new SyscallException(syscall, Errno.ENOSYS);
    }
    try {
      return k.lookupDescriptor(fd);
    } catch (Fail f) {
      throw new SyscallException(syscall, f.errno());
    }
  }

  void attachDescriptor(CallerView c, int fd) throws SyscallException {
    synchronized (k.lock) {
      if (k.descriptors) {
        k.fault("jail_attach_jd");
      }
      Kernel.Desc d = descriptor("jail_attach_jd", fd);
      if (!c.privileged) {
        throw new SyscallException("jail_attach_jd", Errno.EPERM);
      }
      if (d.detached || d.prison.dying || k.byJid.get(d.prison.jid) != d.prison) {
        throw new SyscallException("jail_attach_jd", Errno.ENOENT);
      }
      k.addProcess(d.prison);
    }
  }

  void removeDescriptor(CallerView c, int fd) throws SyscallException {
    synchronized (k.lock) {
      if (k.descriptors) {
        k.fault("jail_remove_jd");
      }
      Kernel.Desc d = descriptor("jail_remove_jd", fd);
      if (!c.privileged) {
        throw new SyscallException("jail_remove_jd", Errno.EPERM);
      }
      if (d.detached || k.byJid.get(d.prison.jid) != d.prison) {
        // a descriptor does not keep a dying jail: it was detached when the jail started dying
        // (§3.5 erratum)
        throw new SyscallException("jail_remove_jd", Errno.ENOENT);
      }
      if (!d.prison.dying) {
        k.kill(d.prison);
      }
    }
  }

  void closeDescriptor(int fd) throws SyscallException {
    synchronized (k.lock) {
      Kernel.Desc d = k.descs.remove(fd);
      if (d == null || !k.descriptors) {
        throw new SyscallException("close", Errno.EBADF);
      }
      if (d.detached) {
        return; // its reference went when the jail started dying
      }
      Prison p = d.prison;
      boolean exists = k.byJid.get(p.jid) == p;
      if (d.owning && exists && !p.dying) {
        k.kill(p);
      }
      p.holds--;
      if (exists && k.byJid.get(p.jid) == p) {
        k.dropUserRef(p);
      }
    }
  }
}
