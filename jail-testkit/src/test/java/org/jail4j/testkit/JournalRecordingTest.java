package org.jail4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jail4j.Errno;
import org.jail4j.spi.JailFlags;
import org.jail4j.spi.MountRequest;
import org.junit.jupiter.api.Test;

/** The fake's journal: kernel calls and host steps in one order. */
class JournalRecordingTest {

  private static FakeJailKernel journalled() {
    return FakeJailKernel.builder().paths(PathCheck.anyDirectory()).journal(true).build();
  }

  @Test
  void aKernelBuiltWithoutAJournalRefusesToShowOne() {
    FakeJailKernel kernel = FakeJailKernel.builder().paths(PathCheck.anyDirectory()).build();
    RawCall.set(kernel).param("name", "web").flag("persist").flags(JailFlags.CREATE).call();
    assertThatThrownBy(kernel::journal)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("FakeJailKernel.builder().journal(true)");
  }

  @Test
  void kernelCallsAndHostStepsShareOneOrder() {
    FakeJailKernel kernel = journalled();
    FakeHostSystem host = new FakeHostSystem(kernel);
    int jid =
        RawCall.set(kernel)
            .param("name", "web")
            .flag("persist")
            .flags(JailFlags.CREATE)
            .call()
            .jid();
    host.mount(MountRequest.devfs("/jail/web/dev", 4));
    RawCall.remove(kernel, jid);

    Journal journal = kernel.journal();
    assertThat(journal.entries())
        .extracting(Object::toString)
        .containsExactly(
            "jail_set(CREATE) name=web persist -> " + jid,
            host.journal().get(0),
            "jail_remove(" + jid + ") -> 0");
    assertThat(journal.hostSteps()).extracting(Journal.HostStep::line).isEqualTo(host.journal());
    assertThat(journal.indexOf(Journal.step("devfs"))).isEqualTo(1);
    assertThat(journal.indexOf(Journal.call("jail_remove"))).isEqualTo(2);
    assertThat(journal.indexOf(Journal.call("jail_attach"))).isEqualTo(-1);
    assertThat(journal.indexOf(Journal.setSending("persist"))).isZero();
    assertThat(journal.indexOf(Journal.setSending("nopersist"))).isEqualTo(-1);
    assertThat(journal.lastIndexOf(e -> e instanceof Journal.KernelCall)).isEqualTo(2);
  }

  @Test
  void anAttachToNoJailIsRecordedWithItsErrno() {
    FakeJailKernel kernel = journalled();
    RawCall.Result r = RawCall.attach(kernel, 4242);
    assertThat(r.errno()).contains(Errno.EINVAL);
    assertThat(kernel.journal().kernelCalls())
        .singleElement()
        .hasToString("jail_attach(4242) -> EINVAL");
  }

  @Test
  void aFailedCallKeepsItsErrnoAndTheKernelsWords() {
    FakeJailKernel kernel = journalled();
    RawCall.set(kernel)
        .param("name", "web")
        .flag("persist")
        .param("no.such.param", 1)
        .flags(JailFlags.CREATE)
        .call();

    Journal.KernelCall call = kernel.journal().kernelCalls("jail_set").get(0);
    assertThat(call.failed()).isTrue();
    assertThat(call.errno()).isEqualTo(Errno.EINVAL);
    assertThat(call.errmsg()).isEqualTo("unknown parameter: no.such.param");
    assertThat(call.rc()).isEqualTo(-1);
    assertThat(call.names()).containsExactly("name", "persist", "no.such.param");
    assertThat(call.value("no.such.param")).contains("1");
    assertThat(call)
        .hasToString(
            "jail_set(CREATE) name=web persist no.such.param=1 -> EINVAL \"unknown parameter:"
                + " no.such.param\"");
  }

  @Test
  void aGetRecordsTheValuesTheKernelWroteDecoded() {
    FakeJailKernel kernel = journalled();
    int jid =
        RawCall.set(kernel)
            .param("name", "web")
            .param("ip4.addr", new byte[] {(byte) 192, 0, 2, 4})
            .flag("persist")
            .flags(JailFlags.CREATE)
            .call()
            .jid();
    RawCall.get(kernel).param("jid", jid).want("name").want("ip4.addr").call();
    RawCall.get(kernel.asProcessIn(jid)).param("lastjid", 0).call();

    Journal.KernelCall set = kernel.journal().kernelCalls("jail_set").get(0);
    assertThat(set.value("ip4.addr")).contains("192.0.2.4");
    Journal.KernelCall get = kernel.journal().kernelCalls("jail_get").get(0);
    assertThat(get.returnedValue("name")).contains("web");
    assertThat(get.returnedValue("ip4.addr")).contains("192.0.2.4");
    assertThat(get.returnedValue("jid")).isEmpty();
    Journal.KernelCall inside = kernel.journal().kernelCalls("jail_get").get(1);
    assertThat(inside.caller()).isEqualTo("jail " + jid);
    assertThat(inside.errno()).isEqualTo(Errno.ENOENT);
  }

  @Test
  void theJournalKeepsTheLastEntriesAndCountsTheRest() {
    FakeJailKernel kernel = journalled();
    for (int i = 0; i < Journal.CAPACITY + 5; i++) {
      RawCall.get(kernel).param("jid", 1).call();
    }
    Journal journal = kernel.journal();
    assertThat(journal.entries()).hasSize(Journal.CAPACITY);
    assertThat(journal.dropped()).isEqualTo(5);
    journal.clear();
    assertThat(journal.entries()).isEmpty();
    assertThat(journal.dropped()).isZero();
  }

  @Test
  void flagNamesAreThoseOfJailFlags() {
    assertThat(Journal.flagNames(0)).isEqualTo("0");
    assertThat(Journal.flagNames(JailFlags.CREATE | JailFlags.ATTACH)).isEqualTo("CREATE|ATTACH");
    assertThat(Journal.flagNames(JailFlags.DYING | 0x100)).isEqualTo("DYING|0x100");
  }

  @Test
  void osreleaseMustFitTheKernelsBuffer() {
    assertThatThrownBy(() -> FakeJailKernel.builder().osrelease("x".repeat(32)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("osrelease must be 1..31 bytes");
    assertThatThrownBy(() -> FakeJailKernel.builder().osreldate(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("osreldate must be positive: 0");
  }
}
