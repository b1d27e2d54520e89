package org.jail4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.jail4j.Errno;
import org.jail4j.spi.JailFlags;
import org.jail4j.spi.SyscallException;
import org.junit.jupiter.api.Test;

/**
 * Many threads create, update, read and remove jails with contended names at once: no jail is lost,
 * no two live jails share a JID or a name among siblings, and every created jail is either still
 * there or was removed exactly once.
 */
class FakeKernelStressTest {
  private static final int THREADS = 6;
  private static final int OPS = 3000;
  private static final String[] NAMES = {"a", "b", "c", "d"};

  @Test
  void concurrentCallersNeverBreakTheInvariants() throws Exception {
    FakeJailKernel k = Kernels.v14();
    long seed = Long.getLong("jail4j.seed", System.nanoTime());
    System.out.println("FakeKernelStressTest seed: " + seed);
    AtomicInteger created = new AtomicInteger();
    AtomicInteger removed = new AtomicInteger();
    ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      Random random = new Random(seed + t);
      Thread thread =
          new Thread(
              () -> {
                try {
                  start.await();
                  for (int i = 0; i < OPS; i++) {
                    step(k, random, created, removed);
                    if (i % 100 == 0) {
                      k.checkInvariants();
                    }
                  }
                } catch (Throwable e) {
                  errors.add(e);
                }
              });
      threads.add(thread);
      thread.start();
    }
    start.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(errors).isEmpty();
    k.checkInvariants();
    List<FakeJail> left = k.jails();
    assertThat(left).allMatch(j -> !j.dying());
    assertThat(left.stream().map(FakeJail::name).distinct().count()).isEqualTo(left.size());
    assertThat(created.get()).isEqualTo(removed.get() + left.size());
  }

  private static void step(
      FakeJailKernel k, Random random, AtomicInteger created, AtomicInteger removed) {
    String name = NAMES[random.nextInt(NAMES.length)];
    try {
      switch (random.nextInt(4)) {
        case 0 -> {
          k.set(Iov.of().str("name", name).flag("persist").array(), JailFlags.CREATE);
          created.incrementAndGet();
        }
        case 1 ->
            k.set(
                Iov.of().str("name", name).str("host.hostname", name + random.nextInt(9)).array(),
                JailFlags.UPDATE);
        case 2 -> {
          Iov iov = Iov.of().str("name", name).out("jid", 4);
          int jid = k.get(iov.array(), 0);
          assertThat(iov.intValue("jid")).isEqualTo(jid);
        }
        default -> {
          int victim = k.get(Iov.of().str("name", name).array(), 0);
          k.remove(victim);
          removed.incrementAndGet();
        }
      }
    } catch (SyscallException e) {
      // contended names: EEXIST on create, ENOENT when another thread removed it first,
      // EINVAL when the JID found was removed before our remove
      assertThat(e.errno()).isIn(Errno.EEXIST, Errno.ENOENT, Errno.EINVAL);
    }
  }
}
