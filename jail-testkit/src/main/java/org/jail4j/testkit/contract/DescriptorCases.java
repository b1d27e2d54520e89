package org.jail4j.testkit.contract;

import static org.jail4j.testkit.contract.ContractContext.errnoOf;
import static org.jail4j.testkit.contract.ContractContext.intBytes;
import static org.jail4j.testkit.contract.ContractContext.intOf;
import static org.jail4j.testkit.contract.ContractContext.jailName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.jail4j.Errno;
import org.jail4j.spi.JailFlags;
import org.jail4j.spi.SyscallException;
import org.jail4j.testkit.contract.ContractContext.Req;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Jail descriptors (freebsd-jail-abi.md §1.1, §1.2, §3.1.5, §3.7, FreeBSD's jaildesc tests): the
 * DESC flags, desc, jail_remove_jd, closing an owning descriptor, and ENOSYS where the release has
 * no descriptor calls.
 *
 * <p>Part of {@link JailKernelContract}; every case asserts the errno and, where the kernel writes
 * one, the exact {@code errmsg} text, and is documented by its {@link DisplayName}.
 */
public interface DescriptorCases extends ContractCases {
  @Test
  @DisplayName("§1.2 15.0: JAIL_USE_DESC with JAIL_AT_DESC is EINVAL")
  default void useDescWithAtDescIsEinval() {
    ContractContext ctx = context();
    ctx.needFeature("jail descriptors", v -> v.hasJailDescriptors());
    ctx.set(
            Req.of().i32("desc", 0).flag("persist"),
            JailFlags.UPDATE | JailFlags.USE_DESC | JailFlags.AT_DESC)
        .failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName("§3.1.5 15.0: JAIL_USE_DESC without desc is ENOENT \"missing desc\"")
  default void useDescWithoutDescIsEnoent() {
    ContractContext ctx = context();
    ctx.needFeature("jail descriptors", v -> v.hasJailDescriptors());
    ctx.set(Req.of().str("host.hostname", "x"), JailFlags.UPDATE | JailFlags.USE_DESC)
        .fails(Errno.ENOENT, "missing desc");
  }

  @Test
  @DisplayName(
      "§3.1.5 15.0: a desc that is not a jail descriptor is EBADF \"not a jail descriptor\"")
  default void badDescIsEbadf() {
    ContractContext ctx = context();
    ctx.needFeature("jail descriptors", v -> v.hasJailDescriptors());
    ctx.set(
            Req.of().i32("desc", 987_654).str("host.hostname", "x"),
            JailFlags.UPDATE | JailFlags.USE_DESC)
        .fails(Errno.EBADF, "not a jail descriptor");
  }

  @Test
  @DisplayName("FreeBSD jaildesc: closing an owning descriptor (JAIL_OWN_DESC) removes the jail")
  default void closingOwningDescriptorRemovesJail() throws SyscallException {
    ContractContext ctx = context();
    ctx.needFeature("jail descriptors", v -> v.hasJailDescriptors());
    Req r =
        Req.of()
            .str("name", jailName("owned"))
            .str("path", "/")
            .flag("persist")
            .bytes("desc", intBytes(-1));
    int jid = ctx.set(r, JailFlags.CREATE | JailFlags.OWN_DESC).ok();
    int fd = intOf(r.valueOf("desc").bytes());
    assertTrue(fd >= 0, "descriptor " + fd);
    ctx.k().closeDescriptor(fd);
    assertFalse(ctx.alive(jid));
  }

  @Test
  @DisplayName("FreeBSD jaildesc poll_remove_wakeup: jail_remove_jd removes the descriptor's jail")
  default void removeByDescriptor() throws SyscallException {
    ContractContext ctx = context();
    ctx.needFeature("jail descriptors", v -> v.hasJailDescriptors());
    Req r =
        Req.of()
            .str("name", jailName("rmjd"))
            .str("path", "/")
            .flag("persist")
            .bytes("desc", intBytes(-1));
    int jid = ctx.set(r, JailFlags.CREATE | JailFlags.GET_DESC).ok();
    int fd = intOf(r.valueOf("desc").bytes());
    ctx.k().removeDescriptor(fd);
    assertFalse(ctx.alive(jid));
    ctx.k().closeDescriptor(fd);
  }

  @Test
  @DisplayName("§3.7 15.0: jail_remove_jd of a bad descriptor is EBADF")
  default void removeBadDescriptorIsEbadf() {
    ContractContext ctx = context();
    ctx.needFeature("jail descriptors", v -> v.hasJailDescriptors());
    assertEquals(Optional.of(Errno.EBADF), errnoOf(() -> ctx.k().removeDescriptor(987_654)));
  }

  @Test
  @DisplayName("§1.1/§9 13.x/14.x: jail_attach_jd and jail_remove_jd do not exist (ENOSYS)")
  default void descriptorCallsAreEnosysBefore15() {
    ContractContext ctx = context();
    ctx.needFeature("syscalls 597/598 are 15.0", v -> !v.hasJailDescriptors());
    assertEquals(Optional.of(Errno.ENOSYS), errnoOf(() -> ctx.k().attachDescriptor(3)));
    assertEquals(Optional.of(Errno.ENOSYS), errnoOf(() -> ctx.k().removeDescriptor(3)));
  }
}
