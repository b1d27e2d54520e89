package org.jail4j.root;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.SeekableFileInputStream;
import org.tukaani.xz.SeekableXZInputStream;

@NeedsSecureDirectories
class MultiBlockExtractionTest {
  @TempDir Path tmp;

  /** Every entry under a tree: kind, mode, mtime, owner and link target or content digest. */
  static Map<String, String> describe(Path tree) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(tree)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Map<String, Object> a = Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
        String what;
        if (Files.isSymbolicLink(p)) {
          what = "link " + Files.readSymbolicLink(p);
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          what = "dir";
        } else {
          what = "file " + java.util.Arrays.hashCode(Files.readAllBytes(p)) + " " + a.get("nlink");
        }
        String mode =
            Integer.toOctalString((Integer) java.util.Objects.requireNonNull(a.get("mode")));
        out.put(
            tree.relativize(p).toString(),
            what
                + " "
                + mode
                + " "
                + a.get("uid")
                + ":"
                + a.get("gid")
                + (Files.isSymbolicLink(p) ? "" : " " + a.get("lastModifiedTime")));
      }
    }
    return out;
  }

  @Test
  void aMultiBlockSetExtractsToTheSameTreeAsTheSingleBlockSet() throws IOException {
    Path one = tmp.resolve("one.txz");
    Path many = tmp.resolve("many.txz");
    MultiBlockSetWriterTest.sample().writeTo(one);
    MultiBlockSetWriterTest.sample().blockSize(MultiBlockSetWriterTest.BLOCK).writeTo(many);
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    RootBuilder.into(a).set("base", one).unverified().populate();
    RootReport r = RootBuilder.into(b).set("base", many).unverified().populate();
    assertThat(r.files()).isEqualTo(30);
    assertThat(describe(b)).isEqualTo(describe(a)).hasSizeGreaterThan(30);
    Path c = Files.createDirectory(tmp.resolve("c"));
    new org.jail4j.root.internal.SetExtractor(c, OwnerPolicy.AUTO, ProgressListener.none(), true)
        .parallelXz(false)
        .extract("base", many, true);
    assertThat(describe(c)).isEqualTo(describe(b));
  }

  @Test
  void aCorruptBlockFailsTheExtractionAndEmptiesTheRoot() throws IOException {
    Path many = tmp.resolve("many.txz");
    MultiBlockSetWriterTest.sample().blockSize(MultiBlockSetWriterTest.BLOCK).writeTo(many);
    long middle;
    try (SeekableXZInputStream xz =
        new SeekableXZInputStream(new SeekableFileInputStream(many.toFile()))) {
      assertThat(xz.getBlockCount()).isGreaterThan(10);
      middle = xz.getBlockCompPos(10) + xz.getBlockCompSize(10) / 2;
    }
    try (RandomAccessFile f = new RandomAccessFile(many.toFile(), "rw")) {
      f.seek(middle);
      int v = f.read();
      f.seek(middle);
      f.write(v ^ 0x55);
    }
    Path root = tmp.resolve("root");
    assertThatThrownBy(() -> RootBuilder.into(root).set("base", many).unverified().populate())
        .isInstanceOf(RootException.class)
        .hasMessageContaining("many.txz")
        .hasRootCauseInstanceOf(org.tukaani.xz.CorruptedInputException.class);
    try (Stream<Path> left = Files.list(root)) {
      assertThat(left).isEmpty();
    }
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.isAlive() && t.getName().startsWith("jail4j-xz-base-"));
  }
}
