package org.jail4j.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.jail4j.root.DistributionSetWriter;
import org.jail4j.root.RootBuilder;
import org.jail4j.root.RootReport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Extracting one generated distribution set (by default about 100 MB unpacked in 20,000 files,
 * base.txz-like: directories, small and large files, symlinks, hard links) with jail4j's pure-Java
 * extraction and with {@code bsdtar -xf} (Debian's libarchive-tools), in the same run, as one xz
 * block ({@code xz}) and in 3 MiB blocks ({@code xz -T}'s size at this preset), which jail4j
 * decodes in parallel. Each measurement extracts into a fresh empty directory; creating and
 * deleting it is not measured.
 *
 * <p>Every trial first extracts the set with both tools and fails unless the two trees are the same
 * ({@link ExtractedTrees}: names, modes, owners when run as root, times, link targets, contents);
 * after every measured extraction its tree is compared with bsdtar's the same way. Without bsdtar
 * the jail4j side runs unchecked, and says so.
 *
 * <pre>{@code
 * ./mvnw -B -Pbench -pl jail-benchmarks -am verify -Djmh.args="Extraction"
 * }</pre>
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ExtractionBenchmark {

  /** Regular files in the generated set. */
  @Param({"20000"})
  public int files;

  /** Average file size in bytes (about 100 MB in all with the default count). */
  @Param({"5000"})
  public int averageSize;

  /**
   * Uncompressed bytes per xz block: 0 for one block, 3145728 for {@code xz -T}'s blocks at this
   * preset (three times its 1 MiB dictionary).
   */
  @Param({"0", "3145728"})
  public long blockSize;

  Path work = Path.of(".");
  Path reference = Path.of(".");
  boolean checked;
  Path archive = Path.of(".");
  Path target = Path.of(".");

  /**
   * Writes the set once per trial: deterministic content, half of it text-like and compressible.
   *
   * @throws IOException when the temporary files cannot be written
   */
  @Setup(Level.Trial)
  public void generateSet() throws IOException, InterruptedException {
    work = Files.createTempDirectory("jail4j-extract-bench");
    archive = work.resolve("base.txz");
    DistributionSetWriter w = generate(files, averageSize);
    if (blockSize > 0) {
      w.blockSize(blockSize);
    }
    w.writeTo(archive);
    checked = bsdtarInstalled();
    if (!checked) {
      System.err.println("bsdtar is not installed: extracted trees are not compared");
      return;
    }
    reference = work.resolve("bsdtar-reference");
    Files.createDirectory(reference);
    runBsdtar(reference);
    Path ours = Files.createDirectory(work.resolve("jail4j-reference"));
    RootBuilder.into(ours).set("base", archive).unverified().populate();
    requireSame(ours, reference);
    deleteTree(ours);
  }

  /** True when {@code bsdtar} is on the {@code PATH}. */
  static boolean bsdtarInstalled() {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.util.regex.Pattern.quote(java.io.File.pathSeparator), -1)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "bsdtar"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Fails unless the tree is the same as bsdtar's; owners are compared when this process runs as
   * root (only then do both tools apply them).
   *
   * @param tree the extracted tree
   * @param bsdtarTree bsdtar's tree of the same set
   * @throws IOException when a tree cannot be read
   * @throws IllegalStateException naming the first differences
   */
  static void requireSame(Path tree, Path bsdtarTree) throws IOException {
    boolean root = Integer.valueOf(0).equals(Files.getAttribute(bsdtarTree, "unix:uid"));
    List<String> d = ExtractedTrees.differences(tree, bsdtarTree, root);
    if (!d.isEmpty()) {
      throw new IllegalStateException(
          "the extracted tree differs from bsdtar's:\n  " + String.join("\n  ", d));
    }
  }

  static DistributionSetWriter generate(int files, int averageSize) {
    Random random = new Random(42);
    DistributionSetWriter w = DistributionSetWriter.create("base").compressionPreset(1);
    int dirs = Math.max(1, files / 100);
    // the parents too, so that every directory's mode and time come from the set
    w.directory("usr", 0755).directory("usr/share", 0755);
    for (int d = 0; d < dirs; d++) {
      w.directory("usr/share/d" + d, 0755);
    }
    for (int i = 0; i < files; i++) {
      int size = i % 50 == 0 ? averageSize * 20 : random.nextInt(60 * averageSize / 49 + 1);
      byte[] content = new byte[size];
      if (i % 2 == 0) {
        random.nextBytes(content);
      } else {
        for (int b = 0; b < size; b++) {
          content[b] = (byte) ('a' + (b * 7 + i) % 26);
        }
      }
      String name = "usr/share/d" + (i % dirs) + "/f" + i;
      w.file(name, content, i % 10 == 0 ? 0755 : 0644);
      if (i % 200 == 0) {
        w.symlink(name + ".link", "f" + i);
      }
      if (i % 500 == 0) {
        w.hardLink(name + ".hard", name);
      }
    }
    return w;
  }

  /**
   * A fresh empty directory for each extraction.
   *
   * @throws IOException when it cannot be made
   */
  @Setup(Level.Invocation)
  public void freshTarget() throws IOException {
    target = Files.createTempDirectory(work, "root");
  }

  /**
   * Compares the extracted tree with bsdtar's (when bsdtar is installed) and removes it.
   *
   * @throws IOException when it cannot be read or removed
   * @throws IllegalStateException when it differs from bsdtar's
   */
  @TearDown(Level.Invocation)
  public void removeTarget() throws IOException {
    if (checked) {
      requireSame(target, reference);
    }
    deleteTree(target);
  }

  /**
   * Removes the generated set.
   *
   * @throws IOException when it cannot be removed
   */
  @TearDown(Level.Trial)
  public void removeSet() throws IOException {
    deleteTree(work);
  }

  /**
   * jail4j: {@code RootBuilder.into(dir).set("base", txz).unverified().populate()}.
   *
   * @return the extraction report
   */
  @Benchmark
  public RootReport jail4j() {
    return RootBuilder.into(target).set("base", archive).unverified().populate();
  }

  /**
   * {@code bsdtar -xpf base.txz -C dir}, as a separate process.
   *
   * @return bsdtar's exit status (0)
   * @throws IOException when bsdtar is not installed ({@code apt-get install libarchive-tools})
   * @throws InterruptedException when interrupted
   */
  @Benchmark
  public int bsdtar() throws IOException, InterruptedException {
    return runBsdtar(target);
  }

  private int runBsdtar(Path into) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder("bsdtar", "-xpf", archive.toString(), "-C", into.toString())
            .inheritIO()
            .start();
    int status = p.waitFor();
    if (status != 0) {
      throw new IllegalStateException("bsdtar exited with " + status);
    }
    return status;
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
            Files.delete(f);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            if (e != null) {
              throw new UncheckedIOException(e);
            }
            Files.delete(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
