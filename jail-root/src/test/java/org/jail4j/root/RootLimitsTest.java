package org.jail4j.root;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sets that would exhaust memory or disk: every bound is enforced and names itself. */
@NeedsSecureDirectories
class RootLimitsTest {
  @TempDir Path tmp;

  private Path root() {
    return tmp.resolve("root");
  }

  private void assertRootEmpty() throws IOException {
    if (Files.exists(root())) {
      try (var s = Files.list(root())) {
        assertThat(s).isEmpty();
      }
    }
  }

  private Path fifos(int n) throws IOException {
    Sets.Raw[] raw = new Sets.Raw[n];
    for (int i = 0; i < n; i++) {
      raw[i] = Sets.Raw.of(new TarArchiveEntry("./f" + i, TarConstants.LF_FIFO));
    }
    return Sets.rawTxz(tmp.resolve("dist/base.txz"), TarArchiveOutputStream.LONGFILE_POSIX, raw);
  }

  @Test
  void fifoFloodBeyondMaxEntriesIsRefused() throws IOException {
    Path txz = fifos(1500);
    assertThatThrownBy(
            () ->
                RootBuilder.into(root()).set("base", txz).unverified().maxEntries(1000).populate())
        .isInstanceOf(RootLimitException.class)
        .hasMessageContaining("maxEntries is 1000, found 1001")
        .satisfies(
            e -> {
              RootLimitException l = (RootLimitException) e;
              assertThat(l.limit()).isEqualTo("maxEntries");
              assertThat(l.max()).isEqualTo(1000);
              assertThat(l.value()).isEqualTo(1001);
            });
    assertRootEmpty();
  }

  @Test
  void setWithMoreEntriesThanItsManifestCountIsRefused() throws IOException {
    Path dir = tmp.resolve("dist");
    Files.createDirectories(dir);
    DistributionSetWriter w = DistributionSetWriter.create("base").compressionPreset(0);
    for (int i = 0; i < 10; i++) {
      w.fifo("./f" + i);
    }
    ManifestEntry e = w.writeTo(dir.resolve("base.txz"));
    ManifestEntry lying =
        new ManifestEntry(e.file(), e.sha256(), 3, e.set(), e.description(), e.selected());
    Files.writeString(dir.resolve("MANIFEST"), Manifest.of(List.of(lying)).toString());
    DistributionSets sets = DistributionSets.inDirectory(dir);
    assertThatThrownBy(() -> RootBuilder.into(root()).sets(sets, "base").populate())
        .isInstanceOf(RootLimitException.class)
        .hasMessageContaining("the MANIFEST entry count is 3, found 4");
    assertRootEmpty();
  }

  @Test
  void skippedEntriesAreAllCountedButOnlyTheFirstThousandNamed() throws IOException {
    Path txz = fifos(1500);
    ExtractionReport r =
        RootBuilder.into(root()).set("base", txz).unverified().populate().sets().get(0);
    assertThat(r.skippedEntries()).isEqualTo(1500);
    assertThat(r.skipped()).hasSize(1000);
    assertThat(r.skipped().get(0).name()).isEqualTo("./f0");
  }

  @Test
  void maxEntriesBelowOneIsRefused() {
    assertThatThrownBy(() -> RootBuilder.into(root()).maxEntries(0))
        .isInstanceOf(RootException.class)
        .hasMessageContaining("maxEntries: must be at least 1, got 0");
  }

  private static DistributionSetWriter zeros(int bytes) {
    return DistributionSetWriter.create("base")
        .compressionPreset(0)
        .directory("./", 0755)
        .file("./small", "fine", 0644)
        .file("./zeros", new byte[bytes], 0644);
  }

  @Test
  void setUnpackingBeyondMaxUnpackedBytesIsRefusedAndTheRootEmptied() throws IOException {
    DistributionSets sets = Sets.release(tmp.resolve("dist"), zeros(3 << 20));
    assertThatThrownBy(
            () -> RootBuilder.into(root()).sets(sets, "base").maxUnpackedBytes(1 << 20).populate())
        .isInstanceOf(RootLimitException.class)
        .hasMessageContaining("entry \"./zeros\": maxUnpackedBytes is 1048576, found ")
        .satisfies(e -> assertThat(((RootLimitException) e).limit()).isEqualTo("maxUnpackedBytes"));
    assertRootEmpty();
  }

  @Test
  void partialFileIsRemovedWhenExtractingOverAnExistingRoot() throws IOException {
    Files.createDirectories(root());
    Files.writeString(root().resolve("keep"), "kept");
    DistributionSets sets = Sets.release(tmp.resolve("dist"), zeros(3 << 20));
    assertThatThrownBy(
            () ->
                RootBuilder.into(root())
                    .sets(sets, "base")
                    .overwrite(true)
                    .maxUnpackedBytes(1 << 20)
                    .populate())
        .isInstanceOf(RootLimitException.class);
    assertThat(root().resolve("zeros")).doesNotExist();
    assertThat(root().resolve("keep")).hasContent("kept");
  }

  @Test
  void setWithinMaxUnpackedBytesIsExtracted() throws IOException {
    DistributionSets sets = Sets.release(tmp.resolve("dist"), zeros(1 << 20));
    RootBuilder.into(root()).sets(sets, "base").maxUnpackedBytes((1 << 20) + 4).populate();
    assertThat(root().resolve("zeros")).hasSize(1 << 20);
  }
}
