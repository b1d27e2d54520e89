package org.jail4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jail4j.testkit.Kernels.assertGetFails;
import static org.jail4j.testkit.Kernels.assertSetFails;
import static org.jail4j.testkit.Kernels.newJail;

import java.nio.charset.StandardCharsets;
import org.jail4j.Errno;
import org.jail4j.spi.IoVec;
import org.jail4j.spi.JailFlags;
import org.jail4j.spi.SyscallException;
import org.junit.jupiter.api.Test;

/** freebsd-jail-abi.md §2: how the kernel reads the name/value iovecs. */
class TransportRulesTest {
  private final FakeJailKernel kernel = Kernels.v14();

  @Test
  void oddIovecCountIsInvalidBeforeAnythingElse() {
    IoVec errmsg = IoVec.buffer(64);
    IoVec[] iov = {IoVec.name("name"), IoVec.string("a"), IoVec.name("errmsg")};
    Kernels.assertFails(() -> kernel.set(iov, JailFlags.CREATE), Errno.EINVAL);
    Kernels.assertFails(() -> kernel.asUnprivileged().set(iov, 0xff), Errno.EINVAL);
    assertThat(errmsg.bytes()[0]).isZero();
  }

  @Test
  void moreThanUioMaxiovEntriesIsInvalid() {
    IoVec[] iov = new IoVec[1026];
    for (int i = 0; i < iov.length; i += 2) {
      iov[i] = IoVec.name("persist");
      iov[i + 1] = IoVec.empty();
    }
    Kernels.assertFails(() -> kernel.set(iov, JailFlags.CREATE), Errno.EINVAL);
    Kernels.assertFails(() -> kernel.get(iov, 0), Errno.EINVAL);
  }

  @Test
  void missingIovecArrayIsAFault() {
    Kernels.assertFails(() -> kernel.set(new IoVec[] {null, null}, JailFlags.CREATE), Errno.EFAULT);
  }

  @Test
  void nameWithoutTrailingNulIsInvalid() {
    byte[] raw = "persist".getBytes(StandardCharsets.US_ASCII);
    Iov iov = Iov.of().str("name", "a").put("x", IoVec.empty());
    IoVec[] arr = iov.array();
    arr[2] = IoVec.raw(raw, raw.length);
    Kernels.assertFails(() -> kernel.set(arr, JailFlags.CREATE), Errno.EINVAL);
    assertThat(iov.errmsg()).isEmpty();
  }

  @Test
  void nameOfZeroLengthIsInvalid() {
    IoVec[] iov = {IoVec.raw(new byte[4], 0), IoVec.empty()};
    Kernels.assertFails(() -> kernel.set(iov, JailFlags.CREATE), Errno.EINVAL);
  }

  @Test
  void nullNameBaseWithALengthIsAFault() {
    IoVec[] iov = {IoVec.raw(null, 8), IoVec.empty()};
    Kernels.assertFails(() -> kernel.set(iov, JailFlags.CREATE), Errno.EFAULT);
  }

  @Test
  void nullValueBaseWithALengthIsAFault() {
    Iov iov = Iov.of().put("name", IoVec.raw(null, 4)).flag("persist");
    Kernels.assertFails(() -> kernel.set(iov.array(), JailFlags.CREATE), Errno.EFAULT);
  }

  @Test
  void lengthBeyondTheBufferIsAFault() {
    Iov iov = Iov.of().put("name", IoVec.raw(new byte[] {'a', 0}, 16)).flag("persist");
    Kernels.assertFails(() -> kernel.set(iov.array(), JailFlags.CREATE), Errno.EFAULT);
  }

  @Test
  void negativeLengthIsInvalid() {
    Iov iov = Iov.of().put("name", IoVec.raw(new byte[] {'a', 0}, -1)).flag("persist");
    Kernels.assertFails(() -> kernel.set(iov.array(), JailFlags.CREATE), Errno.EINVAL);
  }

  @Test
  void valueOverTheMountArgumentBudgetIsInvalid() {
    byte[] big = new byte[64 * 1024 + 1];
    big[big.length - 1] = 0;
    Iov iov = Iov.of().put("host.hostname", IoVec.of(big)).flag("persist");
    assertSetFails(kernel, iov, JailFlags.CREATE, Errno.EINVAL, "");
  }

  @Test
  void intParameterMustBeExactlyFourBytes() {
    Iov iov = Iov.of().str("name", "a").flag("persist").i64("securelevel", 3);
    assertSetFails(kernel, iov, JailFlags.CREATE, Errno.EINVAL, "");
  }

  @Test
  void hostidMustBeExactlyEightBytes() {
    Iov iov = Iov.of().str("name", "a").flag("persist").i32("host.hostid", 3);
    assertSetFails(kernel, iov, JailFlags.CREATE, Errno.EINVAL, "");
  }

  @Test
  void stringWithoutNulIsInvalid() {
    byte[] raw = "web".getBytes(StandardCharsets.US_ASCII);
    Iov iov = Iov.of().put("host.hostname", IoVec.of(raw)).flag("persist");
    assertSetFails(kernel, iov, JailFlags.CREATE, Errno.EINVAL, "");
  }

  @Test
  void zeroLengthStringIsInvalid() {
    Iov iov = Iov.of().put("name", IoVec.empty()).flag("persist");
    assertSetFails(kernel, iov, JailFlags.CREATE, Errno.EINVAL, "");
  }

  @Test
  void booleanValueIsIgnoredOnlyThePresenceCounts() throws SyscallException {
    int jid = newJail(kernel, Iov.of().str("name", "a").i32("persist", 0));
    assertThat(kernel.jail(jid).orElseThrow().persist()).isTrue();
  }

  @Test
  void noNameClearsABoolean() throws SyscallException {
    int jid = newJail(kernel, "a");
    int updated = kernel.set(Iov.of().i32("jid", jid).flag("nopersist").array(), JailFlags.UPDATE);
    assertThat(updated).isEqualTo(jid);
    assertThat(kernel.jail(jid)).isEmpty();
  }

  @Test
  void lastDuplicateWins() {
    int jid = newJail(kernel, Iov.of().str("name", "first").str("name", "second").flag("persist"));
    assertThat(kernel.jail(jid).orElseThrow().name()).isEqualTo("second");
  }

  @Test
  void booleanAndItsNoTwinAreOneOptionTheLaterWins() {
    Iov later = Iov.of().str("name", "a").flag("persist").flag("nopersist");
    assertSetFails(
        kernel, later, JailFlags.CREATE, Errno.EINVAL, "new jail must persist or attach");
    int jid = newJail(kernel, Iov.of().str("name", "b").flag("nopersist").flag("persist"));
    assertThat(kernel.jail(jid).orElseThrow().persist()).isTrue();
  }

  @Test
  void noTwinMatchesPerDottedComponent() throws SyscallException {
    int jid =
        newJail(
            kernel,
            Iov.of().str("name", "a").flag("persist").flag("allow.mount").flag("allow.nomount"));
    assertThat(Kernels.getInt(kernel, jid, "allow.mount")).isZero();
  }

  @Test
  void noPrefixOnAnInnerComponentAlsoMakesTwins() {
    // vfs_equalopts: allow.nomount.devfs equals allow.mount.devfs, so only the later survives,
    // and the kernel knows no parameter of that name
    Iov iov =
        Iov.of()
            .str("name", "a")
            .flag("persist")
            .flag("allow.mount.devfs")
            .flag("allow.nomount.devfs");
    assertSetFails(
        kernel, iov, JailFlags.CREATE, Errno.EINVAL, "unknown parameter: allow.nomount.devfs");
  }

  @Test
  void saddrselIsAPresenceBooleanWithANoForm() throws SyscallException {
    int jid = newJail(kernel, Iov.of().str("name", "a").flag("persist").flag("ip4.nosaddrsel"));
    assertThat(Kernels.getInt(kernel, jid, "ip4.saddrsel")).isZero();
    assertThat(Kernels.getInt(kernel, jid, "ip6.saddrsel")).isEqualTo(1);
  }

  @Test
  void unknownParameterIsInvalidAndNamed() {
    Iov iov = Iov.of().str("name", "a").flag("persist").i32("bogus.param", 1);
    assertSetFails(kernel, iov, JailFlags.CREATE, Errno.EINVAL, "unknown parameter: bogus.param");
    assertThat(kernel.jails()).isEmpty();
  }

  @Test
  void unknownParameterIsInvalidOnGetToo() {
    newJail(kernel, "a");
    Iov iov = Iov.of().str("name", "a").out("bogus", 4);
    assertGetFails(kernel, iov, 0, Errno.EINVAL, "unknown parameter: bogus");
  }

  @Test
  void readOnlyParametersAreUnknownToSet() {
    for (String ro : new String[] {"dying", "parent", "children.cur", "cpuset.id", "lastjid"}) {
      Iov iov = Iov.of().str("name", "a").flag("persist").i32(ro, 0);
      assertSetFails(kernel, iov, JailFlags.CREATE, Errno.EINVAL, "unknown parameter: " + ro);
    }
  }

  @Test
  void errmsgIsTruncatedToTheCallersBufferAndTerminated() {
    IoVec small = IoVec.buffer(8);
    IoVec[] iov = {
      IoVec.name("name"), IoVec.string("a"), IoVec.name("errmsg"), small,
    };
    Kernels.assertFails(() -> kernel.set(iov, JailFlags.CREATE), Errno.EINVAL);
    assertThat(new String(small.bytes(), StandardCharsets.US_ASCII)).isEqualTo("new jai\0");
  }

  @Test
  void errmsgIsLeftAloneOnSuccess() throws SyscallException {
    IoVec errmsg = IoVec.of("previous\0".getBytes(StandardCharsets.US_ASCII));
    IoVec[] iov = {
      IoVec.name("name"),
      IoVec.string("a"),
      IoVec.name("persist"),
      IoVec.empty(),
      IoVec.name("errmsg"),
      errmsg,
    };
    kernel.set(iov, JailFlags.CREATE);
    assertThat(new String(errmsg.bytes(), StandardCharsets.US_ASCII)).isEqualTo("previous\0");
  }

  @Test
  void sizeProbeReturnsOnlyTheLength() throws SyscallException {
    newJail(kernel, "web");
    Iov iov = Iov.of().str("name", "web").probe("path").probe("securelevel").probe("ip4.addr");
    kernel.get(iov.array(), 0);
    assertThat(iov.value("path").length()).isEqualTo(2);
    assertThat(iov.value("path").base()).isNull();
    assertThat(iov.value("securelevel").length()).isEqualTo(4);
    assertThat(iov.value("ip4.addr").length()).isZero();
  }

  @Test
  void intBufferOfTheWrongSizeIsInvalidOnGet() {
    newJail(kernel, "web");
    Iov iov = Iov.of().str("name", "web").out("securelevel", 8);
    assertGetFails(kernel, iov, 0, Errno.EINVAL, "");
  }

  @Test
  void stringBufferWithoutRoomForTheNulIsInvalidOnGet() {
    newJail(kernel, Iov.of().str("name", "web").str("host.hostname", "abcd").flag("persist"));
    Iov iov = Iov.of().str("name", "web").out("host.hostname", 4);
    assertGetFails(kernel, iov, 0, Errno.EINVAL, "");
    assertThat(iov.value("host.hostname").bytes()).containsOnly(0);
  }

  @Test
  void stringBufferKeepsItsLengthOnGet() throws SyscallException {
    newJail(kernel, Iov.of().str("name", "web").str("host.hostname", "abcd").flag("persist"));
    Iov iov = Iov.of().str("name", "web").out("host.hostname", 64);
    kernel.get(iov.array(), 0);
    assertThat(iov.stringValue("host.hostname")).isEqualTo("abcd");
    assertThat(iov.value("host.hostname").length()).isEqualTo(64);
  }

  @Test
  void addressListLengthIsTrimmedToTheAddressesReturned() throws SyscallException {
    newJail(
        kernel, Iov.of().str("name", "web").ip("ip4.addr", "10.0.0.1", "10.0.0.2").flag("persist"));
    Iov iov = Iov.of().str("name", "web").out("ip4.addr", 40);
    kernel.get(iov.array(), 0);
    assertThat(iov.value("ip4.addr").length()).isEqualTo(8);
    assertThat(iov.ipValue("ip4.addr", 4)).containsExactly("10.0.0.1", "10.0.0.2");
  }

  @Test
  void addressBufferSmallerThanTheListIsInvalid() {
    newJail(
        kernel, Iov.of().str("name", "web").ip("ip4.addr", "10.0.0.1", "10.0.0.2").flag("persist"));
    Iov iov = Iov.of().str("name", "web").out("ip4.addr", 4);
    assertGetFails(kernel, iov, 0, Errno.EINVAL, "");
  }

  @Test
  void getWritesNothingBackWhenItFails() {
    newJail(kernel, "web");
    Iov iov = Iov.of().str("name", "web").out("securelevel", 4).out("bogus", 4);
    assertGetFails(kernel, iov, 0, Errno.EINVAL, "unknown parameter: bogus");
    assertThat(iov.value("securelevel").bytes()).containsOnly(0);
  }

  @Test
  void getAnswersNoTwinsInverted() throws SyscallException {
    int jid = newJail(kernel, "web");
    Iov iov = Iov.of().i32("jid", jid).out("nopersist", 4).out("nodying", 4);
    kernel.get(iov.array(), 0);
    assertThat(iov.intValue("nopersist")).isZero();
    assertThat(iov.intValue("nodying")).isEqualTo(1);
  }

  @Test
  void getOfABooleanAndItsTwinAnswersOnlyTheLater() throws SyscallException {
    int jid = newJail(kernel, "web");
    Iov iov =
        Iov.of()
            .i32("jid", jid)
            .put("persist", IoVec.of(new byte[] {7, 7, 7, 7}))
            .out("nopersist", 4);
    kernel.get(iov.array(), 0);
    assertThat(iov.value("persist").bytes()).containsOnly(7);
    assertThat(iov.intValue("nopersist")).isZero();
    assertThat(iov.value("nopersist").length()).isEqualTo(4);
  }

  @Test
  void errmsgIsNeverAnOutputOfGet() throws SyscallException {
    newJail(kernel, "web");
    IoVec errmsg = IoVec.of("keep\0".getBytes(StandardCharsets.US_ASCII));
    IoVec[] iov = {IoVec.name("name"), IoVec.string("web"), IoVec.name("errmsg"), errmsg};
    kernel.get(iov, 0);
    assertThat(errmsg.length()).isEqualTo(5);
    assertThat(new String(errmsg.bytes(), StandardCharsets.US_ASCII)).isEqualTo("keep\0");
  }
}
