package org.jail4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jail4j.spi.JailFlags.ATTACH;
import static org.jail4j.spi.JailFlags.CREATE;
import static org.jail4j.spi.JailFlags.UPDATE;
import static org.jail4j.testkit.Kernels.assertSetFails;
import static org.jail4j.testkit.Kernels.newJail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jail4j.Errno;
import org.jail4j.spi.IoVec;
import org.jail4j.spi.SyscallException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** freebsd-jail-abi.md §3.1: the checks jail_set makes before it looks for the target. */
class JailSetChecksTest {
  private final FakeJailKernel kernel = Kernels.v14();

  private static Iov web() {
    return Iov.of().str("name", "web").flag("persist");
  }

  @Test
  void neitherCreateNorUpdateIsNoValidOperation() {
    assertSetFails(kernel, web(), ATTACH, Errno.EINVAL, "no valid operation (create or update)");
  }

  @Test
  void undefinedFlagBitIsInvalidWithoutMessage() {
    assertSetFails(kernel, web(), CREATE | 0x10, Errno.EINVAL, "");
  }

  @Test
  void createWithoutPersistOrAttachIsInvalid() {
    assertSetFails(
        kernel,
        Iov.of().str("name", "web"),
        CREATE,
        Errno.EINVAL,
        "new jail must persist or attach");
  }

  @Test
  void createOrUpdateWithoutPersistIsInvalidEvenForAnExistingJail() {
    newJail(kernel, "web");
    assertSetFails(
        kernel,
        Iov.of().str("name", "web"),
        CREATE | UPDATE,
        Errno.EINVAL,
        "new jail must persist or attach");
  }

  @Test
  void createWithAttachNeedsNoPersist() throws SyscallException {
    int jid = kernel.set(Iov.of().str("name", "web").array(), CREATE | ATTACH);
    assertThat(kernel.processes(jid)).hasSize(1);
    kernel.exit(kernel.processes(jid).get(0));
    assertThat(kernel.jail(jid)).isEmpty();
  }

  @Test
  void enforceStatfsOutsideZeroToTwoIsInvalid() {
    assertSetFails(kernel, web().i32("enforce_statfs", 3), CREATE, Errno.EINVAL, "");
    assertSetFails(kernel, web().i32("enforce_statfs", -1), CREATE, Errno.EINVAL, "");
  }

  @Test
  void jailsysValueOutsideZeroToTwoIsInvalid() {
    assertSetFails(kernel, web().i32("ip4", 3), CREATE, Errno.EINVAL, "");
  }

  @Test
  void disableForHostOrVnetIsInvalid() {
    assertSetFails(kernel, web().i32("host", 0), CREATE, Errno.EINVAL, "");
    assertSetFails(kernel, web().i32("vnet", 0), CREATE, Errno.EINVAL, "");
  }

  @Test
  void vnetCannotBeChangedAfterCreation() {
    newJail(kernel, "web");
    assertSetFails(
        kernel,
        web().i32("vnet", 1),
        UPDATE,
        Errno.EINVAL,
        "vnet cannot be changed after creation");
  }

  @Test
  void ip4JailsysCannotBeGivenWithUpdateEvenWhenCreatingOrUpdating() {
    assertSetFails(
        kernel,
        web().i32("ip4", 2),
        CREATE | UPDATE,
        Errno.EINVAL,
        "ip4 cannot be changed after creation");
  }

  @Test
  void ip6JailsysCannotBeGivenWithUpdate() {
    newJail(kernel, "web");
    assertSetFails(
        kernel, web().i32("ip6", 1), UPDATE, Errno.EINVAL, "ip6 cannot be changed after creation");
  }

  @Test
  void pathCannotBeChangedAfterCreation() {
    newJail(kernel, "web");
    assertSetFails(
        kernel,
        web().str("path", "/x"),
        UPDATE,
        Errno.EINVAL,
        "path cannot be changed after creation");
  }

  @Test
  void osreleaseAndOsreldateCannotBeChangedAfterCreation() {
    newJail(kernel, "web");
    assertSetFails(
        kernel,
        web().str("osrelease", "13.0-RELEASE"),
        UPDATE,
        Errno.EINVAL,
        "osrelease cannot be changed after creation");
    assertSetFails(
        kernel,
        web().i32("osreldate", 1300000),
        UPDATE,
        Errno.EINVAL,
        "osreldate cannot be changed after creation");
  }

  @Test
  void nameOfMoreThan255BytesIsTooLong() {
    String n256 = "a".repeat(256);
    assertSetFails(kernel, web().str("name", n256), CREATE, Errno.ENAMETOOLONG, "");
    newJail(kernel, Iov.of().str("name", "a".repeat(255)).flag("persist"));
  }

  @Test
  void hostnameAndHostuuidLimits() {
    assertSetFails(
        kernel, web().str("host.hostname", "h".repeat(256)), CREATE, Errno.ENAMETOOLONG, "");
    assertSetFails(
        kernel, web().str("host.hostuuid", "u".repeat(64)), CREATE, Errno.ENAMETOOLONG, "");
  }

  @Test
  void ip4AddrNotAMultipleOfFourIsInvalid() {
    assertSetFails(
        kernel, web().put("ip4.addr", IoVec.of(new byte[] {10, 0, 0})), CREATE, Errno.EINVAL, "");
  }

  @Test
  void moreThan255AddressesAreTooMany() {
    byte[] many = new byte[256 * 4];
    for (int i = 0; i < 256; i++) {
      many[i * 4] = 10;
      many[i * 4 + 2] = (byte) (i / 200);
      many[i * 4 + 3] = (byte) (i % 200 + 1);
    }
    assertSetFails(
        kernel,
        web().put("ip4.addr", IoVec.of(many)),
        CREATE,
        Errno.EINVAL,
        "too many IPv4 addresses");
  }

  @Test
  void wildcardBroadcastAndDuplicateAddressesAreInvalid() {
    assertSetFails(kernel, web().ip("ip4.addr", "0.0.0.0"), CREATE, Errno.EINVAL, "");
    assertSetFails(kernel, web().ip("ip4.addr", "255.255.255.255"), CREATE, Errno.EINVAL, "");
    assertSetFails(
        kernel, web().ip("ip4.addr", "10.0.0.1", "10.0.0.2", "10.0.0.1"), CREATE, Errno.EINVAL, "");
    assertSetFails(kernel, web().ip("ip6.addr", "::"), CREATE, Errno.EINVAL, "");
  }

  @Test
  void primaryAddressStaysFirstTheRestAreSorted() throws SyscallException {
    int jid = newJail(kernel, web().ip("ip4.addr", "10.0.0.9", "10.0.0.3", "10.0.0.1"));
    Iov get = Iov.of().i32("jid", jid).out("ip4.addr", 12);
    kernel.get(get.array(), 0);
    assertThat(get.ipValue("ip4.addr", 4)).containsExactly("10.0.0.9", "10.0.0.1", "10.0.0.3");
  }

  @Test
  void vnetWithAnyIpParameterIsRefused() {
    assertSetFails(
        kernel,
        web().i32("vnet", 2).i32("ip4", 2),
        CREATE,
        Errno.EINVAL,
        "vnet jails cannot have IP address restrictions");
  }

  @Test
  void updatingIpOfAVnetJailIsRefused() {
    newJail(kernel, web().i32("vnet", 1));
    assertSetFails(
        kernel,
        web().ip("ip4.addr", "10.0.0.1"),
        UPDATE,
        Errno.EINVAL,
        "vnet jails cannot have IP address restrictions");
  }

  @Test
  void osreleaseOf32BytesIsTooLongWithMessage() {
    assertSetFails(
        kernel,
        web().str("osrelease", "x".repeat(31)),
        CREATE,
        Errno.ENAMETOOLONG,
        "osrelease string must be 1-31 bytes long");
    newJail(kernel, web().str("osrelease", "x".repeat(30)));
  }

  @Test
  void emptyOsreleaseIsInvalidWithoutMessage() {
    assertSetFails(kernel, web().put("osrelease", IoVec.empty()), CREATE, Errno.EINVAL, "");
  }

  @Test
  void osreldateZeroIsInvalid() {
    assertSetFails(
        kernel, web().i32("osreldate", 0), CREATE, Errno.EINVAL, "osreldate cannot be 0");
  }

  @Test
  void missingPathIsNoEntry(@TempDir Path dir) {
    FakeJailKernel real = FakeJailKernel.create();
    assertSetFails(
        real,
        web().str("path", PathCheck.jailPath(dir.resolve("missing"))),
        CREATE,
        Errno.ENOENT,
        "");
  }

  @Test
  void pathThatIsAFileIsNotADirectory(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("f"), "x");
    FakeJailKernel real = FakeJailKernel.create();
    assertSetFails(real, web().str("path", PathCheck.jailPath(file)), CREATE, Errno.ENOTDIR, "");
  }

  @Test
  void pathIsStoredNormalisedAndGlobal(@TempDir Path dir) throws SyscallException {
    FakeJailKernel real = FakeJailKernel.create();
    int jid = newJail(real, web().str("path", PathCheck.jailPath(dir) + "/./sub/.."));
    assertThat(Kernels.getString(real, jid, "path")).isEqualTo(PathCheck.jailPath(dir));
  }

  @Test
  void relativePathResolvesAgainstTheCallersRoot() throws SyscallException {
    int jid = newJail(kernel, web().str("path", "jails/web"));
    assertThat(Kernels.getString(kernel, jid, "path")).isEqualTo("/jails/web");
  }
}
