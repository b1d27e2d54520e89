package org.jail4j.testkit.contract;

import static org.jail4j.testkit.contract.ContractContext.cString;
import static org.jail4j.testkit.contract.ContractContext.jailName;
import static org.jail4j.testkit.contract.ContractContext.listJids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.jail4j.Errno;
import org.jail4j.spi.IoVec;
import org.jail4j.testkit.contract.ContractContext.Req;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * jail_get (freebsd-jail-abi.md §3.6, §1.5): keys and their precedence, ENOENT with its messages,
 * and iterating the jails with {@code lastjid}.
 *
 * <p>Part of {@link JailKernelContract}; every case asserts the errno and, where the kernel writes
 * one, the exact {@code errmsg} text, and is documented by its {@link DisplayName}.
 */
public interface GetCases extends ContractCases {
  @Test
  @DisplayName("§3.6 jail_get without a key is ENOENT \"no jail specified\"")
  default void getWithoutKeyIsEnoent() {
    ContractContext ctx = context();
    ctx.get(Req.of().out("host.hostname", 256), 0).fails(Errno.ENOENT, "no jail specified");
  }

  @Test
  @DisplayName(
      "peer: libjail-rs test_name_nonexistent_jail - jail_get of a missing jid is ENOENT \"jail N not found\"")
  default void getMissingJidIsEnoent() {
    ContractContext ctx = context();
    int jid = ctx.freeJid(424_242);
    ctx.get(Req.of().i32("jid", jid).out("name", 256), 0)
        .fails(Errno.ENOENT, "jail " + jid + " not found");
  }

  @Test
  @DisplayName(
      "peer: py-jail test_jid_lookup - jail_get of a missing name is ENOENT \"jail \\\"x\\\" not found\"")
  default void getMissingNameIsEnoent() {
    ContractContext ctx = context();
    ctx.get(Req.of().str("name", jailName("test-jid-lookup")), 0)
        .fails(Errno.ENOENT, "jail \"" + jailName("test-jid-lookup") + "\" not found");
  }

  @Test
  @DisplayName("peer: libjail-rs id - looking a name up returns the JID creation returned")
  default void getByNameReturnsTheJid() {
    ContractContext ctx = context();
    int jid = ctx.persistent(jailName("getid"));
    assertEquals(jid, ctx.get(Req.of().str("name", jailName("getid")), 0).ok());
  }

  @Test
  @DisplayName("§3.6 jid 0 is not a key: the name decides")
  default void jidZeroIsNotAKey() {
    ContractContext ctx = context();
    int jid = ctx.persistent(jailName("jid0"));
    assertEquals(jid, ctx.get(Req.of().i32("jid", 0).str("name", jailName("jid0")), 0).ok());
  }

  @Test
  @DisplayName("§3.6 a non-zero jid is the key over name")
  default void jidIsKeyOverName() {
    ContractContext ctx = context();
    int a = ctx.persistent(jailName("keya"));
    ctx.persistent(jailName("keyb"));
    Req r =
        Req.of()
            .i32("jid", a)
            .raw(
                IoVec.name("name"),
                IoVec.of(Arrays.copyOf(jailName("keyb").getBytes(StandardCharsets.UTF_8), 256)));
    assertEquals(a, ctx.get(r, 0).ok());
    assertEquals(jailName("keya"), cString(r.valueOf("name").bytes()));
  }

  @Test
  @DisplayName("§3.6 lastjid is the key over jid")
  default void lastjidIsKeyOverJid() {
    ContractContext ctx = context();
    int a = ctx.persistent(jailName("lja"));
    int b = ctx.persistent(jailName("ljb"));
    assertEquals(b, ctx.get(Req.of().i32("lastjid", a).i32("jid", a), 0).ok());
  }

  @Test
  @DisplayName("§1.5 lastjid returns the next jail in ascending JID order")
  default void lastjidIteratesInOrder() {
    ContractContext ctx = context();
    int a = ctx.persistent(jailName("it_a"));
    int b = ctx.persistent(jailName("it_b"));
    List<Integer> all = listJids(ctx.k(), 0);
    assertTrue(all.indexOf(a) >= 0 && all.indexOf(a) < all.indexOf(b), all.toString());
    for (int i = 1; i < all.size(); i++) {
      assertTrue(all.get(i - 1) < all.get(i), "ascending: " + all);
    }
  }

  @Test
  @DisplayName("§1.5 past the highest JID lastjid is ENOENT \"no jail after N\"")
  default void lastjidPastTheEndIsEnoent() {
    ContractContext ctx = context();
    ctx.persistent(jailName("end"));
    List<Integer> all = listJids(ctx.k(), 0);
    int last = all.get(all.size() - 1);
    ctx.get(Req.of().i32("lastjid", last), 0).fails(Errno.ENOENT, "no jail after " + last);
  }

  @Test
  @DisplayName(
      "§1.5 lastjid never returns prison0 and sees the jails just made (peer: libjail-rs all())")
  default void lastjidSeesNewJails() {
    ContractContext ctx = context();
    int a = ctx.persistent(jailName("all_a"));
    int b = ctx.persistent(jailName("all_b"));
    List<Integer> all = listJids(ctx.k(), 0);
    assertFalse(all.contains(0));
    assertTrue(all.containsAll(List.of(a, b)), all.toString());
  }
}
