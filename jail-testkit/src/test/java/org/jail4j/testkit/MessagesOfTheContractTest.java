package org.jail4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jail4j.Errno;
import org.jail4j.FailedStep;
import org.jail4j.FreeBsdVersion;
import org.jail4j.JailException;
import org.jail4j.JailStep;
import org.jail4j.spi.IoVec;
import org.jail4j.spi.JailKernel;
import org.jail4j.spi.SyscallException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;

/**
 * Every kernel rule the contract exercises, as the message a user reads: each refusal the fake
 * gives during the contract (FreeBSD 14) is turned into the {@link JailException} the API throws
 * for it, from a plain {@code jail_set} and from a start step, and each message must say every fact
 * once and the errno once ({@link SaidOnce}).
 */
class MessagesOfTheContractTest extends FakeKernelContract {

  /** One refusal: the call, its errno and the kernel's errmsg. */
  record Refusal(String syscall, Errno errno, @Nullable String errmsg) {}

  private static final AtomicInteger CHECKED = new AtomicInteger();

  private final List<Refusal> refusals = new ArrayList<>();

  @Override
  FreeBsdVersion modelled() {
    return FreeBsdVersion.V14;
  }

  @Override
  protected JailKernel kernel() {
    return recording(super.kernel());
  }

  @Override
  protected Optional<JailKernel> jailedCaller(int jid) {
    return super.jailedCaller(jid).map(this::recording);
  }

  @Override
  protected Optional<JailKernel> unprivilegedCaller() {
    return super.unprivilegedCaller().map(this::recording);
  }

  private JailKernel recording(JailKernel k) {
    return (JailKernel)
        Proxy.newProxyInstance(
            JailKernel.class.getClassLoader(),
            new Class<?>[] {JailKernel.class},
            (proxy, method, args) -> {
              try {
                return method.invoke(k, args);
              } catch (InvocationTargetException e) {
                if (e.getCause() instanceof SyscallException s) {
                  synchronized (refusals) {
                    refusals.add(new Refusal(s.syscall(), s.errno(), errmsg(args)));
                  }
                }
                throw e.getCause();
              }
            });
  }

  /** The text the kernel wrote into the errmsg buffer of a jail_set / jail_get, if any. */
  private static @Nullable String errmsg(Object @Nullable [] args) {
    if (args == null || args.length == 0 || !(args[0] instanceof IoVec[] iov)) {
      return null;
    }
    for (int i = 0; i + 1 < iov.length; i += 2) {
      byte[] name = iov[i].base();
      byte[] value = iov[i + 1].base();
      if (name != null
          && value != null
          && "errmsg\0".equals(new String(name, StandardCharsets.UTF_8))) {
        int n = 0;
        while (n < value.length && value[n] != 0) {
          n++;
        }
        return n == 0 ? null : new String(value, 0, n, StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  @AfterEach
  void everyRefusalIsSaidOnce() {
    List<Refusal> all;
    synchronized (refusals) {
      all = List.copyOf(refusals);
    }
    for (Refusal r : all) {
      // As a plain call (JailRequest, RunningJail) reports it, by name and by JID...
      SaidOnce.assertSaidOnce(
          JailException.fromErrno(r.syscall(), null, "j4jct_web", r.errno(), r.errmsg())
              .getMessage());
      SaidOnce.assertSaidOnce(
          JailException.fromErrno(r.syscall(), 7, null, r.errno(), r.errmsg()).getMessage());
      // ...and as a start step reports it, with the step on the exception.
      JailException step =
          JailException.fromErrno(
              FailedStep.of(JailStep.CREATE),
              r.syscall(),
              null,
              "j4jct.child",
              r.errno(),
              r.errmsg(),
              null,
              null);
      SaidOnce.assertSaidOnce(step.getMessage());
      assertThat(step.errno()).contains(r.errno());
      CHECKED.incrementAndGet();
    }
  }

  @AfterAll
  static void theContractRefusedOften() {
    // 214 cases, most of them about a refusal: a run that saw few means the recorder is broken.
    assertThat(CHECKED.get()).isGreaterThan(100);
  }
}
