package org.jail4j.spi;

import java.util.List;
import java.util.Optional;
import org.jail4j.Errno;
import org.jail4j.HostCapabilities;

/**
 * The kernel side of jails at the byte level: {@code jail_set(2)}, {@code jail_get(2)}, {@code
 * jail_remove(2)}, {@code jail_attach(2)} (and the 15.0 descriptor variants), parameter type
 * discovery as {@code security.jail.param.*} publishes it, and {@code rctl(4)}.
 *
 * <p>This is the lowest boundary: the native provider forwards it to libc, the testkit's fake
 * implements FreeBSD's rules on the same bytes. Everything above it (the codec in {@code
 * org.jail4j.param}, the lifecycle in {@code org.jail4j}) is shared by every provider.
 *
 * <pre>{@code
 * IoVec errmsg = IoVec.buffer(JailFlags.ERRMSG_LEN);
 * IoVec[] iov = {
 *   IoVec.name("name"), IoVec.string("web"),
 *   IoVec.name("persist"), IoVec.empty(),
 *   IoVec.name("errmsg"), errmsg};
 * int jid = kernel.set(iov, JailFlags.CREATE);
 * }</pre>
 *
 * <p>Implementations must be safe for concurrent use. They must not change a name entry ({@code
 * iov[2k]}, neither its bytes nor its length): the codec sends one shared entry per catalogued
 * parameter name, and {@code errmsg}'s, in every call from every thread. A kernel reads names and
 * never writes them (freebsd-jail-abi.md §2.2); writing back the same length, as a copy-out of the
 * whole array does, changes nothing.
 */
public interface JailKernel {

  /**
   * {@code jail_set(2)}: create or modify a jail from name/value pairs.
   *
   * @param iov name/value pairs; an {@code errmsg} pair receives the kernel's message on failure
   * @param flags {@link JailFlags} bits
   * @return the JID of the jail created or modified
   * @throws SyscallException with the errno the kernel set
   */
  int set(IoVec[] iov, int flags) throws SyscallException;

  /**
   * {@code jail_get(2)}: read parameters of the jail chosen by the key parameters ({@code lastjid},
   * {@code jid}, {@code name}); values are written into the value buffers and each value's length
   * is rewritten.
   *
   * @param iov name/value pairs; a null, zero-length value asks only for the size
   * @param flags {@link JailFlags#DYING} (and on 15 the descriptor flags)
   * @return the JID of the jail read
   * @throws SyscallException with the errno the kernel set
   */
  int get(IoVec[] iov, int flags) throws SyscallException;

  /**
   * {@code jail_remove(2)}: remove the jail and its whole subtree, killing their processes.
   *
   * @param jid the jail
   * @throws SyscallException {@code EINVAL} when no such jail is visible, {@code EPERM} when not
   *     privileged
   */
  void remove(int jid) throws SyscallException;

  /**
   * {@code jail_attach(2)}: move the calling process into the jail. The lifecycle never attaches
   * the JVM itself; this is for contract tests and for kernels that model processes.
   *
   * @param jid the jail
   * @throws SyscallException {@code EINVAL} for an invisible or dying jail, {@code EPERM} when not
   *     privileged
   */
  void attach(int jid) throws SyscallException;

  /**
   * {@code jail_remove_jd(2)} (FreeBSD 15.0).
   *
   * @param fd a jail descriptor
   * @throws SyscallException {@code ENOSYS} before 15.0, {@code EBADF} for a bad descriptor
   */
  default void removeDescriptor(int fd) throws SyscallException {
    throw new SyscallException("jail_remove_jd", Errno.ENOSYS);
  }

  /**
   * {@code jail_attach_jd(2)} (FreeBSD 15.0).
   *
   * @param fd a jail descriptor
   * @throws SyscallException {@code ENOSYS} before 15.0, {@code EBADF} for a bad descriptor
   */
  default void attachDescriptor(int fd) throws SyscallException {
    throw new SyscallException("jail_attach_jd", Errno.ENOSYS);
  }

  /**
   * {@code close(2)} of a jail descriptor (FreeBSD 15.0); closing an owning descriptor removes the
   * jail.
   *
   * @param fd a jail descriptor
   * @throws SyscallException {@code EBADF} for a bad descriptor
   */
  default void closeDescriptor(int fd) throws SyscallException {
    throw new SyscallException("close", Errno.EBADF);
  }

  /**
   * What {@code security.jail.param.NAME} publishes, or empty when the running kernel (with its
   * loaded modules) does not know the parameter. A node's type is the one on its empty-named child.
   *
   * @param name the parameter name, e.g. {@code allow.mount.zfs}
   * @return the description, or empty
   */
  Optional<KernelParam> param(String name);

  /**
   * Every parameter the running kernel publishes, as {@code jailparam_all(3)} lists them.
   *
   * @return the parameters, in sysctl order
   */
  List<KernelParam> params();

  /**
   * What this kernel is and can do: FreeBSD version, VIMAGE, RACCT, loaded modules.
   *
   * @return the capabilities
   */
  HostCapabilities capabilities();

  /**
   * One of the {@code rctl(4)} calls.
   *
   * @param call which call
   * @param argument the rule or filter, e.g. {@code jail:web:maxproc:deny=100}
   * @return the text the call returns (empty for add and remove)
   * @throws SyscallException {@code ENOSYS} when RACCT/RCTL is not enabled, {@code EINVAL} for a
   *     malformed rule
   */
  default String rctl(RctlCall call, String argument) throws SyscallException {
    throw new SyscallException("rctl", Errno.ENOSYS);
  }
}
