package org.jail4j.testkit.contract;

import static org.jail4j.testkit.contract.ContractContext.PREFIX;
import static org.jail4j.testkit.contract.ContractContext.addresses;
import static org.jail4j.testkit.contract.ContractContext.jailName;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jail4j.Errno;
import org.jail4j.spi.JailFlags;
import org.jail4j.testkit.contract.ContractContext.Req;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Validation against the parent (freebsd-jail-abi.md §3.4): securelevel, children.max,
 * enforce_statfs, devfs_ruleset, addresses, allow flags and modules checked against the parent and
 * propagated to descendants, and children.cur counting them.
 *
 * <p>Part of {@link JailKernelContract}; every case asserts the errno and, where the kernel writes
 * one, the exact {@code errmsg} text, and is documented by its {@link DisplayName}.
 */
public interface ParentValidationCases extends ContractCases {
  @Test
  @DisplayName("§3.4 securelevel below the parent's is EPERM without errmsg")
  default void securelevelBelowParentIsEperm() {
    ContractContext ctx = context();
    ctx.persistent(jailName("slhi"), Req.of().i32("securelevel", 2));
    ctx.set(
            Req.of().str("name", jailName("slhi") + ".c").flag("persist").i32("securelevel", 1),
            JailFlags.CREATE)
        .fails(Errno.EPERM, "");
  }

  @Test
  @DisplayName("§3.4 raising a parent's securelevel raises its descendants'")
  default void raisingSecurelevelPropagates() {
    ContractContext ctx = context();
    int parent = ctx.persistent(jailName("slup"), Req.of().i32("securelevel", 0));
    int child = ctx.persistent(jailName("slup") + ".c");
    ctx.set(Req.of().i32("jid", parent).i32("securelevel", 3), JailFlags.UPDATE).ok();
    assertEquals(3, ctx.readInt(child, "securelevel"));
  }

  @Test
  @DisplayName("peer: 0x1eef/jail SetSecureLevel - raising a jail's own securelevel works")
  default void raisingOwnSecurelevelWorks() {
    ContractContext ctx = context();
    int jid = ctx.persistent(jailName("slself"));
    ctx.set(Req.of().i32("jid", jid).i32("securelevel", 3), JailFlags.UPDATE).ok();
    assertEquals(3, ctx.readInt(jid, "securelevel"));
  }

  @Test
  @DisplayName("§3.4 children.max equal to the parent's is EPERM (must be strictly less)")
  default void childrenMaxNotBelowParentIsEperm() {
    ContractContext ctx = context();
    ctx.persistent(jailName("cmax"), Req.of().i32("children.max", 3));
    ctx.set(
            Req.of().str("name", jailName("cmax") + ".c").flag("persist").i32("children.max", 3),
            JailFlags.CREATE)
        .failsWith(Errno.EPERM);
  }

  @Test
  @DisplayName("§3.4 lowering children.max clamps descendants at depth d to value - d")
  default void childrenMaxClampsDescendants() {
    ContractContext ctx = context();
    int p = ctx.persistent(jailName("clamp"), Req.of().i32("children.max", 5));
    int c = ctx.persistent(jailName("clamp") + ".c", Req.of().i32("children.max", 4));
    int g = ctx.persistent(jailName("clamp") + ".c.g", Req.of().i32("children.max", 3));
    ctx.set(Req.of().i32("jid", p).i32("children.max", 2), JailFlags.UPDATE).ok();
    assertEquals(1, ctx.readInt(c, "children.max"), "child");
    assertEquals(0, ctx.readInt(g, "children.max"), "grandchild");
  }

  @Test
  @DisplayName("§3.4 enforce_statfs below the parent's is EPERM")
  default void enforceStatfsBelowParentIsEperm() {
    ContractContext ctx = context();
    ctx.persistent(jailName("efs"));
    ctx.set(
            Req.of().str("name", jailName("efs") + ".c").flag("persist").i32("enforce_statfs", 1),
            JailFlags.CREATE)
        .failsWith(Errno.EPERM);
  }

  @Test
  @DisplayName("§3.4 raising a parent's enforce_statfs raises its descendants'")
  default void raisingEnforceStatfsPropagates() {
    ContractContext ctx = context();
    int p = ctx.persistent(jailName("efsup"), Req.of().i32("enforce_statfs", 0));
    int c = ctx.persistent(jailName("efsup") + ".c", Req.of().i32("enforce_statfs", 0));
    ctx.set(Req.of().i32("jid", p).i32("enforce_statfs", 1), JailFlags.UPDATE).ok();
    assertEquals(1, ctx.readInt(c, "enforce_statfs"));
  }

  @Test
  @DisplayName("§3.4 setting devfs_ruleset overwrites it in all descendants")
  default void devfsRulesetOverwritesDescendants() {
    ContractContext ctx = context();
    int p = ctx.persistent(jailName("dfs"), Req.of().i32("devfs_ruleset", 4));
    int c = ctx.persistent(jailName("dfs") + ".c", Req.of().i32("devfs_ruleset", 5));
    ctx.set(Req.of().i32("jid", p).i32("devfs_ruleset", 6), JailFlags.UPDATE).ok();
    assertEquals(6, ctx.readInt(c, "devfs_ruleset"));
  }

  @Test
  @DisplayName("§3.4 addresses outside the IP-restricted parent's list are EPERM")
  default void addressesOutsideParentAreEperm() {
    ContractContext ctx = context();
    ctx.persistent(jailName("ipp"), Req.of().bytes("ip4.addr", addresses("192.0.2.80")));
    ctx.set(
            Req.of()
                .str("name", jailName("ipp") + ".c")
                .flag("persist")
                .bytes("ip4.addr", addresses("192.0.2.81")),
            JailFlags.CREATE)
        .failsWith(Errno.EPERM);
  }

  @Test
  @DisplayName("§3.4 a child may take its single-address parent's address")
  default void addressSubsetIsAllowed() {
    ContractContext ctx = context();
    ctx.persistent(jailName("ips"), Req.of().bytes("ip4.addr", addresses("192.0.2.82")));
    int c =
        ctx.persistent(jailName("ips") + ".c", Req.of().bytes("ip4.addr", addresses("192.0.2.82")));
    assertArrayEquals(addresses("192.0.2.82"), ctx.readBytes(c, "ip4.addr", 16));
  }

  @Test
  @DisplayName(
      "§3.4 a child's address held by its multi-address parent clashes: EADDRINUSE \"IPv4 addresses clash\"")
  default void childAddressOfMultiAddressParentClashes() {
    ContractContext ctx = context();
    ctx.persistent(
        jailName("ipm"), Req.of().bytes("ip4.addr", addresses("192.0.2.84", "192.0.2.85")));
    ctx.set(
            Req.of()
                .str("name", jailName("ipm") + ".c")
                .flag("persist")
                .bytes("ip4.addr", addresses("192.0.2.85")),
            JailFlags.CREATE)
        .fails(Errno.EADDRINUSE, "IPv4 addresses clash");
  }

  @Test
  @DisplayName("§3.4 overlapping multi-address jails are EADDRINUSE \"IPv4 addresses clash\"")
  default void overlappingAddressesClash() {
    ContractContext ctx = context();
    ctx.persistent(
        jailName("clash_a"), Req.of().bytes("ip4.addr", addresses("192.0.2.90", "192.0.2.91")));
    ctx.set(
            Req.of()
                .str("name", jailName("clash_b"))
                .flag("persist")
                .bytes("ip4.addr", addresses("192.0.2.91")),
            JailFlags.CREATE)
        .fails(Errno.EADDRINUSE, "IPv4 addresses clash");
  }

  @Test
  @DisplayName("§3.4 two single-address jails may share one address")
  default void singleAddressJailsMayShare() {
    ContractContext ctx = context();
    ctx.persistent(jailName("share_a"), Req.of().bytes("ip4.addr", addresses("192.0.2.92")));
    int b =
        ctx.persistent(jailName("share_b"), Req.of().bytes("ip4.addr", addresses("192.0.2.92")));
    assertTrue(ctx.alive(b));
  }

  @Test
  @DisplayName(
      "§3.4 ip4.addr on a jail that is not IP-restricted is EINVAL \"ip4 cannot be changed after creation\"")
  default void addressesOnInheritJailIsEinval() {
    ContractContext ctx = context();
    int jid = ctx.persistent(jailName("ipinh"), Req.of().i32("ip4", JailFlags.JAIL_SYS_INHERIT));
    ctx.set(Req.of().i32("jid", jid).bytes("ip4.addr", addresses("192.0.2.93")), JailFlags.UPDATE)
        .fails(Errno.EINVAL, "ip4 cannot be changed after creation");
  }

  @Test
  @DisplayName("§3.4 allow.X the parent lacks is EPERM (allow.raw_sockets)")
  default void allowFlagParentLacksIsEperm() {
    ContractContext ctx = context();
    ctx.persistent(jailName("allowp"));
    ctx.set(
            Req.of()
                .str("name", jailName("allowp") + ".c")
                .flag("persist")
                .flag("allow.raw_sockets"),
            JailFlags.CREATE)
        .failsWith(Errno.EPERM);
  }

  @Test
  @DisplayName(
      "§3.4 allow.unprivileged_proc_debug may differ from the parent (PR_ALLOW_DIFFERENCES)")
  default void unprivilegedProcDebugMayDiffer() {
    ContractContext ctx = context();
    ctx.persistent(jailName("upd"), Req.of().flag("allow.nounprivileged_proc_debug"));
    int c = ctx.persistent(jailName("upd") + ".c", Req.of().flag("allow.unprivileged_proc_debug"));
    assertEquals(1, ctx.readInt(c, "allow.unprivileged_proc_debug"));
  }

  @Test
  @DisplayName("§3.4 clearing an allow flag on a jail clears it in its descendants")
  default void clearingAllowPropagates() {
    ContractContext ctx = context();
    int p = ctx.persistent(jailName("allowclr"), Req.of().flag("allow.raw_sockets"));
    int c = ctx.persistent(jailName("allowclr") + ".c", Req.of().flag("allow.raw_sockets"));
    ctx.set(Req.of().i32("jid", p).flag("allow.noraw_sockets"), JailFlags.UPDATE).ok();
    assertEquals(0, ctx.readInt(c, "allow.raw_sockets"));
  }

  @Test
  @DisplayName("§3.4 a full dotted name of 256 bytes or more is ENAMETOOLONG")
  default void longDottedNameIsEnametoolong() {
    ContractContext ctx = context();
    String parent = PREFIX + "p".repeat(200);
    ctx.persistent(parent);
    ctx.set(Req.of().str("name", parent + "." + "c".repeat(60)).flag("persist"), JailFlags.CREATE)
        .failsWith(Errno.ENAMETOOLONG);
  }

  @Test
  @DisplayName("§3.4 host.* changes propagate to host=inherit descendants")
  default void hostnamePropagatesToInheritingChildren() {
    ContractContext ctx = context();
    int p = ctx.persistent(jailName("hinh"), Req.of().str("host.hostname", "before"));
    int c =
        ctx.persistent(jailName("hinh") + ".c", Req.of().i32("host", JailFlags.JAIL_SYS_INHERIT));
    ctx.set(Req.of().i32("jid", p).str("host.hostname", "after"), JailFlags.UPDATE).ok();
    assertEquals("after", ctx.readString(c, "host.hostname"));
  }

  @Test
  @DisplayName("§3.4 renaming a jail renames its descendants' dotted names")
  default void renameRewritesDescendants() {
    ContractContext ctx = context();
    int p = ctx.persistent(jailName("rn"));
    int c = ctx.persistent(jailName("rn") + ".c");
    ctx.set(Req.of().i32("jid", p).str("name", jailName("rn2")), JailFlags.UPDATE).ok();
    assertEquals(jailName("rn2") + ".c", ctx.readString(c, "name"));
  }

  @Test
  @DisplayName("§3.4 sysvmsg=new under a parent with sysvmsg disabled is EPERM (module check)")
  default void sysvmsgNewUnderDisabledParentIsEperm() {
    ContractContext ctx = context();
    ctx.needParam("sysvmsg", "the sysvmsg module is not loaded");
    ctx.persistent(jailName("sysvp"));
    ctx.set(
            Req.of()
                .str("name", jailName("sysvp") + ".c")
                .flag("persist")
                .i32("sysvmsg", JailFlags.JAIL_SYS_NEW),
            JailFlags.CREATE)
        .failsWith(Errno.EPERM);
  }

  @Test
  @DisplayName("§3.3 an ancestor may create a.b even when a has children.max 0")
  default void hostCreatesGrandchildPastChildrenMaxZero() {
    ContractContext ctx = context();
    int p = ctx.persistent(jailName("cm0"));
    int c = ctx.persistent(jailName("cm0") + ".c");
    assertEquals(p, ctx.readInt(c, "parent"));
  }

  @Test
  @DisplayName("FreeBSD sysctl_security_jail_children max_cur: children.cur counts all descendants")
  default void childrenCurCountsAllDescendants() {
    ContractContext ctx = context();
    int p = ctx.persistent(jailName("cur"), Req.of().i32("children.max", 5));
    ctx.persistent(jailName("cur") + ".a", Req.of().i32("children.max", 4));
    ctx.persistent(jailName("cur") + ".a.x");
    ctx.persistent(jailName("cur") + ".b");
    assertEquals(3, ctx.readInt(p, "children.cur"));
  }

  @Test
  @DisplayName(
      "errata §3.4 15.0: from the host, a jid-keyed update may lower a grandchild's securelevel below its parent's")
  default void jidKeyedGrandchildSecurelevelBelowParentOn15() {
    ContractContext ctx = context();
    ctx.needFeature(
        "ed31b3f4: jid-keyed updates compare with the caller's jail", v -> !v.revivesDyingJails());
    ctx.persistent(jailName("slgp"), Req.of().i32("securelevel", 2).i32("children.max", 1));
    int kid = ctx.persistent(jailName("slgp") + ".kid");
    ctx.set(Req.of().i32("jid", kid).i32("securelevel", 0), JailFlags.UPDATE).ok();
    assertEquals(0, ctx.readInt(kid, "securelevel"));
  }
}
