package org.jail4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.jail4j.CommandResult;
import org.jail4j.Errno;
import org.jail4j.Jail;
import org.jail4j.JailException;
import org.jail4j.JailHost;
import org.jail4j.JailInfo;
import org.jail4j.JailStartException;
import org.jail4j.RunningJail;
import org.jail4j.param.JailParam;
import org.jail4j.testkit.FakeHostSystem;
import org.jail4j.testkit.FakeJailKernel;
import org.jail4j.testkit.FakeJailProvider;
import org.jail4j.testkit.Leftovers;
import org.jail4j.testkit.PathCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight threads drive one {@link JailHost} on the fakes at once: start, exec, update, stop and
 * remove on a few contended names, with kernel and host failures injected at random steps. At the
 * end every jail a start returned is accounted for (stopped, removed, or still alive and then
 * stopped), nothing is left behind (jails, mounts, aliases, interfaces, rctl rules), the fake
 * kernel's invariants hold, and every failure came out as a {@link JailException}.
 *
 * <p>Bounded in operations and in time. The seed is printed; rerun one with {@code
 * -Djail4j.seed=N}.
 */
class JailHostStressTest {

  private static final int THREADS = 8;
  private static final int OPS_PER_THREAD = 150;
  private static final Duration BUDGET = Duration.ofSeconds(10);

  /** Jails with an alias, mounts (nullfs, devfs) and an rctl rule: stopped the jail(8) way. */
  private static final List<String> FULL = List.of("w0", "w1", "w2");

  /** Bare persistent jails: also removed with {@code jail -R}, which undoes nothing else. */
  private static final List<String> BARE = List.of("b0", "b1", "b2");

  private static final Errno[] KERNEL_ERRNOS = {
    Errno.EAGAIN, Errno.EPERM, Errno.ENOMEM, Errno.EINVAL, Errno.EFAULT
  };
  private static final String[] SYSCALLS = {"jail_set", "jail_get", "jail_remove", "rctl"};
  private static final Errno[] HOST_ERRNOS = {Errno.EBUSY, Errno.EPERM, Errno.ENOSPC, Errno.EEXIST};

  @TempDir Path root;

  private final Map<String, Jail> configs = new TreeMap<>();
  private final Set<Integer> started = ConcurrentHashMap.newKeySet();
  private final Set<Integer> ended = ConcurrentHashMap.newKeySet();
  private final Set<Integer> reportedByFailedRollback = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<String> untyped = new ConcurrentLinkedQueue<>();
  private final AtomicInteger injected = new AtomicInteger();

  @Test
  @Timeout(60)
  void everyJailIsAccountedForAndNothingLeaksUnderLoadAndFaults() throws Exception {
    long seed = Long.getLong("jail4j.seed", System.nanoTime());
    System.out.println(
        "JailHostStressTest seed: " + seed + " (rerun with -Djail4j.seed=" + seed + ")");
    FakeJailKernel kernel = FakeJailKernel.builder().racct(true).build();
    FakeHostSystem fake = new FakeHostSystem(kernel);
    answerSignalsFromTheKernel(kernel, fake);
    JailHost host = JailHost.using(new FakeJailProvider(kernel, fake));
    Leftovers before = fake.leftovers();
    defineJails();

    long deadline = System.nanoTime() + BUDGET.toNanos();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      Random random = new Random(seed + t);
      Thread thread =
          new Thread(
              () -> {
                try {
                  go.await();
                  for (int i = 0; i < OPS_PER_THREAD && System.nanoTime() < deadline; i++) {
                    step(host, kernel, fake, random);
                    if (i % 25 == 0) {
                      kernel.checkInvariants();
                    }
                  }
                } catch (Throwable e) {
                  untyped.add("thread died: " + e);
                }
              },
              "stress-" + t);
      threads.add(thread);
      thread.start();
    }
    go.countDown();
    for (Thread thread : threads) {
      thread.join();
    }

    // Faults queued but not yet consumed must not hit the clean-up: consume them harmlessly.
    drainFaults(host, kernel);
    List<Integer> aliveAtEnd = new ArrayList<>();
    for (JailInfo info : host.list()) {
      aliveAtEnd.add(info.jid());
      stopForGood(host.get(info.jid()).withConfig(configs.get(info.name())));
    }
    for (RunningJail handle : failedStops) {
      stopForGood(handle);
      ended.add(handle.jid());
    }
    System.out.println(
        "JailHostStressTest: started "
            + started.size()
            + ", ended "
            + ended.size()
            + ", alive at the end "
            + aliveAtEnd.size()
            + ", faults injected "
            + injected.get()
            + ", failures "
            + new TreeMap<>(failures));

    assertThat(untyped).as("failures that were not a typed JailException").isEmpty();
    assertThat(started).as("jails started (the run did real work)").isNotEmpty();
    assertThat(failures).as("failures seen (the faults and contention bit)").isNotEmpty();
    kernel.checkInvariants();
    assertThat(kernel.jails()).as("jails alive after the final stop").isEmpty();
    Set<Integer> known = new java.util.HashSet<>(started);
    known.addAll(reportedByFailedRollback);
    assertThat(known)
        .as("every jail alive at the end was started, or named by a start whose rollback failed")
        .containsAll(aliveAtEnd);
    Set<Integer> unaccounted =
        started.stream()
            .filter(j -> !ended.contains(j) && !aliveAtEnd.contains(j))
            .collect(Collectors.toSet());
    assertThat(unaccounted)
        .as("started jails neither stopped/removed by a caller nor alive at the end")
        .isEmpty();
    Leftovers left = fake.leftovers().since(before);
    assertThat(left.isEmpty()).as(left.describe()).isTrue();
    assertThat(kernel.rctlRules()).as("rctl rules left").isEmpty();
  }

  /** Handles whose stop failed part-way: a caller retries them, as the final phase does. */
  private final ConcurrentLinkedQueue<RunningJail> failedStops = new ConcurrentLinkedQueue<>();

  private void defineJails() throws IOException {
    int n = 10;
    for (String name : FULL) {
      Path dir = Files.createDirectories(root.resolve(name));
      Files.createDirectories(dir.resolve("base"));
      configs.put(
          name,
          Jail.builder()
              .name(name)
              .path(PathCheck.jailPath(dir))
              .hostname(name + ".example.org")
              .iface("em0")
              .ip4("192.0.2." + n++)
              .persist(true)
              .addMounts(root + " " + dir.resolve("base") + " nullfs ro 0 0")
              .mountDevfs(true)
              .limit("maxproc", "50", "deny")
              .build());
    }
    for (String name : BARE) {
      Path dir = Files.createDirectories(root.resolve(name));
      configs.put(
          name, Jail.builder().name(name).path(PathCheck.jailPath(dir)).persist(true).build());
    }
  }

  private void step(JailHost host, FakeJailKernel kernel, FakeHostSystem fake, Random random) {
    if (random.nextInt(8) == 0) {
      inject(kernel, fake, random);
    }
    boolean full = random.nextBoolean();
    List<String> names = full ? FULL : BARE;
    String name = names.get(random.nextInt(names.size()));
    int op = random.nextInt(full ? 5 : 6);
    try {
      switch (op) {
        case 0, 1 -> started.add(host.start(configs.get(name)).jid());
        case 2 ->
            host.find(name)
                .ifPresent(j -> j.run(Duration.ofSeconds(5), "/bin/echo", "hello from " + name));
        case 3 ->
            host.find(name)
                .ifPresent(j -> j.update(JailParam.HOST_HOSTNAME, name + random.nextInt(100)));
        case 4 -> host.find(name).ifPresent(j -> stop(j.withConfig(configs.get(name))));
        default ->
            host.find(name)
                .ifPresent(
                    j -> {
                      j.remove();
                      ended.add(j.jid());
                    });
      }
    } catch (JailException expected) {
      failures
          .computeIfAbsent(expected.getClass().getSimpleName(), k -> new AtomicInteger())
          .incrementAndGet();
      if (expected instanceof JailStartException
          && expected.getSuppressed().length > 0
          && expected.jid().isPresent()) {
        // the start failed and so did part of its rollback (an injected jail_remove fault, say):
        // the exception names the jail that is still there, so it is accounted for
        reportedByFailedRollback.add(expected.jid().getAsInt());
      }
    } catch (RuntimeException | Error e) {
      untyped.add("op " + op + " on " + name + ": " + e);
    }
  }

  /** A stop the jail(8) way; a handle whose stop failed part-way is kept to be finished. */
  private void stop(RunningJail handle) {
    try {
      handle.stop();
      ended.add(handle.jid());
    } catch (JailException e) {
      failedStops.add(handle);
      throw e;
    }
  }

  private void inject(FakeJailKernel kernel, FakeHostSystem fake, Random random) {
    injected.incrementAndGet();
    switch (random.nextInt(4)) {
      case 0 ->
          kernel.failNext(
              SYSCALLS[random.nextInt(SYSCALLS.length)],
              KERNEL_ERRNOS[random.nextInt(KERNEL_ERRNOS.length)]);
      case 1 -> fake.failNextMount(HOST_ERRNOS[random.nextInt(HOST_ERRNOS.length)]);
      case 2 -> fake.failNextAlias(HOST_ERRNOS[random.nextInt(HOST_ERRNOS.length)]);
      default -> fake.failNextCommand(FakeHostSystem.programIs("/bin/echo"), 1);
    }
  }

  /**
   * Consumes queued kernel faults with calls that change nothing: a get of a jail that does not
   * exist, an rctl query, a removal of a JID no jail has. Host faults still queued are absorbed by
   * the retries of {@link #stopForGood}.
   */
  private void drainFaults(JailHost host, FakeJailKernel kernel) {
    for (int i = 0; i < injected.get(); i++) {
      try {
        host.find("no-such-jail");
      } catch (JailException ignored) {
        // a queued jail_get fault
      }
      try {
        kernel.rctl(org.jail4j.spi.RctlCall.GET_RULES, "jail:no-such-jail");
      } catch (org.jail4j.spi.SyscallException ignored) {
        // a queued rctl fault
      }
      try {
        kernel.remove(999_999);
      } catch (org.jail4j.spi.SyscallException ignored) {
        // a queued jail_remove fault, or EINVAL for the jail that does not exist
      }
    }
  }

  /**
   * Stops a jail, or finishes a stop that failed part-way (a stop of a jail that is gone undoes
   * what is left of its mounts, aliases and rules), retrying while injected faults are queued.
   */
  private static void stopForGood(RunningJail jail) {
    JailException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      try {
        jail.stop();
        return;
      } catch (JailException e) {
        last = e;
      }
    }
    throw new AssertionError("a stop with no fault queued still fails: " + jail, last);
  }

  /**
   * {@code pkill -SIG -j JID} and {@code pgrep -j JID} (what the SPI's default signalling runs)
   * answered from the fake kernel's process table.
   */
  private static void answerSignalsFromTheKernel(FakeJailKernel kernel, FakeHostSystem fake) {
    fake.onCommand(
        FakeHostSystem.programIs("pkill"),
        cmd -> {
          List<String> a = cmd.argv();
          kernel.signal(Integer.parseInt(a.get(3)), Integer.parseInt(a.get(1).substring(1)));
          return CommandResult.exit(0);
        });
    fake.onCommand(
        FakeHostSystem.programIs("pgrep"),
        cmd -> {
          List<Integer> pids = kernel.processes(Integer.parseInt(cmd.argv().get(2)));
          return pids.isEmpty()
              ? CommandResult.exit(1)
              : CommandResult.exit(0)
                  .stdout(pids.stream().map(String::valueOf).collect(Collectors.joining("\n")));
        });
  }
}
