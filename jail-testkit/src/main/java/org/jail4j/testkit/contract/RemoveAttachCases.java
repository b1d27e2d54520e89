package org.jail4j.testkit.contract;

import static org.jail4j.testkit.contract.ContractContext.errnoOf;
import static org.jail4j.testkit.contract.ContractContext.jailName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Optional;
import org.jail4j.Errno;
import org.jail4j.spi.SyscallException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * jail_remove and jail_attach (freebsd-jail-abi.md §3.7): missing jails, JID 0, and removing a
 * whole subtree.
 *
 * <p>Part of {@link JailKernelContract}; every case asserts the errno and, where the kernel writes
 * one, the exact {@code errmsg} text, and is documented by its {@link DisplayName}.
 */
public interface RemoveAttachCases extends ContractCases {
  @Test
  @DisplayName("jail(2) / peer: py-jail - jail_remove of a missing jid is EINVAL")
  default void removeMissingIsEinval() {
    ContractContext ctx = context();
    int jid = ctx.freeJid(987_500);
    assertEquals(Optional.of(Errno.EINVAL), errnoOf(() -> ctx.k().remove(jid)));
  }

  @Test
  @DisplayName("peer: libjail-rs create_remove - a removed jail is gone")
  default void removedJailIsGone() throws SyscallException {
    ContractContext ctx = context();
    int jid = ctx.persistent(jailName("rm"));
    ctx.k().remove(jid);
    assertFalse(ctx.alive(jid));
  }

  @Test
  @DisplayName("§3.7 jail_remove removes the whole subtree (FreeBSD max_cur cleanup)")
  default void removeTakesTheSubtree() throws SyscallException {
    ContractContext ctx = context();
    int p = ctx.persistent(jailName("tree"));
    int c = ctx.persistent(jailName("tree") + ".c");
    int g = ctx.persistent(jailName("tree") + ".c.g");
    ctx.k().remove(p);
    assertFalse(ctx.alive(c), "child");
    assertFalse(ctx.alive(g), "grandchild");
  }

  @Test
  @DisplayName("§3.7 jail_attach to a missing jid is EINVAL (not ENOENT)")
  default void attachMissingIsEinval() {
    ContractContext ctx = context();
    int jid = ctx.freeJid(987_600);
    assertEquals(Optional.of(Errno.EINVAL), errnoOf(() -> ctx.k().attach(jid)));
  }

  @Test
  @DisplayName("§3.7 jail_attach to JID 0 (the caller's own jail) is EINVAL")
  default void attachZeroIsEinval() {
    ContractContext ctx = context();
    assertEquals(Optional.of(Errno.EINVAL), errnoOf(() -> ctx.k().attach(0)));
  }
}
