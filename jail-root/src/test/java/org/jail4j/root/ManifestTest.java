package org.jail4j.root;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {
  private static final String SHA = "a".repeat(64);
  private static final String LINE =
      "base.txz\t" + SHA + "\t31245\tbase\t\"Base system (MANDATORY)\"\ton";

  @Test
  void parsesTheReleaseFormat() {
    ManifestEntry e = ManifestEntry.parse(LINE);
    assertThat(e)
        .isEqualTo(
            new ManifestEntry("base.txz", SHA, 31245, "base", "Base system (MANDATORY)", true));
  }

  @Test
  void aLineRoundTrips() {
    assertThat(ManifestEntry.parse(LINE).toLine()).isEqualTo(LINE);
  }

  @Test
  void findsEntriesBySetOrFileName() {
    Manifest m =
        Manifest.parse(
            LINE + "\n" + "lib32.txz\t" + "B".repeat(64) + "\t100\tlib32\t\"32-bit\"\toff\n\n");
    assertThat(m.entry("base")).contains(ManifestEntry.parse(LINE));
    assertThat(m.entry("lib32.txz").orElseThrow().sha256()).isEqualTo("b".repeat(64));
    assertThat(m.entry("kernel")).isEmpty();
  }

  @Test
  void aMinimalLineNeedsOnlyFileAndChecksum() {
    ManifestEntry e = ManifestEntry.parse("src.txz\t" + SHA);
    assertThat(e.set()).isEqualTo("src");
    assertThat(e.entries()).isEqualTo(-1);
    assertThat(e.selected()).isFalse();
  }

  @Test
  void aBadChecksumNamesTheLine() {
    assertThatThrownBy(() -> Manifest.parse("# comment\nbase.txz\tnot-a-sha\n"))
        .isInstanceOf(RootException.class)
        .hasMessageContaining("line 2: ")
        .hasMessageContaining("base.txz: sha256 must be 64 hex digits, got \"not-a-sha\"");
  }

  @Test
  void aFileNameWithASlashIsRefused() {
    assertThatThrownBy(() -> ManifestEntry.parse("../base.txz\t" + SHA))
        .isInstanceOf(RootException.class)
        .hasMessageContaining("must be a plain file name");
  }

  @Test
  void aLineWithoutTabsIsRefused() {
    assertThatThrownBy(() -> ManifestEntry.parse("base.txz " + SHA))
        .isInstanceOf(RootException.class)
        .hasMessageContaining("expected tab-separated file name and sha256");
  }

  @Test
  void theTextIsOneLinePerEntry() {
    Manifest m = Manifest.parse(LINE + "\n");
    assertThat(m).hasToString(LINE + "\n");
    assertThat(Manifest.parse(m.toString())).isEqualTo(m);
  }

  @Test
  void readingAnEndlessDeviceIsRefusedBeforeItIsOpened() {
    Path zero = Path.of("/dev/zero");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(zero));
    assertThatThrownBy(() -> Manifest.read(zero))
        .isInstanceOf(RootException.class)
        .hasMessageContaining("/dev/zero: not a regular file");
  }

  @Test
  void aDirectoryIsNotAManifest(@TempDir Path tmp) {
    assertThatThrownBy(() -> Manifest.read(tmp))
        .isInstanceOf(RootException.class)
        .hasMessageContaining("not a regular file");
  }

  @Test
  void aManifestLargerThanTheBoundIsRefused(@TempDir Path tmp) throws IOException {
    Path big = tmp.resolve("MANIFEST");
    Files.writeString(big, "#".repeat(2000) + "\n");
    assertThatThrownBy(() -> Manifest.read(big, 1000))
        .isInstanceOf(RootLimitException.class)
        .hasMessageContaining("maxBytes is 1000, found 1001");
  }

  @Test
  void aManifestLargerThanTheDefaultBoundIsRefused(@TempDir Path tmp) throws IOException {
    Path big = tmp.resolve("MANIFEST");
    Files.write(big, new byte[(int) Manifest.DEFAULT_MAX_BYTES + 1]);
    assertThatThrownBy(() -> Manifest.read(big))
        .isInstanceOf(RootLimitException.class)
        .hasMessageContaining("maxBytes is 1048576, found 1048577");
  }

  @Test
  void anOverlongLineIsRefused() {
    assertThatThrownBy(() -> Manifest.parse("# ok\n" + "x".repeat(5000)))
        .isInstanceOf(RootLimitException.class)
        .hasMessageContaining("line 2: MAX_LINE_LENGTH is 4096, found 5000");
  }
}
