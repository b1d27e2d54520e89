package org.jail4j.testkit.contract;

import static org.jail4j.testkit.contract.ContractContext.jailName;

import org.jail4j.Errno;
import org.jail4j.spi.JailFlags;
import org.jail4j.testkit.contract.ContractContext.Req;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The create and update rules of jail_set (freebsd-jail-abi.md §3.1): a new jail must persist or
 * attach, and the create-only parameters (path, osrelease, osreldate, ip4, vnet) cannot be changed
 * afterwards, not even by CREATE|UPDATE.
 *
 * <p>Part of {@link JailKernelContract}; every case asserts the errno and, where the kernel writes
 * one, the exact {@code errmsg} text, and is documented by its {@link DisplayName}.
 */
public interface CreateUpdateCases extends ContractCases {
  @Test
  @DisplayName(
      "§3.1 CREATE without ATTACH or persist is EINVAL \"new jail must persist or attach\"")
  default void createWithoutPersistIsEinval() {
    ContractContext ctx = context();
    ctx.set(Req.of().str("name", jailName("nopersist")).str("path", "/"), JailFlags.CREATE)
        .fails(Errno.EINVAL, "new jail must persist or attach");
  }

  @Test
  @DisplayName("§3.1/§9 13.1+: CREATE|UPDATE without persist is refused even for an existing jail")
  default void createUpdateWithoutPersistIsEinvalEvenWhenTheJailExists() {
    ContractContext ctx = context();
    ctx.persistent(jailName("cu"));
    ctx.set(
            Req.of().str("name", jailName("cu")).str("host.hostname", "x"),
            JailFlags.CREATE | JailFlags.UPDATE)
        .fails(Errno.EINVAL, "new jail must persist or attach");
  }

  @Test
  @DisplayName("§3.1 UPDATE with path is EINVAL \"path cannot be changed after creation\"")
  default void updatePathIsEinval() {
    ContractContext ctx = context();
    int jid = ctx.persistent(jailName("upath"));
    ctx.set(Req.of().i32("jid", jid).str("path", "/"), JailFlags.UPDATE)
        .fails(Errno.EINVAL, "path cannot be changed after creation");
  }

  @Test
  @DisplayName("§3.1 CREATE|UPDATE with path is refused even when the jail does not exist yet")
  default void createUpdateWithPathIsEinval() {
    ContractContext ctx = context();
    ctx.set(
            Req.of().str("name", jailName("cupath")).str("path", "/").flag("persist"),
            JailFlags.CREATE | JailFlags.UPDATE)
        .fails(Errno.EINVAL, "path cannot be changed after creation");
  }

  @Test
  @DisplayName(
      "§3.1 UPDATE with osrelease is EINVAL \"osrelease cannot be changed after creation\"")
  default void updateOsreleaseIsEinval() {
    ContractContext ctx = context();
    int jid = ctx.persistent(jailName("uosrel"));
    ctx.set(Req.of().i32("jid", jid).str("osrelease", "13.0-RELEASE"), JailFlags.UPDATE)
        .fails(Errno.EINVAL, "osrelease cannot be changed after creation");
  }

  @Test
  @DisplayName(
      "§3.1 UPDATE with osreldate is EINVAL \"osreldate cannot be changed after creation\"")
  default void updateOsreldateIsEinval() {
    ContractContext ctx = context();
    int jid = ctx.persistent(jailName("uosdate"));
    ctx.set(Req.of().i32("jid", jid).i32("osreldate", 1300000), JailFlags.UPDATE)
        .fails(Errno.EINVAL, "osreldate cannot be changed after creation");
  }

  @Test
  @DisplayName("§3.1 UPDATE with ip4 is EINVAL \"ip4 cannot be changed after creation\"")
  default void updateIp4JailsysIsEinval() {
    ContractContext ctx = context();
    int jid = ctx.persistent(jailName("uip4"));
    ctx.set(Req.of().i32("jid", jid).i32("ip4", JailFlags.JAIL_SYS_INHERIT), JailFlags.UPDATE)
        .fails(Errno.EINVAL, "ip4 cannot be changed after creation");
  }

  @Test
  @DisplayName("§3.1 UPDATE with vnet is EINVAL \"vnet cannot be changed after creation\"")
  default void updateVnetIsEinval() {
    ContractContext ctx = context();
    ctx.needParam("vnet", "vnet needs a VIMAGE kernel");
    int jid = ctx.persistent(jailName("uvnet"));
    ctx.set(Req.of().i32("jid", jid).i32("vnet", JailFlags.JAIL_SYS_NEW), JailFlags.UPDATE)
        .fails(Errno.EINVAL, "vnet cannot be changed after creation");
  }

  @Test
  @DisplayName(
      "peer: libjail-rs - osrelease (a create-only parameter) cannot be set on a running jail")
  default void createOnlyParameterRefusedOnUpdateByName() {
    ContractContext ctx = context();
    ctx.persistent(jailName("tunable"));
    ctx.set(
            Req.of().str("name", jailName("tunable")).str("osrelease", "12.0-J4JCT"),
            JailFlags.UPDATE)
        .fails(Errno.EINVAL, "osrelease cannot be changed after creation");
  }
}
