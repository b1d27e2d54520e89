package org.jail4j.testkit.contract;

import static org.jail4j.testkit.contract.ContractContext.addresses;
import static org.jail4j.testkit.contract.ContractContext.errnoOf;
import static org.jail4j.testkit.contract.ContractContext.intBytes;
import static org.jail4j.testkit.contract.ContractContext.intOf;
import static org.jail4j.testkit.contract.ContractContext.jailName;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.jail4j.Errno;
import org.jail4j.spi.IoVec;
import org.jail4j.spi.JailFlags;
import org.jail4j.spi.SyscallException;
import org.jail4j.testkit.contract.ContractContext.Req;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * How the kernel reads the iovec array (freebsd-jail-abi.md §2): pairs, NUL-terminated names, NULL
 * values, exact int sizes, the last duplicate winning, no-form twins, unknown and read-only
 * parameters, the errmsg convention (§1.4) and jail_get's size probes and buffers (§2.8).
 *
 * <p>Part of {@link JailKernelContract}; every case asserts the errno and, where the kernel writes
 * one, the exact {@code errmsg} text, and is documented by its {@link DisplayName}.
 */
public interface ParameterTransportCases extends ContractCases {
  @Test
  @DisplayName("§2.1 an odd number of iovecs is EINVAL")
  default void oddNiovIsEinval() {
    ContractContext ctx = context();
    IoVec[] iov = {IoVec.name("name"), IoVec.string(jailName("odd")), IoVec.name("persist")};
    assertEquals(
        Optional.of(Errno.EINVAL), errnoOf(() -> ctx.k().set(iov, JailFlags.CREATE)), "errno");
  }

  @Test
  @DisplayName("§2.1 more than UIO_MAXIOV (1024) iovecs is EINVAL")
  default void tooManyIovecsIsEinval() {
    ContractContext ctx = context();
    Req r = Req.of().str("name", jailName("many")).flag("persist");
    for (int i = 0; i < 512; i++) {
      r.str("host.hostname", "h");
    }
    ctx.set(r, JailFlags.CREATE).failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName("§2.2 a name without its NUL terminator is EINVAL")
  default void nameWithoutNulIsEinval() {
    ContractContext ctx = context();
    byte[] noNul = "persist".getBytes(StandardCharsets.UTF_8);
    Req r = Req.of().str("name", jailName("nonul")).raw(IoVec.of(noNul), IoVec.empty());
    ctx.set(r, JailFlags.CREATE).failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName("§2.2 a zero-length name is EINVAL")
  default void emptyNameEntryIsEinval() {
    ContractContext ctx = context();
    Req r =
        Req.of()
            .str("name", jailName("zeroname"))
            .flag("persist")
            .raw(IoVec.empty(), IoVec.empty());
    ctx.set(r, JailFlags.CREATE).failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName("§2.3 a NULL value with a non-zero length is EFAULT")
  default void nullValueWithLengthIsEfault() {
    ContractContext ctx = context();
    Req r =
        Req.of()
            .str("name", jailName("efault"))
            .flag("persist")
            .raw(IoVec.name("host.hostname"), IoVec.raw(null, 8));
    ctx.set(r, JailFlags.CREATE).failsWith(Errno.EFAULT);
  }

  @Test
  @DisplayName("§2.5 an int parameter that is not exactly 4 bytes is EINVAL (securelevel, 8 bytes)")
  default void eightByteSecurelevelIsEinval() {
    ContractContext ctx = context();
    Req r =
        Req.of().str("name", jailName("int8")).flag("persist").bytes("securelevel", new byte[8]);
    ctx.set(r, JailFlags.CREATE).failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName("§2.5 a 2-byte jid is EINVAL")
  default void twoByteJidIsEinval() {
    ContractContext ctx = context();
    Req r = Req.of().bytes("jid", new byte[2]).str("name", jailName("jid2")).flag("persist");
    ctx.set(r, JailFlags.CREATE).failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName("§2.5 a string value without NUL is EINVAL (host.hostname)")
  default void unterminatedStringIsEinval() {
    ContractContext ctx = context();
    Req r =
        Req.of()
            .str("name", jailName("nonulval"))
            .flag("persist")
            .bytes("host.hostname", "web".getBytes(StandardCharsets.UTF_8));
    ctx.set(r, JailFlags.CREATE).failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName("§2.6 a boolean's value is ignored: persist with int 0 sets persist")
  default void persistWithZeroValueSetsPersist() {
    ContractContext ctx = context();
    int jid =
        ctx.set(Req.of().str("name", jailName("p0")).i32("persist", 0), JailFlags.CREATE).ok();
    assertEquals(1, ctx.readInt(jid, "persist"));
  }

  @Test
  @DisplayName("§2.4 the last duplicate wins: persist then nopersist is a create without persist")
  default void persistThenNopersistIsNotPersistent() {
    ContractContext ctx = context();
    ctx.set(
            Req.of().str("name", jailName("dup1")).flag("persist").flag("nopersist"),
            JailFlags.CREATE)
        .fails(Errno.EINVAL, "new jail must persist or attach");
  }

  @Test
  @DisplayName("§2.4 the last duplicate wins: nopersist then persist creates a persistent jail")
  default void nopersistThenPersistIsPersistent() {
    ContractContext ctx = context();
    int jid =
        ctx.set(
                Req.of().str("name", jailName("dup2")).flag("nopersist").flag("persist"),
                JailFlags.CREATE)
            .ok();
    assertEquals(1, ctx.readInt(jid, "persist"));
  }

  @Test
  @DisplayName("§2.4 the last duplicate wins for strings (host.hostname given twice)")
  default void lastHostnameWins() {
    ContractContext ctx = context();
    int jid =
        ctx.persistent(
            jailName("dup3"),
            Req.of().str("host.hostname", "first").str("host.hostname", "second"));
    assertEquals("second", ctx.readString(jid, "host.hostname"));
  }

  @Test
  @DisplayName(
      "§2.4 the no-form twin matches per dotted component: allow.mount.devfs then allow.mount.nodevfs")
  default void noFormPerDottedComponentWins() {
    ContractContext ctx = context();
    int jid =
        ctx.persistent(
            jailName("nodev"), Req.of().flag("allow.mount.devfs").flag("allow.mount.nodevfs"));
    assertEquals(0, ctx.readInt(jid, "allow.mount.devfs"));
  }

  @Test
  @DisplayName("§2.6 ip4.nosaddrsel clears source address selection")
  default void nosaddrselClearsSaddrsel() {
    ContractContext ctx = context();
    int jid = ctx.persistent(jailName("nosaddr"), Req.of().flag("ip4.nosaddrsel"));
    assertEquals(0, ctx.readInt(jid, "ip4.saddrsel"));
  }

  @Test
  @DisplayName("§3.3 defaults: ip4.saddrsel and ip6.saddrsel are on")
  default void saddrselDefaultsOn() {
    ContractContext ctx = context();
    int jid = ctx.persistent(jailName("saddr"));
    assertEquals(1, ctx.readInt(jid, "ip4.saddrsel"), "ip4.saddrsel");
    assertEquals(1, ctx.readInt(jid, "ip6.saddrsel"), "ip6.saddrsel");
  }

  @Test
  @DisplayName("§2.7 an unknown parameter is EINVAL \"unknown parameter: NAME\" on jail_set")
  default void unknownParameterOnSet() {
    ContractContext ctx = context();
    ctx.set(
            Req.of().str("name", jailName("unk")).flag("persist").i32("j4jct.nosuch", 1),
            JailFlags.CREATE)
        .fails(Errno.EINVAL, "unknown parameter: j4jct.nosuch");
  }

  @Test
  @DisplayName("§2.7 an unknown parameter is EINVAL \"unknown parameter: NAME\" on jail_get")
  default void unknownParameterOnGet() {
    ContractContext ctx = context();
    int jid = ctx.persistent(jailName("unkget"));
    ctx.get(Req.of().i32("jid", jid).out("j4jct.nosuch", 4), 0)
        .fails(Errno.EINVAL, "unknown parameter: j4jct.nosuch");
  }

  @Test
  @DisplayName("§2.7 read-only dying is unknown to jail_set")
  default void dyingIsUnknownToSet() {
    ContractContext ctx = context();
    ctx.set(Req.of().str("name", jailName("rod")).flag("persist").flag("dying"), JailFlags.CREATE)
        .fails(Errno.EINVAL, "unknown parameter: dying");
  }

  @Test
  @DisplayName("§2.7 read-only children.cur is unknown to jail_set")
  default void childrenCurIsUnknownToSet() {
    ContractContext ctx = context();
    ctx.set(
            Req.of().str("name", jailName("roc")).flag("persist").i32("children.cur", 0),
            JailFlags.CREATE)
        .fails(Errno.EINVAL, "unknown parameter: children.cur");
  }

  @Test
  @DisplayName("§2.7 read-only parent is unknown to jail_set")
  default void parentIsUnknownToSet() {
    ContractContext ctx = context();
    ctx.set(
            Req.of().str("name", jailName("rop")).flag("persist").i32("parent", 0),
            JailFlags.CREATE)
        .fails(Errno.EINVAL, "unknown parameter: parent");
  }

  @Test
  @DisplayName("§1.5/§2.7 lastjid is unknown to jail_set")
  default void lastjidIsUnknownToSet() {
    ContractContext ctx = context();
    ctx.set(
            Req.of().str("name", jailName("rol")).flag("persist").i32("lastjid", 0),
            JailFlags.CREATE)
        .fails(Errno.EINVAL, "unknown parameter: lastjid");
  }

  @Test
  @DisplayName("§1.4 errmsg is left untouched on success")
  default void errmsgUntouchedOnSuccess() throws SyscallException {
    ContractContext ctx = context();
    byte[] sentinel = new byte[64];
    Arrays.fill(sentinel, (byte) 'Z');
    IoVec errmsg = IoVec.of(sentinel.clone());
    IoVec[] iov = {
      IoVec.name("name"),
      IoVec.string(jailName("errok")),
      IoVec.name("path"),
      IoVec.string("/"),
      IoVec.name("persist"),
      IoVec.empty(),
      IoVec.name("errmsg"),
      errmsg
    };
    ctx.made(ctx.k().set(iov, JailFlags.CREATE));
    assertArrayEquals(sentinel, errmsg.bytes());
  }

  @Test
  @DisplayName("peer: Go syscall TestJailAttach - jail_set needs neither name nor errmsg")
  default void createWithoutNameOrErrmsg() throws SyscallException {
    ContractContext ctx = context();
    IoVec[] iov = {IoVec.name("path"), IoVec.string("/"), IoVec.name("persist"), IoVec.empty()};
    int jid = ctx.k().set(iov, JailFlags.CREATE);
    ctx.made(jid);
    assertTrue(jid > 0, "jid " + jid);
    assertEquals(
        String.valueOf(jid), ctx.readString(jid, "name"), "§3.3 the default name is the JID");
  }

  @Test
  @DisplayName("§2.8 a size probe (NULL value) sets iov_len to the string length with its NUL")
  default void sizeProbeOfString() {
    ContractContext ctx = context();
    int jid = ctx.persistent(jailName("probe"), Req.of().str("host.hostname", "web"));
    Req r = Req.of().i32("jid", jid).out("host.hostname", 0);
    ctx.get(r, 0).ok();
    assertEquals(4, r.valueOf("host.hostname").length());
  }

  @Test
  @DisplayName("§2.8 a size probe of an int sets iov_len to 4")
  default void sizeProbeOfInt() {
    ContractContext ctx = context();
    int jid = ctx.persistent(jailName("probeint"));
    Req r = Req.of().i32("jid", jid).out("securelevel", 0);
    ctx.get(r, 0).ok();
    assertEquals(4, r.valueOf("securelevel").length());
  }

  @Test
  @DisplayName("§2.8 jail_get of an int into a buffer that is not 4 bytes is EINVAL")
  default void intGetIntoWrongSizeIsEinval() {
    ContractContext ctx = context();
    int jid = ctx.persistent(jailName("getint8"));
    ctx.get(Req.of().i32("jid", jid).out("securelevel", 8), 0).failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName("§2.8 jail_get of a string into a buffer without room for the NUL is EINVAL")
  default void stringGetIntoSmallBufferIsEinval() {
    ContractContext ctx = context();
    int jid = ctx.persistent(jailName("getstr"), Req.of().str("host.hostname", "webserver"));
    ctx.get(Req.of().i32("jid", jid).out("host.hostname", 9), 0).failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName("§2.8 jail_get of ip4.addr into a too small buffer is EINVAL")
  default void addressGetIntoSmallBufferIsEinval() {
    ContractContext ctx = context();
    int jid =
        ctx.persistent(
            jailName("getip"), Req.of().bytes("ip4.addr", addresses("192.0.2.31", "192.0.2.32")));
    ctx.get(Req.of().i32("jid", jid).out("ip4.addr", 4), 0).failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName("§2.8 jail_get trims ip4.addr's iov_len to n x 4")
  default void addressGetTrimsLength() {
    ContractContext ctx = context();
    int jid =
        ctx.persistent(
            jailName("trim"), Req.of().bytes("ip4.addr", addresses("192.0.2.33", "192.0.2.34")));
    Req r = Req.of().i32("jid", jid).out("ip4.addr", 40);
    ctx.get(r, 0).ok();
    assertArrayEquals(addresses("192.0.2.33", "192.0.2.34"), r.valueOf("ip4.addr").bytes());
  }

  @Test
  @DisplayName("§2.8 jail_get writes a no-twin with the inverted value (nopersist = 0)")
  default void noTwinReadsInverted() {
    ContractContext ctx = context();
    int jid = ctx.persistent(jailName("twin"));
    assertEquals(0, ctx.readInt(jid, "nopersist"));
  }

  @Test
  @DisplayName("§2.8 the key parameters are outputs too: a name-keyed get writes jid")
  default void nameKeyedGetWritesJid() {
    ContractContext ctx = context();
    int jid = ctx.persistent(jailName("keyout"));
    Req r = Req.of().str("name", jailName("keyout")).bytes("jid", intBytes(0));
    assertEquals(jid, ctx.get(r, 0).ok());
    assertEquals(jid, intOf(r.valueOf("jid").bytes()));
  }
}
