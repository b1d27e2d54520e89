package org.jail4j.param;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import org.jail4j.Errno;
import org.jail4j.InvalidJailParameterException;
import org.jail4j.Jail;
import org.jail4j.JailException;
import org.jail4j.JailExistsException;
import org.jail4j.JailNotFoundException;
import org.jail4j.internal.kernel.KernelCalls;
import org.jail4j.spi.JailFlags;
import org.jail4j.spi.KernelParam;
import org.jail4j.spi.support.IpLiterals;
import org.junit.jupiter.api.Test;

class JailRequestTest {

  private final RecordingKernel kernel = new RecordingKernel();

  private static List<Inet4Address> ip4(String... text) {
    List<Inet4Address> out = new ArrayList<>();
    for (String t : text) {
      out.add(IpLiterals.parse4(t));
    }
    return out;
  }

  @Test
  void setSendsNameValuePairsWithTheErrmsgBufferLast() {
    int jid =
        JailRequest.create()
            .put(JailParam.NAME, "web")
            .put(JailParam.SECURELEVEL, 3)
            .set(kernel, JailFlags.CREATE);

    assertThat(jid).isEqualTo(7);
    RecordingKernel.Call c = kernel.calls.get(0);
    assertThat(c.syscall()).isEqualTo("jail_set");
    assertThat(c.flags()).isEqualTo(JailFlags.CREATE);
    assertThat(c.names()).containsExactly("name", "securelevel", "errmsg");
    assertThat(c.value("name")).containsExactly('w', 'e', 'b', 0);
    assertThat(c.value("securelevel")).isEqualTo(ParamCodec.intBytes(3));
    assertThat(c.value("errmsg")).hasSize(JailFlags.ERRMSG_LEN);
  }

  @Test
  void trueBooleanIsSentAsItsNameWithANullZeroLengthValue() {
    JailRequest.create().put(JailParam.PERSIST, true).set(kernel, JailFlags.CREATE);

    RecordingKernel.Call c = kernel.calls.get(0);
    assertThat(c.names()).containsExactly("persist", "errmsg");
    assertThat(c.value("persist")).isNull();
  }

  @Test
  void falseBooleanIsSentAsItsNoNameWithANullValue() {
    JailRequest.create()
        .put(JailParam.NAME, "web")
        .put(JailParam.PERSIST, false)
        .put(JailParam.ALLOW_MOUNT_ZFS, false)
        .put(JailParam.IP4_SADDRSEL, false)
        .set(kernel, JailFlags.UPDATE);

    RecordingKernel.Call c = kernel.calls.get(0);
    assertThat(c.names())
        .containsExactly("name", "nopersist", "allow.mount.nozfs", "ip4.nosaddrsel", "errmsg");
    assertThat(c.value("nopersist")).isNull();
  }

  @Test
  void theLastValuePutForAParameterWins() {
    JailRequest.create()
        .put(JailParam.PERSIST, true)
        .put(JailParam.SECURELEVEL, 1)
        .put(JailParam.PERSIST, false)
        .put(JailParam.SECURELEVEL, 2)
        .set(kernel, JailFlags.UPDATE);

    RecordingKernel.Call c = kernel.calls.get(0);
    assertThat(c.names()).containsExactly("nopersist", "securelevel", "errmsg");
    assertThat(c.value("securelevel")).isEqualTo(ParamCodec.intBytes(2));
  }

  @Test
  void theErrmsgBufferIsClearedBeforeEveryCall() {
    JailRequest r = JailRequest.create().put(JailParam.NAME, "web");
    kernel.failNext(Errno.EEXIST, "jail \"web\" already exists", 1);
    assertThatThrownBy(() -> r.set(kernel, JailFlags.CREATE))
        .isInstanceOf(JailExistsException.class);

    r.set(kernel, JailFlags.CREATE);

    assertThat(kernel.calls.get(1).value("errmsg")).containsOnly(0).hasSize(1024);
  }

  @Test
  void aKernelFailureBecomesTheTypedExceptionWithErrnoAndKernelMessage() {
    kernel.failNext(Errno.EEXIST, "jail 5 already exists", 1);

    assertThatThrownBy(
            () ->
                JailRequest.create()
                    .put(JailParam.JID, 5)
                    .put(JailParam.PERSIST, true)
                    .set(kernel, JailFlags.CREATE))
        .isInstanceOfSatisfying(
            JailExistsException.class,
            e -> {
              assertThat(e.errno()).contains(Errno.EEXIST);
              assertThat(e.kernelMessage()).contains("jail 5 already exists");
              assertThat(e.operation()).isEqualTo("jail_set");
              assertThat(e.jid()).hasValue(5);
              assertThat(e.getMessage()).isEqualTo("jail: 5: jail 5 already exists (EEXIST)");
            });
  }

  @Test
  void aFailureWithoutKernelTextFallsBackToStrerror() {
    kernel.failNext(Errno.EPERM, null, 1);

    assertThatThrownBy(
            () -> JailRequest.create().put(JailParam.NAME, "web").set(kernel, JailFlags.CREATE))
        .isInstanceOfSatisfying(
            JailException.class,
            e -> {
              assertThat(e.kernelMessage()).isEmpty();
              assertThat(e.getMessage())
                  .isEqualTo("jail: web: jail_set: Operation not permitted (EPERM)");
            });
  }

  @Test
  void aNamedParameterIsTypedWithWhatTheKernelPublishes() {
    kernel.publish("allow.mount.p9fs", "B", KernelParam.CTLTYPE_INT, 0);
    kernel.publish("zfs.mount_snapshot", "I", KernelParam.CTLTYPE_INT, 0);

    JailRequest.create()
        .put(JailParam.named("allow.mount.p9fs"), "false")
        .put(JailParam.named("zfs.mount_snapshot"), "1")
        .set(kernel, JailFlags.UPDATE);

    RecordingKernel.Call c = kernel.calls.get(0);
    assertThat(c.names()).containsExactly("allow.mount.nop9fs", "zfs.mount_snapshot", "errmsg");
    assertThat(c.value("zfs.mount_snapshot")).isEqualTo(ParamCodec.intBytes(1));
  }

  @Test
  void aNamedNoBooleanIsAcceptedAsLibjailDoes() {
    kernel.publish("allow.mount.p9fs", "B", KernelParam.CTLTYPE_INT, 0);

    JailRequest.create().put(JailParam.named("allow.mount.nop9fs"), "true").set(kernel, 2);

    assertThat(kernel.calls.get(0).names()).containsExactly("allow.mount.nop9fs", "errmsg");
  }

  @Test
  void aNamedParameterTheKernelDoesNotKnowIsRejectedBeforeAnyCall() {
    assertThatThrownBy(
            () ->
                JailRequest.create()
                    .put(JailParam.NAME, "web")
                    .put(JailParam.named("allow.mount.zfs"), "true")
                    .set(kernel, JailFlags.UPDATE))
        .isInstanceOfSatisfying(
            InvalidJailParameterException.class,
            e -> {
              assertThat(e.kernelMessage()).contains("unknown parameter: allow.mount.zfs");
              assertThat(e.errno()).contains(Errno.ENOENT);
            });
    assertThat(kernel.calls).isEmpty();
  }

  @Test
  void aNamedValueThatIsNotOfTheKernelsTypeNamesTheParameter() {
    kernel.publish("linux.oss_version", "I", KernelParam.CTLTYPE_INT, 0);

    assertThatThrownBy(
            () ->
                JailRequest.create()
                    .put(JailParam.named("linux.oss_version"), "many")
                    .set(kernel, JailFlags.UPDATE))
        .isInstanceOf(InvalidJailParameterException.class)
        .hasMessageContaining("linux.oss_version: non-integer value \"many\"");
    assertThat(kernel.calls).isEmpty();
  }

  @Test
  void aPseudoParameterCannotBePut() {
    assertThatThrownBy(
            () -> JailRequest.create().put(JailParam.EXEC_START, List.of("/bin/sh /etc/rc")))
        .isInstanceOf(InvalidJailParameterException.class)
        .hasMessageContaining("exec.start: a jail(8) pseudo-parameter");
  }

  @Test
  void aStringOverTheKernelBufferIsRejectedWhenPut() {
    assertThatThrownBy(() -> JailRequest.create().put(JailParam.HOST_HOSTNAME, "h".repeat(256)))
        .isInstanceOf(InvalidJailParameterException.class)
        .hasMessageContaining("host.hostname: is 256 bytes; at most 255 bytes");
  }

  @Test
  void rawEntriesAreSentAsGivenAndNeverReplaced() {
    JailRequest.create()
        .putName("persist")
        .putName("nopersist")
        .putRaw("securelevel", new byte[] {1, 2})
        .set(kernel, JailFlags.CREATE);

    RecordingKernel.Call c = kernel.calls.get(0);
    assertThat(c.names()).containsExactly("persist", "nopersist", "securelevel", "errmsg");
    assertThat(c.values().get(2)).containsExactly(1, 2);
  }

  @Test
  void getReadsFixedSizeValuesIntoBuffersOfTheirSize() {
    kernel.stored.put("securelevel", ParamCodec.intBytes(2));
    kernel.stored.put("host.hostname", ParamCodec.encode(JailParam.HOST_HOSTNAME, "web.local"));
    kernel.stored.put("persist", ParamCodec.intBytes(1));

    JailValues v =
        JailRequest.create()
            .put(JailParam.NAME, "web")
            .want(JailParam.SECURELEVEL)
            .want(JailParam.HOST_HOSTNAME)
            .want(JailParam.PERSIST)
            .get(kernel, 0);

    assertThat(kernel.calls).hasSize(1);
    RecordingKernel.Call c = kernel.calls.get(0);
    assertThat(c.names())
        .containsExactly("name", "securelevel", "host.hostname", "persist", "errmsg");
    assertThat(c.value("host.hostname")).hasSize(256);
    assertThat(v.jid()).isEqualTo(7);
    assertThat(v.get(JailParam.SECURELEVEL)).contains(2);
    assertThat(v.get(JailParam.HOST_HOSTNAME)).contains("web.local");
    assertThat(v.get(JailParam.PERSIST)).contains(true);
    assertThat(v.get(JailParam.PATH)).isEmpty();
    assertThat(v.names()).containsExactly("securelevel", "host.hostname", "persist", "name");
  }

  @Test
  void getProbesAddressListsThenReadsWithFiveElementsOfSlack() {
    kernel.stored.put(
        "ip4.addr", ParamCodec.encode(JailParam.IP4_ADDR, ip4("10.0.0.1", "10.0.0.2")));

    JailValues v =
        JailRequest.create().put(JailParam.JID, 7).want(JailParam.IP4_ADDR).get(kernel, 0);

    assertThat(kernel.calls).hasSize(2);
    assertThat(kernel.calls.get(0).value("ip4.addr")).isNull();
    assertThat(kernel.calls.get(1).value("ip4.addr")).hasSize(8 + 5 * 4);
    assertThat(v.get(JailParam.IP4_ADDR)).contains(ip4("10.0.0.1", "10.0.0.2"));
  }

  @Test
  void getRetriesWhenAnAddressListOutgrewItsBuffer() {
    kernel.stored.put("ip4.addr", ParamCodec.encode(JailParam.IP4_ADDR, ip4("10.0.0.1")));
    List<Inet4Address> grown = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      grown.add(IpLiterals.parse4("10.0.0." + i));
    }
    int[] gets = {0};
    kernel.beforeGet =
        () -> {
          // The list grows from 1 to 10 addresses between the first probe and the first read.
          if (++gets[0] == 2) {
            kernel.stored.put("ip4.addr", ParamCodec.encode(JailParam.IP4_ADDR, grown));
          }
        };

    JailValues v =
        JailRequest.create().put(JailParam.JID, 7).want(JailParam.IP4_ADDR).get(kernel, 0);

    assertThat(kernel.calls).extracting(RecordingKernel.Call::syscall).hasSize(4);
    assertThat(v.get(JailParam.IP4_ADDR)).contains(grown);
  }

  @Test
  void getGivesUpAfterFiveAttemptsWithTheKernelsError() {
    kernel.stored.put("ip4.addr", new byte[0]);
    int[] n = {0};
    kernel.beforeGet =
        () -> {
          List<Inet4Address> more = new ArrayList<>();
          n[0] += 10;
          for (int i = 1; i <= n[0]; i++) {
            more.add(IpLiterals.parse4("10.0." + (i / 250) + "." + (i % 250 + 1)));
          }
          kernel.stored.put("ip4.addr", ParamCodec.encode(JailParam.IP4_ADDR, more));
        };

    assertThatThrownBy(
            () ->
                JailRequest.create().put(JailParam.JID, 7).want(JailParam.IP4_ADDR).get(kernel, 0))
        .isInstanceOfSatisfying(
            InvalidJailParameterException.class, e -> assertThat(e.errno()).contains(Errno.EINVAL));
    assertThat(kernel.calls).hasSize(2 * KernelCalls.ARRAY_ATTEMPTS);
  }

  @Test
  void getOfAMissingJailIsNotFoundWithTheKernelsMessage() {
    kernel.failNext(Errno.ENOENT, "jail \"db\" not found", 1);

    assertThatThrownBy(
            () -> JailRequest.create().put(JailParam.NAME, "db").want(JailParam.JID).get(kernel, 0))
        .isInstanceOfSatisfying(
            JailNotFoundException.class,
            e -> {
              assertThat(e.getMessage()).isEqualTo("jail: db: jail \"db\" not found (ENOENT)");
              assertThat(e.operation()).isEqualTo("jail_get");
            });
  }

  @Test
  void aWantedKeyIsReadBackFromTheKeysOwnBuffer() {
    JailValues v =
        JailRequest.create().put(JailParam.NAME, "web").want(JailParam.NAME).get(kernel, 0);

    assertThat(kernel.calls.get(0).names()).containsExactly("name", "errmsg");
    assertThat(v.get(JailParam.NAME)).contains("web");
  }

  @Test
  void typedKeysAreReadBackAsTheKernelRewroteThem() {
    kernel.stored.put("jid", ParamCodec.intBytes(7));

    JailValues v =
        JailRequest.create().put(JailParam.JID, 0).put(JailParam.LASTJID, 3).get(kernel, 0);

    assertThat(v.get(JailParam.JID)).contains(7);
    assertThat(v.get(JailParam.LASTJID)).contains(3);
  }

  @Test
  void aNamedWantIsReadWithTheKernelsTypeAndGivenAsText() {
    kernel.publish("sysvshm", "E,jailsys", KernelParam.CTLTYPE_INT, 0);
    kernel.stored.put("sysvshm", ParamCodec.intBytes(1));

    JailValues v =
        JailRequest.create().put(JailParam.JID, 7).want(JailParam.named("sysvshm")).get(kernel, 0);

    assertThat(v.get(JailParam.named("sysvshm"))).contains("new");
    assertThat(v.get(JailParam.SYSVSHM)).contains(JailSys.NEW);
  }

  @Test
  void kernelRequestPutsEveryKernelParameterOfTheJail() {
    Jail jail =
        Jail.builder()
            .name("web")
            .path("/jail/web")
            .hostname("web.example.org")
            .ip4("192.168.1.4")
            .ip6("2001:db8::4")
            .persist(true)
            .param(JailParam.SECURELEVEL, 3)
            .execStart(List.of("/bin/sh /etc/rc"))
            .build();

    jail.kernelRequest().set(kernel, JailFlags.CREATE);

    RecordingKernel.Call c = kernel.calls.get(0);
    assertThat(c.names())
        .containsExactly(
            "name",
            "path",
            "host.hostname",
            "ip4.addr",
            "ip6.addr",
            "persist",
            "securelevel",
            "errmsg");
    assertThat(c.value("ip4.addr")).containsExactly(192, 168, 1, 4);
    assertThat(c.value("ip6.addr")).hasSize(16);
  }
}
