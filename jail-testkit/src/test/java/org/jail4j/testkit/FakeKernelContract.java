package org.jail4j.testkit;

import java.util.Optional;
import org.jail4j.FreeBsdVersion;
import org.jail4j.spi.JailKernel;
import org.jail4j.spi.SyscallException;
import org.jspecify.annotations.Nullable;

/**
 * {@link JailKernelContract} run against a fresh {@link FakeJailKernel} per case, with every hook
 * only a fake can offer: a jailed and an unprivileged caller, processes, and held dying jails.
 * Paths are checked on the real file system so that the ENOENT / ENOTDIR cases mean something.
 */
abstract class FakeKernelContract extends JailKernelContract {
  private @Nullable FakeJailKernel fake;

  /** The FreeBSD version this run models. */
  abstract FreeBsdVersion modelled();

  @Override
  protected JailKernel kernel() {
    FakeJailKernel k =
        FakeJailKernel.builder()
            .version(modelled())
            .modules("sysvmsg", "sysvsem", "sysvshm", "nullfs", "zfs")
            .vimage(true)
            .racct(true)
            .paths(PathCheck.realFileSystem())
            .build();
    fake = k;
    return k;
  }

  private FakeJailKernel fake() {
    FakeJailKernel k = fake;
    if (k == null) {
      throw new IllegalStateException("kernel() not called");
    }
    return k;
  }

  @Override
  protected FreeBsdVersion version() {
    return modelled();
  }

  @Override
  protected Optional<JailKernel> jailedCaller(int jid) {
    return Optional.of(fake().asProcessIn(jid));
  }

  @Override
  protected Optional<JailKernel> unprivilegedCaller() {
    return Optional.of(fake().asUnprivileged());
  }

  @Override
  protected boolean canModelProcesses() {
    return true;
  }

  @Override
  protected int spawnProcess(int jid) throws SyscallException {
    return fake().spawn(jid);
  }

  @Override
  protected void exitProcess(int pid) {
    fake().exit(pid);
  }

  @Override
  protected boolean canHoldJails() {
    return true;
  }

  @Override
  protected void holdReference(int jid) {
    fake().hold(jid);
  }

  @Override
  protected void releaseReference(int jid) {
    fake().release(jid);
  }
}
