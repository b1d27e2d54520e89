package org.jail4j.freebsd.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jnr.ffi.Runtime;
import org.jail4j.Errno;
import org.jail4j.FreeBsdVersion;
import org.jail4j.HostCapabilities;
import org.jail4j.spi.IoVec;
import org.jail4j.spi.JailFlags;
import org.jail4j.spi.KernelParam;
import org.jail4j.spi.RctlCall;
import org.jail4j.spi.SyscallException;
import org.junit.jupiter.api.Test;

/**
 * The provider's kernel over the emulated libc, against a kernel that only records and answers:
 * bytes in, bytes, lengths, errmsg and errno out, through real native memory.
 */
class EmulatedLibcTest {
  private final Runtime runtime = Runtime.getSystemRuntime();
  private final ScriptedKernel scripted = new ScriptedKernel();

  private NativeJailKernel kernel() {
    return new EmulatedLibc(scripted, runtime).binding().kernel();
  }

  private static String text(byte[] b) {
    return b == null ? "null" : new String(b, StandardCharsets.UTF_8);
  }

  @Test
  void jailSetHandsTheKernelTheCallersBytesWithTheNulCounted() throws SyscallException {
    IoVec[] iov = {
      IoVec.name("name"),
      IoVec.string("web"),
      IoVec.name("persist"),
      IoVec.empty(),
      IoVec.name("errmsg"),
      IoVec.buffer(JailFlags.ERRMSG_LEN)
    };

    int jid = kernel().set(iov, JailFlags.CREATE);

    assertThat(jid).isEqualTo(7);
    assertThat(scripted.receivedFlags).containsExactly(JailFlags.CREATE);
    List<byte[]> got = scripted.received.get(0);
    assertThat(text(got.get(0))).isEqualTo("name\0");
    assertThat(text(got.get(1))).isEqualTo("web\0");
    assertThat(got.get(3)).isNull();
    assertThat(scripted.receivedLengths.get(0)).containsExactly(5, 4, 8, 0, 7, 1024);
  }

  @Test
  void aFailedJailSetCarriesTheKernelsErrnoAndErrmsg() {
    scripted.failWith = Errno.EEXIST;
    scripted.errmsg = "jail 23 already exists";
    IoVec errmsg = IoVec.buffer(JailFlags.ERRMSG_LEN);
    IoVec[] iov = {IoVec.name("jid"), IoVec.of(intBytes(23)), IoVec.name("errmsg"), errmsg};

    assertThatThrownBy(() -> kernel().set(iov, JailFlags.CREATE))
        .isInstanceOfSatisfying(
            SyscallException.class,
            e -> {
              assertThat(e.errno()).isEqualTo(Errno.EEXIST);
              assertThat(e.syscall()).isEqualTo("jail_set");
            });
    assertThat(Sysctl.cString(errmsg.bytes())).isEqualTo("jail 23 already exists");
  }

  @Test
  void theCallersErrmsgIsLeftAsItWasWhenTheKernelWritesNone() {
    scripted.failWith = Errno.EPERM;
    byte[] buffer = new byte[1024];
    IoVec[] iov = {IoVec.name("name"), IoVec.string("web"), IoVec.name("errmsg"), IoVec.of(buffer)};

    assertThatThrownBy(() -> kernel().set(iov, JailFlags.CREATE))
        .isInstanceOfSatisfying(
            SyscallException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EPERM));
    assertThat(iov[3].bytes()).containsOnly((byte) 0);
  }

  @Test
  void jailGetRewritesValuesAndLengths() throws SyscallException {
    scripted.onGet =
        iov -> {
          byte[] v = iov[3].base();
          System.arraycopy("web\0".getBytes(StandardCharsets.US_ASCII), 0, v, 0, 4);
          iov[3].setLength(4);
          iov[5].setLength(8); // a size probe: only the length comes back
        };
    IoVec hostname = IoVec.buffer(256);
    IoVec probe = IoVec.empty();
    IoVec[] iov = {
      IoVec.name("jid"), IoVec.of(intBytes(7)),
      IoVec.name("host.hostname"), hostname,
      IoVec.name("ip4.addr"), probe
    };

    int jid = kernel().get(iov, 0);

    assertThat(jid).isEqualTo(7);
    assertThat(hostname.length()).isEqualTo(4);
    assertThat(hostname.bytes()).isEqualTo("web\0".getBytes(StandardCharsets.US_ASCII));
    assertThat(probe.length()).isEqualTo(8);
    assertThat(probe.base()).isNull();
  }

  @Test
  void aFailedJailGetLeavesLengthsAsTheyWere() {
    scripted.failWith = Errno.ENOENT;
    scripted.errmsg = "jail 9 not found";
    scripted.onGet = iov -> iov[3].setLength(1);
    IoVec hostname = IoVec.buffer(256);
    IoVec[] iov = {IoVec.name("jid"), IoVec.of(intBytes(9)), IoVec.name("host.hostname"), hostname};

    assertThatThrownBy(() -> kernel().get(iov, 0))
        .isInstanceOfSatisfying(
            SyscallException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT));
    assertThat(hostname.length()).isEqualTo(256);
  }

  @Test
  void jailRemoveAndAttachPassTheJid() throws SyscallException {
    NativeJailKernel k = kernel();
    k.remove(5);
    k.attach(6);

    assertThat(scripted.calls).containsExactly("jail_remove 5", "jail_attach 6");
  }

  @Test
  void theRealLibcNeverAttachesTheJvm() {
    NativeJailKernel k =
        new LibcBinding(new EmulatedLibc(scripted, runtime), runtime, true).kernel();

    assertThatThrownBy(() -> k.attach(5))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("jexec");
    assertThatThrownBy(
            () ->
                k.set(
                    new IoVec[] {IoVec.name("name"), IoVec.string("x")},
                    JailFlags.CREATE | JailFlags.ATTACH))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(scripted.calls).isEmpty();
  }

  @Test
  void descriptorCallsAnswerEnosysBeforeFifteenWithoutCallingLibc() {
    scripted.version = FreeBsdVersion.V14;
    NativeJailKernel k = kernel();

    assertThatThrownBy(() -> k.removeDescriptor(3))
        .isInstanceOfSatisfying(
            SyscallException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOSYS));
    assertThatThrownBy(() -> k.attachDescriptor(3))
        .isInstanceOfSatisfying(
            SyscallException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOSYS));
    assertThat(scripted.calls).isEmpty();
  }

  @Test
  void descriptorCallsReachLibcOnFifteen() throws SyscallException {
    scripted.version = FreeBsdVersion.V15;
    NativeJailKernel k = kernel();

    k.removeDescriptor(3);
    k.attachDescriptor(4);

    assertThat(scripted.calls).containsExactly("jail_remove_jd 3", "jail_attach_jd 4");
  }

  @Test
  void aMissingDescriptorSymbolIsEnosysWithoutARawSyscall() {
    scripted.version = FreeBsdVersion.V15;
    EmulatedLibc libc = new EmulatedLibc(scripted, runtime);
    libc.withoutSymbol("jail_remove_jd");
    libc.withoutSymbol("jail_attach_jd");
    NativeJailKernel k = libc.binding().kernel();

    assertThatThrownBy(() -> k.removeDescriptor(3))
        .isInstanceOfSatisfying(
            SyscallException.class,
            e -> {
              assertThat(e.syscall()).isEqualTo("jail_remove_jd");
              assertThat(e.errno()).isEqualTo(Errno.ENOSYS);
            });
    assertThatThrownBy(() -> k.attachDescriptor(4))
        .isInstanceOfSatisfying(
            SyscallException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOSYS));
    // LibC has no syscall(2) binding: a raw 597/598 on a kernel without them raises SIGSYS
    assertThat(scripted.calls).isEmpty();
  }

  @Test
  void onlyDescriptorsTheKernelReturnedAreClosed() throws SyscallException {
    scripted.version = FreeBsdVersion.V15;
    scripted.onGet = iov -> System.arraycopy(intBytes(11), 0, iov[3].base(), 0, 4);
    NativeJailKernel k = kernel();

    assertThatThrownBy(() -> k.closeDescriptor(0))
        .isInstanceOfSatisfying(
            SyscallException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EBADF));
    k.get(
        new IoVec[] {IoVec.name("jid"), IoVec.of(intBytes(7)), IoVec.name("desc"), IoVec.buffer(4)},
        JailFlags.GET_DESC);
    k.closeDescriptor(11);

    assertThat(scripted.calls).containsExactly("jail_get", "close 11");
  }

  @Test
  void name2oidIgnoresAFinalDotAndAnswersTheNodeNotItsEmptyNamedChild() throws Exception {
    Sysctl sysctl = new Sysctl(new EmulatedLibc(scripted, runtime), runtime);

    int[] node = sysctl.oid("security.jail.param.host").orElseThrow();
    int[] dotted = sysctl.oid("security.jail.param.host.").orElseThrow();

    assertThat(dotted).isEqualTo(node);
    assertThat(sysctl.format(dotted).orElseThrow().isNode()).isTrue();
  }

  @Test
  void aNodeParameterTakesItsTypeFromTheEmptyNamedChild() {
    KernelParam host = kernel().param("host").orElseThrow();

    assertThat(host).isEqualTo(new KernelParam("host", "E,jailsys", 2, KernelParam.Access.RW, 0));
    assertThat(kernel().param("allow.mount").orElseThrow().format()).isEqualTo("B");
  }

  @Test
  void aStringParameterReportsItsBufferSize() {
    assertThat(kernel().param("host.hostname").orElseThrow().size()).isEqualTo(256);
    assertThat(kernel().param("path").orElseThrow().size()).isEqualTo(1024);
  }

  @Test
  void addressArraysReportTheirElementSize() {
    assertThat(kernel().param("ip4.addr").orElseThrow().size()).isEqualTo(4);
    assertThat(kernel().param("ip6.addr").orElseThrow().size()).isEqualTo(16);
  }

  @Test
  void accessComesFromTheKindWord() {
    assertThat(kernel().param("jid").orElseThrow().access()).isEqualTo(KernelParam.Access.RDTUN);
    assertThat(kernel().param("dying").orElseThrow().access()).isEqualTo(KernelParam.Access.RD);
    assertThat(kernel().param("host.hostid").orElseThrow().ctlType()).isEqualTo(8);
  }

  @Test
  void anUnknownParameterIsEmpty() {
    assertThat(kernel().param("allow.mount.nosuchfs")).isEmpty();
    assertThat(kernel().param("allow")).isEmpty();
    assertThat(kernel().param("host.")).isEmpty();
  }

  @Test
  void theParameterWalkListsEveryParameterAndStopsAtTheSubtreeEnd() {
    assertThat(kernel().params()).containsExactlyElementsOf(scripted.params);
  }

  @Test
  void capabilitiesComeFromSysctlAndTheModuleList() {
    HostCapabilities caps = kernel().capabilities();

    assertThat(caps.version()).isEqualTo(FreeBsdVersion.V14);
    assertThat(caps.osreldate()).isEqualTo(1403000);
    assertThat(caps.osrelease()).isEqualTo("14.3-RELEASE");
    assertThat(caps.vimage()).isTrue();
    assertThat(caps.racct()).isTrue();
    assertThat(caps.modules()).containsExactly("zfs");
    assertThat(caps.params()).contains("host", "allow.mount.zfs", "zfs.mount_snapshot");
  }

  @Test
  void racctEnableIsOneByteAsTheKernelsSysctlBool() throws Exception {
    EmulatedLibc libc = new EmulatedLibc(scripted, runtime);
    Sysctl sysctl = new Sysctl(libc, runtime);

    int[] oid = sysctl.oid("kern.racct.enable").orElseThrow();
    assertThat(sysctl.read(oid).orElseThrow()).containsExactly(1);
    assertThat(sysctl.readBool("kern.racct.enable")).contains(true);
    assertThat(sysctl.readInt("kern.racct.enable")).isEmpty(); // why an int read never saw it
  }

  @Test
  void aFourByteBooleanFromAnOlderKernelIsReadAsAnInt() throws Exception {
    EmulatedLibc libc = new EmulatedLibc(scripted, runtime);
    libc.publishSysctl(
        "kern.old.enable",
        EmulatedSysctl.CTLTYPE_INT | Sysctl.CTLFLAG_RD,
        "I",
        EmulatedSysctl.intBytes(1));
    libc.publishSysctl(
        "kern.odd.enable", EmulatedSysctl.CTLTYPE_INT | Sysctl.CTLFLAG_RD, "I", new byte[2]);
    Sysctl sysctl = new Sysctl(libc, runtime);

    assertThat(sysctl.readBool("kern.old.enable")).contains(true);
    assertThat(sysctl.readBool("kern.odd.enable")).isEmpty();
    assertThat(sysctl.readBool("kern.no.such")).isEmpty();
  }

  @Test
  void aDisabledRacctReadsAsNoLimits() {
    scripted.racct = false;

    assertThat(kernel().capabilities().whyNoLimits()).isPresent();
  }

  @Test
  void rctlAddPassesTheRuleAndReturnsNothing() throws SyscallException {
    assertThat(kernel().rctl(RctlCall.ADD_RULE, "jail:web:maxproc:deny=100")).isEmpty();
    assertThat(scripted.calls).containsExactly("ADD_RULE jail:web:maxproc:deny=100");
  }

  @Test
  void rctlGetGrowsItsBufferOnErange() throws SyscallException {
    scripted.rctlAnswer = "x".repeat(10_000);
    EmulatedLibc libc = new EmulatedLibc(scripted, runtime);

    String rules = libc.binding().kernel().rctl(RctlCall.GET_RULES, "jail:web");

    assertThat(rules).hasSize(10_000);
    assertThat(libc.rctlGetCalls()).isEqualTo(3); // 4096, 8192, 16384
  }

  @Test
  void rctlWithoutRacctIsEnosys() {
    scripted.racct = false;

    assertThatThrownBy(() -> kernel().rctl(RctlCall.GET_RACCT, "jail:web"))
        .isInstanceOfSatisfying(
            SyscallException.class,
            e -> {
              assertThat(e.errno()).isEqualTo(Errno.ENOSYS);
              assertThat(e.syscall()).isEqualTo("rctl_get_racct");
            });
  }

  @Test
  void anErrnoJail4jDoesNotListBecomesEio() {
    int etimedout = 60; // FreeBSD's ETIMEDOUT, which no jail call reports and Errno does not list
    assertThat(Errno.fromNumber(etimedout)).isEmpty();
    assertThat(FreeBsdErrno.of("rctl_get_rules", etimedout)).isEqualTo(Errno.EIO);
    assertThat(FreeBsdErrno.name(etimedout)).startsWith("ETIMEDOUT");
  }

  @Test
  void erangeIsReportedByName() {
    assertThat(FreeBsdErrno.of("rctl_get_rules", FreeBsdErrno.ERANGE)).isEqualTo(Errno.ERANGE);
  }

  static byte[] intBytes(int v) {
    return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(v).array();
  }
}
