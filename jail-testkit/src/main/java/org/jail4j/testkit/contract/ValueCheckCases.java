package org.jail4j.testkit.contract;

import static org.jail4j.testkit.contract.ContractContext.PREFIX;
import static org.jail4j.testkit.contract.ContractContext.addresses;
import static org.jail4j.testkit.contract.ContractContext.jailName;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jail4j.Errno;
import org.jail4j.spi.IoVec;
import org.jail4j.spi.JailFlags;
import org.jail4j.testkit.PathCheck;
import org.jail4j.testkit.contract.ContractContext.Req;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The value checks of jail_set (freebsd-jail-abi.md §3.1, §3.4): name and host string lengths,
 * addresses, osrelease and osreldate, path, and the ranges of int and jailsys parameters.
 *
 * <p>Part of {@link JailKernelContract}; every case asserts the errno and, where the kernel writes
 * one, the exact {@code errmsg} text, and is documented by its {@link DisplayName}.
 */
public interface ValueCheckCases extends ContractCases {
  @Test
  @DisplayName("§3.1 a zero-length name value is EINVAL")
  default void zeroLengthNameIsEinval() {
    ContractContext ctx = context();
    ctx.set(
            Req.of().raw(IoVec.name("name"), IoVec.empty()).str("path", "/").flag("persist"),
            JailFlags.CREATE)
        .failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName("§3.3 an empty name (only the NUL) gives the jail its JID as name")
  default void emptyNameBecomesTheJid() {
    ContractContext ctx = context();
    int jid =
        ctx.set(Req.of().str("name", "").str("path", "/").flag("persist"), JailFlags.CREATE).ok();
    assertEquals(String.valueOf(jid), ctx.readString(jid, "name"));
  }

  @Test
  @DisplayName("§3.1 a name of 256 bytes plus NUL is ENAMETOOLONG")
  default void longNameIsEnametoolong() {
    ContractContext ctx = context();
    ctx.set(
            Req.of().str("name", PREFIX + "n".repeat(256 - PREFIX.length())).flag("persist"),
            JailFlags.CREATE)
        .failsWith(Errno.ENAMETOOLONG);
  }

  @Test
  @DisplayName("§3.1 a host.hostname of 256 bytes plus NUL is ENAMETOOLONG")
  default void longHostnameIsEnametoolong() {
    ContractContext ctx = context();
    ctx.set(
            Req.of()
                .str("name", jailName("longhost"))
                .flag("persist")
                .str("host.hostname", "h".repeat(256)),
            JailFlags.CREATE)
        .failsWith(Errno.ENAMETOOLONG);
  }

  @Test
  @DisplayName("§3.1 a host.hostname of 255 bytes plus NUL fits MAXHOSTNAMELEN")
  default void hostnameOf255Fits() {
    ContractContext ctx = context();
    int jid = ctx.persistent(jailName("host255"), Req.of().str("host.hostname", "h".repeat(255)));
    assertEquals("h".repeat(255), ctx.readString(jid, "host.hostname"));
  }

  @Test
  @DisplayName("§3.1 a host.hostuuid longer than 63 bytes is ENAMETOOLONG")
  default void longHostuuidIsEnametoolong() {
    ContractContext ctx = context();
    ctx.set(
            Req.of()
                .str("name", jailName("uuid"))
                .flag("persist")
                .str("host.hostuuid", "u".repeat(64)),
            JailFlags.CREATE)
        .failsWith(Errno.ENAMETOOLONG);
  }

  @Test
  @DisplayName("§3.1 setting host.hostname implies host=new")
  default void hostnameImpliesHostNew() {
    ContractContext ctx = context();
    int jid = ctx.persistent(jailName("hostnew"), Req.of().str("host.hostname", "web"));
    assertEquals(JailFlags.JAIL_SYS_NEW, ctx.readInt(jid, "host"));
  }

  @Test
  @DisplayName("§3.1 an ip4.addr whose length is not a multiple of 4 is EINVAL")
  default void ip4AddrOddLengthIsEinval() {
    ContractContext ctx = context();
    ctx.set(
            Req.of()
                .str("name", jailName("ip6b"))
                .flag("persist")
                .bytes("ip4.addr", new byte[] {(byte) 192, 0, 2, 1, 0, 0}),
            JailFlags.CREATE)
        .failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName("§3.1 more than 255 IPv4 addresses is EINVAL \"too many IPv4 addresses\"")
  default void tooManyIp4AddressesIsEinval() {
    ContractContext ctx = context();
    ByteBuffer b = ByteBuffer.allocate(256 * 4);
    for (int i = 0; i < 256; i++) {
      b.put(new byte[] {10, 77, (byte) (i >> 8), (byte) i});
    }
    ctx.set(
            Req.of().str("name", jailName("ipmany")).flag("persist").bytes("ip4.addr", b.array()),
            JailFlags.CREATE)
        .fails(Errno.EINVAL, "too many IPv4 addresses");
  }

  @Test
  @DisplayName("§3.1 ip4.addr 0.0.0.0 is EINVAL")
  default void anyAddressIsEinval() {
    ContractContext ctx = context();
    ctx.set(
            Req.of()
                .str("name", jailName("ipany"))
                .flag("persist")
                .bytes("ip4.addr", addresses("0.0.0.0")),
            JailFlags.CREATE)
        .failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName("§3.1 ip4.addr 255.255.255.255 is EINVAL")
  default void broadcastAddressIsEinval() {
    ContractContext ctx = context();
    ctx.set(
            Req.of()
                .str("name", jailName("ipbc"))
                .flag("persist")
                .bytes("ip4.addr", addresses("255.255.255.255")),
            JailFlags.CREATE)
        .failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName("§3.1 a duplicate address in ip4.addr is EINVAL")
  default void duplicateAddressIsEinval() {
    ContractContext ctx = context();
    ctx.set(
            Req.of()
                .str("name", jailName("ipdup"))
                .flag("persist")
                .bytes("ip4.addr", addresses("192.0.2.40", "192.0.2.40")),
            JailFlags.CREATE)
        .failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName("§3.1 ip6.addr :: is EINVAL")
  default void unspecifiedIp6IsEinval() {
    ContractContext ctx = context();
    ctx.set(
            Req.of()
                .str("name", jailName("ip6any"))
                .flag("persist")
                .bytes("ip6.addr", new byte[16]),
            JailFlags.CREATE)
        .failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName("§3.1 the first address stays first (primary), the rest are sorted")
  default void primaryAddressStaysFirst() {
    ContractContext ctx = context();
    int jid =
        ctx.persistent(
            jailName("ipsort"),
            Req.of().bytes("ip4.addr", addresses("192.0.2.59", "192.0.2.57", "192.0.2.55")));
    assertArrayEquals(
        addresses("192.0.2.59", "192.0.2.55", "192.0.2.57"), ctx.readBytes(jid, "ip4.addr", 64));
  }

  @Test
  @DisplayName(
      "§3.1 vnet together with ip4.addr is EINVAL \"vnet jails cannot have IP address restrictions\"")
  default void vnetWithAddressesIsEinval() {
    ContractContext ctx = context();
    ctx.needParam("vnet", "vnet needs a VIMAGE kernel");
    ctx.set(
            Req.of()
                .str("name", jailName("vnetip"))
                .flag("persist")
                .i32("vnet", JailFlags.JAIL_SYS_NEW)
                .bytes("ip4.addr", addresses("192.0.2.60")),
            JailFlags.CREATE)
        .fails(Errno.EINVAL, "vnet jails cannot have IP address restrictions");
  }

  @Test
  @DisplayName("§3.1 even vnet=inherit with ip4=inherit is EINVAL (vnet was mentioned)")
  default void vnetInheritWithIp4InheritIsEinval() {
    ContractContext ctx = context();
    ctx.needParam("vnet", "vnet needs a VIMAGE kernel");
    ctx.set(
            Req.of()
                .str("name", jailName("vnetinh"))
                .flag("persist")
                .i32("vnet", JailFlags.JAIL_SYS_INHERIT)
                .i32("ip4", JailFlags.JAIL_SYS_INHERIT),
            JailFlags.CREATE)
        .fails(Errno.EINVAL, "vnet jails cannot have IP address restrictions");
  }

  @Test
  @DisplayName("§3.1/§9 13.x+: osrelease of 32 bytes with NUL is ENAMETOOLONG with errmsg")
  default void longOsreleaseIsEnametoolong() {
    ContractContext ctx = context();
    ctx.set(
            Req.of()
                .str("name", jailName("osrel"))
                .flag("persist")
                .str("osrelease", "r".repeat(31)),
            JailFlags.CREATE)
        .fails(Errno.ENAMETOOLONG, "osrelease string must be 1-31 bytes long");
  }

  @Test
  @DisplayName("§3.1 a zero-length osrelease is EINVAL without errmsg")
  default void emptyOsreleaseIsEinvalWithoutMessage() {
    ContractContext ctx = context();
    ctx.set(
            Req.of()
                .str("name", jailName("osrel0"))
                .flag("persist")
                .raw(IoVec.name("osrelease"), IoVec.empty()),
            JailFlags.CREATE)
        .fails(Errno.EINVAL, "");
  }

  @Test
  @DisplayName("§3.1 an unterminated osrelease is EINVAL without errmsg")
  default void unterminatedOsreleaseIsEinvalWithoutMessage() {
    ContractContext ctx = context();
    ctx.set(
            Req.of()
                .str("name", jailName("osrelnn"))
                .flag("persist")
                .bytes("osrelease", "14.0-J4JCT".getBytes(StandardCharsets.UTF_8)),
            JailFlags.CREATE)
        .fails(Errno.EINVAL, "");
  }

  @Test
  @DisplayName("§3.1 osreldate 0 is EINVAL \"osreldate cannot be 0\"")
  default void zeroOsreldateIsEinval() {
    ContractContext ctx = context();
    ctx.set(
            Req.of().str("name", jailName("osdate0")).flag("persist").i32("osreldate", 0),
            JailFlags.CREATE)
        .fails(Errno.EINVAL, "osreldate cannot be 0");
  }

  @Test
  @DisplayName("§3.1 a path that does not exist is ENOENT")
  default void missingPathIsEnoent() {
    ContractContext ctx = context();
    ctx.set(
            Req.of()
                .str("name", jailName("nopath"))
                .str("path", "/j4jct-no-such-directory/x")
                .flag("persist"),
            JailFlags.CREATE)
        .failsWith(Errno.ENOENT);
  }

  @Test
  @DisplayName("§3.1 a path that is a regular file is ENOTDIR")
  default void filePathIsEnotdir() throws IOException {
    ContractContext ctx = context();
    Path file = ctx.regularFile();
    ctx.set(
            Req.of()
                .str("name", jailName("filepath"))
                .str("path", PathCheck.jailPath(file))
                .flag("persist"),
            JailFlags.CREATE)
        .failsWith(Errno.ENOTDIR);
  }

  @Test
  @DisplayName("§3.1 enforce_statfs outside 0..2 is EINVAL")
  default void enforceStatfsOutOfRangeIsEinval() {
    ContractContext ctx = context();
    ctx.set(
            Req.of().str("name", jailName("statfs3")).flag("persist").i32("enforce_statfs", 3),
            JailFlags.CREATE)
        .failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName("§3.1 a jailsys value outside 0..2 is EINVAL (host=3)")
  default void jailsysOutOfRangeIsEinval() {
    ContractContext ctx = context();
    ctx.set(Req.of().str("name", jailName("sys3")).flag("persist").i32("host", 3), JailFlags.CREATE)
        .failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName("§3.1 host=disable is EINVAL (host has no disable state)")
  default void hostDisableIsEinval() {
    ContractContext ctx = context();
    ctx.set(
            Req.of()
                .str("name", jailName("hostdis"))
                .flag("persist")
                .i32("host", JailFlags.JAIL_SYS_DISABLE),
            JailFlags.CREATE)
        .failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName("§3.1 vnet=disable is EINVAL (vnet has no disable state)")
  default void vnetDisableIsEinval() {
    ContractContext ctx = context();
    ctx.needParam("vnet", "vnet needs a VIMAGE kernel");
    ctx.set(
            Req.of()
                .str("name", jailName("vnetdis"))
                .flag("persist")
                .i32("vnet", JailFlags.JAIL_SYS_DISABLE),
            JailFlags.CREATE)
        .failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName("§3.4 devfs_ruleset outside 0..65535 is EINVAL")
  default void devfsRulesetOutOfRangeIsEinval() {
    ContractContext ctx = context();
    ctx.set(
            Req.of().str("name", jailName("devfs")).flag("persist").i32("devfs_ruleset", 65536),
            JailFlags.CREATE)
        .failsWith(Errno.EINVAL);
  }
}
