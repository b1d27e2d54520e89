package org.jail4j.testkit.contract;

import static org.jail4j.testkit.contract.ContractContext.jailName;

import org.jail4j.Errno;
import org.jail4j.spi.JailFlags;
import org.jail4j.testkit.contract.ContractContext.Req;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The flag words of jail_set and jail_get (freebsd-jail-abi.md §1.2, §3.1.4): undefined bits, the
 * version's {@code JAIL_SET_MASK} and {@code JAIL_GET_MASK}, and a call with no operation.
 *
 * <p>Part of {@link JailKernelContract}; every case asserts the errno and, where the kernel writes
 * one, the exact {@code errmsg} text, and is documented by its {@link DisplayName}.
 */
public interface FlagCases extends ContractCases {
  @Test
  @DisplayName("§1.2 an undefined jail_set flag bit (0x100) is EINVAL")
  default void undefinedSetFlagIsEinval() {
    ContractContext ctx = context();
    ctx.set(Req.of().str("name", jailName("flag")).flag("persist"), JailFlags.CREATE | 0x100)
        .failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName("§1.2/§9 13.x/14.x: descriptor flag 0x10 is outside JAIL_SET_MASK and EINVAL")
  default void descriptorFlagBefore15IsEinval() {
    ContractContext ctx = context();
    ctx.needFeature("JAIL_SET_MASK is 0x0f", v -> (v.jailSetMask() & JailFlags.USE_DESC) == 0);
    ctx.set(
            Req.of().str("name", jailName("flag10")).flag("persist"),
            JailFlags.CREATE | JailFlags.USE_DESC)
        .failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName("§1.2 jail_get flags outside JAIL_GET_MASK (CREATE) are EINVAL")
  default void getWithCreateFlagIsEinval() {
    ContractContext ctx = context();
    int jid = ctx.persistent(jailName("getflag"));
    ctx.get(Req.of().i32("jid", jid), JailFlags.CREATE).failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName("§1.2/§9 13.x/14.x: JAIL_GET_DESC on jail_get is EINVAL")
  default void getDescFlagBefore15IsEinval() {
    ContractContext ctx = context();
    ctx.needFeature("JAIL_GET_MASK is 0x08", v -> (v.jailGetMask() & JailFlags.GET_DESC) == 0);
    int jid = ctx.persistent(jailName("getdesc"));
    ctx.get(Req.of().i32("jid", jid), JailFlags.GET_DESC).failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName(
      "§3.1.4 neither CREATE nor UPDATE is EINVAL \"no valid operation (create or update)\"")
  default void noOperationIsEinval() {
    ContractContext ctx = context();
    ctx.set(Req.of().str("name", jailName("noop")).flag("persist"), 0)
        .fails(Errno.EINVAL, "no valid operation (create or update)");
  }
}
