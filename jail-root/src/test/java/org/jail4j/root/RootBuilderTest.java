package org.jail4j.root;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jail4j.root.internal.HostIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@NeedsSecureDirectories
class RootBuilderTest {
  @TempDir Path tmp;

  private static final Instant T = Instant.parse("2025-06-01T12:00:00Z");

  private DistributionSetWriter base() {
    return DistributionSetWriter.create("base")
        .compressionPreset(0)
        .mtime(T)
        .directory("./", 0755)
        .directory("./bin", 0755)
        .file("./bin/sh", "#!/bin/sh\n", 0555)
        .hardLink("./bin/-sh", "./bin/sh")
        .directory("./usr", 0755)
        .directory("./usr/bin", 0755)
        .file("./usr/bin/su", "su", 04555)
        .directory("./tmp", 01777)
        .directory("./var/empty", 0555)
        .symlink("./sys", "usr/src/sys")
        .owner(0, 5)
        .file("./etc/group", "wheel:*:0:root\n", 0644);
  }

  private static int mode(Path p) throws IOException {
    return ((Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS)) & 07777;
  }

  @Test
  void extractsFilesDirectoriesSymlinksAndHardLinks() throws IOException {
    DistributionSets sets = Sets.release(tmp.resolve("dist"), base());
    Path root = tmp.resolve("root");
    RootReport r = RootBuilder.into(root).sets(sets, "base").populate();
    assertThat(root.resolve("bin/sh")).hasContent("#!/bin/sh");
    assertThat(Files.isSameFile(root.resolve("bin/sh"), root.resolve("bin/-sh"))).isTrue();
    assertThat(Files.readSymbolicLink(root.resolve("sys")).toString()).isEqualTo("usr/src/sys");
    assertThat(root.resolve("var/empty")).isDirectory();
    ExtractionReport e = r.sets().get(0);
    assertThat(e.files()).isEqualTo(3);
    assertThat(e.hardLinks()).isEqualTo(1);
    assertThat(e.symlinks()).isEqualTo(1);
    assertThat(e.directories()).isEqualTo(6);
    assertThat(e.entries()).isEqualTo(11);
    assertThat(r.root().kind()).isEqualTo(JailRoot.Kind.FULL);
  }

  @Test
  void keepsModesIncludingSetIdAndStickyBits() throws IOException {
    Path root = tmp.resolve("root");
    RootBuilder.into(root).sets(Sets.release(tmp.resolve("dist"), base()), "base").populate();
    assertThat(mode(root.resolve("bin/sh"))).isEqualTo(0555);
    assertThat(mode(root.resolve("usr/bin/su"))).isEqualTo(04555);
    assertThat(mode(root.resolve("tmp"))).isEqualTo(01777);
    assertThat(mode(root.resolve("var/empty"))).isEqualTo(0555);
    assertThat(mode(root)).isEqualTo(0755);
  }

  @Test
  void keepsModificationTimesOfFilesAndDirectories() throws IOException {
    Path root = tmp.resolve("root");
    RootBuilder.into(root).sets(Sets.release(tmp.resolve("dist"), base()), "base").populate();
    assertThat(Files.getLastModifiedTime(root.resolve("bin/sh"))).isEqualTo(FileTime.from(T));
    assertThat(Files.getLastModifiedTime(root.resolve("usr/bin"))).isEqualTo(FileTime.from(T));
    assertThat(Files.getLastModifiedTime(root.resolve("bin"))).isEqualTo(FileTime.from(T));
  }

  @Test
  void recordsOwnersInsteadOfApplyingThemWhenAskedTo() throws IOException {
    Path root = tmp.resolve("root");
    ExtractionReport r =
        RootBuilder.into(root)
            .sets(Sets.release(tmp.resolve("dist"), base()), "base")
            .owners(OwnerPolicy.RECORD)
            .populate()
            .sets()
            .get(0);
    assertThat(r.ownersApplied()).isFalse();
    assertThat(r.owners()).contains(new EntryOwner("etc/group", 0, 5, 0644));
    assertThat(r.owners()).contains(new EntryOwner("usr/bin/su", 0, 0, 04555));
  }

  @Test
  void appliesNumericOwnersWhenRunningAsRoot() throws IOException {
    assumeTrue(
        HostIdentity.probe(tmp).uid() == 0, "changing owners needs the JVM to run as root (uid 0)");
    DistributionSetWriter w =
        DistributionSetWriter.create("base")
            .compressionPreset(0)
            .owner(1234, 5678)
            .file("./owned", "x", 04755);
    Path root = tmp.resolve("root");
    ExtractionReport r =
        RootBuilder.into(root)
            .sets(Sets.release(tmp.resolve("dist"), w), "base")
            .populate()
            .sets()
            .get(0);
    assertThat(r.ownersApplied()).isTrue();
    assertThat(r.owners()).isEmpty();
    assertThat(Files.getAttribute(root.resolve("owned"), "unix:uid")).isEqualTo(1234);
    assertThat(Files.getAttribute(root.resolve("owned"), "unix:gid")).isEqualTo(5678);
    // chown clears set-id bits; the mode is applied after the owner
    assertThat(mode(root.resolve("owned"))).isEqualTo(04755);
  }

  @Test
  void checksumMismatchIsRefusedBeforeAnythingIsWritten() throws IOException {
    DistributionSets sets = Sets.release(tmp.resolve("dist"), base());
    Path archive = sets.archive("base").orElseThrow();
    byte[] b = Files.readAllBytes(archive);
    b[b.length / 2] ^= 1;
    Files.write(archive, b);
    Path root = tmp.resolve("root");
    assertThatThrownBy(() -> RootBuilder.into(root).sets(sets, "base").populate())
        .isInstanceOf(ChecksumMismatchException.class)
        .hasMessageContaining("base.txz: SHA-256 ")
        .hasMessageContaining(
            "does not match MANIFEST " + sets.manifest().entry("base").orElseThrow().sha256());
    assertThat(root).doesNotExist();
  }

  @Test
  void aSetWithoutManifestEntryIsRefusedUnlessUnverified() throws IOException {
    Path txz = tmp.resolve("base.txz");
    base().writeTo(txz);
    Path root = tmp.resolve("root");
    assertThatThrownBy(() -> RootBuilder.into(root).set("base", txz).populate())
        .isInstanceOf(RootException.class)
        .hasMessageContaining("no MANIFEST entry for set \"base\"");
    assertThat(root).doesNotExist();
    RootBuilder.into(root).set("base", txz).unverified().populate();
    assertThat(root.resolve("bin/sh")).exists();
  }

  @Test
  void aNonEmptyRootIsRefusedWithoutOverwrite() throws IOException {
    Path root = tmp.resolve("root");
    Files.createDirectories(root);
    Files.writeString(root.resolve("keep"), "mine");
    DistributionSets sets = Sets.release(tmp.resolve("dist"), base());
    assertThatThrownBy(() -> RootBuilder.into(root).sets(sets, "base").populate())
        .isInstanceOf(RootNotEmptyException.class)
        .hasMessageContaining("root is not empty; pass overwrite(true)");
    try (Stream<Path> s = Files.list(root)) {
      assertThat(s).containsExactly(root.resolve("keep"));
    }
  }

  @Test
  void overwriteReplacesFilesAndKeepsOthers() throws IOException {
    Path root = tmp.resolve("root");
    Files.createDirectories(root.resolve("bin"));
    Files.writeString(root.resolve("bin/sh"), "old");
    Files.writeString(root.resolve("keep"), "mine");
    RootBuilder.into(root)
        .sets(Sets.release(tmp.resolve("dist"), base()), "base")
        .overwrite(true)
        .populate();
    assertThat(root.resolve("bin/sh")).hasContent("#!/bin/sh");
    assertThat(root.resolve("keep")).hasContent("mine");
  }

  @Test
  void extractsSeveralSetsInOrder() throws IOException {
    DistributionSetWriter lib32 =
        DistributionSetWriter.create("lib32")
            .compressionPreset(0)
            .directory("./usr/lib32", 0755)
            .file("./usr/lib32/libc.so.7", "elf32", 0444);
    DistributionSets sets = Sets.release(tmp.resolve("dist"), base(), lib32);
    Path root = tmp.resolve("root");
    RootReport r = RootBuilder.into(root).sets(sets, "base", "lib32").populate();
    assertThat(r.sets()).extracting(ExtractionReport::set).containsExactly("base", "lib32");
    assertThat(root.resolve("usr/lib32/libc.so.7")).hasContent("elf32");
    assertThat(root.resolve("bin/sh")).exists();
  }

  @Test
  void progressReportsBytesAndEntriesUpToTheTotals() throws IOException {
    DistributionSets sets = Sets.release(tmp.resolve("dist"), manyFiles(600));
    long size = Files.size(sets.archive("base").orElseThrow());
    List<ExtractionProgress> seen = new ArrayList<>();
    RootReport r =
        RootBuilder.into(tmp.resolve("root")).sets(sets, "base").progress(seen::add).populate();
    assertThat(seen.size()).isGreaterThan(1);
    for (int i = 1; i < seen.size(); i++) {
      assertThat(seen.get(i).entries()).isGreaterThanOrEqualTo(seen.get(i - 1).entries());
      assertThat(seen.get(i).compressedBytesDone())
          .isGreaterThanOrEqualTo(seen.get(i - 1).compressedBytesDone());
    }
    ExtractionProgress last = seen.get(seen.size() - 1);
    assertThat(last)
        .isEqualTo(new ExtractionProgress("base", size, size, 601, 601, r.bytesWritten(), true));
    assertThat(last.fraction()).isEqualTo(1.0);
  }

  /** A set of {@code files} small files: it compresses to far less than the decoder reads ahead. */
  private static DistributionSetWriter manyFiles(int files) {
    DistributionSetWriter w =
        DistributionSetWriter.create("base").compressionPreset(0).directory("./", 0755);
    for (int i = 0; i < files; i++) {
      w.file("./f" + i, "content " + i, 0644);
    }
    return w;
  }

  @Test
  void withAManifestProgressIsEntriesWrittenOutOfItsCountAndOneOnlyAtTheEnd() throws IOException {
    DistributionSets sets = Sets.release(tmp.resolve("dist"), manyFiles(1307));
    assertThat(Files.size(sets.archive("base").orElseThrow())).isLessThan(1 << 20);
    List<ExtractionProgress> seen = new ArrayList<>();

    RootBuilder.into(tmp.resolve("root")).sets(sets, "base").progress(seen::add).populate();

    assertThat(seen).hasSizeGreaterThan(2);
    List<Double> fractions = seen.stream().map(ExtractionProgress::fraction).toList();
    for (int i = 1; i < fractions.size(); i++) {
      assertThat(fractions.get(i))
          .as("callback %d of %s", i, fractions)
          .isGreaterThan(fractions.get(i - 1));
    }
    assertThat(fractions.subList(0, fractions.size() - 1)).allMatch(f -> f < 1.0);
    assertThat(fractions.get(0)).isEqualTo(256.0 / 1308);
    assertThat(seen.get(seen.size() - 1).finished()).isTrue();
    assertThat(fractions.get(fractions.size() - 1)).isEqualTo(1.0);
  }

  @Test
  void withoutAManifestProgressFollowsWhatWasWrittenNotWhatWasRead() throws IOException {
    DistributionSets sets = Sets.release(tmp.resolve("dist"), manyFiles(1307));
    Path archive = sets.archive("base").orElseThrow();
    List<ExtractionProgress> seen = new ArrayList<>();

    RootBuilder.into(tmp.resolve("root"))
        .set("base", archive)
        .unverified()
        .progress(seen::add)
        .populate();

    assertThat(seen).hasSizeGreaterThan(2);
    assertThat(seen).allMatch(p -> p.entriesTotal() == -1);
    List<Double> fractions = seen.stream().map(ExtractionProgress::fraction).toList();
    for (int i = 1; i < fractions.size(); i++) {
      assertThat(fractions.get(i))
          .as("callback %d of %s", i, fractions)
          .isGreaterThanOrEqualTo(fractions.get(i - 1));
    }
    // the whole file is read before the first callback; what was written is a fifth of it
    assertThat(fractions.get(0)).isLessThan(0.5);
    assertThat(fractions.subList(0, fractions.size() - 1)).allMatch(f -> f < 1.0);
    assertThat(fractions.get(fractions.size() - 1)).isEqualTo(1.0);
  }

  @Test
  void aTreeRoundTripsThroughASet() throws IOException {
    Path tree = tmp.resolve("tree");
    Files.createDirectories(tree.resolve("a/b"));
    Files.writeString(tree.resolve("a/b/file"), "hello");
    Files.createLink(tree.resolve("a/hard"), tree.resolve("a/b/file"));
    Files.createSymbolicLink(tree.resolve("a/link"), Path.of("b/file"));
    Files.setAttribute(tree.resolve("a/b/file"), "unix:mode", 0640);
    ManifestEntry e =
        DistributionSetWriter.create("base")
            .compressionPreset(0)
            .tree(tree)
            .writeTo(tmp.resolve("base.txz"));
    assertThat(e.entries()).isEqualTo(6);
    Path root = tmp.resolve("root");
    RootBuilder.into(root)
        .set("base", tmp.resolve("base.txz"))
        .manifest(Manifest.of(List.of(e)))
        .populate();
    assertThat(root.resolve("a/b/file")).hasContent("hello");
    assertThat(mode(root.resolve("a/b/file"))).isEqualTo(0640);
    assertThat(Files.isSameFile(root.resolve("a/hard"), root.resolve("a/b/file"))).isTrue();
    assertThat(Files.readSymbolicLink(root.resolve("a/link"))).isEqualTo(Path.of("b/file"));
  }

  @Test
  void aTruncatedSetFailsAndLeavesTheNewRootEmpty() throws IOException {
    DistributionSetWriter w =
        DistributionSetWriter.create("base").compressionPreset(0).directory("./", 0755);
    for (int i = 0; i < 50; i++) {
      w.file("./f" + i, "x".repeat(5000) + i, 0644);
    }
    Path txz = tmp.resolve("base.txz");
    w.writeTo(txz);
    byte[] b = Files.readAllBytes(txz);
    Files.write(txz, java.util.Arrays.copyOf(b, b.length / 2));
    Path root = tmp.resolve("root");
    assertThatThrownBy(() -> RootBuilder.into(root).set("base", txz).unverified().populate())
        .isInstanceOf(RootException.class)
        .hasMessageContaining("jail: extract: base.txz");
    try (Stream<Path> s = Files.list(root)) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void aSetNotAmongTheFetchedOnesIsNamed() throws IOException {
    DistributionSets sets = Sets.release(tmp.resolve("dist"), base());
    assertThatThrownBy(() -> RootBuilder.into(tmp.resolve("root")).sets(sets, "kernel"))
        .isInstanceOf(RootException.class)
        .hasMessageContaining("set \"kernel\" is not present; have [base]");
  }
}
