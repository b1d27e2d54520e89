package org.jail4j.testkit.transcript;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jail4j.HostCapabilities;
import org.jail4j.spi.IoVec;
import org.jail4j.spi.JailKernel;
import org.jail4j.spi.KernelParam;
import org.jail4j.spi.RctlCall;
import org.jail4j.spi.SyscallException;
import org.jspecify.annotations.Nullable;

/**
 * A {@link JailKernel} that forwards every call to another kernel (real or fake) and records it,
 * with its answer, as a {@link TranscriptRecord}: {@code jail_set}, {@code jail_get}, {@code
 * jail_remove}, {@code jail_attach} and the 15.0 descriptor calls. Parameter lookups, capabilities
 * and {@code rctl} are forwarded without a record. JIDs, descriptors and pids the kernel chose are
 * normalised per recorder ({@code docs/TRANSCRIPTS.md}).
 *
 * <pre>{@code
 * TranscriptRecorder rec = TranscriptRecorder.around(kernel, "my case");
 * rec.set(iov, JailFlags.CREATE);
 * String text = new Transcript(TranscriptHeader.of(kernel), rec.records()).render();
 * }</pre>
 *
 * <p>Safe for concurrent use: calls are recorded one at a time.
 */
public final class TranscriptRecorder implements JailKernel {

  /** A contract hook the recorder records: spawn, exit, hold or release. */
  @FunctionalInterface
  public interface Hook {
    /**
     * Runs the hook.
     *
     * @param arg the JID or pid
     * @return what it returns (a pid for spawn, else 0)
     * @throws SyscallException as the hook fails
     */
    int run(int arg) throws SyscallException;
  }

  private static final class Session {
    final String caseName;
    final Symbols symbols = new Symbols();
    final List<TranscriptRecord> records = new ArrayList<>();

    Session(String caseName) {
      this.caseName = caseName;
    }
  }

  private final Session session;
  private final JailKernel delegate;
  private final int jailedIn; // 0 root, -1 unprivileged, else the JID

  private TranscriptRecorder(Session session, JailKernel delegate, int jailedIn) {
    this.session = session;
    this.delegate = delegate;
    this.jailedIn = jailedIn;
  }

  /**
   * Records the calls of one case made on this kernel.
   *
   * @param delegate the kernel that answers
   * @param caseName the case's name, written on every record (one line, not empty)
   * @return the recorder
   * @throws IllegalArgumentException for an empty name or one with a line break
   */
  public static TranscriptRecorder around(JailKernel delegate, String caseName) {
    Objects.requireNonNull(delegate, "delegate");
    if (caseName.isEmpty() || caseName.contains("\n")) {
      throw new IllegalArgumentException("caseName must be one non-empty line: " + caseName);
    }
    return new TranscriptRecorder(new Session(caseName), delegate, 0);
  }

  /**
   * The same recording for another caller's view of the kernel: a root process inside a jail.
   *
   * @param jid the jail the caller is in
   * @param view the kernel as that caller sees it
   * @return a kernel whose calls are recorded with {@code caller jail T}
   */
  public TranscriptRecorder jailedCaller(int jid, JailKernel view) {
    return new TranscriptRecorder(session, view, jid);
  }

  /**
   * The same recording for a non-root host process's view of the kernel.
   *
   * @param view the kernel as that caller sees it
   * @return a kernel whose calls are recorded with {@code caller unprivileged}
   */
  public TranscriptRecorder unprivilegedCaller(JailKernel view) {
    return new TranscriptRecorder(session, view, -1);
  }

  /**
   * Records a contract hook that changes the kernel's state outside the system calls: {@code spawn}
   * (a process in jail {@code arg}, returns its pid), {@code exit} (pid {@code arg}), {@code hold}
   * and {@code release} (a reference on jail {@code arg}). A hook that throws a runtime exception
   * is not recorded.
   *
   * @param op {@code spawn}, {@code exit}, {@code hold} or {@code release}
   * @param arg the JID or pid
   * @param hook the hook
   * @return what the hook returned
   * @throws SyscallException as the hook fails (recorded)
   */
  public int hook(String op, int arg, Hook hook) throws SyscallException {
    if (!List.of("spawn", "exit", "hold", "release").contains(op)) {
      throw new IllegalArgumentException("not a hook: " + op);
    }
    synchronized (session) {
      String argToken = session.symbols.in(TranscriptRecord.argKind(op), arg);
      try {
        int rc = hook.run(arg);
        add(op, -1, argToken, List.of(), rcToken(op, rc), null, List.of());
        return rc;
      } catch (SyscallException e) {
        add(op, -1, argToken, List.of(), "-1", e.errno().name(), List.of());
        throw e;
      }
    }
  }

  /**
   * The calls recorded so far, in order, of every caller of this case.
   *
   * @return the records
   */
  public List<TranscriptRecord> records() {
    synchronized (session) {
      return List.copyOf(session.records);
    }
  }

  /**
   * The kernel this recorder forwards to.
   *
   * @return the delegate
   */
  public JailKernel delegate() {
    return delegate;
  }

  /** The normalisation of this case (for replay). */
  Symbols symbols() {
    return session.symbols;
  }

  private String caller() {
    if (jailedIn == 0) {
      return "root";
    }
    if (jailedIn < 0) {
      return "unprivileged";
    }
    return "jail " + session.symbols.in(Symbols.Kind.JID, jailedIn);
  }

  private String rcToken(String op, int rc) {
    return op.equals("spawn") ? session.symbols.out(Symbols.Kind.PID, rc) : Integer.toString(rc);
  }

  private void add(
      String op,
      int flags,
      String arg,
      List<String> in,
      String rc,
      @Nullable String errno,
      List<TranscriptRecord.Entry> out) {
    session.records.add(
        new TranscriptRecord(0, session.caseName, op, caller(), flags, arg, in, rc, errno, out));
  }

  private int iov(String op, IoVec[] iov, int flags, boolean set) throws SyscallException {
    synchronized (session) {
      Symbols s = session.symbols;
      String caller = caller();
      int n = iov.length;
      byte[][] before = new byte[n][];
      int[] lengths = new int[n];
      List<String> in = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        IoVec v = iov[i];
        byte[] b = v == null ? null : v.base();
        before[i] = b == null ? null : b.clone();
        lengths[i] = v == null ? 0 : v.length();
        in.add(Values.render(before[i], lengths[i], kindAt(before, lengths, i), s, false));
      }
      String rc;
      String errno = null;
      int result;
      SyscallException failure = null;
      try {
        result = set ? delegate.set(iov, flags) : delegate.get(iov, flags);
        rc = s.out(Symbols.Kind.JID, result);
      } catch (SyscallException e) {
        failure = e;
        result = -1;
        rc = "-1";
        errno = e.errno().name();
      }
      List<TranscriptRecord.Entry> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        IoVec v = iov[i];
        byte[] b = v == null ? null : v.base();
        int len = v == null ? 0 : v.length();
        if (len != lengths[i] || !Arrays.equals(b, before[i])) {
          out.add(
              new TranscriptRecord.Entry(
                  i, Values.render(b, len, kindAt(before, lengths, i), s, true)));
        }
      }
      session.records.add(
          new TranscriptRecord(0, session.caseName, op, caller, flags, "", in, rc, errno, out));
      if (failure != null) {
        throw failure;
      }
      return result;
    }
  }

  /** The kind of value entry {@code i}, from the name before it. */
  private static Symbols.@Nullable Kind kindAt(byte[][] bases, int[] lengths, int i) {
    if (i % 2 == 0) {
      return null;
    }
    byte[] name = bases[i - 1];
    if (name == null) {
      return null;
    }
    int end = 0;
    int max = Math.min(name.length, Math.max(lengths[i - 1], 0));
    while (end < max && name[end] != 0) {
      end++;
    }
    return Values.kindOf(new String(name, 0, end, StandardCharsets.UTF_8));
  }

  private interface ArgCall {
    void run(int arg) throws SyscallException;
  }

  private void argCall(String op, int arg, ArgCall call) throws SyscallException {
    synchronized (session) {
      String caller = caller();
      String token = session.symbols.in(TranscriptRecord.argKind(op), arg);
      try {
        call.run(arg);
      } catch (SyscallException e) {
        session.records.add(
            new TranscriptRecord(
                0,
                session.caseName,
                op,
                caller,
                -1,
                token,
                List.of(),
                "-1",
                e.errno().name(),
                List.of()));
        throw e;
      }
      session.records.add(
          new TranscriptRecord(
              0, session.caseName, op, caller, -1, token, List.of(), "0", null, List.of()));
    }
  }

  @Override
  public int set(IoVec[] iov, int flags) throws SyscallException {
    return iov("jail_set", iov, flags, true);
  }

  @Override
  public int get(IoVec[] iov, int flags) throws SyscallException {
    return iov("jail_get", iov, flags, false);
  }

  @Override
  public void remove(int jid) throws SyscallException {
    argCall("jail_remove", jid, delegate::remove);
  }

  @Override
  public void attach(int jid) throws SyscallException {
    argCall("jail_attach", jid, delegate::attach);
  }

  @Override
  public void removeDescriptor(int fd) throws SyscallException {
    argCall("jail_remove_jd", fd, delegate::removeDescriptor);
  }

  @Override
  public void attachDescriptor(int fd) throws SyscallException {
    argCall("jail_attach_jd", fd, delegate::attachDescriptor);
  }

  @Override
  public void closeDescriptor(int fd) throws SyscallException {
    argCall("close", fd, delegate::closeDescriptor);
  }

  @Override
  public Optional<KernelParam> param(String name) {
    return delegate.param(name);
  }

  @Override
  public List<KernelParam> params() {
    return delegate.params();
  }

  @Override
  public HostCapabilities capabilities() {
    return delegate.capabilities();
  }

  @Override
  public String rctl(RctlCall call, String argument) throws SyscallException {
    return delegate.rctl(call, argument);
  }

  @Override
  public String toString() {
    return "TranscriptRecorder[" + session.caseName + ", " + delegate + "]";
  }
}
