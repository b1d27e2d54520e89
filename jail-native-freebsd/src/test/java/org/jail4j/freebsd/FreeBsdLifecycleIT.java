package org.jail4j.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jail4j.JailException;
import org.jail4j.JailNotFoundException;
import org.jail4j.param.JailParam;
import org.jail4j.param.JailRequest;
import org.jail4j.param.JailValues;
import org.jail4j.spi.CommandSpec;
import org.jail4j.spi.HostSystem;
import org.jail4j.spi.IpAlias;
import org.jail4j.spi.JailFlags;
import org.jail4j.spi.JailKernel;
import org.jail4j.spi.MountRequest;
import org.jail4j.spi.support.IpLiterals;
import org.jail4j.testkit.RawRequests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on a real FreeBSD kernel, through the SPI and the shared codec ({@link JailRequest}):
 * an address on lo0, a devfs mount with ruleset 4, a persistent jail with path {@code /}, a
 * hostname and that address, {@code /bin/echo} run inside through jexec(8), a jls-style listing by
 * {@code lastjid}, removal, and nothing left mounted or aliased. Skipped with the reason unless
 * {@code -Djail4j.it.freebsd=true} on FreeBSD as root.
 */
class FreeBsdLifecycleIT {
  private static final String ADDRESS = CheckCleanup.ADDRESS;

  /** The jail name prefix: the FreeBSD check's per-run one, else one of this process. */
  private static final String PREFIX =
      System.getProperty(
          FreeBsdCheck.PREFIX_PROPERTY,
          CheckCleanup.FAMILY + "it_" + ProcessHandle.current().pid() + "_");

  private JailKernel kernel;
  private HostSystem host;
  private final List<Runnable> undo = new ArrayList<>();
  private final String name = PREFIX + "life";
  private final IpAlias alias = CheckCleanup.ALIAS;

  @TempDir Path dir;

  @BeforeEach
  void realHost() {
    FreeBsdJailProvider provider = RealFreeBsdHost.provider();
    kernel = provider.kernel();
    host = provider.hostSystem();
  }

  @AfterEach
  void cleanUp() {
    for (int i = undo.size() - 1; i >= 0; i--) {
      try {
        undo.get(i).run();
      } catch (RuntimeException e) {
        System.err.println("cleanup: " + e);
      }
    }
  }

  @Test
  void aJailLivesAndDiesWithoutLeavingAnythingBehind() throws Exception {
    host.addAlias(alias);
    undo.add(() -> host.removeAlias(alias));
    assertThat(host.aliases()).contains(alias);

    // the prefix in the mount's path lets CheckCleanup find it after an interrupted run
    Path dev = Files.createDirectory(dir.resolve(PREFIX + "dev"));
    host.mount(MountRequest.devfs(dev.toString(), 4));
    undo.add(() -> host.unmount(dev.toString(), true));
    assertThat(host.mounts()).anySatisfy(m -> assertThat(m.target()).isEqualTo(dev.toString()));

    int jid =
        JailRequest.create()
            .put(JailParam.NAME, name)
            .put(JailParam.PATH, "/")
            .put(JailParam.HOST_HOSTNAME, "jail4j-it")
            .put(JailParam.IP4_ADDR, List.of((Inet4Address) IpLiterals.parse(ADDRESS)))
            .put(JailParam.PERSIST, true)
            .set(kernel, JailFlags.CREATE);
    undo.add(
        () -> {
          try {
            kernel.remove(jid);
          } catch (Exception e) {
            // already removed by the test
          }
        });
    assertThat(jid).isPositive();

    Process echo = host.startInJail(jid, CommandSpec.of("/bin/echo", "hello from", name));
    String out = new String(echo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(echo.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(echo.exitValue()).isZero();
    assertThat(out).isEqualTo("hello from " + name + "\n");

    JailValues listed = listed(jid);
    assertThat(listed.get(JailParam.NAME)).contains(name);
    assertThat(listed.get(JailParam.HOST_HOSTNAME)).contains("jail4j-it");
    assertThat(listed.get(JailParam.PATH)).contains("/");
    assertThat(listed.get(JailParam.IP4_ADDR))
        .contains(List.of((Inet4Address) IpLiterals.parse(ADDRESS)));

    kernel.remove(jid);
    assertThatThrownBy(
            () -> JailRequest.create().put(JailParam.JID, jid).want(JailParam.NAME).get(kernel, 0))
        .isInstanceOf(JailNotFoundException.class);

    host.unmount(dev.toString(), false);
    host.removeAlias(alias);
    undo.clear();
    assertThat(host.mounts()).noneSatisfy(m -> assertThat(m.target()).isEqualTo(dev.toString()));
    assertThat(host.aliases()).doesNotContain(alias);
  }

  @Test
  void attachingTheJvmIsRefused() {
    int jid =
        JailRequest.create()
            .put(JailParam.NAME, name + "_a")
            .put(JailParam.PERSIST, true)
            .set(kernel, JailFlags.CREATE);
    undo.add(
        () -> {
          try {
            kernel.remove(jid);
          } catch (Exception e) {
            // gone
          }
        });

    assertThatThrownBy(() -> kernel.attach(jid)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void anUnknownParameterIsTheKernelsEinvalWithItsMessage() {
    assertThatThrownBy(
            () ->
                RawRequests.putRaw(
                        JailRequest.create().put(JailParam.NAME, name + "_u"),
                        "no.such.param",
                        new byte[] {1, 0, 0, 0})
                    .put(JailParam.PERSIST, true)
                    .set(kernel, JailFlags.CREATE))
        .isInstanceOfSatisfying(
            JailException.class,
            e -> assertThat(e.kernelMessage()).contains("unknown parameter: no.such.param"));
  }

  /** jls: walk every visible jail by lastjid until ENOENT, return the one with this JID. */
  private JailValues listed(int jid) {
    int last = 0;
    List<JailValues> all = new ArrayList<>();
    while (true) {
      JailValues v;
      try {
        v =
            JailRequest.create()
                .put(JailParam.LASTJID, last)
                .want(JailParam.JID)
                .want(JailParam.NAME)
                .want(JailParam.HOST_HOSTNAME)
                .want(JailParam.PATH)
                .want(JailParam.IP4_ADDR)
                .get(kernel, 0);
      } catch (JailNotFoundException e) {
        break;
      }
      all.add(v);
      last = v.jid();
    }
    return all.stream()
        .filter(v -> v.jid() == jid)
        .findFirst()
        .orElseThrow(() -> new AssertionError("jail " + jid + " not listed among " + all));
  }
}
