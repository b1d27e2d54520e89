package org.jail4j.freebsd.internal;

import java.util.Optional;
import jnr.ffi.Runtime;
import org.jail4j.FreeBsdVersion;
import org.jail4j.spi.JailKernel;
import org.jail4j.spi.SyscallException;
import org.jail4j.testkit.FakeJailKernel;
import org.jail4j.testkit.PathCheck;
import org.jail4j.testkit.contract.JailKernelContract;
import org.jspecify.annotations.Nullable;

/**
 * The whole provider contract over the native provider's kernel, with FreeBSD's libc emulated in
 * Java: every case builds its iovec in real native memory, the emulated libc reads it out of that
 * memory into the testkit's fake kernel and writes values, lengths, errmsg and errno back. A jailed
 * or unprivileged caller is the fake's view behind its own emulated libc, so those calls cross
 * native memory too. FreeBSD 14 here; the 13 and 15 subclasses change only the version.
 */
class EmulatedLibcContractTest extends JailKernelContract {
  private final Runtime runtime = Runtime.getSystemRuntime();
  private @Nullable FakeJailKernel fake;

  /** The FreeBSD version the fake models. */
  FreeBsdVersion modelled() {
    return FreeBsdVersion.V14;
  }

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
    return native_(k);
  }

  private JailKernel native_(JailKernel view) {
    return new EmulatedLibc(view, runtime).binding().kernel();
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
    return Optional.of(native_(fake().asProcessIn(jid)));
  }

  @Override
  protected Optional<JailKernel> unprivilegedCaller() {
    return Optional.of(native_(fake().asUnprivileged()));
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
