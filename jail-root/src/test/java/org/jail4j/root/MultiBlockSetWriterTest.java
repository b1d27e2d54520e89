package org.jail4j.root;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.SeekableFileInputStream;
import org.tukaani.xz.SeekableXZInputStream;
import org.tukaani.xz.XZInputStream;

class MultiBlockSetWriterTest {
  @TempDir Path tmp;

  /** About 300 KiB of tar: 30 files of 10,000 bytes, half random, half repetitive. */
  static DistributionSetWriter sample() {
    Random random = new Random(7);
    DistributionSetWriter w = DistributionSetWriter.create("base").compressionPreset(0);
    w.directory("./", 0755).directory("./usr", 0755);
    for (int i = 0; i < 30; i++) {
      byte[] content = new byte[10_000];
      if (i % 2 == 0) {
        random.nextBytes(content);
      } else {
        for (int b = 0; b < content.length; b++) {
          content[b] = (byte) ('a' + (b + i) % 26);
        }
      }
      w.file("./usr/f" + i, content, 0644);
    }
    return w.symlink("./usr/l", "f1").hardLink("./usr/h", "./usr/f0");
  }

  private static byte[] decoded(Path txz) throws IOException {
    try (InputStream in = new XZInputStream(Files.newInputStream(txz))) {
      return in.readAllBytes();
    }
  }

  @Test
  void blockSizeSplitsTheStreamIntoBlocksOfThatManyBytes() throws IOException {
    Path txz = tmp.resolve("base.txz");
    sample().blockSize(64 * 1024).writeTo(txz);
    long tarBytes = decoded(txz).length;
    try (SeekableXZInputStream xz =
        new SeekableXZInputStream(new SeekableFileInputStream(txz.toFile()))) {
      int blocks = xz.getBlockCount();
      assertThat(blocks).isEqualTo((int) ((tarBytes + 65535) / 65536)).isGreaterThanOrEqualTo(5);
      for (int i = 0; i < blocks - 1; i++) {
        assertThat(xz.getBlockSize(i)).as("block %d", i).isEqualTo(65536);
      }
      assertThat(xz.getBlockSize(blocks - 1)).isEqualTo(tarBytes - 65536L * (blocks - 1));
      assertThat(xz.getStreamCount()).isEqualTo(1);
    }
  }

  @Test
  void aMultiBlockSetHoldsTheSameTarAsASingleBlockSet() throws IOException {
    Path one = tmp.resolve("one.txz");
    Path many = tmp.resolve("many.txz");
    ManifestEntry single = sample().writeTo(one);
    ManifestEntry multi = sample().blockSize(MultiBlockSetWriterTest.BLOCK).writeTo(many);
    assertThat(decoded(many)).isEqualTo(decoded(one));
    assertThat(multi.entries()).isEqualTo(single.entries());
    assertThat(multi.sha256()).isNotEqualTo(single.sha256());
  }

  static final long BLOCK = 16 * 1024;

  @Test
  void withoutBlockSizeTheStreamIsOneBlock() throws IOException {
    Path txz = tmp.resolve("base.txz");
    sample().writeTo(txz);
    try (SeekableXZInputStream xz =
        new SeekableXZInputStream(new SeekableFileInputStream(txz.toFile()))) {
      assertThat(xz.getBlockCount()).isEqualTo(1);
    }
  }

  @Test
  void blockSizeBelowTheMinimumIsRefusedNamingTheFieldAndTheLimit() {
    assertThatThrownBy(() -> DistributionSetWriter.create("base").blockSize(4095))
        .isInstanceOf(RootException.class)
        .hasMessageContaining("blockSize: must be 4096 to 2147483639 bytes, got 4095");
  }

  @Test
  void blockSizeAboveTheLargestArrayIsRefusedNamingTheFieldAndTheLimit() {
    assertThatThrownBy(() -> DistributionSetWriter.create("base").blockSize(1L << 31))
        .isInstanceOf(RootException.class)
        .hasMessageContaining("blockSize: must be 4096 to 2147483639 bytes, got 2147483648");
  }
}
