package org.jail4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jail4j.Errno;
import org.jail4j.Jail;
import org.jail4j.JailException;
import org.jail4j.JailHost;
import org.jail4j.RunningJail;
import org.jail4j.spi.CommandSpec;
import org.jail4j.spi.HostSystem;
import org.jail4j.spi.IpAlias;
import org.jail4j.spi.JailKernel;
import org.jail4j.spi.JailProvider;
import org.jail4j.spi.MountRequest;
import org.jail4j.spi.ProviderSupport;
import org.jail4j.testkit.FakeHostSystem;
import org.jail4j.testkit.FakeJailKernel;
import org.jail4j.testkit.FakeJailProvider;
import org.jail4j.testkit.PathCheck;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two starts of one configuration at the same moment: one creates the jail, the other fails with
 * EEXIST and rolls back. The rollback must not take the winner's alias: an alias is taken back only
 * by the start that added it, when no other start holds it and none that held it succeeded. Bounded
 * in rounds, not in time.
 */
class ConcurrentAliasStartTest {

  private static final int ROUNDS = 200;
  private static final int GATED_ROUNDS = 10;

  @TempDir Path root;

  private FakeJailKernel kernel;
  private FakeHostSystem fake;
  private ExecutorService pool;

  @BeforeEach
  void fakes() {
    kernel = FakeJailKernel.create();
    fake = new FakeHostSystem(kernel);
    pool = Executors.newFixedThreadPool(2);
  }

  @AfterEach
  void shutdown() {
    pool.shutdownNow();
  }

  private List<String> aliasTexts() {
    List<String> out = new ArrayList<>();
    for (IpAlias a : fake.aliases()) {
      out.add(a.addressText());
    }
    return out;
  }

  private void twoIdenticalStarts(JailHost first, JailHost second, int rounds) throws Exception {
    twoIdenticalStarts(first, second, rounds, null);
  }

  private void twoIdenticalStarts(
      JailHost first, JailHost second, int rounds, @Nullable GatedHostSystem gate)
      throws Exception {
    Jail web =
        Jail.builder()
            .name("web")
            .path(PathCheck.jailPath(Files.createDirectories(root.resolve("web"))))
            .persist(true)
            .iface("em0")
            .ip4("192.0.2.60")
            .build();
    for (int round = 0; round < rounds; round++) {
      if (gate != null) {
        gate.arm();
      }
      CyclicBarrier together = new CyclicBarrier(2);
      List<Future<RunningJail>> starts = new ArrayList<>();
      for (JailHost host : List.of(first, second)) {
        starts.add(
            pool.submit(
                () -> {
                  together.await();
                  return host.start(web);
                }));
      }
      List<RunningJail> winners = new ArrayList<>();
      int losers = 0;
      for (Future<RunningJail> f : starts) {
        try {
          winners.add(f.get());
        } catch (java.util.concurrent.ExecutionException e) {
          // EEXIST at CREATE (a JailExistsException) or a clash on the alias: both name the step.
          assertThat(e.getCause())
              .isInstanceOfSatisfying(
                  JailException.class, je -> assertThat(je.failedStep()).isPresent());
          losers++;
        }
      }
      if (gate != null) {
        gate.disarm();
      }
      assertThat(winners).as("round %d", round).hasSize(1);
      assertThat(losers).isEqualTo(1);
      assertThat(aliasTexts())
          .as("round %d: the winner keeps its alias", round)
          .containsExactly("192.0.2.60");
      winners.get(0).stop();
      assertThat(aliasTexts()).as("round %d: the stop takes it back", round).isEmpty();
      assertThat(kernel.jails()).isEmpty();
    }
    kernel.checkInvariants();
  }

  @Test
  void theLosersRollbackLeavesTheWinnersAliasOnOneHost() throws Exception {
    JailHost host = JailHost.using(new FakeJailProvider(kernel, fake));
    twoIdenticalStarts(host, host, ROUNDS);
  }

  /**
   * The interleaving that lost the alias, forced: each start's first look at the host's aliases
   * waits (up to a moment) for the other's, so both see the address absent before either adds it.
   * With the claims the second look waits for the first start's claim instead, and the gate lets
   * the first through when the moment is up.
   */
  @Test
  void theLosersRollbackLeavesTheWinnersAliasWhenBothSawItAbsent() throws Exception {
    GatedHostSystem gated = new GatedHostSystem(fake);
    JailProvider provider = new GatedProvider(new FakeJailProvider(kernel, fake), gated);
    JailHost host = JailHost.using(provider);
    twoIdenticalStarts(host, host, GATED_ROUNDS, gated);
  }

  @Test
  void theLosersRollbackLeavesTheWinnersAliasAcrossTwoHostsOfOneSystem() throws Exception {
    twoIdenticalStarts(
        JailHost.using(new FakeJailProvider(kernel, fake)),
        JailHost.using(new FakeJailProvider(kernel, fake)),
        ROUNDS);
  }

  /** The fake host, with a gate on the first alias listing of each thread in an armed round. */
  static final class GatedHostSystem implements HostSystem {
    private final FakeHostSystem fake;
    private volatile boolean armed;
    private volatile CountDownLatch both = new CountDownLatch(2);
    private final Set<Thread> passed = ConcurrentHashMap.newKeySet();

    GatedHostSystem(FakeHostSystem fake) {
      this.fake = fake;
    }

    void arm() {
      passed.clear();
      both = new CountDownLatch(2);
      armed = true;
    }

    void disarm() {
      armed = false;
    }

    @Override
    public List<IpAlias> aliases() {
      List<IpAlias> now = fake.aliases();
      if (armed && passed.add(Thread.currentThread())) {
        both.countDown();
        try {
          both.await(200, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return now;
    }

    @Override
    public void mount(MountRequest request) {
      fake.mount(request);
    }

    @Override
    public void unmount(String target, boolean force) {
      fake.unmount(target, force);
    }

    @Override
    public List<MountRequest> mounts() {
      return fake.mounts();
    }

    @Override
    public void addAlias(IpAlias alias) {
      fake.addAlias(alias);
    }

    @Override
    public void removeAlias(IpAlias alias) {
      fake.removeAlias(alias);
    }

    @Override
    public String createInterface(String type, @Nullable String name) {
      return fake.createInterface(type, name);
    }

    @Override
    public void destroyInterface(String name) {
      fake.destroyInterface(name);
    }

    @Override
    public void ifconfig(List<String> args) {
      fake.ifconfig(args);
    }

    @Override
    public List<String> interfaces() {
      return fake.interfaces();
    }

    @Override
    public Process startOnHost(CommandSpec command) throws IOException {
      return fake.startOnHost(command);
    }

    @Override
    public Process startInJail(int jid, CommandSpec command) throws IOException {
      return fake.startInJail(jid, command);
    }

    @Override
    public Optional<Errno> checkDirectory(String path) {
      return fake.checkDirectory(path);
    }

    @Override
    public void signalJail(int jid, int signal) throws IOException {
      fake.signalJail(jid, signal);
    }

    @Override
    public List<Integer> jailProcesses(int jid) throws IOException {
      return fake.jailProcesses(jid);
    }
  }

  /** The fake provider with the gated host. */
  static final class GatedProvider implements JailProvider {
    private final FakeJailProvider fake;
    private final HostSystem host;

    GatedProvider(FakeJailProvider fake, HostSystem host) {
      this.fake = fake;
      this.host = host;
    }

    @Override
    public String name() {
      return fake.name();
    }

    @Override
    public int priority() {
      return fake.priority();
    }

    @Override
    public ProviderSupport support() {
      return fake.support();
    }

    @Override
    public JailKernel kernel() {
      return fake.kernel();
    }

    @Override
    public HostSystem hostSystem() {
      return host;
    }
  }
}
