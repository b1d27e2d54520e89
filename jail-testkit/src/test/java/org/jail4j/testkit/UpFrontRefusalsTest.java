package org.jail4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.util.List;
import org.jail4j.Errno;
import org.jail4j.InvalidJailParameterException;
import org.jail4j.Jail;
import org.jail4j.JailAddress;
import org.jail4j.JailBuilder;
import org.jail4j.JailException;
import org.jail4j.JailHost;
import org.jail4j.RunningJail;
import org.jail4j.param.JailParam;
import org.jail4j.param.JailRequest;
import org.jail4j.param.JailSys;
import org.jail4j.spi.JailFlags;
import org.jail4j.testkit.junit.FakeJails;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A kernel rule that jail4j checks before the kernel gives the kernel's errno and errmsg, so {@code
 * errno()} is the same on every layer: each case compares the up-front refusal (builder or {@link
 * RunningJail#update}) with what the fake kernel answers for the same request through the low-level
 * {@link JailRequest}.
 */
@FakeJails
class UpFrontRefusalsTest {

  private static InvalidJailParameterException upFront(Executable call) {
    return catchThrowableOfType(InvalidJailParameterException.class, call::execute);
  }

  private static JailException kernelSays(JailRequest request, FakeJailKernel kernel, int flags) {
    return catchThrowableOfType(JailException.class, () -> request.set(kernel, flags));
  }

  private static void sameErrnoAndText(JailException upFront, JailException kernel) {
    assertThat(kernel.errno()).as(kernel.getMessage()).isPresent();
    assertThat(upFront.errno()).as(upFront.getMessage()).isEqualTo(kernel.errno());
    assertThat(upFront.kernelMessage()).as(upFront.getMessage()).isEqualTo(kernel.kernelMessage());
    assertThat(upFront).isInstanceOf(kernel.getClass());
  }

  private static JailRequest create(String name) {
    return JailRequest.create()
        .put(JailParam.NAME, name)
        .put(JailParam.PATH, "/")
        .put(JailParam.PERSIST, true);
  }

  private static JailBuilder jail(String name) {
    return Jail.builder().name(name).path("/").persist(true);
  }

  @Test
  void aNumericNameThatIsNotAJidInCanonicalFormIsEinvalWithTheKernelsWords(FakeJailKernel kernel) {
    InvalidJailParameterException built = upFront(() -> jail("007").build());
    sameErrnoAndText(built, kernelSays(create("007"), kernel, JailFlags.CREATE));
    assertThat(built.kernelMessage()).contains("name cannot be numeric (unless it is the jid)");
    assertThat(built.violations().get(0).rule())
        .isEqualTo(
            "name cannot be numeric (unless it is the jid): \"007\" is not a jid in canonical form"
                + " (1..999999, no leading zeros)");
  }

  @Test
  void aNumericNameThatIsAnotherJidIsEinvalWithTheKernelsWords(FakeJailKernel kernel) {
    InvalidJailParameterException built = upFront(() -> jail("5").jid(6).build());
    sameErrnoAndText(
        built, kernelSays(create("5").put(JailParam.JID, 6), kernel, JailFlags.CREATE));
  }

  @Test
  void aNegativeJidIsEinvalNegativeJid(FakeJailKernel kernel) {
    InvalidJailParameterException built = upFront(() -> jail("web").jid(-1).build());
    sameErrnoAndText(
        built, kernelSays(create("web").put(JailParam.JID, -1), kernel, JailFlags.CREATE));
    assertThat(built.kernelMessage()).contains("negative jid");
  }

  @Test
  void osreldateZeroIsEinvalWithTheKernelsWords(FakeJailKernel kernel) {
    InvalidJailParameterException built =
        upFront(() -> jail("web").param(JailParam.OSRELDATE, 0).build());
    sameErrnoAndText(
        built, kernelSays(create("web").put(JailParam.OSRELDATE, 0), kernel, JailFlags.CREATE));
  }

  @Test
  void enforceStatfsAndDevfsRulesetOutOfRangeAreEinval(FakeJailKernel kernel) {
    sameErrnoAndText(
        upFront(() -> jail("web").param(JailParam.ENFORCE_STATFS, 3).build()),
        kernelSays(create("web").put(JailParam.ENFORCE_STATFS, 3), kernel, JailFlags.CREATE));
    sameErrnoAndText(
        upFront(() -> jail("web").param(JailParam.DEVFS_RULESET, 70000).build()),
        kernelSays(create("web").put(JailParam.DEVFS_RULESET, 70000), kernel, JailFlags.CREATE));
  }

  @Test
  void hostWithoutADisableStateIsEinval(FakeJailKernel kernel) {
    sameErrnoAndText(
        upFront(() -> jail("web").param(JailParam.HOST, JailSys.DISABLE).build()),
        kernelSays(create("web").put(JailParam.HOST, JailSys.DISABLE), kernel, JailFlags.CREATE));
  }

  @Test
  void theUnspecifiedAndADuplicateAddressAreEinval(FakeJailKernel kernel) throws Exception {
    InetAddress any = InetAddress.getByName("0.0.0.0");
    InetAddress a = InetAddress.getByName("192.0.2.4");
    sameErrnoAndText(
        upFront(() -> jail("web").addAddresses(new JailAddress(any, null, null)).build()),
        kernelSays(
            create("web").put(JailParam.IP4_ADDR, List.of((java.net.Inet4Address) any)),
            kernel,
            JailFlags.CREATE));
    sameErrnoAndText(
        upFront(() -> jail("web").ip4("192.0.2.4", "192.0.2.4").build()),
        kernelSays(
            create("web")
                .put(
                    JailParam.IP4_ADDR,
                    List.of((java.net.Inet4Address) a, (java.net.Inet4Address) a)),
            kernel,
            JailFlags.CREATE));
  }

  @Test
  void vnetWithAddressesIsEinvalWithTheKernelsWords(FakeJailKernel kernel) {
    InvalidJailParameterException built =
        upFront(() -> jail("web").ip4("192.0.2.4").param(JailParam.VNET, JailSys.NEW).build());
    sameErrnoAndText(
        built,
        kernelSays(
            create("web").put(JailParam.VNET, JailSys.NEW).put(JailParam.IP4, JailSys.NEW),
            kernel,
            JailFlags.CREATE));
    assertThat(built.kernelMessage()).contains("vnet jails cannot have IP address restrictions");
  }

  @Test
  void updatingACreateOnlyParameterIsEinvalAsTheKernelSaysIt(JailHost host, FakeJailKernel kernel) {
    try (RunningJail web = host.start(jail("web").build())) {
      JailRequest path = JailRequest.create().put(JailParam.JID, web.jid());
      InvalidJailParameterException up = upFront(() -> web.update(JailParam.PATH, "/tmp"));
      sameErrnoAndText(up, kernelSays(path.put(JailParam.PATH, "/tmp"), kernel, JailFlags.UPDATE));
      assertThat(up)
          .hasMessage(
              "jail: web: update: path: path cannot be changed after creation: can only be set"
                  + " when the jail is created (restart it, or use JailHost.apply) (EINVAL)");

      sameErrnoAndText(
          upFront(() -> web.update(JailParam.OSRELDATE, 1403000)),
          kernelSays(
              JailRequest.create().put(JailParam.JID, web.jid()).put(JailParam.OSRELDATE, 1403000),
              kernel,
              JailFlags.UPDATE));
      sameErrnoAndText(
          upFront(() -> web.update(JailParam.IP4, JailSys.NEW)),
          kernelSays(
              JailRequest.create().put(JailParam.JID, web.jid()).put(JailParam.IP4, JailSys.NEW),
              kernel,
              JailFlags.UPDATE));
    }
  }

  @Test
  void updatingAReadOnlyParameterIsEinvalUnknownParameter(JailHost host, FakeJailKernel kernel) {
    try (RunningJail web = host.start(jail("web").build())) {
      sameErrnoAndText(
          upFront(() -> web.update(JailParam.PARENT, 0)),
          kernelSays(
              JailRequest.create().put(JailParam.JID, web.jid()).put(JailParam.PARENT, 0),
              kernel,
              JailFlags.UPDATE));
      sameErrnoAndText(
          upFront(() -> web.update(JailParam.DYING, true)),
          kernelSays(
              JailRequest.create().put(JailParam.JID, web.jid()).put(JailParam.DYING, true),
              kernel,
              JailFlags.UPDATE));
    }
  }

  @Test
  void aBuilderWithAKernelRuleAndOneOfItsOwnGivesTheKernelRulesErrno() {
    InvalidJailParameterException e = upFront(() -> Jail.builder().name("007").path("rel").build());
    assertThat(e.violations()).hasSize(2);
    assertThat(e.errno()).contains(Errno.EINVAL);
    assertThat(e.violations().get(1).errno()).isEmpty();
  }
}
