package org.jail4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jail4j.spi.JailFlags.CREATE;
import static org.jail4j.spi.JailFlags.UPDATE;
import static org.jail4j.testkit.Kernels.assertSetFails;
import static org.jail4j.testkit.Kernels.newJail;

import org.jail4j.Errno;
import org.jail4j.spi.JailKernel;
import org.jail4j.spi.SyscallException;
import org.junit.jupiter.api.Test;

/** freebsd-jail-abi.md §3.2: finding the jail jail_set acts on. */
class TargetLookupTest {
  private final FakeJailKernel kernel = Kernels.v14();

  @Test
  void numericNameOnCreateRequestsThatJid() {
    int jid = newJail(kernel, "5");
    assertThat(jid).isEqualTo(5);
    assertThat(kernel.jail(5).orElseThrow().name()).isEqualTo("5");
  }

  @Test
  void negativeJidIsInvalid() {
    RawCall.Result r = RawCall.set(kernel).param("jid", -3).flag("persist").flags(CREATE).call();
    assertThat(r.errno()).contains(Errno.EINVAL);
    assertThat(r.errmsg()).isEqualTo("negative jid");
  }

  @Test
  void createWithAnExistingJidExists() {
    int jid = newJail(kernel, "web");
    RawCall.Result r = RawCall.set(kernel).param("jid", jid).flag("persist").flags(CREATE).call();
    assertThat(r.errno()).contains(Errno.EEXIST);
    assertThat(r.errmsg()).isEqualTo("jail " + jid + " already exists");
  }

  @Test
  void createWithAJidOutsideTheCallersTreeStillExists() {
    int parent = newJail(kernel, Iov.of().str("name", "p").i32("children.max", 3).flag("persist"));
    int other = newJail(kernel, "other");
    JailKernel inside = kernel.asProcessIn(parent);
    assertSetFails(
        inside,
        Iov.of().i32("jid", other).flag("persist"),
        CREATE,
        Errno.EEXIST,
        "jail " + other + " already exists");
  }

  @Test
  void updateOfAJidOutsideTheCallersTreeIsNotFound() {
    int parent = newJail(kernel, Iov.of().str("name", "p").i32("children.max", 3).flag("persist"));
    int other = newJail(kernel, "other");
    assertSetFails(
        kernel.asProcessIn(parent),
        Iov.of().i32("jid", other).flag("persist"),
        CREATE | UPDATE,
        Errno.ENOENT,
        "jail " + other + " not found");
  }

  @Test
  void updateOfAMissingJidIsNotFound() {
    assertSetFails(
        kernel, Iov.of().i32("jid", 7).flag("persist"), UPDATE, Errno.ENOENT, "jail 7 not found");
  }

  @Test
  void createOrUpdateCreatesWhenNothingMatches() throws SyscallException {
    int jid = kernel.set(Iov.of().str("name", "web").flag("persist").array(), CREATE | UPDATE);
    int again =
        kernel.set(
            Iov.of().str("name", "web").flag("persist").str("host.hostname", "h").array(),
            CREATE | UPDATE);
    assertThat(again).isEqualTo(jid);
    assertThat(Kernels.getString(kernel, jid, "host.hostname")).isEqualTo("h");
  }

  @Test
  void dottedNameNeedsAnExistingParent() {
    assertSetFails(
        kernel,
        Iov.of().str("name", "a.b").flag("persist"),
        CREATE,
        Errno.ENOENT,
        "jail \"a\" not found");
  }

  @Test
  void dottedNameNeedsALiveParent() throws SyscallException {
    int a = newJail(kernel, Iov.of().str("name", "a").i32("children.max", 2).flag("persist"));
    kernel.hold(a);
    kernel.remove(a);
    assertSetFails(
        kernel,
        Iov.of().str("name", "a.b").flag("persist"),
        CREATE,
        Errno.ENOENT,
        "jail \"a\" is dying");
  }

  @Test
  void dottedNameCreatesAChild() {
    newJail(kernel, Iov.of().str("name", "a").i32("children.max", 2).flag("persist"));
    int b = newJail(kernel, "a.b");
    assertThat(kernel.jail(b).orElseThrow().name()).isEqualTo("a.b");
  }

  @Test
  void renamingIntoAnotherParentIsRefused() {
    newJail(kernel, Iov.of().str("name", "a").i32("children.max", 2).flag("persist"));
    int c = newJail(kernel, "c");
    assertSetFails(
        kernel,
        Iov.of().i32("jid", c).str("name", "a.c"),
        UPDATE,
        Errno.EINVAL,
        "cannot change jail's parent");
  }

  @Test
  void liveSiblingsCannotShareAName() {
    newJail(kernel, "web");
    assertSetFails(
        kernel,
        Iov.of().str("name", "web").flag("persist"),
        CREATE,
        Errno.EEXIST,
        "jail \"web\" already exists");
  }

  @Test
  void theSameNameUnderDifferentParentsIsFine() {
    newJail(kernel, Iov.of().str("name", "a").i32("children.max", 2).flag("persist"));
    newJail(kernel, "web");
    int inner = newJail(kernel, "a.web");
    assertThat(kernel.jail(inner).orElseThrow().name()).isEqualTo("a.web");
  }

  @Test
  void renameOntoASiblingsNameExists() {
    newJail(kernel, "web");
    int db = newJail(kernel, "db");
    assertSetFails(
        kernel,
        Iov.of().i32("jid", db).str("name", "web"),
        UPDATE,
        Errno.EEXIST,
        "jail \"web\" already exists");
  }

  @Test
  void updateByAnUnknownNameIsNotFound() {
    assertSetFails(
        kernel,
        Iov.of().str("name", "nope").flag("persist"),
        UPDATE,
        Errno.ENOENT,
        "jail \"nope\" not found");
  }

  @Test
  void updateWithoutJidOrNameSpecifiesNoJail() {
    assertSetFails(
        kernel, Iov.of().flag("persist"), UPDATE, Errno.ENOENT, "update specified no jail");
  }

  @Test
  void updateByNameChangesThatJail() throws SyscallException {
    int jid = newJail(kernel, "web");
    int updated = kernel.set(Iov.of().str("name", "web").i32("securelevel", 2).array(), UPDATE);
    assertThat(updated).isEqualTo(jid);
    assertThat(Kernels.getInt(kernel, jid, "securelevel")).isEqualTo(2);
  }

  @Test
  void updateByNumericDefaultNameIsRefusedAsNumeric() {
    int jid = newJail(kernel, Iov.of().flag("persist"));
    assertThat(kernel.jail(jid).orElseThrow().name()).isEqualTo(Integer.toString(jid));
    assertSetFails(
        kernel,
        Iov.of().str("name", Integer.toString(jid)).i32("securelevel", 1),
        UPDATE,
        Errno.EINVAL,
        "name cannot be numeric (unless it is the jid)");
  }
}
