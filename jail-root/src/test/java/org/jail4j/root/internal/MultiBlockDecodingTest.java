package org.jail4j.root.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.jail4j.root.DistributionSetWriter;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.SeekableFileInputStream;
import org.tukaani.xz.SeekableXZInputStream;
import org.tukaani.xz.XZInputStream;

class MultiBlockDecodingTest {
  private static final int LIMIT_KIB = 256 * 1024;
  private static final long BLOCK = 32 * 1024;

  @TempDir Path tmp;

  /** About 600 KiB of tar in 32 KiB blocks (about 19 of them). */
  private Path set(String file, long blockSize) {
    Random random = new Random(11);
    DistributionSetWriter w = DistributionSetWriter.create("base").compressionPreset(0);
    w.directory("./", 0755);
    for (int i = 0; i < 60; i++) {
      byte[] content = new byte[10_000];
      if (i % 2 == 0) {
        random.nextBytes(content);
      } else {
        for (int b = 0; b < content.length; b++) {
          content[b] = (byte) ('a' + (b * 3 + i) % 26);
        }
      }
      w.file("./f" + i, content, 0644);
    }
    if (blockSize > 0) {
      w.blockSize(blockSize);
    }
    Path txz = tmp.resolve(file);
    w.writeTo(txz);
    return txz;
  }

  private static byte[] sequential(Path txz) throws IOException {
    try (InputStream in = new XZInputStream(Files.newInputStream(txz), LIMIT_KIB, true)) {
      return in.readAllBytes();
    }
  }

  private static @Nullable XzBlocksPipe open(Path txz, String name, long budget) {
    return XzBlocksPipe.open(txz, name, LIMIT_KIB, true, budget, 3);
  }

  /** The parallel decoder, which the set must get. */
  private static XzBlocksPipe opened(Path txz, String name, long budget) {
    XzBlocksPipe pipe = open(txz, name, budget);
    assertThat(pipe).as("a parallel decoder for %s", txz).isNotNull();
    return java.util.Objects.requireNonNull(pipe);
  }

  private static List<String> workers(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.startsWith("jail4j-xz-" + name + "-"))
        .collect(Collectors.toList());
  }

  @Test
  void multiBlockSetDecodesToTheSequentialDecodersBytes() throws IOException {
    Path txz = set("many.txz", BLOCK);
    XzBlocksPipe pipe = opened(txz, "same", 256L << 20);
    try (pipe) {
      assertThat(pipe.blocks()).isGreaterThanOrEqualTo(15);
      assertThat(pipe.readAllBytes()).isEqualTo(sequential(txz));
      assertThat(pipe.read()).isEqualTo(-1);
    }
    assertThat(workers("same")).isEmpty();
  }

  @Test
  void aBudgetOfOneBlockStillDecodesEveryBlockInOrder() throws IOException {
    Path txz = set("many.txz", BLOCK);
    XzBlocksPipe pipe = opened(txz, "tight", BLOCK);
    try (pipe) {
      byte[] out = new byte[sequential(txz).length];
      int off = 0;
      int n;
      // small reads, so block boundaries fall inside a read
      while ((n = pipe.read(out, off, Math.min(1000, out.length - off))) > 0) {
        off += n;
      }
      assertThat(off).isEqualTo(out.length);
      assertThat(out).isEqualTo(sequential(txz));
    }
  }

  @Test
  void aSingleBlockSetIsLeftToTheSequentialDecoder() {
    assertThat(open(set("one.txz", 0), "single", 256L << 20)).isNull();
  }

  @Test
  void aBlockLargerThanTheBudgetLeavesTheSetToTheSequentialDecoder() {
    assertThat(open(set("many.txz", BLOCK), "big", BLOCK - 1)).isNull();
  }

  @Test
  void anUnreadableIndexLeavesTheSetToTheSequentialDecoder() throws IOException {
    Path txz = set("many.txz", BLOCK);
    try (RandomAccessFile f = new RandomAccessFile(txz.toFile(), "rw")) {
      f.setLength(f.length() - 20); // the stream footer and part of the index are gone
    }
    assertThat(open(txz, "truncated", 256L << 20)).isNull();
  }

  @Test
  void aCorruptBlockFailsAsTheSequentialDecoderFailsAndStopsTheWorkers() throws IOException {
    Path txz = set("many.txz", BLOCK);
    long middle;
    try (SeekableXZInputStream xz =
        new SeekableXZInputStream(new SeekableFileInputStream(txz.toFile()))) {
      middle = xz.getBlockCompPos(5) + xz.getBlockCompSize(5) / 2;
    }
    try (RandomAccessFile f = new RandomAccessFile(txz.toFile(), "rw")) {
      f.seek(middle);
      int b = f.read();
      f.seek(middle);
      f.write(b ^ 0x55);
    }
    IOException expected = catchThrowableOfType(IOException.class, () -> sequential(txz));
    assertThat(expected).isNotNull();

    XzBlocksPipe pipe = opened(txz, "corrupt", 256L << 20);
    byte[] decoded = new byte[(int) (5 * BLOCK)];
    IOException failure;
    try (pipe) {
      assertThat(pipe.readNBytes(decoded, 0, decoded.length)).isEqualTo(decoded.length);
      failure = catchThrowableOfType(IOException.class, pipe::readAllBytes);
    }
    assertThat(failure).isNotNull().hasMessage(expected.getMessage());
    assertThat(failure.getCause()).isInstanceOf(expected.getClass());
    assertThat(workers("corrupt")).isEmpty();
  }

  @Test
  void closingBeforeTheEndStopsEveryWorker() throws IOException {
    Path txz = set("many.txz", BLOCK);
    XzBlocksPipe pipe = opened(txz, "early", 256L << 20);
    assertThat(pipe.readNBytes(1000)).hasSize(1000);
    assertThat(workers("early")).isNotEmpty();
    pipe.close();
    assertThat(workers("early")).isEmpty();
  }
}
