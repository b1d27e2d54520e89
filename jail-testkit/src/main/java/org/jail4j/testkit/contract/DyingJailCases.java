package org.jail4j.testkit.contract;

import static org.jail4j.testkit.contract.ContractContext.errnoOf;
import static org.jail4j.testkit.contract.ContractContext.jailName;
import static org.jail4j.testkit.contract.ContractContext.listJids;
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
 * Dying jails (freebsd-jail-abi.md §3.5, §3.6, §3.7, §9): removed jails a reference keeps dying,
 * how jail_get, lastjid, jail_remove and jail_attach see them, and the version differences in how
 * jail_set treats their JIDs and names.
 *
 * <p>Part of {@link JailKernelContract}; every case asserts the errno and, where the kernel writes
 * one, the exact {@code errmsg} text, and is documented by its {@link DisplayName}.
 */
public interface DyingJailCases extends ContractCases {
  @Test
  @DisplayName("§3.6 jail_get of a dying jail without JAIL_DYING is ENOENT \"jail N is dying\"")
  default void getDyingWithoutFlagIsEnoent() throws SyscallException {
    ContractContext ctx = context();
    int jid = ctx.dyingJail(jailName("dy1"));
    ctx.get(Req.of().i32("jid", jid), 0).fails(Errno.ENOENT, "jail " + jid + " is dying");
  }

  @Test
  @DisplayName("§3.6 jail_get with JAIL_DYING reads a dying jail with dying = 1")
  default void getDyingWithFlagReadsIt() throws SyscallException {
    ContractContext ctx = context();
    int jid = ctx.dyingJail(jailName("dy2"));
    assertEquals(1, ctx.readInt(ctx.k(), jid, "dying", JailFlags.DYING));
  }

  @Test
  @DisplayName("§1.5 lastjid skips dying jails unless JAIL_DYING is given")
  default void lastjidSkipsDyingJails() throws SyscallException {
    ContractContext ctx = context();
    int jid = ctx.dyingJail(jailName("dy3"));
    assertFalse(listJids(ctx.k(), 0).contains(jid));
    assertTrue(listJids(ctx.k(), JailFlags.DYING).contains(jid));
  }

  @Test
  @DisplayName("§3.7 jail_remove of an already dying jail returns 0")
  default void removeDyingSucceeds() throws SyscallException {
    ContractContext ctx = context();
    int jid = ctx.dyingJail(jailName("dy4"));
    assertEquals(Optional.empty(), errnoOf(() -> ctx.k().remove(jid)));
  }

  @Test
  @DisplayName("§3.7 jail_attach to a dying jail is EINVAL")
  default void attachDyingIsEinval() throws SyscallException {
    ContractContext ctx = context();
    int jid = ctx.dyingJail(jailName("dy5"));
    assertEquals(Optional.of(Errno.EINVAL), errnoOf(() -> ctx.k().attach(jid)));
  }

  @Test
  @DisplayName(
      "§3.2/§9 13.x/14.x: CREATE with a dying jail's JID is EEXIST \"jail N already exists\"")
  default void createOverDyingJidIsEexistBefore15() throws SyscallException {
    ContractContext ctx = context();
    ctx.needFeature("dying jails still count for CREATE", v -> v.revivesDyingJails());
    int jid = ctx.dyingJail(jailName("dy6"));
    ctx.set(Req.of().i32("jid", jid).str("path", "/").flag("persist"), JailFlags.CREATE)
        .fails(Errno.EEXIST, "jail " + jid + " already exists");
  }

  @Test
  @DisplayName("§3.2/§9 15.0: CREATE with a dying jail's JID renumbers the dying jail and succeeds")
  default void createOverDyingJidRenumbersOn15() throws SyscallException {
    ContractContext ctx = context();
    ctx.needFeature("ed31b3f4: dying jails are renumbered", v -> !v.revivesDyingJails());
    int jid = ctx.dyingJail(jailName("dy7"));
    assertEquals(
        jid,
        ctx.set(
                Req.of()
                    .i32("jid", jid)
                    .str("name", jailName("dy7new"))
                    .str("path", "/")
                    .flag("persist"),
                JailFlags.CREATE)
            .ok());
    assertEquals(jailName("dy7new"), ctx.readString(jid, "name"));
  }

  @Test
  @DisplayName(
      "§3.2/§9 13.x/14.x: UPDATE by a name only a dying jail holds is ENOENT \"jail \\\"x\\\" is dying\"")
  default void updateDyingNameIsDyingBefore15() throws SyscallException {
    ContractContext ctx = context();
    ctx.needFeature("dying jails still match names", v -> v.revivesDyingJails());
    ctx.dyingJail(jailName("dy8"));
    ctx.set(Req.of().str("name", jailName("dy8")).str("host.hostname", "x"), JailFlags.UPDATE)
        .fails(Errno.ENOENT, "jail \"" + jailName("dy8") + "\" is dying");
  }

  @Test
  @DisplayName(
      "§3.2/§9 15.0: UPDATE by a name only a dying jail holds is ENOENT \"jail \\\"x\\\" not found\"")
  default void updateDyingNameIsNotFoundOn15() throws SyscallException {
    ContractContext ctx = context();
    ctx.needFeature("dying jails never match", v -> !v.revivesDyingJails());
    ctx.dyingJail(jailName("dy9"));
    ctx.set(Req.of().str("name", jailName("dy9")).str("host.hostname", "x"), JailFlags.UPDATE)
        .fails(Errno.ENOENT, "jail \"" + jailName("dy9") + "\" not found");
  }

  @Test
  @DisplayName(
      "§3.2/§9 13.x/14.x: a jid-keyed UPDATE of a dying jail without JAIL_DYING is ENOENT \"jail N is dying\"")
  default void updateDyingJidIsDyingBefore15() throws SyscallException {
    ContractContext ctx = context();
    ctx.needFeature("JAIL_DYING selects dying jails", v -> v.revivesDyingJails());
    int jid = ctx.dyingJail(jailName("dy10"));
    ctx.set(Req.of().i32("jid", jid).str("host.hostname", "x"), JailFlags.UPDATE)
        .fails(Errno.ENOENT, "jail " + jid + " is dying");
  }

  @Test
  @DisplayName("§9 13.x/14.x: UPDATE|JAIL_DYING with persist resurrects a dying jail")
  default void dyingFlagResurrectsBefore15() throws SyscallException {
    ContractContext ctx = context();
    ctx.needFeature("JAIL_DYING revives dying jails", v -> v.revivesDyingJails());
    int jid = ctx.dyingJail(jailName("dy11"));
    assertEquals(
        jid,
        ctx.set(Req.of().i32("jid", jid).flag("persist"), JailFlags.UPDATE | JailFlags.DYING).ok());
    assertTrue(ctx.alive(jid), "alive again");
    assertEquals(0, ctx.readInt(jid, "dying"));
  }

  @Test
  @DisplayName("§1.2/§9 15.0: JAIL_DYING is accepted by jail_set and ignored")
  default void dyingFlagIgnoredOn15() {
    ContractContext ctx = context();
    ctx.needFeature("JAIL_DYING is deprecated in jail_set", v -> !v.revivesDyingJails());
    int jid =
        ctx.set(
                Req.of().str("name", jailName("dy12")).str("path", "/").flag("persist"),
                JailFlags.CREATE | JailFlags.DYING)
            .ok();
    assertTrue(ctx.alive(jid));
  }

  @Test
  @DisplayName(
      "errata §3.2/§9 13.x/14.x: any successful UPDATE|JAIL_DYING revives a dying jail, without persist too")
  default void anyDyingUpdateRevivesBefore15() throws SyscallException {
    ContractContext ctx = context();
    ctx.needFeature("JAIL_DYING revives dying jails", v -> v.revivesDyingJails());
    int jid = ctx.dyingJail(jailName("dy13"));
    assertEquals(
        jid,
        ctx.set(
                Req.of().i32("jid", jid).str("host.hostname", "back"),
                JailFlags.UPDATE | JailFlags.DYING)
            .ok());
    assertTrue(ctx.alive(jid), "alive again");
    assertEquals(0, ctx.readInt(jid, "dying"));
    assertEquals("back", ctx.readString(jid, "host.hostname"));
  }

  @Test
  @DisplayName(
      "errata §3.2 15.0: each renumbered dying jail takes the JID below the last one (lastdeadid - 1)")
  default void renumberingCountsDownFromLastDeadId() throws SyscallException {
    ContractContext ctx = context();
    ctx.needFeature("ed31b3f4: dying jails are renumbered", v -> !v.revivesDyingJails());
    int first = ctx.dyingJail(jailName("dy14a"));
    ctx.set(
            Req.of()
                .i32("jid", first)
                .str("name", jailName("dy14x"))
                .str("path", "/")
                .flag("persist"),
            JailFlags.CREATE)
        .ok();
    int firstDead = ctx.jidOfName(jailName("dy14a")).orElseThrow();
    ctx.release(first, firstDead);
    assertEquals(Optional.empty(), ctx.jidOfName(jailName("dy14a")), "freed");
    int second = ctx.dyingJail(jailName("dy14b"));
    ctx.set(
            Req.of()
                .i32("jid", second)
                .str("name", jailName("dy14y"))
                .str("path", "/")
                .flag("persist"),
            JailFlags.CREATE)
        .ok();
    assertEquals(Optional.of(firstDead - 1), ctx.jidOfName(jailName("dy14b")));
  }
}
