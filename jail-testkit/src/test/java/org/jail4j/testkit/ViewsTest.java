package org.jail4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jail4j.spi.JailFlags.CREATE;
import static org.jail4j.spi.JailFlags.UPDATE;
import static org.jail4j.testkit.Kernels.assertFails;
import static org.jail4j.testkit.Kernels.assertGetFails;
import static org.jail4j.testkit.Kernels.assertSetFails;
import static org.jail4j.testkit.Kernels.newJail;

import org.jail4j.Errno;
import org.jail4j.FreeBsdVersion;
import org.jail4j.spi.JailKernel;
import org.jail4j.spi.RctlCall;
import org.jail4j.spi.SyscallException;
import org.junit.jupiter.api.Test;

/** A root process inside a jail and a non-root host process (§3, §8, §9 check order). */
class ViewsTest {
  private final FakeJailKernel kernel = Kernels.v14();

  private int parent() {
    return newJail(kernel, Iov.of().str("name", "p").i32("children.max", 3).flag("persist"));
  }

  @Test
  void aJailedProcessSeesOnlyItsDescendants() {
    int p = parent();
    int other = newJail(kernel, "other");
    JailKernel inside = kernel.asProcessIn(p);
    assertGetFails(
        inside, Iov.of().i32("jid", other), 0, Errno.ENOENT, "jail " + other + " not found");
    assertGetFails(inside, Iov.of().i32("jid", p), 0, Errno.ENOENT, "jail " + p + " not found");
    assertGetFails(inside, Iov.of().str("name", "p"), 0, Errno.ENOENT, "jail \"p\" not found");
  }

  @Test
  void aJailedProcessCreatesChildrenUnderItsOwnJail() throws SyscallException {
    int p = parent();
    int c = newJail(kernel.asProcessIn(p), "c");
    assertThat(kernel.jail(c).orElseThrow().name()).isEqualTo("p.c");
    assertThat(kernel.jail(c).orElseThrow().parentJid()).isEqualTo(p);
  }

  @Test
  void aJailWithChildrenMaxZeroCannotCreateAtAll() {
    int p = newJail(kernel, "p");
    assertSetFails(
        kernel.asProcessIn(p), Iov.of().str("name", "c").flag("persist"), CREATE, Errno.EPERM, "");
  }

  @Test
  void aJailedProcessCannotLowerSecurelevelBelowItsJails() {
    int p =
        newJail(
            kernel,
            Iov.of().str("name", "p").i32("securelevel", 2).i32("children.max", 3).flag("persist"));
    assertSetFails(
        kernel.asProcessIn(p),
        Iov.of().str("name", "c").i32("securelevel", 1).flag("persist"),
        CREATE,
        Errno.EPERM,
        "");
  }

  @Test
  void aJailedProcessCannotGrantWhatItsJailLacks() {
    int p = parent();
    assertSetFails(
        kernel.asProcessIn(p),
        Iov.of().str("name", "c").flag("allow.mount").flag("persist"),
        CREATE,
        Errno.EPERM,
        "");
  }

  @Test
  void aJailedProcessRemovesAndAttachesOnlyDescendants() throws SyscallException {
    int p = parent();
    int other = newJail(kernel, "other");
    JailKernel inside = kernel.asProcessIn(p);
    assertFails(() -> inside.remove(other), Errno.EINVAL);
    assertFails(() -> inside.attach(p), Errno.EINVAL);
    int c = newJail(inside, "c");
    inside.attach(c);
    inside.remove(c);
    assertThat(kernel.jail(c)).isEmpty();
  }

  @Test
  void rctlIsRefusedInsideAJail() {
    int p = parent();
    assertFails(() -> kernel.asProcessIn(p).rctl(RctlCall.GET_RULES, ""), Errno.EPERM);
  }

  @Test
  void aProcessWhoseJailIsDyingGetsEagain() throws SyscallException {
    int p = parent();
    JailKernel inside = kernel.asProcessIn(p);
    kernel.hold(p);
    kernel.remove(p);
    assertSetFails(
        inside, Iov.of().str("name", "c").flag("persist"), CREATE | UPDATE, Errno.EAGAIN, "");
  }

  @Test
  void viewOfAMissingJailIsAProgrammingError() {
    assertThatThrownBy(() -> kernel.asProcessIn(77)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unprivilegedProcessesMayRead() throws SyscallException {
    int jid = newJail(kernel, "web");
    assertThat(kernel.asUnprivileged().get(Iov.of().str("name", "web").array(), 0)).isEqualTo(jid);
  }

  @Test
  void unprivilegedSetIsRefusedBeforeAnythingElseOn14() {
    JailKernel user = kernel.asUnprivileged();
    assertSetFails(user, Iov.of().str("name", "web").flag("persist"), CREATE, Errno.EPERM, "");
    assertSetFails(user, Iov.of().flag("bogus"), 0xff, Errno.EPERM, "");
  }

  @Test
  void unprivilegedSetChecksFlagsAndOperationFirstOn15() {
    JailKernel user = Kernels.v(FreeBsdVersion.V15).asUnprivileged();
    assertSetFails(user, Iov.of().flag("persist"), 0x100, Errno.EINVAL, "");
    assertSetFails(
        user, Iov.of().flag("persist"), 0, Errno.EINVAL, "no valid operation (create or update)");
    assertSetFails(user, Iov.of().str("name", "web").flag("persist"), CREATE, Errno.EPERM, "");
  }

  @Test
  void unprivilegedRemoveAttachAndRctlAreRefused() {
    int jid = newJail(kernel, "web");
    JailKernel user = kernel.asUnprivileged();
    assertFails(() -> user.remove(jid), Errno.EPERM);
    assertFails(() -> user.attach(jid), Errno.EPERM);
    assertFails(() -> user.rctl(RctlCall.ADD_RULE, "jail:web:maxproc:deny=10"), Errno.EPERM);
  }
}
