package org.jail4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jail4j.spi.JailFlags.DYING;
import static org.jail4j.testkit.Kernels.assertGetFails;
import static org.jail4j.testkit.Kernels.newJail;

import java.util.ArrayList;
import java.util.List;
import org.jail4j.Errno;
import org.jail4j.spi.JailKernel;
import org.jail4j.spi.SyscallException;
import org.junit.jupiter.api.Test;

/** freebsd-jail-abi.md §1.5 and §3.6: reading jails. */
class JailGetTest {
  private final FakeJailKernel kernel = Kernels.v14();

  @Test
  void flagsOtherThanDyingAreInvalidOn14() {
    newJail(kernel, "web");
    assertGetFails(kernel, Iov.of().str("name", "web"), 0x01, Errno.EINVAL, "");
  }

  @Test
  void noKeyIsNoJailSpecified() {
    assertGetFails(kernel, Iov.of().out("securelevel", 4), 0, Errno.ENOENT, "no jail specified");
  }

  @Test
  void unknownJidIsNotFound() {
    RawCall.Result r = RawCall.get(kernel).param("jid", 9).call();
    assertThat(r.errno()).contains(Errno.ENOENT);
    assertThat(r.errmsg()).isEqualTo("jail 9 not found");
  }

  @Test
  void unknownNameIsNotFound() {
    assertGetFails(kernel, Iov.of().str("name", "x"), 0, Errno.ENOENT, "jail \"x\" not found");
  }

  @Test
  void dyingJailByNameNeedsTheDyingFlag() throws SyscallException {
    int jid = newJail(kernel, "web");
    kernel.hold(jid);
    kernel.remove(jid);
    assertGetFails(kernel, Iov.of().str("name", "web"), 0, Errno.ENOENT, "jail \"web\" is dying");
    assertThat(kernel.get(Iov.of().str("name", "web").array(), DYING)).isEqualTo(jid);
  }

  @Test
  void lastjidIteratesInJidOrderAndEndsWithNoJailAfter() throws SyscallException {
    newJail(kernel, Iov.of().i32("jid", 7).flag("persist"));
    newJail(kernel, "a");
    newJail(kernel, "b");
    List<Integer> seen = new ArrayList<>();
    int last = 0;
    while (true) {
      Iov iov = Iov.of().i32("lastjid", last).out("name", 256);
      try {
        last = kernel.get(iov.array(), 0);
      } catch (SyscallException e) {
        assertThat(e.errno()).isEqualTo(Errno.ENOENT);
        assertThat(iov.errmsg()).isEqualTo("no jail after " + last);
        break;
      }
      seen.add(last);
    }
    assertThat(seen).containsExactly(1, 2, 7);
  }

  @Test
  void lastjidSkipsDyingJailsUnlessAsked() throws SyscallException {
    int jid = newJail(kernel, "web");
    kernel.hold(jid);
    kernel.remove(jid);
    assertGetFails(kernel, Iov.of().i32("lastjid", 0), 0, Errno.ENOENT, "no jail after 0");
    assertThat(kernel.get(Iov.of().i32("lastjid", 0).array(), DYING)).isEqualTo(jid);
  }

  @Test
  void lastjidTakesPrecedenceOverJidAndName() throws SyscallException {
    newJail(kernel, "a");
    int b = newJail(kernel, "b");
    assertThat(kernel.get(Iov.of().i32("lastjid", 1).i32("jid", 1).str("name", "a").array(), 0))
        .isEqualTo(b);
  }

  @Test
  void jidZeroIsNotAKeySoTheNameIs() throws SyscallException {
    newJail(kernel, "a");
    int b = newJail(kernel, "b");
    RawCall.Result r = RawCall.get(kernel).param("jid", 0).param("name", "b").call();
    assertThat(r.jid()).isEqualTo(b);
    assertThat(r.intValue("jid")).isEqualTo(b);
    assertThat(r.call().returnedValue("jid")).contains(Integer.toString(b));
  }

  @Test
  void valuesAreRelativeToTheCaller() throws SyscallException {
    int p =
        newJail(
            kernel,
            Iov.of()
                .str("name", "p")
                .str("path", "/jails/p")
                .i32("children.max", 3)
                .flag("persist"));
    int c = newJail(kernel, Iov.of().str("name", "p.c").str("path", "/jails/p/c").flag("persist"));
    JailKernel inside = kernel.asProcessIn(p);
    RawCall.Result seen =
        RawCall.get(inside).param("jid", c).want("name").want("path").want("parent").call();
    assertThat(seen.stringValue("name")).isEqualTo("c");
    assertThat(seen.stringValue("path")).isEqualTo("/c");
    assertThat(seen.intValue("parent")).isZero();
    RawCall.Result host = RawCall.get(kernel).param("jid", c).want("name").want("parent").call();
    assertThat(host.stringValue("name")).isEqualTo("p.c");
    assertThat(host.intValue("parent")).isEqualTo(p);
  }

  @Test
  void restrictedIp4ReadsBackDisableEvenWithAddresses() throws SyscallException {
    int jid = newJail(kernel, Iov.of().str("name", "a").ip("ip4.addr", "10.0.0.1").flag("persist"));
    assertThat(Kernels.getInt(kernel, jid, "ip4")).isZero();
  }

  @Test
  void theNameKeyIsRewrittenWithTheRelativeName() throws SyscallException {
    int p = newJail(kernel, Iov.of().str("name", "p").i32("children.max", 2).flag("persist"));
    newJail(kernel, "p.c");
    Iov iov = Iov.of().put("name", org.jail4j.spi.IoVec.buffer(16));
    System.arraycopy(
        "c\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        0,
        iov.value("name").base(),
        0,
        2);
    kernel.asProcessIn(p).get(iov.array(), 0);
    assertThat(iov.stringValue("name")).isEqualTo("c");
    assertThat(iov.value("name").length()).isEqualTo(16);
  }
}
