package org.jail4j.testkit.contract;

import static org.jail4j.testkit.contract.ContractContext.addresses;
import static org.jail4j.testkit.contract.ContractContext.jailName;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jail4j.spi.JailFlags;
import org.jail4j.testkit.contract.ContractContext.Req;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a new jail starts with (freebsd-jail-abi.md §3.3, §3.6, §4.3): host strings, path, child
 * limits, values taken from the parent or the sysctls, allow flags, and how ip4 and vnet read back.
 *
 * <p>Part of {@link JailKernelContract}; every case asserts the errno and, where the kernel writes
 * one, the exact {@code errmsg} text, and is documented by its {@link DisplayName}.
 */
public interface DefaultsCases extends ContractCases {
  @Test
  @DisplayName("§3.3 defaults: host.hostname and host.domainname are empty")
  default void defaultHostnameIsEmpty() {
    ContractContext ctx = context();
    int jid = ctx.persistent(jailName("defhost"));
    assertEquals("", ctx.readString(jid, "host.hostname"));
    assertEquals("", ctx.readString(jid, "host.domainname"));
  }

  @Test
  @DisplayName("§3.3 defaults: host.hostuuid is all zero")
  default void defaultHostuuidIsZero() {
    ContractContext ctx = context();
    int jid = ctx.persistent(jailName("defuuid"));
    assertEquals("00000000-0000-0000-0000-000000000000", ctx.readString(jid, "host.hostuuid"));
  }

  @Test
  @DisplayName("§3.3 defaults: path is / and reads back as given (peer: 0x1eef GetString(path))")
  default void pathReadsBack() {
    ContractContext ctx = context();
    int jid = ctx.persistent(jailName("defpath"));
    assertEquals("/", ctx.readString(jid, "path"));
  }

  @Test
  @DisplayName("§3.3 defaults: children.max and children.cur are 0")
  default void defaultChildrenAreZero() {
    ContractContext ctx = context();
    int jid = ctx.persistent(jailName("defkids"));
    assertEquals(0, ctx.readInt(jid, "children.max"));
    assertEquals(0, ctx.readInt(jid, "children.cur"));
  }

  @Test
  @DisplayName("§3.3 defaults: enforce_statfs is 2 (the sysctl), not the parent's")
  default void defaultEnforceStatfsIsTwo() {
    ContractContext ctx = context();
    ctx.persistent(jailName("statfsp"), Req.of().i32("enforce_statfs", 0));
    int child = ctx.persistent(jailName("statfsp") + ".c");
    assertEquals(2, ctx.readInt(child, "enforce_statfs"));
  }

  @Test
  @DisplayName("§3.3 defaults: securelevel is the parent's")
  default void defaultSecurelevelIsParents() {
    ContractContext ctx = context();
    ctx.persistent(jailName("slp"), Req.of().i32("securelevel", 2));
    int child = ctx.persistent(jailName("slp") + ".c");
    assertEquals(2, ctx.readInt(child, "securelevel"));
  }

  @Test
  @DisplayName("§3.3 defaults: devfs_ruleset is the parent's")
  default void defaultDevfsRulesetIsParents() {
    ContractContext ctx = context();
    ctx.persistent(jailName("rsp"), Req.of().i32("devfs_ruleset", 4));
    int child = ctx.persistent(jailName("rsp") + ".c");
    assertEquals(4, ctx.readInt(child, "devfs_ruleset"));
  }

  @Test
  @DisplayName("§3.3 defaults: osrelease is the parent's")
  default void defaultOsreleaseIsParents() {
    ContractContext ctx = context();
    ctx.persistent(jailName("osp"), Req.of().str("osrelease", "13.2-J4JCT"));
    int child = ctx.persistent(jailName("osp") + ".c");
    assertEquals("13.2-J4JCT", ctx.readString(child, "osrelease"));
  }

  @Test
  @DisplayName(
      "§3.3/§4.3 defaults: set_hostname, reserved_ports, unprivileged_proc_debug, suser on")
  default void defaultAllowFlagsOn() {
    ContractContext ctx = context();
    int jid = ctx.persistent(jailName("allowon"));
    assertEquals(1, ctx.readInt(jid, "allow.set_hostname"), "allow.set_hostname");
    assertEquals(1, ctx.readInt(jid, "allow.reserved_ports"), "allow.reserved_ports");
    assertEquals(
        1, ctx.readInt(jid, "allow.unprivileged_proc_debug"), "allow.unprivileged_proc_debug");
    assertEquals(1, ctx.readInt(jid, "allow.suser"), "allow.suser");
  }

  @Test
  @DisplayName("§3.3/§4.3 defaults: raw_sockets, chflags, mount, mlock off")
  default void defaultAllowFlagsOff() {
    ContractContext ctx = context();
    int jid = ctx.persistent(jailName("allowoff"));
    assertEquals(0, ctx.readInt(jid, "allow.raw_sockets"), "allow.raw_sockets");
    assertEquals(0, ctx.readInt(jid, "allow.chflags"), "allow.chflags");
    assertEquals(0, ctx.readInt(jid, "allow.mount"), "allow.mount");
    assertEquals(0, ctx.readInt(jid, "allow.mlock"), "allow.mlock");
  }

  @Test
  @DisplayName("§3.3/§3.6 ip4 reads back as disable for a jail created without addresses")
  default void ip4WithoutAddressesReadsDisable() {
    ContractContext ctx = context();
    int jid = ctx.persistent(jailName("ip4none"));
    assertEquals(JailFlags.JAIL_SYS_DISABLE, ctx.readInt(jid, "ip4"));
  }

  @Test
  @DisplayName("§3.6 ip4 reads back as disable even with addresses (new is never returned)")
  default void ip4WithAddressesReadsDisable() {
    ContractContext ctx = context();
    int jid =
        ctx.persistent(jailName("ip4some"), Req.of().bytes("ip4.addr", addresses("192.0.2.70")));
    assertEquals(JailFlags.JAIL_SYS_DISABLE, ctx.readInt(jid, "ip4"));
  }

  @Test
  @DisplayName("§3.6 ip4=inherit reads back as inherit")
  default void ip4InheritReadsInherit() {
    ContractContext ctx = context();
    int jid = ctx.persistent(jailName("ip4inh"), Req.of().i32("ip4", JailFlags.JAIL_SYS_INHERIT));
    assertEquals(JailFlags.JAIL_SYS_INHERIT, ctx.readInt(jid, "ip4"));
  }

  @Test
  @DisplayName("§3.3 defaults: vnet is inherit")
  default void defaultVnetIsInherit() {
    ContractContext ctx = context();
    ctx.needParam("vnet", "vnet needs a VIMAGE kernel");
    int jid = ctx.persistent(jailName("vnetdef"));
    assertEquals(JailFlags.JAIL_SYS_INHERIT, ctx.readInt(jid, "vnet"));
  }

  @Test
  @DisplayName("§3.3 defaults: sysvmsg is disable (no module slot)")
  default void defaultSysvmsgIsDisable() {
    ContractContext ctx = context();
    ctx.needParam("sysvmsg", "the sysvmsg module is not loaded");
    int jid = ctx.persistent(jailName("sysvdef"));
    assertEquals(JailFlags.JAIL_SYS_DISABLE, ctx.readInt(jid, "sysvmsg"));
  }

  @Test
  @DisplayName("peer: 0x1eef/jail - a fresh jail is not dying and persist reads 1")
  default void freshJailIsNotDying() {
    ContractContext ctx = context();
    int jid = ctx.persistent(jailName("fresh"));
    assertEquals(0, ctx.readInt(jid, "dying"));
    assertEquals(1, ctx.readInt(jid, "persist"));
  }
}
