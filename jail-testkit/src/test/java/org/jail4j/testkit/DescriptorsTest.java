package org.jail4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jail4j.spi.JailFlags.AT_DESC;
import static org.jail4j.spi.JailFlags.CREATE;
import static org.jail4j.spi.JailFlags.GET_DESC;
import static org.jail4j.spi.JailFlags.OWN_DESC;
import static org.jail4j.spi.JailFlags.UPDATE;
import static org.jail4j.spi.JailFlags.USE_DESC;
import static org.jail4j.testkit.Kernels.assertFails;
import static org.jail4j.testkit.Kernels.assertGetFails;
import static org.jail4j.testkit.Kernels.assertSetFails;

import org.jail4j.Errno;
import org.jail4j.FreeBsdVersion;
import org.jail4j.spi.SyscallException;
import org.junit.jupiter.api.Test;

/** FreeBSD 15.0 jail descriptors (§1.2, §3.1 step 5, §3.7; jaildesc.c). */
class DescriptorsTest {
  private final FakeJailKernel kernel = Kernels.v(FreeBsdVersion.V15);

  private int createWithDesc(String name, int flags) throws SyscallException {
    Iov iov = Iov.of().str("name", name).flag("persist").i32("desc", -1);
    kernel.set(iov.array(), CREATE | flags);
    return iov.intValue("desc");
  }

  @Test
  void closingAnOwningDescriptorRemovesTheJail() throws SyscallException {
    int fd = createWithDesc("web", OWN_DESC);
    int pid = kernel.spawn(1);
    kernel.closeDescriptor(fd);
    assertThat(kernel.jails()).isEmpty();
    assertThat(kernel.processes(1)).doesNotContain(pid);
  }

  @Test
  void closingAPlainDescriptorKeepsTheJail() throws SyscallException {
    int fd = createWithDesc("web", GET_DESC);
    kernel.closeDescriptor(fd);
    assertThat(kernel.jail(1)).isPresent();
    assertFails(() -> kernel.closeDescriptor(fd), Errno.EBADF);
  }

  @Test
  void useDescTargetsTheDescriptorsJail() throws SyscallException {
    int fd = createWithDesc("web", GET_DESC);
    int jid =
        kernel.set(Iov.of().i32("desc", fd).flag("allow.raw_sockets").array(), UPDATE | USE_DESC);
    assertThat(jid).isEqualTo(1);
    assertThat(Kernels.getInt(kernel, 1, "allow.raw_sockets")).isEqualTo(1);
  }

  @Test
  void atDescCreatesRelativeToTheDescriptorsJail() throws SyscallException {
    Iov iov = Iov.of().str("name", "p").i32("children.max", 2).flag("persist").i32("desc", -1);
    kernel.set(iov.array(), CREATE | GET_DESC);
    int fd = iov.intValue("desc");
    int c =
        kernel.set(
            Iov.of().i32("desc", fd).str("name", "c").flag("persist").array(), CREATE | AT_DESC);
    assertThat(kernel.jail(c).orElseThrow().name()).isEqualTo("p.c");
  }

  @Test
  void descriptorFlagWithoutDescIsMissingDesc() {
    assertSetFails(
        kernel,
        Iov.of().str("name", "w").flag("persist"),
        CREATE | GET_DESC,
        Errno.ENOENT,
        "missing desc");
  }

  @Test
  void unopenedDescriptorIsNotAJailDescriptor() {
    assertSetFails(
        kernel,
        Iov.of().i32("desc", 55).flag("persist"),
        UPDATE | USE_DESC,
        Errno.EBADF,
        "not a jail descriptor");
  }

  @Test
  void standardInputIsOpenButNotAJailDescriptor() {
    assertGetFails(
        kernel,
        Iov.of().str("name", "nonexistent").i32("desc", 0),
        AT_DESC,
        Errno.EINVAL,
        "not a jail descriptor");
  }

  @Test
  void descriptorOfARemovedJailIsDead() throws SyscallException {
    int fd = createWithDesc("web", GET_DESC);
    kernel.remove(1);
    assertSetFails(
        kernel,
        Iov.of().i32("desc", fd).flag("persist"),
        UPDATE | USE_DESC,
        Errno.ENOENT,
        "descriptor to dead jail");
    assertFails(() -> kernel.attachDescriptor(fd), Errno.ENOENT);
  }

  @Test
  void useDescWithAtDescIsInvalid() {
    assertSetFails(kernel, Iov.of().i32("desc", 3), UPDATE | USE_DESC | AT_DESC, Errno.EINVAL, "");
  }

  @Test
  void attachAndRemoveThroughADescriptor() throws SyscallException {
    int fd = createWithDesc("web", GET_DESC);
    kernel.attachDescriptor(fd);
    assertThat(kernel.processes(1)).hasSize(1);
    kernel.removeDescriptor(fd);
    // errata §3.5: the descriptor dropped its reference when the jail started dying
    assertThat(kernel.jail(1)).as("the descriptor does not hold it").isEmpty();
    kernel.closeDescriptor(fd);
    assertThat(kernel.jails()).isEmpty();
  }

  @Test
  void anUnprivilegedProcessMayGetADescriptor() throws SyscallException {
    createWithDesc("web", GET_DESC);
    Iov iov = Iov.of().str("name", "web").i32("desc", -1);
    assertThat(kernel.asUnprivileged().get(iov.array(), GET_DESC)).isEqualTo(1);
    assertThat(iov.intValue("desc")).isGreaterThan(2);
  }

  @Test
  void aJailCannotGetADescriptorOfItselfByName() throws SyscallException {
    createWithDesc("web", GET_DESC);
    assertGetFails(
        kernel.asProcessIn(1),
        Iov.of().str("name", "web").i32("desc", -1),
        GET_DESC,
        Errno.ENOENT,
        "jail \"web\" not found");
  }

  @Test
  void descWithoutAnyDescriptorFlagIsTheSnapshotsSilentNoOp() throws SyscallException {
    Iov iov = Iov.of().str("name", "web").flag("persist").i32("desc", 3);
    assertThat(kernel.set(iov.array(), CREATE)).isZero();
    // errata §3.1: errmsg is written only when an error is returned
    assertThat(iov.errmsg()).isEmpty();
    assertThat(kernel.jails()).isEmpty();
  }
}
