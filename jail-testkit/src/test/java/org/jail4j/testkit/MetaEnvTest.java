package org.jail4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jail4j.spi.JailFlags.CREATE;
import static org.jail4j.spi.JailFlags.UPDATE;
import static org.jail4j.testkit.Kernels.assertSetFails;
import static org.jail4j.testkit.Kernels.newJail;

import org.jail4j.Errno;
import org.jail4j.FreeBsdVersion;
import org.jail4j.spi.IoVec;
import org.jail4j.spi.SyscallException;
import org.junit.jupiter.api.Test;

/** FreeBSD 15.0 {@code meta} / {@code env} (§4.4; tests/sys/kern/jailmeta.sh). */
class MetaEnvTest {
  private final FakeJailKernel kernel = Kernels.v(FreeBsdVersion.V15);
  private int jid;

  private void modify(Iov iov) throws SyscallException {
    kernel.set(iov.i32("jid", jid).array(), UPDATE);
  }

  private String read(String param) throws SyscallException {
    return Kernels.getString(kernel, jid, param);
  }

  private int lengthOf(String param) throws SyscallException {
    Iov iov = Iov.of().i32("jid", jid).out(param, 256);
    kernel.get(iov.array(), 0);
    return iov.value(param).length();
  }

  @Test
  void freeTextIsStoredVerbatim() throws SyscallException {
    jid =
        newJail(
            kernel,
            Iov.of().str("name", "j").flag("persist").str("meta", "a b c").str("env", "C\tB"));
    assertThat(read("meta")).isEqualTo("a b c");
    assertThat(read("env")).isEqualTo("C\tB");
  }

  @Test
  void aFreshJailHasEmptyBuffers() throws SyscallException {
    jid = newJail(kernel, "j");
    assertThat(read("meta")).isEmpty();
  }

  @Test
  void keyedUpdatesFollowTheJailmetaSequence() throws SyscallException {
    jid = newJail(kernel, Iov.of().str("name", "j").flag("persist").flag("meta"));
    modify(Iov.of().str("meta", "a=1"));
    assertThat(read("meta.a")).isEqualTo("1");
    modify(Iov.of().str("meta", "a=2\nb=3"));
    assertThat(read("meta.b")).isEqualTo("3");
    assertThat(lengthOf("meta.c")).as("a missing key comes back empty").isZero();
    modify(Iov.of().str("meta", ""));
    modify(Iov.of().str("meta.a", "1"));
    assertThat(read("meta")).isEqualTo("a=1");
    modify(Iov.of().str("meta.c", "3").str("meta.b", "2"));
    assertThat(read("meta")).isEqualTo("b=2\nc=3\na=1");
    modify(Iov.of().str("meta.a", "A").str("meta.c", "C"));
    assertThat(read("meta")).isEqualTo("c=C\na=A\nb=2");
    modify(Iov.of().str("meta.a", ""));
    assertThat(read("meta")).isEqualTo("a=\nc=C\nb=2");
    modify(Iov.of().put("meta.b", IoVec.empty()));
    assertThat(read("meta")).isEqualTo("a=\nc=C");
    modify(Iov.of().str("meta.a", "1").str("meta", "ttt").str("meta.b", "2"));
    assertThat(read("meta")).isEqualTo("b=2\nttt");
    modify(Iov.of().str("meta.b", "="));
    assertThat(read("meta")).isEqualTo("b==\nttt");
  }

  @Test
  void theLimitCountsTheTrailingNul() throws SyscallException {
    jid = newJail(kernel, "j");
    modify(Iov.of().str("meta", "x".repeat(4095)));
    assertSetFails(
        kernel, Iov.of().i32("jid", jid).str("meta", "x".repeat(4096)), UPDATE, Errno.EFBIG, "");
    assertThat(read("env")).isEmpty();
  }

  @Test
  void keyedUpdatesCannotGrowBeyondTheLimit() throws SyscallException {
    jid = newJail(kernel, Iov.of().str("name", "j").flag("persist").str("env", "x".repeat(4090)));
    assertSetFails(
        kernel, Iov.of().i32("jid", jid).str("env.k", "12345678"), UPDATE, Errno.EFBIG, "");
  }

  @Test
  void buffersAreNotInherited() throws SyscallException {
    newJail(
        kernel,
        Iov.of().str("name", "p").i32("children.max", 1).str("meta", "abc").flag("persist"));
    jid = newJail(kernel, "p.child");
    assertThat(read("meta")).isEmpty();
  }

  @Test
  void metaIsUnknownBefore15() {
    assertSetFails(
        Kernels.v14(),
        Iov.of().str("name", "j").flag("persist").str("meta.a", "1"),
        CREATE,
        Errno.EINVAL,
        "unknown parameter: meta.a");
  }
}
