package org.jail4j.testkit.contract;

import static org.jail4j.testkit.contract.ContractContext.errnoOf;
import static org.jail4j.testkit.contract.ContractContext.jailName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.jail4j.Errno;
import org.jail4j.spi.JailFlags;
import org.jail4j.testkit.contract.ContractContext.Req;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An unprivileged caller (freebsd-jail-abi.md §3.1, §3.7, §9): what needs root, and in which order
 * jail_set checks privilege and flags.
 *
 * <p>Part of {@link JailKernelContract}; every case asserts the errno and, where the kernel writes
 * one, the exact {@code errmsg} text, and is documented by its {@link DisplayName}.
 */
public interface PrivilegeCases extends ContractCases {
  @Test
  @DisplayName("§3.1 jail_set by a non-root caller is EPERM without errmsg")
  default void unprivilegedSetIsEperm() {
    ContractContext ctx = context();
    ctx.set(
            ctx.unprivileged(),
            Req.of().str("name", jailName("user")).str("path", "/").flag("persist"),
            JailFlags.CREATE)
        .fails(Errno.EPERM, "");
  }

  @Test
  @DisplayName("§3.7 jail_remove by a non-root caller is EPERM")
  default void unprivilegedRemoveIsEperm() {
    ContractContext ctx = context();
    int jid = ctx.persistent(jailName("userrm"));
    assertEquals(Optional.of(Errno.EPERM), errnoOf(() -> ctx.unprivileged().remove(jid)));
    assertTrue(ctx.alive(jid));
  }

  @Test
  @DisplayName("§3.7 jail_attach by a non-root caller is EPERM")
  default void unprivilegedAttachIsEperm() {
    ContractContext ctx = context();
    int jid = ctx.persistent(jailName("useratt"));
    assertEquals(Optional.of(Errno.EPERM), errnoOf(() -> ctx.unprivileged().attach(jid)));
  }

  @Test
  @DisplayName("FreeBSD jaildesc poll_close_race_get_desc: jail_get works for a non-root caller")
  default void unprivilegedGetWorks() {
    ContractContext ctx = context();
    int jid = ctx.persistent(jailName("userget"));
    assertEquals(
        jid, ctx.get(ctx.unprivileged(), Req.of().str("name", jailName("userget")), 0).ok());
  }

  @Test
  @DisplayName(
      "§3.1/§9 13.x/14.x: privilege is checked first (non-root with no operation is EPERM)")
  default void privilegeFirstBefore15() {
    ContractContext ctx = context();
    ctx.needFeature("privilege is checked before the flags", v -> v.checksPrivilegeBeforeFlags());
    ctx.set(ctx.unprivileged(), Req.of().str("name", jailName("order")), 0).fails(Errno.EPERM, "");
  }

  @Test
  @DisplayName(
      "§3.1/§9 15.0: flags are checked before privilege (non-root with no operation is EINVAL)")
  default void flagsBeforePrivilegeOn15() {
    ContractContext ctx = context();
    ctx.needFeature(
        "the descriptor rework moved the privilege check", v -> !v.checksPrivilegeBeforeFlags());
    ctx.set(ctx.unprivileged(), Req.of().str("name", jailName("order")), 0)
        .fails(Errno.EINVAL, "no valid operation (create or update)");
  }
}
