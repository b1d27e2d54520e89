package org.jail4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jail4j.spi.JailFlags.CREATE;
import static org.jail4j.spi.JailFlags.DYING;
import static org.jail4j.spi.JailFlags.UPDATE;
import static org.jail4j.testkit.Kernels.assertFails;
import static org.jail4j.testkit.Kernels.newJail;

import org.jail4j.Errno;
import org.jail4j.spi.SyscallException;
import org.junit.jupiter.api.Test;

/** freebsd-jail-abi.md §3.5 and §3.7: persistence, processes, dying, attach and remove. */
class LifecycleTest {
  private final FakeJailKernel kernel = Kernels.v14();

  @Test
  void nopersistOnAJailWithoutProcessesKillsItAndReturnsTheJid() throws SyscallException {
    int jid = newJail(kernel, "web");
    assertThat(kernel.set(Iov.of().i32("jid", jid).flag("nopersist").array(), UPDATE))
        .isEqualTo(jid);
    assertThat(kernel.jail(jid)).isEmpty();
  }

  @Test
  void lastProcessLeavingANonPersistentJailKillsIt() throws SyscallException {
    int jid = newJail(kernel, "web");
    int pid = kernel.spawn(jid);
    kernel.set(Iov.of().i32("jid", jid).flag("nopersist").array(), UPDATE);
    assertThat(kernel.jail(jid)).isPresent();
    kernel.exit(pid);
    assertThat(kernel.jail(jid)).isEmpty();
  }

  @Test
  void persistentJailOutlivesItsProcesses() throws SyscallException {
    int jid = newJail(kernel, "web");
    kernel.exit(kernel.spawn(jid));
    assertThat(kernel.jail(jid).orElseThrow().dying()).isFalse();
  }

  @Test
  void aChildKeepsANonPersistentParentAlive() throws SyscallException {
    int p = newJail(kernel, Iov.of().str("name", "p").i32("children.max", 2).flag("persist"));
    int c = newJail(kernel, "p.c");
    kernel.set(Iov.of().i32("jid", p).flag("nopersist").array(), UPDATE);
    assertThat(kernel.jail(p)).isPresent();
    kernel.set(Iov.of().i32("jid", c).flag("nopersist").array(), UPDATE);
    assertThat(kernel.jails()).isEmpty();
  }

  @Test
  void aHeldJailStaysDyingAndVisibleWithTheDyingFlag() throws SyscallException {
    int jid = newJail(kernel, "web");
    FakeJailKernel.Hold ref = kernel.hold(jid);
    kernel.remove(jid);
    assertThat(kernel.jail(jid).orElseThrow().dying()).isTrue();
    Kernels.assertGetFails(
        kernel, Iov.of().i32("jid", jid).out("dying", 4), 0, Errno.ENOENT, "jail 1 is dying");
    assertThat(Kernels.getInt(kernel, jid, "dying")).isEqualTo(1);
    ref.close();
    assertThat(kernel.jail(jid)).isEmpty();
  }

  @Test
  void releaseByJidFreesADyingJail() throws SyscallException {
    int jid = newJail(kernel, "web");
    kernel.hold(jid);
    kernel.remove(jid);
    kernel.release(jid);
    assertThat(kernel.jail(jid)).isEmpty();
    assertThatThrownBy(() -> kernel.release(jid)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void dyingJailsStillOccupyTheirJid() throws SyscallException {
    int jid = newJail(kernel, "web");
    kernel.hold(jid);
    kernel.remove(jid);
    assertThat(newJail(kernel, "next")).isEqualTo(jid + 1);
  }

  @Test
  void removeKillsProcessesAndTheWholeSubtree() throws SyscallException {
    int p = newJail(kernel, Iov.of().str("name", "p").i32("children.max", 2).flag("persist"));
    int c = newJail(kernel, "p.c");
    kernel.spawn(c);
    kernel.spawn(p);
    kernel.remove(p);
    assertThat(kernel.jails()).isEmpty();
    assertThat(kernel.processes(c)).isEmpty();
    kernel.checkInvariants();
  }

  @Test
  void removeOfADyingJailSucceedsSilently() throws SyscallException {
    int jid = newJail(kernel, "web");
    kernel.hold(jid);
    kernel.remove(jid);
    kernel.remove(jid);
    assertThat(kernel.jail(jid).orElseThrow().dying()).isTrue();
  }

  @Test
  void removeOfAnUnknownJailIsInvalid() {
    assertFails(() -> kernel.remove(42), Errno.EINVAL);
    assertFails(() -> kernel.remove(0), Errno.EINVAL);
  }

  @Test
  void attachAddsAProcess() throws SyscallException {
    int jid = newJail(kernel, "web");
    kernel.attach(jid);
    assertThat(kernel.processes(jid)).hasSize(1);
  }

  @Test
  void attachToADyingJailIsInvalid() throws SyscallException {
    int jid = newJail(kernel, "web");
    kernel.hold(jid);
    kernel.remove(jid);
    assertFails(() -> kernel.attach(jid), Errno.EINVAL);
    assertFails(() -> kernel.attach(0), Errno.EINVAL);
  }

  @Test
  void spawnIntoAMissingJailIsInvalid() {
    assertFails(() -> kernel.spawn(9), Errno.EINVAL);
  }

  @Test
  void sigtermEndsProcessesUnlessTheyIgnoreIt() throws SyscallException {
    int jid = newJail(kernel, Iov.of().str("name", "w").flag("persist"));
    int stubborn = kernel.spawn(jid);
    kernel.spawn(jid);
    kernel.ignoreSignals(stubborn);
    kernel.signal(jid, 15);
    assertThat(kernel.processes(jid)).containsExactly(stubborn);
    kernel.signal(jid, 9);
    assertThat(kernel.processes(jid)).isEmpty();
  }

  @Test
  void exitOfAKilledProcessIsQuiet() throws SyscallException {
    int jid = newJail(kernel, "w");
    int pid = kernel.spawn(jid);
    kernel.remove(jid);
    assertThat(kernel.running(pid)).isFalse();
    kernel.exit(pid);
    kernel.checkInvariants();
  }

  @Test
  void exitOfAnUnknownProcessIsAProgrammingError() {
    assertThatThrownBy(() -> kernel.exit(12345)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void updateOnADyingJailWithoutTheDyingFlagSaysDying() throws SyscallException {
    int jid = newJail(kernel, "web");
    kernel.hold(jid);
    kernel.remove(jid);
    Kernels.assertSetFails(
        kernel,
        Iov.of().i32("jid", jid).flag("persist"),
        UPDATE,
        Errno.ENOENT,
        "jail " + jid + " is dying");
  }

  @Test
  void createUpdateWithDyingAndPersistRevivesTheJail() throws SyscallException {
    int jid = newJail(kernel, "web");
    kernel.hold(jid);
    kernel.remove(jid);
    int revived =
        kernel.set(Iov.of().i32("jid", jid).flag("persist").array(), CREATE | UPDATE | DYING);
    assertThat(revived).isEqualTo(jid);
    assertThat(kernel.jail(jid).orElseThrow().dying()).isFalse();
    kernel.checkInvariants();
  }
}
