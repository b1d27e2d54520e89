package org.jail4j.freebsd.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jnr.ffi.Runtime;
import org.jail4j.Errno;
import org.jail4j.JailException;
import org.jail4j.param.JailParam;
import org.jail4j.param.JailRequest;
import org.jail4j.spi.IoVec;
import org.junit.jupiter.api.Test;

/**
 * libjail's {@code jailparam_get} (lib/libjail/jail.c) re-probes address lists after an {@code
 * EINVAL} only while the kernel wrote no errmsg: {@code if (jid >= 0 || !arrays || sanity ==
 * ARRAY_SANITY || errno != EINVAL || jail_errmsg[0]) break;}. Over the emulated libc, so the errmsg
 * travels through native memory as on FreeBSD.
 */
class LibjailRetryTest {
  private final Runtime runtime = Runtime.getSystemRuntime();
  private final ScriptedKernel scripted = new ScriptedKernel();

  /** The read, not the size probe: the address list has a buffer. */
  private static boolean isTheRead(IoVec[] iov) {
    for (int i = 0; i + 1 < iov.length; i += 2) {
      byte[] n = iov[i].base();
      if (n != null && Sysctl.cString(n).equals("ip4.addr")) {
        return iov[i + 1].base() != null;
      }
    }
    return false;
  }

  private long jailGets() {
    return scripted.calls.stream().filter("jail_get"::equals).count();
  }

  @Test
  void anEinvalWithAnErrmsgIsTheKernelsAnswerAndIsNotRetried() {
    scripted.failWith = Errno.EINVAL;
    scripted.errmsg = "ip4.addr: bad buffer";
    scripted.failOnly = LibjailRetryTest::isTheRead;
    NativeJailKernel kernel = new EmulatedLibc(scripted, runtime).binding().kernel();

    assertThatThrownBy(
            () ->
                JailRequest.create().put(JailParam.JID, 7).want(JailParam.IP4_ADDR).get(kernel, 0))
        .isInstanceOfSatisfying(
            JailException.class,
            e -> {
              assertThat(e.errno()).contains(Errno.EINVAL);
              assertThat(e.getMessage()).contains("ip4.addr: bad buffer");
            });
    assertThat(jailGets()).isEqualTo(2); // one probe, one read
  }

  @Test
  void anEinvalWithoutAnErrmsgIsAGrownListAndIsProbedAgain() {
    scripted.failWith = Errno.EINVAL;
    scripted.errmsg = null;
    scripted.failOnly = LibjailRetryTest::isTheRead;
    NativeJailKernel kernel = new EmulatedLibc(scripted, runtime).binding().kernel();

    assertThatThrownBy(
            () ->
                JailRequest.create().put(JailParam.JID, 7).want(JailParam.IP4_ADDR).get(kernel, 0))
        .isInstanceOfSatisfying(
            JailException.class, e -> assertThat(e.errno()).contains(Errno.EINVAL));
    assertThat(jailGets()).isEqualTo(10); // five probes, five reads
  }
}
