package org.jail4j.testkit.contract;

import static org.jail4j.testkit.contract.ContractContext.jailName;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jail4j.Errno;
import org.jail4j.spi.JailFlags;
import org.jail4j.testkit.contract.ContractContext.Req;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The meta and env parameters (freebsd-jail-abi.md §4.4, §9, FreeBSD's jailmeta tests): unknown
 * where the release has none, round trips, meta.KEY lookups and the size limit.
 *
 * <p>Part of {@link JailKernelContract}; every case asserts the errno and, where the kernel writes
 * one, the exact {@code errmsg} text, and is documented by its {@link DisplayName}.
 */
public interface MetaEnvCases extends ContractCases {
  @Test
  @DisplayName("§9 13.x/14.x: meta is an unknown parameter")
  default void metaIsUnknownBefore15() {
    ContractContext ctx = context();
    ctx.needFeature("meta and env are 15.0", v -> !v.hasMetaAndEnv());
    ctx.set(
            Req.of().str("name", jailName("meta13")).flag("persist").str("meta", "a"),
            JailFlags.CREATE)
        .fails(Errno.EINVAL, "unknown parameter: meta");
  }

  @Test
  @DisplayName("FreeBSD jailmeta jail_create: meta and env read back as set")
  default void metaAndEnvRoundTrip() {
    ContractContext ctx = context();
    ctx.needFeature("meta and env are 15.0", v -> v.hasMetaAndEnv());
    int jid = ctx.persistent(jailName("meta"), Req.of().str("meta", "a b c").str("env", "C B A"));
    assertEquals("a b c", ctx.readString(jid, "meta"));
    assertEquals("C B A", ctx.readString(jid, "env"));
  }

  @Test
  @DisplayName("FreeBSD jailmeta keyvalue: meta.KEY reads one key of the key=value lines")
  default void metaKeyReadsOneKey() {
    ContractContext ctx = context();
    ctx.needFeature("meta and env are 15.0", v -> v.hasMetaAndEnv());
    int jid = ctx.persistent(jailName("metakv"), Req.of().str("meta", "a=2\nb=3"));
    assertEquals("3", ctx.readString(jid, "meta.b"));
  }

  @Test
  @DisplayName("§3.6 15.0: an unknown meta.KEY is returned empty (length 0) instead of failing")
  default void missingMetaKeyIsEmpty() {
    ContractContext ctx = context();
    ctx.needFeature("meta and env are 15.0", v -> v.hasMetaAndEnv());
    int jid = ctx.persistent(jailName("metamiss"), Req.of().str("meta", "a=1"));
    Req r = Req.of().i32("jid", jid).out("meta.c", 64);
    ctx.get(r, 0).ok();
    assertEquals(0, r.valueOf("meta.c").length());
  }

  @Test
  @DisplayName(
      "FreeBSD jailmeta maxbufsize / §3.8: meta of meta_maxbufsize bytes with the NUL is EFBIG")
  default void oversizeMetaIsEfbig() {
    ContractContext ctx = context();
    ctx.needFeature("meta and env are 15.0", v -> v.hasMetaAndEnv());
    ctx.set(
            Req.of().str("name", jailName("metabig")).flag("persist").str("meta", "m".repeat(4096)),
            JailFlags.CREATE)
        .failsWith(Errno.EFBIG);
  }

  @Test
  @DisplayName("FreeBSD jailmeta maxbufsize: meta of meta_maxbufsize - 1 characters is accepted")
  default void metaJustUnderTheLimitFits() {
    ContractContext ctx = context();
    ctx.needFeature("meta and env are 15.0", v -> v.hasMetaAndEnv());
    int jid = ctx.persistent(jailName("metamax"), Req.of().str("meta", "m".repeat(4095)));
    assertEquals(4095, ctx.readString(jid, "meta").length());
  }

  @Test
  @DisplayName("errata §2.8 15.0: a size probe (NULL value) of meta, env or meta.KEY is EINVAL")
  default void metaSizeProbesAreEinval() {
    ContractContext ctx = context();
    ctx.needFeature("meta and env are 15.0", v -> v.hasMetaAndEnv());
    int jid = ctx.persistent(jailName("metaprobe"), Req.of().str("meta", "a=1").str("env", "b=2"));
    ctx.get(Req.of().i32("jid", jid).out("meta", 0), 0).failsWith(Errno.EINVAL);
    ctx.get(Req.of().i32("jid", jid).out("env", 0), 0).failsWith(Errno.EINVAL);
    ctx.get(Req.of().i32("jid", jid).out("meta.a", 0), 0).failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName(
      "errata §2.8 15.0: meta.KEY's buffer must be longer than the rest of the stored text, not the value")
  default void metaKeyBufferCoversRestOfText() {
    ContractContext ctx = context();
    ctx.needFeature("meta and env are 15.0", v -> v.hasMetaAndEnv());
    int jid = ctx.persistent(jailName("metarest"), Req.of().str("meta", "b=2\na=1"));
    ctx.get(Req.of().i32("jid", jid).out("meta.b", 4), 0).failsWith(Errno.EINVAL);
    Req r = Req.of().i32("jid", jid).out("meta.b", 6);
    ctx.get(r, 0).ok();
    assertEquals("2", ContractContext.cString(r.valueOf("meta.b").bytes()));
  }

  @Test
  @DisplayName("errata §2.8 15.0: an empty key (meta.) is EINVAL with no errmsg")
  default void emptyMetaKeyIsEinval() {
    ContractContext ctx = context();
    ctx.needFeature("meta and env are 15.0", v -> v.hasMetaAndEnv());
    int jid = ctx.persistent(jailName("metaempty"), Req.of().str("meta", "a=1"));
    ctx.get(Req.of().i32("jid", jid).out("meta.", 16), 0).fails(Errno.EINVAL, "");
  }
}
