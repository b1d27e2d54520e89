package org.jail4j.root;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jail4j.root.internal.Trees;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jail's root user racing host-side writes: a thread keeps swapping {@code root/d} for a
 * symbolic link to a host directory (and back) while a set extracts over the root ({@code
 * overwrite(true)}) and while {@link SafeRootWriter} creates directories, links and files under
 * {@code /d}. Over many seeded rounds nothing may appear outside the root. The seed is printed;
 * rerun one with {@code -Djail4j.seed=N}.
 */
@NeedsSecureDirectories
class RootRaceTest {
  private static final int ROUNDS = 40;

  @TempDir Path tmp;
  Path root;
  Path outside;
  long seed;

  @BeforeEach
  void setUp() throws IOException {
    root = tmp.resolve("root");
    outside = tmp.resolve("outside");
    Files.createDirectories(outside);
    Files.writeString(outside.resolve("host-file"), "host\n");
    seed = Long.getLong("jail4j.seed", System.nanoTime());
    System.out.println("RootRaceTest seed: " + seed + " (rerun with -Djail4j.seed=" + seed + ")");
  }

  /** Swaps root/d for a link to the outside directory and back until stopped. */
  private static final class Swapper implements Runnable {
    final Path d;
    final Path real;
    final Path outside;
    final Random random;
    final AtomicBoolean stop = new AtomicBoolean();
    final AtomicLong swaps = new AtomicLong();

    Swapper(Path root, Path outside, long seed) {
      this.d = root.resolve("d");
      this.real = root.resolve("d.real");
      this.outside = outside;
      this.random = new Random(seed);
    }

    @Override
    public void run() {
      while (!stop.get()) {
        try {
          Files.move(d, real);
          Files.createSymbolicLink(d, outside);
          swaps.incrementAndGet();
          spin();
          Files.delete(d);
          Files.move(real, d);
          spin();
        } catch (IOException e) {
          // the writer holds a name or moved things: try again
        }
      }
    }

    private void spin() {
      int n = random.nextInt(random.nextInt(8) == 0 ? 200_000 : 2000);
      for (int i = 0; i < n; i++) {
        Thread.onSpinWait();
      }
    }

    void restore() throws IOException {
      if (Files.isSymbolicLink(d)) {
        Files.delete(d);
      }
      if (Files.exists(real, LinkOption.NOFOLLOW_LINKS) && !Files.exists(d)) {
        Files.move(real, d);
      }
    }
  }

  private void resetRoot() throws IOException {
    if (Files.exists(root)) {
      Trees.deleteContents(root);
    }
    Files.createDirectories(root.resolve("d"));
    Files.writeString(root.resolve("d/existing"), "old\n");
  }

  private void assertNothingOutside(OutsideWitness witness, int round) throws IOException {
    assertThat(witness.now())
        .as("outside the root after round %d (seed %d)", round, seed)
        .isEqualTo(witness.before());
  }

  @Test
  void extractionOverARootNeverWritesThroughASwappedDirectory() throws Exception {
    DistributionSetWriter w =
        DistributionSetWriter.create("base").compressionPreset(0).directory("./", 0755);
    w.directory("./d", 0755);
    for (int i = 0; i < 60; i++) {
      w.file("./d/f" + i, "content " + i + "\n", 0644);
      w.directory("./d/s" + i, 0755);
      w.file("./d/s" + i + "/g", "nested\n", 0600);
      w.symlink("./d/l" + i, "/etc/passwd");
      w.hardLink("./d/h" + i, "./d/f0");
    }
    w.directory("./d/tmp", 01777);
    w.file("./d/existing", "new\n", 0644);
    DistributionSets sets = Sets.release(tmp.resolve("dist"), w);
    OutsideWitness witness = OutsideWitness.of(outside);
    Random rounds = new Random(seed);
    long refused = 0;
    long swaps = 0;
    for (int round = 0; round < ROUNDS; round++) {
      resetRoot();
      Swapper swapper = new Swapper(root, outside, rounds.nextLong());
      Thread t = new Thread(swapper, "swapper");
      t.start();
      try {
        RootBuilder.into(root).sets(sets, "base").overwrite(true).populate();
      } catch (RootException e) {
        refused++;
      } finally {
        swapper.stop.set(true);
        t.join();
        swapper.restore();
      }
      swaps += swapper.swaps.get();
      assertNothingOutside(witness, round);
    }
    System.out.println(
        "RootRaceTest extraction: " + refused + " of " + ROUNDS + " refused, " + swaps + " swaps");
    // the attack ran: the swapper swapped, and at least one round noticed it
    assertThat(swaps).isPositive();
  }

  @Test
  void safeRootWriterNeverCreatesThroughASwappedDirectory() throws Exception {
    OutsideWitness witness = OutsideWitness.of(outside);
    Random rounds = new Random(seed);
    long refused = 0;
    long swaps = 0;
    for (int round = 0; round < ROUNDS; round++) {
      resetRoot();
      SafeRootWriter writer = SafeRootWriter.of(root);
      Swapper swapper = new Swapper(root, outside, rounds.nextLong());
      Thread t = new Thread(swapper, "swapper");
      t.start();
      try {
        for (int i = 0; i < 40; i++) {
          try {
            switch (i % 3) {
              case 0 -> writer.createDirectories("/d/x" + i + "/y", 0755);
              case 1 -> writer.symlink("/d/l" + i, "/etc/passwd");
              default -> writer.writeString("/d/w" + i, "text\n");
            }
          } catch (RootException e) {
            refused++;
          }
        }
      } finally {
        swapper.stop.set(true);
        t.join();
        swapper.restore();
      }
      swaps += swapper.swaps.get();
      assertNothingOutside(witness, round);
    }
    System.out.println(
        "RootRaceTest writer: " + refused + " operations refused, " + swaps + " swaps");
    assertThat(swaps).isPositive();
  }
}
