package org.jail4j.testkit;

import java.util.Map;
import java.util.Optional;
import org.jail4j.FreeBsdVersion;
import org.jail4j.spi.JailKernel;
import org.jail4j.spi.SyscallException;
import org.jail4j.testkit.contract.JailKernelContract;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/**
 * {@link JailKernelContract} run against a fresh {@link FakeJailKernel} per case, with every hook
 * only a fake can offer: a jailed and an unprivileged caller, processes, and held dying jails.
 * Paths are checked on the real file system so that the ENOENT / ENOTDIR cases mean something.
 *
 * <p>{@link #KNOWN_DEVIATIONS} lists the cases the fake does not pass yet, each with the rule it
 * breaks; they are skipped with that reason (never silently) until the fake follows the rule.
 */
abstract class FakeKernelContract extends JailKernelContract {
  private @Nullable FakeJailKernel fake;

  /** Contract cases the fake kernel does not pass yet: method name to the rule it breaks. */
  static final Map<String, String> KNOWN_DEVIATIONS = Map.of();

  @BeforeEach
  void skipKnownDeviations(TestInfo test) {
    String method = test.getTestMethod().map(m -> m.getName()).orElse("");
    String why = KNOWN_DEVIATIONS.get(method);
    Assumptions.assumeTrue(why == null, why);
  }

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
