package org.jail4j.testkit.contract;

import static org.jail4j.testkit.contract.ContractContext.cString;
import static org.jail4j.testkit.contract.ContractContext.errnoOf;
import static org.jail4j.testkit.contract.ContractContext.jailName;
import static org.jail4j.testkit.contract.ContractContext.listJids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.jail4j.Errno;
import org.jail4j.spi.JailFlags;
import org.jail4j.spi.JailKernel;
import org.jail4j.testkit.contract.ContractContext.Req;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A caller inside a jail (freebsd-jail-abi.md §3, §3.3, §3.6, FreeBSD's jail_basic_test nested):
 * children.max, relative names, what is visible, and counting children made inside.
 *
 * <p>Part of {@link JailKernelContract}; every case asserts the errno and, where the kernel writes
 * one, the exact {@code errmsg} text, and is documented by its {@link DisplayName}.
 */
public interface JailedCallerCases extends ContractCases {
  @Test
  @DisplayName(
      "FreeBSD jail_basic_test nested: CREATE inside a jail with children.max 0 is EPERM without errmsg")
  default void createInsideJailWithoutChildrenIsEperm() {
    ContractContext ctx = context();
    int jid = ctx.persistent(jailName("nochild"));
    ctx.set(
            ctx.jailed(jid),
            Req.of().str("name", "nested").str("path", "/").flag("persist"),
            JailFlags.CREATE)
        .fails(Errno.EPERM, "");
  }

  @Test
  @DisplayName(
      "FreeBSD jail_basic_test nested: a second child over children.max 1 is EPERM \"prison limit exceeded\"")
  default void secondChildOverLimitIsPrisonLimitExceeded() {
    ContractContext ctx = context();
    int jid = ctx.persistent(jailName("basejail"), Req.of().i32("children.max", 1));
    JailKernel inside = ctx.jailed(jid);
    ctx.set(
            inside,
            Req.of().str("name", "nestedjail").str("path", "/").flag("persist"),
            JailFlags.CREATE)
        .ok();
    ctx.set(
            inside,
            Req.of().str("name", "secondnestedjail").str("path", "/").flag("persist"),
            JailFlags.CREATE)
        .fails(Errno.EPERM, "prison limit exceeded");
  }

  @Test
  @DisplayName("FreeBSD jailmeta not_inheritable: a child made inside p is p.child from the host")
  default void childMadeInsideIsDottedFromHost() {
    ContractContext ctx = context();
    int jid = ctx.persistent(jailName("outer"), Req.of().i32("children.max", 1));
    int child =
        ctx.set(
                ctx.jailed(jid),
                Req.of().str("name", "child").str("path", "/").flag("persist"),
                JailFlags.CREATE)
            .ok();
    assertEquals(child, ctx.get(Req.of().str("name", jailName("outer") + ".child"), 0).ok());
  }

  @Test
  @DisplayName("§3.6 inside a jail, names are relative and the caller's jail is parent 0")
  default void insideNamesAreRelative() {
    ContractContext ctx = context();
    int jid = ctx.persistent(jailName("rel"), Req.of().i32("children.max", 1));
    JailKernel inside = ctx.jailed(jid);
    int child =
        ctx.set(
                inside,
                Req.of().str("name", "kid").str("path", "/").flag("persist"),
                JailFlags.CREATE)
            .ok();
    Req r = Req.of().i32("jid", child).out("name", 256);
    ctx.get(inside, r, 0).ok();
    assertEquals("kid", cString(r.valueOf("name").bytes()));
    assertEquals(0, ctx.readInt(inside, child, "parent", 0));
  }

  @Test
  @DisplayName(
      "§3 inside a jail, jails outside its subtree are invisible (ENOENT \"jail \\\"x\\\" not found\")")
  default void outsideJailsAreInvisible() {
    ContractContext ctx = context();
    ctx.persistent(jailName("visible"));
    int jid = ctx.persistent(jailName("viewer"));
    ctx.get(ctx.jailed(jid), Req.of().str("name", jailName("visible")), 0)
        .fails(Errno.ENOENT, "jail \"" + jailName("visible") + "\" not found");
  }

  @Test
  @DisplayName(
      "FreeBSD jaildesc curjail_get: a jail cannot see itself (ENOENT \"jail N not found\")")
  default void ownJailIsInvisible() {
    ContractContext ctx = context();
    int jid = ctx.persistent(jailName("self"));
    ctx.get(ctx.jailed(jid), Req.of().i32("jid", jid), 0)
        .fails(Errno.ENOENT, "jail " + jid + " not found");
  }

  @Test
  @DisplayName(
      "§3.2 inside a jail, a jid outside the subtree is ENOENT \"jail N not found\" on UPDATE")
  default void updateOutsideSubtreeIsNotFound() {
    ContractContext ctx = context();
    int other = ctx.persistent(jailName("target"));
    int jid = ctx.persistent(jailName("updater"));
    ctx.set(ctx.jailed(jid), Req.of().i32("jid", other).str("host.hostname", "x"), JailFlags.UPDATE)
        .fails(Errno.ENOENT, "jail " + other + " not found");
  }

  @Test
  @DisplayName(
      "§3.2 inside a jail, CREATE with a live JID outside the subtree is EEXIST \"jail N already exists\"")
  default void createWithOutsideJidLeaksExistence() {
    ContractContext ctx = context();
    int other = ctx.persistent(jailName("leak"));
    int jid = ctx.persistent(jailName("leaker"), Req.of().i32("children.max", 1));
    ctx.set(
            ctx.jailed(jid),
            Req.of().i32("jid", other).str("path", "/").flag("persist"),
            JailFlags.CREATE)
        .fails(Errno.EEXIST, "jail " + other + " already exists");
  }

  @Test
  @DisplayName("§3.7 inside a jail, jail_remove of a jail outside the subtree is EINVAL")
  default void removeOutsideSubtreeIsEinval() {
    ContractContext ctx = context();
    int other = ctx.persistent(jailName("victim"));
    int jid = ctx.persistent(jailName("remover"));
    assertEquals(Optional.of(Errno.EINVAL), errnoOf(() -> ctx.jailed(jid).remove(other)));
    assertTrue(ctx.alive(other));
  }

  @Test
  @DisplayName("§3.7 inside a jail, jail_attach to its own JID is EINVAL")
  default void attachOwnJailIsEinval() {
    ContractContext ctx = context();
    int jid = ctx.persistent(jailName("attself"));
    assertEquals(Optional.of(Errno.EINVAL), errnoOf(() -> ctx.jailed(jid).attach(jid)));
  }

  @Test
  @DisplayName("§1.5 inside a jail, lastjid lists only its descendants")
  default void insideLastjidListsDescendants() {
    ContractContext ctx = context();
    ctx.persistent(jailName("sibling"));
    int jid = ctx.persistent(jailName("lister"), Req.of().i32("children.max", 1));
    JailKernel inside = ctx.jailed(jid);
    int child =
        ctx.set(
                inside,
                Req.of().str("name", "only").str("path", "/").flag("persist"),
                JailFlags.CREATE)
            .ok();
    assertEquals(List.of(child), listJids(inside, 0));
  }

  @Test
  @DisplayName("§3.4 inside a jail, a non-zero devfs_ruleset other than the parent's is EPERM")
  default void insideDevfsRulesetOtherThanParentsIsEperm() {
    ContractContext ctx = context();
    int jid =
        ctx.persistent(jailName("rsjail"), Req.of().i32("children.max", 1).i32("devfs_ruleset", 4));
    ctx.set(
            ctx.jailed(jid),
            Req.of().str("name", "c").str("path", "/").flag("persist").i32("devfs_ruleset", 5),
            JailFlags.CREATE)
        .failsWith(Errno.EPERM);
  }

  @Test
  @DisplayName(
      "FreeBSD sysctl_security_jail_children max_cur: a grandchild made inside counts for every ancestor")
  default void grandchildCountsForEveryAncestor() {
    ContractContext ctx = context();
    int top = ctx.persistent(jailName("maxallowed"), Req.of().i32("children.max", 10));
    int family =
        ctx.set(
                ctx.jailed(top),
                Req.of()
                    .str("name", "family")
                    .str("path", "/")
                    .flag("persist")
                    .i32("children.max", 4),
                JailFlags.CREATE)
            .ok();
    assertEquals(1, ctx.readInt(top, "children.cur"));
    assertEquals(4, ctx.readInt(family, "children.max"));
    assertEquals(0, ctx.readInt(family, "children.cur"));
  }

  @Test
  @DisplayName(
      "errata §3.2/§3.4: from inside a jail, a jid-keyed update with a relative dotted name is EINVAL \"cannot change jail's parent\"")
  default void relativeDottedNameFromInsideIsCannotChangeParent() {
    ContractContext ctx = context();
    int jid = ctx.persistent(jailName("relpfx"), Req.of().i32("children.max", 3));
    JailKernel inside = ctx.jailed(jid);
    ctx.set(
            inside,
            Req.of().str("name", "mid").str("path", "/").flag("persist").i32("children.max", 1),
            JailFlags.CREATE)
        .ok();
    int leaf =
        ctx.set(
                inside,
                Req.of().str("name", "mid.leaf").str("path", "/").flag("persist"),
                JailFlags.CREATE)
            .ok();
    ctx.set(inside, Req.of().i32("jid", leaf).str("name", "mid.leaf"), JailFlags.UPDATE)
        .fails(Errno.EINVAL, "cannot change jail's parent");
  }
}
