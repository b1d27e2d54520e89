package org.jail4j.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import jnr.ffi.Runtime;
import org.jail4j.HostCapabilities;
import org.jail4j.JailExistsException;
import org.jail4j.JailHost;
import org.jail4j.JailNotFoundException;
import org.jail4j.freebsd.internal.EmulatedLibc;
import org.jail4j.param.JailParam;
import org.jail4j.param.JailRequest;
import org.jail4j.param.JailValues;
import org.jail4j.spi.JailFlags;
import org.jail4j.spi.JailKernel;
import org.jail4j.spi.support.IpLiterals;
import org.jail4j.testkit.FakeJail;
import org.jail4j.testkit.FakeJailKernel;
import org.jail4j.testkit.PathCheck;
import org.junit.jupiter.api.Test;

/**
 * The provider as {@code JailHost} uses it, on "FreeBSD" with the emulated libc over the fake
 * kernel: the shared codec ({@link JailRequest}) over native memory, including jail_get's size
 * probes, a jls-style walk by lastjid, and errors with the kernel's message.
 */
class EmulatedProviderTest {
  private final FakeJailKernel fake =
      FakeJailKernel.builder()
          .modules("zfs")
          .vimage(true)
          .racct(false)
          .paths(PathCheck.anyDirectory())
          .build();
  private final FreeBsdJailProvider provider =
      new FreeBsdJailProvider(
          "FreeBSD", () -> new EmulatedLibc(fake, Runtime.getSystemRuntime()).binding());
  private final JailKernel kernel = JailHost.using(provider).kernel();

  private int create(String name, String address) {
    return JailRequest.create()
        .put(JailParam.NAME, name)
        .put(JailParam.PATH, "/")
        .put(JailParam.HOST_HOSTNAME, name + ".example")
        .put(JailParam.IP4_ADDR, List.of((Inet4Address) IpLiterals.parse(address)))
        .put(JailParam.PERSIST, true)
        .set(kernel, JailFlags.CREATE);
  }

  @Test
  void aJailMadeThroughTheCodecIsInTheFakeKernel() {
    int jid = create("web", "192.0.2.10");

    assertThat(fake.jails())
        .extracting(FakeJail::jid, FakeJail::name)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(jid, "web"));
  }

  @Test
  void jailGetReadsAddressesThroughASizeProbe() {
    int jid = create("web", "192.0.2.10");

    JailValues v =
        JailRequest.create()
            .put(JailParam.JID, jid)
            .want(JailParam.IP4_ADDR)
            .want(JailParam.HOST_HOSTNAME)
            .get(kernel, 0);

    assertThat(v.get(JailParam.IP4_ADDR))
        .contains(List.of((Inet4Address) IpLiterals.parse("192.0.2.10")));
    assertThat(v.get(JailParam.HOST_HOSTNAME)).contains("web.example");
  }

  @Test
  void aLastjidWalkListsEveryJailInOrder() {
    int a = create("a", "192.0.2.11");
    int b = create("b", "192.0.2.12");
    List<Integer> seen = new ArrayList<>();
    int last = 0;
    while (true) {
      try {
        last =
            JailRequest.create()
                .put(JailParam.LASTJID, last)
                .want(JailParam.NAME)
                .get(kernel, 0)
                .jid();
      } catch (JailNotFoundException end) {
        assertThat(end.kernelMessage()).contains("no jail after " + last);
        break;
      }
      seen.add(last);
    }

    assertThat(seen).containsExactly(a, b);
  }

  @Test
  void aDuplicateIsJailExistsWithTheKernelsMessage() {
    create("web", "192.0.2.10");

    assertThatThrownBy(() -> create("web", "192.0.2.13"))
        .isInstanceOfSatisfying(
            JailExistsException.class,
            e -> assertThat(e.kernelMessage()).contains("jail \"web\" already exists"));
  }

  @Test
  void removeEndsTheJail() throws Exception {
    int jid = create("web", "192.0.2.10");

    kernel.remove(jid);

    assertThatThrownBy(
            () -> JailRequest.create().put(JailParam.JID, jid).want(JailParam.NAME).get(kernel, 0))
        .isInstanceOf(JailNotFoundException.class);
  }

  @Test
  void capabilitiesSayWhyLimitsCannotWork() {
    HostCapabilities caps = JailHost.using(provider).capabilities();

    assertThat(caps.whyNoLimits()).isPresent();
    assertThat(caps.whyNoVnet()).isEmpty();
    assertThat(caps.modules()).contains("zfs");
    assertThat(caps.params()).contains("allow.mount.zfs", "host.hostname");
  }
}
