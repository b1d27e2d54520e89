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

  /** A persistent jail made with a plain (JAIL_GET_DESC) descriptor: {jid, fd}. */
  private static int[] jailWithDescriptor(ContractContext ctx, String what, int childrenMax) {
    Req r =
        Req.of()
            .str("name", jailName(what))
            .str("path", "/")
            .flag("persist")
            .i32("children.max", childrenMax)
            .bytes("desc", intBytes(-1));
    int jid = ctx.set(r, JailFlags.CREATE | JailFlags.GET_DESC).ok();
    return new int[] {jid, intOf(r.valueOf("desc").bytes())};
  }

  @Test
  @DisplayName(
      "errata §3.5 15.0: a descriptor does not keep a removed jail: jail_remove_jd is ENOENT")
  default void descriptorDoesNotKeepRemovedJail() throws SyscallException {
    ContractContext ctx = context();
    ctx.needFeature("jail descriptors", v -> v.hasJailDescriptors());
    int[] jd = jailWithDescriptor(ctx, "jdgone", 0);
    ctx.k().remove(jd[0]);
    assertEquals(Optional.of(Errno.ENOENT), errnoOf(() -> ctx.k().removeDescriptor(jd[1])));
    ctx.k().closeDescriptor(jd[1]);
  }

  @Test
  @DisplayName(
      "errata §3.5 15.0: JAIL_USE_DESC|JAIL_DYING get of a removed jail is ENOENT \"descriptor to dead jail\"")
  default void useDescDyingGetOfRemovedJailIsDead() throws SyscallException {
    ContractContext ctx = context();
    ctx.needFeature("jail descriptors", v -> v.hasJailDescriptors());
    int[] jd = jailWithDescriptor(ctx, "jddead", 0);
    ctx.k().remove(jd[0]);
    ctx.get(Req.of().i32("desc", jd[1]), JailFlags.USE_DESC | JailFlags.DYING)
        .fails(Errno.ENOENT, "descriptor to dead jail");
    ctx.k().closeDescriptor(jd[1]);
  }

  @Test
  @DisplayName(
      "errata §3.5 15.0: a removed jail held only by a descriptor is gone for JAIL_DYING lookups")
  default void removedJailHeldByDescriptorIsNotFound() throws SyscallException {
    ContractContext ctx = context();
    ctx.needFeature("jail descriptors", v -> v.hasJailDescriptors());
    int[] jd = jailWithDescriptor(ctx, "jdnf", 0);
    ctx.k().remove(jd[0]);
    ctx.get(Req.of().i32("jid", jd[0]), JailFlags.DYING)
        .fails(Errno.ENOENT, "jail " + jd[0] + " not found");
    ctx.k().closeDescriptor(jd[1]);
  }

  @Test
  @DisplayName(
      "errata §3.1 15.0: jail_set with desc but no DESC flag returns 0 with no errmsg and does nothing")
  default void unexpectedDescOnSetIsSilent() {
    ContractContext ctx = context();
    ctx.needFeature("jail descriptors", v -> v.hasJailDescriptors());
    Req r = Req.of().str("name", jailName("unexp")).str("path", "/").flag("persist").i32("desc", 0);
    ContractContext.Outcome out = ctx.set(r, JailFlags.CREATE);
    assertEquals(0, out.ok());
    assertEquals("", out.errmsg());
    ctx.get(Req.of().str("name", jailName("unexp")), 0)
        .fails(Errno.ENOENT, "jail \"" + jailName("unexp") + "\" not found");
  }

  @Test
  @DisplayName("errata §3.1 15.0: jail_get with desc but no DESC flag returns 0 and fills nothing")
  default void unexpectedDescOnGetFillsNothing() {
    ContractContext ctx = context();
    ctx.needFeature("jail descriptors", v -> v.hasJailDescriptors());
    int jid = ctx.persistent(jailName("unexpget"));
    Req r = Req.of().i32("jid", jid).i32("desc", 0).out("name", 256);
    assertEquals(0, ctx.get(r, 0).ok());
    assertEquals("", ContractContext.cString(r.valueOf("name").bytes()));
  }

  @Test
  @DisplayName(
      "errata §3.1 15.0: JAIL_USE_DESC is resolved after the parameter checks (a bad desc loses to them)")
  default void useDescResolvedAfterParameterChecks() {
    ContractContext ctx = context();
    ctx.needFeature("jail descriptors", v -> v.hasJailDescriptors());
    ctx.set(Req.of().i32("desc", 987_654).str("path", "/"), JailFlags.UPDATE | JailFlags.USE_DESC)
        .fails(Errno.EINVAL, "path cannot be changed after creation");
  }

  @Test
  @DisplayName(
      "errata §3.1 15.0 / FreeBSD jaildesc at_desc_bad_fd: an open fd that is not a jail descriptor is EINVAL")
  default void openNonJailFdIsEinval() {
    ContractContext ctx = context();
    ctx.needFeature("jail descriptors", v -> v.hasJailDescriptors());
    ctx.set(
            Req.of().i32("desc", 0).str("host.hostname", "x"),
            JailFlags.UPDATE | JailFlags.USE_DESC)
        .fails(Errno.EINVAL, "not a jail descriptor");
  }

  @Test
  @DisplayName("errata §3.1 15.0: jail_get with JAIL_USE_DESC and no desc is a normal lookup")
  default void getUseDescWithoutDescIsNormalLookup() {
    ContractContext ctx = context();
    ctx.needFeature("jail descriptors", v -> v.hasJailDescriptors());
    int jid = ctx.persistent(jailName("usenodesc"));
    assertEquals(jid, ctx.get(Req.of().i32("jid", jid), JailFlags.USE_DESC).ok());
  }

  @Test
  @DisplayName("errata §3.1 15.0: CREATE|JAIL_USE_DESC is EEXIST \"jail N already exists\"")
  default void createUseDescIsEexist() throws SyscallException {
    ContractContext ctx = context();
    ctx.needFeature("jail descriptors", v -> v.hasJailDescriptors());
    int[] jd = jailWithDescriptor(ctx, "usecreate", 0);
    ctx.set(Req.of().i32("desc", jd[1]).flag("persist"), JailFlags.CREATE | JailFlags.USE_DESC)
        .fails(Errno.EEXIST, "jail " + jd[0] + " already exists");
    ctx.k().closeDescriptor(jd[1]);
  }

  @Test
  @DisplayName("errata §3.1 15.0: JAIL_USE_DESC with another jid is EINVAL \"cannot change jid\"")
  default void useDescWithOtherJidIsEinval() throws SyscallException {
    ContractContext ctx = context();
    ctx.needFeature("jail descriptors", v -> v.hasJailDescriptors());
    int[] jd = jailWithDescriptor(ctx, "usejid", 0);
    int other = ctx.persistent(jailName("usejid2"));
    ctx.set(
            Req.of().i32("desc", jd[1]).i32("jid", other).str("host.hostname", "x"),
            JailFlags.UPDATE | JailFlags.USE_DESC)
        .fails(Errno.EINVAL, "cannot change jid");
    ctx.k().closeDescriptor(jd[1]);
  }

  @Test
  @DisplayName(
      "errata §3.1 15.0: a non-root jail_get with JAIL_OWN_DESC is EPERM (PRIV_JAIL_REMOVE)")
  default void unprivilegedOwnDescGetIsEperm() {
    ContractContext ctx = context();
    ctx.needFeature("jail descriptors", v -> v.hasJailDescriptors());
    ctx.persistent(jailName("ownuser"));
    ctx.get(
            ctx.unprivileged(),
            Req.of().str("name", jailName("ownuser")).bytes("desc", intBytes(-1)),
            JailFlags.OWN_DESC)
        .fails(Errno.EPERM, "");
  }

  @Test
  @DisplayName(
      "errata §3.6 15.0: CREATE|JAIL_AT_DESC under a jail with children.max 0 is EPERM with no errmsg")
  default void createAtDescPastChildrenMaxIsEperm() throws SyscallException {
    ContractContext ctx = context();
    ctx.needFeature("jail descriptors", v -> v.hasJailDescriptors());
    int[] jd = jailWithDescriptor(ctx, "atfull", 0);
    ctx.set(
            Req.of().i32("desc", jd[1]).str("name", "kid").flag("persist"),
            JailFlags.CREATE | JailFlags.AT_DESC)
        .fails(Errno.EPERM, "");
    ctx.k().closeDescriptor(jd[1]);
  }
}
