package org.jail4j.testkit.contract;

import static org.jail4j.testkit.contract.ContractContext.jailName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jail4j.Errno;
import org.jail4j.spi.JailFlags;
import org.jail4j.spi.SyscallException;
import org.jail4j.testkit.contract.ContractContext.Req;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Finding the target jail and creating it (freebsd-jail-abi.md §3.2, §3.3): explicit and numeric
 * JIDs, names and dotted names, EEXIST and ENOENT with their messages, renames, and how JIDs are
 * allocated.
 *
 * <p>Part of {@link JailKernelContract}; every case asserts the errno and, where the kernel writes
 * one, the exact {@code errmsg} text, and is documented by its {@link DisplayName}.
 */
public interface NamesAndJidsCases extends ContractCases {
  @Test
  @DisplayName("§3.2 a negative jid is EINVAL \"negative jid\"")
  default void negativeJidIsEinval() {
    ContractContext ctx = context();
    ctx.set(
            Req.of().i32("jid", -5).str("name", jailName("negjid")).flag("persist"),
            JailFlags.CREATE)
        .fails(Errno.EINVAL, "negative jid");
  }

  @Test
  @DisplayName("§3.2 an explicit free jid is the jail's JID, and its default name is that number")
  default void explicitJidIsUsed() {
    ContractContext ctx = context();
    int want = ctx.freeJid(987_000);
    int jid =
        ctx.set(Req.of().i32("jid", want).str("path", "/").flag("persist"), JailFlags.CREATE).ok();
    assertEquals(want, jid);
    assertEquals(String.valueOf(want), ctx.readString(jid, "name"));
  }

  @Test
  @DisplayName(
      "§3.2 an explicit jid above JAIL_MAX (999999) is used as given: only automatic JIDs are bounded")
  default void explicitJidAboveJailMaxIsUsed() {
    ContractContext ctx = context();
    int want = ctx.freeJid(JailFlags.JAIL_MAX + 2_226_171);
    int jid =
        ctx.set(Req.of().i32("jid", want).str("path", "/").flag("persist"), JailFlags.CREATE).ok();
    assertEquals(want, jid);
    assertEquals(String.valueOf(want), ctx.readString(jid, "name"));
    assertTrue(ctx.alive(jid), "jail " + jid + " is listed as alive");
  }

  @Test
  @DisplayName("§3.2 CREATE by a numeric name asks for that JID")
  default void numericNameRequestsThatJid() {
    ContractContext ctx = context();
    int want = ctx.freeJid(987_100);
    int jid =
        ctx.set(
                Req.of().str("name", String.valueOf(want)).str("path", "/").flag("persist"),
                JailFlags.CREATE)
            .ok();
    assertEquals(want, jid);
  }

  @Test
  @DisplayName(
      "§3.4 a numeric name that is not the JID is EINVAL \"name cannot be numeric (unless it is the jid)\"")
  default void numericNameOtherThanJidIsEinval() {
    ContractContext ctx = context();
    int want = ctx.freeJid(987_200);
    ctx.set(
            Req.of().i32("jid", want).str("name", String.valueOf(want + 1)).flag("persist"),
            JailFlags.CREATE)
        .fails(Errno.EINVAL, "name cannot be numeric (unless it is the jid)");
  }

  @Test
  @DisplayName(
      "peer: py-jail README - creating a used JID again is EEXIST \"jail N already exists\"")
  default void duplicateJidIsEexist() {
    ContractContext ctx = context();
    int jid = ctx.persistent(jailName("dupjid"));
    ctx.set(Req.of().i32("jid", jid).str("path", "/").flag("persist"), JailFlags.CREATE)
        .fails(Errno.EEXIST, "jail " + jid + " already exists");
  }

  @Test
  @DisplayName("§3.2 creating a used name is EEXIST \"jail \\\"x\\\" already exists\"")
  default void duplicateNameIsEexist() {
    ContractContext ctx = context();
    ctx.persistent(jailName("dupname"));
    ctx.set(Req.of().str("name", jailName("dupname")).flag("persist"), JailFlags.CREATE)
        .fails(Errno.EEXIST, "jail \"" + jailName("dupname") + "\" already exists");
  }

  @Test
  @DisplayName("§3.2 UPDATE of a missing jid is ENOENT \"jail N not found\"")
  default void updateMissingJidIsEnoent() {
    ContractContext ctx = context();
    int jid = ctx.freeJid(987_300);
    ctx.set(Req.of().i32("jid", jid).str("host.hostname", "x"), JailFlags.UPDATE)
        .fails(Errno.ENOENT, "jail " + jid + " not found");
  }

  @Test
  @DisplayName("§3.2 UPDATE of a missing name is ENOENT \"jail \\\"x\\\" not found\"")
  default void updateMissingNameIsEnoent() {
    ContractContext ctx = context();
    ctx.set(Req.of().str("name", jailName("ghost")).str("host.hostname", "x"), JailFlags.UPDATE)
        .fails(Errno.ENOENT, "jail \"" + jailName("ghost") + "\" not found");
  }

  @Test
  @DisplayName("§3.2 UPDATE with no jid and no name is ENOENT \"update specified no jail\"")
  default void updateWithoutKeyIsEnoent() {
    ContractContext ctx = context();
    ctx.set(Req.of().str("host.hostname", "x"), JailFlags.UPDATE)
        .fails(Errno.ENOENT, "update specified no jail");
  }

  @Test
  @DisplayName("§3.2 a dotted name whose parent is missing is ENOENT \"jail \\\"a\\\" not found\"")
  default void dottedNameWithMissingParentIsEnoent() {
    ContractContext ctx = context();
    ctx.set(Req.of().str("name", jailName("noparent") + ".child").flag("persist"), JailFlags.CREATE)
        .fails(Errno.ENOENT, "jail \"" + jailName("noparent") + "\" not found");
  }

  @Test
  @DisplayName("§3.2 a dotted name creates a child; its parent reads back as the parent's JID")
  default void dottedNameCreatesChild() {
    ContractContext ctx = context();
    int parent = ctx.persistent(jailName("par"));
    int child = ctx.persistent(jailName("par") + ".kid");
    assertEquals(parent, ctx.readInt(child, "parent"));
    assertEquals(jailName("par") + ".kid", ctx.readString(child, "name"));
  }

  @Test
  @DisplayName("§3.2 CREATE|UPDATE creates when nothing matches and updates when the jail exists")
  default void createOrUpdate() {
    ContractContext ctx = context();
    int flags = JailFlags.CREATE | JailFlags.UPDATE;
    int first =
        ctx.set(
                Req.of().str("name", jailName("cou")).str("host.hostname", "a").flag("persist"),
                flags)
            .ok();
    int second =
        ctx.set(
                Req.of().str("name", jailName("cou")).str("host.hostname", "b").flag("persist"),
                flags)
            .ok();
    assertEquals(first, second);
    assertEquals("b", ctx.readString(first, "host.hostname"));
  }

  @Test
  @DisplayName("peer: 0x1eef/jail SetName - a jid-keyed UPDATE renames a running jail")
  default void renameByJid() {
    ContractContext ctx = context();
    int jid = ctx.persistent(jailName("old"));
    ctx.set(Req.of().i32("jid", jid).str("name", jailName("new")), JailFlags.UPDATE).ok();
    assertEquals(jailName("new"), ctx.readString(jid, "name"));
  }

  @Test
  @DisplayName("§3.2 renaming to a live sibling's name is EEXIST \"jail \\\"x\\\" already exists\"")
  default void renameToSiblingNameIsEexist() {
    ContractContext ctx = context();
    ctx.persistent(jailName("taken"));
    int jid = ctx.persistent(jailName("mover"));
    ctx.set(Req.of().i32("jid", jid).str("name", jailName("taken")), JailFlags.UPDATE)
        .fails(Errno.EEXIST, "jail \"" + jailName("taken") + "\" already exists");
  }

  @Test
  @DisplayName(
      "§3.2 a jid-keyed UPDATE whose dotted name names another parent is EINVAL \"cannot change jail's parent\"")
  default void changingParentIsEinval() {
    ContractContext ctx = context();
    ctx.persistent(jailName("pa"));
    int kid = ctx.persistent(jailName("pb"), Req.of());
    ctx.set(Req.of().i32("jid", kid).str("name", jailName("pa") + ".moved"), JailFlags.UPDATE)
        .fails(Errno.EINVAL, "cannot change jail's parent");
  }

  @Test
  @DisplayName(
      "§3.3 JIDs are allocated monotonically, not lowest-free (after 1,2 and removing 1 comes 3)")
  default void jidAllocationIsMonotonic() throws SyscallException {
    ContractContext ctx = context();
    int a = ctx.persistent(jailName("mono_a"));
    int b = ctx.persistent(jailName("mono_b"));
    ctx.k().remove(a);
    int c = ctx.persistent(jailName("mono_c"));
    assertTrue(b > a, "b " + b + " after a " + a);
    assertTrue(c > b, "c " + c + " must come after b " + b + ", not reuse " + a);
  }

  @Test
  @DisplayName("§3.3 an explicit JID does not move the allocator (lastprid)")
  default void explicitJidDoesNotMoveAllocator() {
    ContractContext ctx = context();
    int a = ctx.persistent(jailName("alloc_a"));
    int explicit = ctx.freeJid(a + 50);
    ctx.set(
            Req.of()
                .i32("jid", explicit)
                .str("name", jailName("alloc_x"))
                .str("path", "/")
                .flag("persist"),
            JailFlags.CREATE)
        .ok();
    int b = ctx.persistent(jailName("alloc_b"));
    assertTrue(b < explicit, "auto JID " + b + " must not follow the explicit " + explicit);
  }

  @Test
  @DisplayName("peer: libjail-rs restart - a jail recreated after removal gets a new JID")
  default void recreatedJailGetsNewJid() throws SyscallException {
    ContractContext ctx = context();
    int first = ctx.persistent(jailName("restart"));
    ctx.k().remove(first);
    int second = ctx.persistent(jailName("restart"));
    assertNotEquals(first, second);
  }

  @Test
  @DisplayName(
      "errata §3.4 15.0: renaming a grandchild by JID from the host drops its parent's prefix")
  default void jidKeyedRenameDropsParentPrefixOn15() {
    ContractContext ctx = context();
    ctx.needFeature(
        "ed31b3f4: jid-keyed updates compare with the caller's jail", v -> !v.revivesDyingJails());
    ctx.persistent(jailName("rnp"), Req.of().i32("children.max", 1));
    int kid = ctx.persistent(jailName("rnp") + ".kid");
    ctx.set(Req.of().i32("jid", kid).str("name", jailName("rnc")), JailFlags.UPDATE).ok();
    assertEquals(jailName("rnc"), ctx.readString(kid, "name"));
  }

  @Test
  @DisplayName(
      "errata §3.4 15.0: a jid-keyed update of a grandchild with its own dotted name is EINVAL \"cannot change jail's parent\"")
  default void jidKeyedGrandchildDottedNameIsEinvalOn15() {
    ContractContext ctx = context();
    ctx.needFeature(
        "ed31b3f4: jid-keyed updates compare with the caller's jail", v -> !v.revivesDyingJails());
    ctx.persistent(jailName("gdp"), Req.of().i32("children.max", 1));
    int kid = ctx.persistent(jailName("gdp") + ".kid");
    ctx.set(Req.of().i32("jid", kid).str("name", jailName("gdp") + ".kid"), JailFlags.UPDATE)
        .fails(Errno.EINVAL, "cannot change jail's parent");
  }
}
