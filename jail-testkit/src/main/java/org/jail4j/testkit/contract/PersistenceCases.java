package org.jail4j.testkit.contract;

import static org.jail4j.testkit.contract.ContractContext.errnoOf;
import static org.jail4j.testkit.contract.ContractContext.jailName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.jail4j.Errno;
import org.jail4j.spi.JailFlags;
import org.jail4j.spi.SyscallException;
import org.jail4j.testkit.contract.ContractContext.Outcome;
import org.jail4j.testkit.contract.ContractContext.Req;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Persistence and processes (freebsd-jail-abi.md §3.5, §3.7): when a non-persistent jail stays
 * alive, and what happens to processes when their jail goes.
 *
 * <p>Part of {@link JailKernelContract}; every case asserts the errno and, where the kernel writes
 * one, the exact {@code errmsg} text, and is documented by its {@link DisplayName}.
 */
public interface PersistenceCases extends ContractCases {
  @Test
  @DisplayName("§3.5 nopersist on a jail without processes succeeds and the jail stops being alive")
  default void nopersistWithoutProcessesKillsTheJail() {
    ContractContext ctx = context();
    int jid = ctx.persistent(jailName("np"));
    assertEquals(jid, ctx.set(Req.of().i32("jid", jid).flag("nopersist"), JailFlags.UPDATE).ok());
    Outcome o = ctx.get(Req.of().i32("jid", jid), 0);
    o.failsWith(Errno.ENOENT);
    // freed at once or still dying, depending on references the kernel holds
    assertTrue(
        Set.of("jail " + jid + " not found", "jail " + jid + " is dying").contains(o.errmsg()),
        "errmsg \"" + o.errmsg() + "\"");
  }

  @Test
  @DisplayName("§3.5 a child keeps a non-persistent parent without processes alive")
  default void childKeepsParentAlive() {
    ContractContext ctx = context();
    int p = ctx.persistent(jailName("keep"));
    ctx.persistent(jailName("keep") + ".c");
    ctx.set(Req.of().i32("jid", p).flag("nopersist"), JailFlags.UPDATE).ok();
    assertTrue(ctx.alive(p), "parent must stay alive while it has a child");
  }

  @Test
  @DisplayName("§3.5 a process keeps a jail alive after nopersist; it dies when the last one exits")
  default void lastProcessExitKillsNonPersistentJail() throws SyscallException {
    ContractContext ctx = context();
    ctx.needProcesses();
    int jid = ctx.persistent(jailName("proc"));
    int pid = ctx.spawnProcess(jid);
    ctx.set(Req.of().i32("jid", jid).flag("nopersist"), JailFlags.UPDATE).ok();
    assertTrue(ctx.alive(jid), "alive while a process runs");
    ctx.exitProcess(pid);
    assertFalse(ctx.alive(jid), "dead once the last process exited");
  }

  @Test
  @DisplayName("§3.7 a process cannot enter a jail that does not exist (EINVAL)")
  default void spawnIntoMissingJailIsEinval() {
    ContractContext ctx = context();
    ctx.needProcesses();
    int jid = ctx.freeJid(987_400);
    assertEquals(Optional.of(Errno.EINVAL), errnoOf(() -> ctx.spawnProcess(jid)));
  }

  @Test
  @DisplayName("§3.7 jail_remove kills the jail's processes (nothing can enter it afterwards)")
  default void removeKillsProcesses() throws SyscallException {
    ContractContext ctx = context();
    ctx.needProcesses();
    int jid = ctx.persistent(jailName("kill"));
    ctx.spawnProcess(jid);
    ctx.k().remove(jid);
    assertFalse(ctx.alive(jid));
    assertEquals(Optional.of(Errno.EINVAL), errnoOf(() -> ctx.spawnProcess(jid)));
  }
}
