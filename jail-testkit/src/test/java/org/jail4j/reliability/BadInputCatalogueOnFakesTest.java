package org.jail4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jail4j.CommandResult;
import org.jail4j.Errno;
import org.jail4j.InvalidJailParameterException;
import org.jail4j.Jail;
import org.jail4j.JailException;
import org.jail4j.JailExistsException;
import org.jail4j.JailGoneException;
import org.jail4j.JailHost;
import org.jail4j.JailNotFoundException;
import org.jail4j.JailStartException;
import org.jail4j.JailStep;
import org.jail4j.RunningJail;
import org.jail4j.param.JailParam;
import org.jail4j.param.JailRequest;
import org.jail4j.spi.IoVec;
import org.jail4j.spi.IpAlias;
import org.jail4j.spi.JailFlags;
import org.jail4j.spi.SyscallException;
import org.jail4j.testkit.FakeHostSystem;
import org.jail4j.testkit.FakeJailKernel;
import org.jail4j.testkit.FakeJailProvider;
import org.jail4j.testkit.Leftovers;
import org.jail4j.testkit.PathCheck;
import org.jail4j.testkit.RawRequests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rows of {@code docs/BAD-INPUT.md} whose entry point needs a kernel or a host: raw iovecs
 * handed to {@code jail_set(2)} / {@code jail_get(2)} and the rest of the SPI, {@link JailRequest},
 * and the {@link JailHost} lifecycle on the fakes. Each test is one row, named by its id; after
 * each, the kernel's invariants hold and nothing a refused call touched is left behind.
 */
class BadInputCatalogueOnFakesTest {

  @TempDir Path tmp;

  private FakeJailKernel kernel;
  private FakeHostSystem fake;
  private JailHost host;
  private Leftovers before;

  @BeforeEach
  void fakes() {
    kernel = FakeJailKernel.create();
    fake = new FakeHostSystem(kernel);
    host = JailHost.using(new FakeJailProvider(kernel, fake));
    before = fake.leftovers();
  }

  @AfterEach
  void nothingHalfDone() {
    kernel.checkInvariants();
    Leftovers left = fake.leftovers().since(before);
    assertThat(left.mounts()).as(left.describe()).isEmpty();
    assertThat(left.aliases()).as(left.describe()).isEmpty();
    assertThat(left.interfaces()).as(left.describe()).isEmpty();
  }

  private static SyscallException errno(Executable call, Errno expected) {
    Throwable thrown = null;
    try {
      call.execute();
    } catch (Throwable t) {
      thrown = t;
    }
    assertThat(thrown).as("a SyscallException").isInstanceOf(SyscallException.class);
    SyscallException e = (SyscallException) thrown;
    assertThat(e.errno()).isEqualTo(expected);
    return e;
  }

  private static <E extends JailException> E refused(
      Executable action, Class<E> type, String... fragments) {
    return BadInputCatalogueSupport.refused(action, type, fragments);
  }

  private static IoVec errmsg() {
    return IoVec.buffer(JailFlags.ERRMSG_LEN);
  }

  private static String errmsgOf(IoVec[] iov) {
    byte[] b = iov[iov.length - 1].bytes();
    int n = 0;
    while (n < b.length && b[n] != 0) {
      n++;
    }
    return new String(b, 0, n, java.nio.charset.StandardCharsets.UTF_8);
  }

  private String dir(String name) throws java.io.IOException {
    return PathCheck.jailPath(Files.createDirectories(tmp.resolve(name)));
  }

  // ------------------------------------------------------------------ raw iovecs

  @Test
  @DisplayName("B51 jail_set with an odd number of iovecs")
  void b51() {
    IoVec[] iov = {IoVec.name("name"), IoVec.string("web"), IoVec.name("persist")};
    errno(() -> kernel.set(iov, JailFlags.CREATE), Errno.EINVAL);
    assertThat(kernel.jails()).isEmpty();
  }

  @Test
  @DisplayName("B52 jail_set with a null name base")
  void b52() {
    IoVec[] iov = {
      IoVec.raw(null, 5), IoVec.string("web"), IoVec.name("errmsg"), errmsg(),
    };
    errno(() -> kernel.set(iov, JailFlags.CREATE), Errno.EFAULT);
    assertThat(kernel.jails()).isEmpty();
  }

  @Test
  @DisplayName("B53 jail_set with a value length past its buffer")
  void b53() {
    IoVec[] iov = {
      IoVec.name("name"), IoVec.raw(new byte[] {'w', 0}, 4096),
      IoVec.name("persist"), IoVec.empty(),
      IoVec.name("errmsg"), errmsg()
    };
    errno(() -> kernel.set(iov, JailFlags.CREATE), Errno.EFAULT);
    assertThat(kernel.jails()).isEmpty();
  }

  @Test
  @DisplayName("B54 jail_set with 1026 iovecs (past UIO_MAXIOV)")
  void b54() {
    IoVec[] iov = new IoVec[JailFlags.UIO_MAXIOV + 2];
    for (int i = 0; i < iov.length; i += 2) {
      iov[i] = IoVec.name("persist");
      iov[i + 1] = IoVec.empty();
    }
    errno(() -> kernel.set(iov, JailFlags.CREATE), Errno.EINVAL);
    assertThat(kernel.jails()).isEmpty();
  }

  @Test
  @DisplayName("B55 jail_set with unknown flag bits")
  void b55() {
    IoVec[] iov = {IoVec.name("name"), IoVec.string("web"), IoVec.name("persist"), IoVec.empty()};
    errno(() -> kernel.set(iov, JailFlags.CREATE | 0x4000), Errno.EINVAL);
    assertThat(kernel.jails()).isEmpty();
  }

  @Test
  @DisplayName("B56 parameter name without its NUL")
  void b56() {
    IoVec[] iov = {
      IoVec.of(new byte[] {'n', 'a', 'm', 'e'}), IoVec.string("web"),
      IoVec.name("persist"), IoVec.empty(),
      IoVec.name("errmsg"), errmsg()
    };
    errno(() -> kernel.set(iov, JailFlags.CREATE), Errno.EINVAL);
    assertThat(kernel.jails()).isEmpty();
  }

  @Test
  @DisplayName("B57 unknown parameter")
  void b57() {
    IoVec[] iov = {
      IoVec.name("name"), IoVec.string("web"),
      IoVec.name("persist"), IoVec.empty(),
      IoVec.name("allow.everything"), IoVec.empty(),
      IoVec.name("errmsg"), errmsg()
    };
    errno(() -> kernel.set(iov, JailFlags.CREATE), Errno.EINVAL);
    assertThat(errmsgOf(iov)).isEqualTo("unknown parameter: allow.everything");
    assertThat(kernel.jails()).isEmpty();
  }

  @Test
  @DisplayName("B58 int parameter with 3 bytes")
  void b58() {
    IoVec[] iov = {
      IoVec.name("name"), IoVec.string("web"),
      IoVec.name("persist"), IoVec.empty(),
      IoVec.name("securelevel"), IoVec.of(new byte[3]),
      IoVec.name("errmsg"), errmsg()
    };
    errno(() -> kernel.set(iov, JailFlags.CREATE), Errno.EINVAL);
    assertThat(kernel.jails()).isEmpty();
  }

  @Test
  @DisplayName("B59 jail_get with no key (no jid, name or lastjid)")
  void b59() {
    IoVec[] iov = {IoVec.name("host.hostname"), IoVec.buffer(256), IoVec.name("errmsg"), errmsg()};
    errno(() -> kernel.get(iov, 0), Errno.ENOENT);
    assertThat(errmsgOf(iov)).isEqualTo("no jail specified");
  }

  @Test
  @DisplayName("B60 jail_remove and jail_attach of a negative jid")
  void b60() {
    errno(() -> kernel.remove(-1), Errno.EINVAL);
    errno(() -> kernel.attach(-1), Errno.EINVAL);
  }

  @Test
  @DisplayName("B61 JailRequest with a raw unknown parameter")
  void b61() {
    refused(
        () ->
            RawRequests.putRaw(
                    JailRequest.create().put(JailParam.NAME, "web").put(JailParam.PERSIST, true),
                    "allow.everything",
                    new byte[0])
                .set(kernel, JailFlags.CREATE),
        InvalidJailParameterException.class,
        "unknown parameter: allow.everything");
    assertThat(kernel.jails()).isEmpty();
  }

  // ------------------------------------------------------------------ lifecycle

  @Test
  @DisplayName("B62 get of a negative jid")
  void b62() {
    refused(() -> host.get(-1), JailNotFoundException.class, "-1");
  }

  @Test
  @DisplayName("B63 find of a name with a NUL byte")
  void b63() {
    refused(() -> host.find("web\0evil"), InvalidJailParameterException.class, "name", "NUL");
  }

  @Test
  @DisplayName("B64 start with a path that does not exist")
  void b64() {
    refused(
        () -> host.start(Jail.builder().name("web").path(tmp + "/nope").persist(true).build()),
        JailStartException.class,
        "path");
    assertThat(kernel.jails()).isEmpty();
  }

  @Test
  @DisplayName("B65 start with a malformed mount line")
  void b65() throws Exception {
    String p = dir("web");
    refused(
        () ->
            host.start(
                Jail.builder().name("web").path(p).persist(true).addMounts("nullfs-only").build()),
        JailException.class,
        "mount");
    assertThat(kernel.jails()).isEmpty();
  }

  @Test
  @DisplayName("B66 start with an interface the host does not have")
  void b66() throws Exception {
    String p = dir("web");
    JailStartException e =
        refused(
            () ->
                host.start(
                    Jail.builder()
                        .name("web")
                        .path(p)
                        .persist(true)
                        .iface("nosuch0")
                        .ip4("192.0.2.9")
                        .build()),
            JailStartException.class,
            "nosuch0");
    assertThat(e.errno()).contains(Errno.ENXIO);
    assertThat(kernel.jails()).isEmpty();
  }

  @Test
  @DisplayName("B67 start of a name that is already running")
  void b67() throws Exception {
    String p = dir("web");
    Jail web = Jail.builder().name("web").path(p).persist(true).build();
    try (RunningJail first = host.start(web)) {
      JailExistsException e =
          refused(() -> host.start(web), JailExistsException.class, "jail \"web\" already exists");
      assertThat(e.failedStep().orElseThrow().step()).isEqualTo(JailStep.CREATE);
      assertThat(e.errno()).contains(Errno.EEXIST);
      assertThat(kernel.jails()).hasSize(1);
    }
  }

  @Test
  @DisplayName("B68 update of a create-only parameter")
  void b68() throws Exception {
    try (RunningJail j =
        host.start(Jail.builder().name("web").path(dir("web")).persist(true).build())) {
      refused(
          () -> j.update(JailParam.PATH, "/elsewhere"),
          InvalidJailParameterException.class,
          "path",
          "can only be set when the jail is created");
    }
  }

  @Test
  @DisplayName("B69 update with a hostname of 300 bytes")
  void b69() throws Exception {
    try (RunningJail j =
        host.start(Jail.builder().name("web").path(dir("web")).persist(true).build())) {
      String hostname = j.info().hostname();
      refused(
          () -> j.update(JailParam.HOST_HOSTNAME, "h".repeat(300)),
          InvalidJailParameterException.class,
          "host.hostname");
      assertThat(j.info().hostname()).isEqualTo(hostname);
    }
  }

  @Test
  @DisplayName("B70 run in a jail that has stopped")
  void b70() throws Exception {
    RunningJail j = host.start(Jail.builder().name("web").path(dir("web")).persist(true).build());
    j.stop();
    // Like jexec(8) itself: the command starts on the host and exits 1 with jexec's message.
    CommandResult r = j.run(Duration.ofSeconds(5), "/bin/echo", "hi");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr()).isEqualTo("jexec: jail " + j.jid() + " not found\n");
  }

  @Test
  @DisplayName("B71 exec with an empty command")
  void b71() throws Exception {
    try (RunningJail j =
        host.start(Jail.builder().name("web").path(dir("web")).persist(true).build())) {
      refused(() -> j.exec(new String[0]), InvalidJailParameterException.class);
    }
  }

  @Test
  @DisplayName("B72 start with addresses that clash with a running jail's")
  void b72() throws Exception {
    Jail a =
        Jail.builder().name("a").path(dir("a")).persist(true).iface("em0").ip4("192.0.2.7").build();
    Jail b =
        Jail.builder()
            .name("b")
            .path(dir("b"))
            .persist(true)
            .iface("em0")
            .ip4("192.0.2.7", "192.0.2.8")
            .build();
    try (RunningJail first = host.start(a)) {
      JailStartException e =
          refused(() -> host.start(b), JailStartException.class, "IPv4 addresses clash");
      assertThat(e.errno()).contains(Errno.EADDRINUSE);
      assertThat(kernel.jails()).hasSize(1);
      // The rollback takes back only what this start added: jail a keeps its address.
      assertThat(fake.aliases()).extracting(IpAlias::addressText).containsExactly("192.0.2.7");
    }
  }

  @Test
  @DisplayName("B90 stop of a stale handle whose JID a new jail now holds")
  void b90() throws Exception {
    RunningJail stale =
        host.start(
            Jail.builder()
                .name("a")
                .jid(5)
                .path(dir("a"))
                .persist(true)
                .addExecStop("/bin/echo stop a")
                .build());
    kernel.remove(5);
    try (RunningJail b =
        host.start(Jail.builder().name("b").jid(5).path(dir("b")).persist(true).build())) {
      int journal = fake.journal().size();
      refused(stale::stop, JailGoneException.class, "a: stop: jail 5 is now \"b\", not \"a\"");
      refused(() -> stale.exec("/bin/true"), JailGoneException.class, "exec: jail 5");
      assertThat(b.isAlive()).isTrue();
      assertThat(fake.journal()).hasSize(journal);
    }
  }
}
