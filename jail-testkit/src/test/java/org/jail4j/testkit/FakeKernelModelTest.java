package org.jail4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.jail4j.FreeBsdVersion;
import org.jail4j.spi.JailFlags;
import org.jail4j.spi.JailKernel;
import org.jail4j.spi.SyscallException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Model-based test: thousands of random sequences of create / update / get / remove / attach /
 * spawn / exit / signal / hold against fresh kernels of every version, with {@link
 * FakeJailKernel#checkInvariants()} and a jail listing cross-check after every step. The seed is
 * printed; rerun one with {@code -Djail4j.seed=N}. A failing sequence is shrunk to a minimal one
 * before it is reported.
 */
class FakeKernelModelTest {
  private static final List<FreeBsdVersion> VERSIONS =
      List.of(FreeBsdVersion.V13, FreeBsdVersion.V14, FreeBsdVersion.V15);
  private static final int SEQUENCES = 2000;
  private static final int STEPS = 40;
  private static final String[] NAMES = {"a", "b", "c", "a.x", "a.y", "b.x", "a.x.z", "7"};

  /** One step, as data so a sequence can be replayed and shrunk. */
  record Step(int kind, int a, int b, int c) {
    @Override
    public String toString() {
      return describe(this);
    }
  }

  @Test
  void aRevivedJailMayShareItsNameWithANewOneOn13And14() {
    // shrunk from seed 17697883362387: create a, hold it, remove it (dying), create a new "a",
    // then UPDATE|JAIL_DYING the dying one without persist: revived without re-claiming its name
    List<Step> steps =
        List.of(
            new Step(0, 187, 632, 226),
            new Step(10, 801, 925, 946),
            new Step(4, 756, 366, 980),
            new Step(0, 798, 168, 575),
            new Step(2, 150, 450, 829));
    assertThat(run(FreeBsdVersion.V14, steps)).isNull();
    assertThat(run(FreeBsdVersion.V13, steps)).isNull();
    assertThat(run(FreeBsdVersion.V15, steps)).isNull();
  }

  @Test
  void randomSequencesKeepEveryInvariant() {
    long seed = Long.getLong("jail4j.seed", System.nanoTime());
    System.out.println(
        "FakeKernelModelTest seed: " + seed + " (rerun with -Djail4j.seed=" + seed + ")");
    Random random = new Random(seed);
    for (int s = 0; s < SEQUENCES; s++) {
      FreeBsdVersion version = VERSIONS.get(random.nextInt(VERSIONS.size()));
      List<Step> steps = new ArrayList<>();
      for (int i = 0; i < STEPS; i++) {
        steps.add(
            new Step(
                random.nextInt(12),
                random.nextInt(1000),
                random.nextInt(1000),
                random.nextInt(1000)));
      }
      String failure = run(version, steps);
      if (failure != null) {
        List<Step> minimal = shrink(version, steps);
        throw new AssertionError(
            "seed "
                + seed
                + ", sequence "
                + s
                + " on "
                + version
                + ": "
                + failure
                + "\nminimal failing steps:\n  "
                + minimal.stream().map(Step::toString).collect(Collectors.joining("\n  ")));
      }
    }
  }

  /** Replays the steps; the first broken invariant as text, or null. */
  static @Nullable String run(FreeBsdVersion version, List<Step> steps) {
    FakeJailKernel k = Kernels.v(version);
    List<FakeJailKernel.Hold> held = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      try {
        apply(k, steps.get(i), held);
        k.checkInvariants();
        checkListing(k);
      } catch (RuntimeException | AssertionError e) {
        return "step " + i + " (" + steps.get(i) + "): " + e;
      }
    }
    return null;
  }

  /** Delta debugging by single-step removal: keeps removing steps while it still fails. */
  static List<Step> shrink(FreeBsdVersion version, List<Step> steps) {
    List<Step> current = new ArrayList<>(steps);
    boolean progress = true;
    while (progress) {
      progress = false;
      for (int i = current.size() - 1; i >= 0; i--) {
        List<Step> shorter = new ArrayList<>(current);
        shorter.remove(i);
        if (run(version, shorter) != null) {
          current = shorter;
          progress = true;
        }
      }
    }
    return current;
  }

  private static void apply(FakeJailKernel k, Step s, List<FakeJailKernel.Hold> held) {
    List<FakeJail> jails = k.jails();
    int jid = jails.isEmpty() ? s.a() % 5 : jails.get(s.a() % jails.size()).jid();
    String name = NAMES[s.b() % NAMES.length];
    try {
      switch (s.kind()) {
        case 0, 1 -> create(k, s, name);
        case 2 -> update(k, s, jid);
        case 3 -> {
          Iov iov =
              Iov.of().str("name", name).out("jid", 4).out("children.cur", 4).out("securelevel", 4);
          int got = k.get(iov.array(), s.c() % 2 == 0 ? JailFlags.DYING : 0);
          assertThat(iov.intValue("jid")).isEqualTo(got);
          assertThat(iov.intValue("children.cur"))
              .isEqualTo(k.jail(got).orElseThrow().childrenCur());
        }
        case 4 -> {
          k.remove(jid);
          assertThat(k.jail(jid).map(FakeJail::dying).orElse(true)).isTrue();
        }
        case 5 -> k.attach(jid);
        case 6, 7 -> {
          int pid = k.spawn(jid);
          assertThat(k.processes(jid)).contains(pid);
        }
        case 8 -> {
          List<Integer> pids = new ArrayList<>();
          for (FakeJail j : jails) {
            pids.addAll(k.processes(j.jid()));
          }
          if (!pids.isEmpty()) {
            k.exit(pids.get(s.b() % pids.size()));
          }
        }
        case 9 -> k.signal(jid, s.c() % 2 == 0 ? 15 : 9);
        case 10 -> holdOrRelease(k, s, jid, held);
        default -> {
          FakeJail j = k.jail(jid).orElse(null);
          if (j != null && !j.dying()) {
            JailKernel inside = k.asProcessIn(jid);
            inside.set(
                Iov.of().str("name", "n" + s.c() % 3).flag("persist").array(), JailFlags.CREATE);
          }
        }
      }
    } catch (SyscallException expected) {
      // refusals are part of the model; only invariants decide
    }
  }

  private static void create(FakeJailKernel k, Step s, String name) throws SyscallException {
    Iov iov = Iov.of().str("name", name).i32("children.max", s.c() % 4);
    if (s.c() % 3 != 0) {
      iov.flag("persist");
    }
    if (s.c() % 5 == 0) {
      iov.i32("securelevel", s.c() % 3);
    }
    int flags =
        JailFlags.CREATE
            | (s.c() % 7 == 0 ? JailFlags.ATTACH : 0)
            | (s.c() % 4 == 0 ? JailFlags.UPDATE : 0);
    int got = k.set(iov.array(), flags);
    FakeJail created = k.jail(got).orElse(null);
    if (created != null && !created.dying()) {
      assertThat(created.name()).endsWith(name.substring(name.lastIndexOf('.') + 1));
    }
  }

  private static void update(FakeJailKernel k, Step s, int jid) throws SyscallException {
    Iov iov = Iov.of().i32("jid", jid);
    switch (s.c() % 5) {
      case 0 -> iov.flag("nopersist");
      case 1 -> iov.flag("persist");
      case 2 -> iov.i32("securelevel", s.b() % 4 - 1);
      case 3 -> iov.str("name", NAMES[s.c() % NAMES.length]);
      default -> iov.i32("children.max", s.b() % 3);
    }
    k.set(iov.array(), JailFlags.UPDATE | (s.b() % 6 == 0 ? JailFlags.DYING : 0));
  }

  private static void holdOrRelease(
      FakeJailKernel k, Step s, int jid, List<FakeJailKernel.Hold> held) {
    if (s.c() % 2 == 0 && k.jail(jid).isPresent()) {
      held.add(k.hold(jid));
    } else if (!held.isEmpty()) {
      held.remove(s.b() % held.size()).close();
    }
  }

  /** lastjid iteration from the host lists exactly the live jails, each once. */
  private static void checkListing(FakeJailKernel k) {
    Set<Integer> live =
        k.jails().stream().filter(j -> !j.dying()).map(FakeJail::jid).collect(Collectors.toSet());
    Set<Integer> listed = new HashSet<>();
    int last = 0;
    while (true) {
      try {
        last = k.get(Iov.of().i32("lastjid", last).array(), 0);
      } catch (SyscallException e) {
        break;
      }
      if (!listed.add(last)) {
        throw new AssertionError("jid " + last + " listed twice");
      }
    }
    if (!listed.equals(live)) {
      throw new AssertionError("lastjid listed " + listed + " but the live jails are " + live);
    }
  }

  private static String describe(Step s) {
    String[] kinds = {
      "create",
      "create",
      "update",
      "get",
      "remove",
      "attach",
      "spawn",
      "spawn",
      "exit",
      "signal",
      "hold/release",
      "create-inside"
    };
    return kinds[s.kind()] + "(" + s.a() + "," + s.b() + "," + s.c() + ")";
  }
}
