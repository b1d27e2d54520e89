package org.jail4j.testkit.contract;

import java.io.IOException;
import java.util.Optional;
import org.jail4j.FreeBsdVersion;
import org.jail4j.spi.JailKernel;
import org.jail4j.spi.SyscallException;
import org.jail4j.testkit.transcript.TranscriptFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestInfo;

/**
 * The contract every {@link JailKernel} must pass: FreeBSD's jail system call rules at the byte
 * level, each case taken from freebsd-jail-abi.md (§1-§3, §9), FreeBSD's own jail tests or the
 * assertions of other jail libraries, and named so in its {@link DisplayName}. Each case asserts
 * the errno and, where the kernel writes one, the exact {@code errmsg} text.
 *
 * <p>The cases are grouped by topic into test interfaces that follow the sections of
 * freebsd-jail-abi.md ({@link ParameterTransportCases}, {@link FlagCases}, {@link
 * CreateUpdateCases}, {@link ValueCheckCases}, {@link NamesAndJidsCases}, {@link DefaultsCases},
 * {@link ParentValidationCases}, {@link PersistenceCases}, {@link GetCases}, {@link
 * RemoveAttachCases}, {@link DyingJailCases}, {@link JailedCallerCases}, {@link PrivilegeCases},
 * {@link DescriptorCases}, {@link MetaEnvCases}); this class runs them all and shares one {@link
 * ContractContext} between them.
 *
 * <p>Subclass it in a test class and return the kernel under test; override the hooks for what only
 * some implementations can do (a jailed or unprivileged caller, processes, holding a dying jail).
 * Cases that need a hook the implementation does not offer, a module it has not loaded or another
 * FreeBSD version are skipped with an assumption that says why.
 *
 * <pre>{@code
 * class NativeKernelContractTest extends JailKernelContract {
 *   @Override
 *   protected JailKernel kernel() {
 *     return JailHost.local().kernel();
 *   }
 * }
 * }</pre>
 *
 * <p>The cases only use jails named {@code j4jct_...} with path {@code /} (and a temporary file for
 * the ENOTDIR case), and remove every jail they made, so they can run as root on a real FreeBSD
 * host. They never attach the calling process to a jail.
 */
public abstract class JailKernelContract
    implements ParameterTransportCases,
        FlagCases,
        CreateUpdateCases,
        ValueCheckCases,
        NamesAndJidsCases,
        DefaultsCases,
        ParentValidationCases,
        PersistenceCases,
        GetCases,
        RemoveAttachCases,
        DyingJailCases,
        JailedCallerCases,
        PrivilegeCases,
        DescriptorCases,
        MetaEnvCases {

  /** The prefix of every jail name the contract creates. */
  protected static final String PREFIX = ContractContext.PREFIX;

  private final ContractContext context = new ContractContext(this);

  /**
   * The kernel under test, called once before each case. A fake should return a fresh kernel; a
   * real one the host's kernel.
   *
   * @return the kernel
   */
  protected abstract JailKernel kernel();

  /**
   * The FreeBSD behaviour the kernel follows (default: what its capabilities say).
   *
   * @return the version
   */
  protected FreeBsdVersion version() {
    return k().capabilities().version();
  }

  /**
   * The kernel as seen by a root process attached to a jail, when the implementation can offer one
   * without attaching the test's own process (a fake can; a real kernel would need a child
   * process).
   *
   * @param jid the jail
   * @return the view, or empty to skip the cases that need it
   */
  protected Optional<JailKernel> jailedCaller(int jid) {
    return Optional.empty();
  }

  /**
   * The kernel as seen by a non-root host process, when the implementation can offer one.
   *
   * @return the view, or empty to skip the cases that need it
   */
  protected Optional<JailKernel> unprivilegedCaller() {
    return Optional.empty();
  }

  /**
   * Whether {@link #spawnProcess} and {@link #exitProcess} work.
   *
   * @return true when the implementation models processes in jails
   */
  protected boolean canModelProcesses() {
    return false;
  }

  /**
   * Starts a process in the jail (as jexec does).
   *
   * @param jid the jail
   * @return its pid
   * @throws SyscallException as jail_attach would fail
   */
  protected int spawnProcess(int jid) throws SyscallException {
    throw new UnsupportedOperationException("override spawnProcess with canModelProcesses");
  }

  /**
   * Ends a process started with {@link #spawnProcess}.
   *
   * @param pid the process
   */
  protected void exitProcess(int pid) {
    throw new UnsupportedOperationException("override exitProcess with canModelProcesses");
  }

  /**
   * Whether {@link #holdReference} and {@link #releaseReference} work.
   *
   * @return true when a jail can be kept dying on purpose
   */
  protected boolean canHoldJails() {
    return false;
  }

  /**
   * Takes a plain reference on a jail (as an open socket does), so that once removed it stays dying
   * and visible with {@code JAIL_DYING} until {@link #releaseReference}.
   *
   * @param jid the jail
   */
  protected void holdReference(int jid) {
    throw new UnsupportedOperationException("override holdReference with canHoldJails");
  }

  /**
   * Drops a reference taken with {@link #holdReference}.
   *
   * @param jid the jail
   */
  protected void releaseReference(int jid) {
    throw new UnsupportedOperationException("override releaseReference with canHoldJails");
  }

  /**
   * Where the calls of each case are recorded as a transcript (docs/TRANSCRIPTS.md), or empty not
   * to record. Default: the file the system property {@code jail4j.transcript} names, e.g. {@code
   * -Djail4j.transcript=target/transcripts/} for a file named by source, release and architecture.
   *
   * @return the transcript file, or empty
   */
  protected Optional<TranscriptFile> transcript() {
    return TranscriptFile.fromProperty();
  }

  /**
   * The context of the current case: its kernel, what it made, and the helpers.
   *
   * @return the context
   */
  @Override
  public final ContractContext context() {
    return context;
  }

  /**
   * The kernel of the current case.
   *
   * @return the kernel {@link #kernel()} returned for this case
   */
  protected final JailKernel k() {
    return context.k();
  }

  @BeforeEach
  final void openKernel(TestInfo info) {
    String caseName =
        info.getTestMethod()
            .map(m -> m.getDeclaringClass().getSimpleName() + "." + m.getName())
            .orElse(info.getDisplayName());
    context.open(kernel(), transcript(), caseName, info.getDisplayName());
  }

  @AfterEach
  final void removeWhatTheCaseMade() throws IOException {
    context.close();
  }
}
