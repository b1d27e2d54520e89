package org.jail4j.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jail4j.oci.TestImages.layer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jail4j.root.UnsafePathException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile image layers are refused like hostile distribution sets, and nothing outside the root
 * changes; a root that was new is left empty.
 */
class HostileLayerTest {
  static final OciPlatform AMD64 = OciPlatform.freebsd("amd64");

  @TempDir Path tmp;
  Path outside;
  Map<String, String> before;

  @BeforeEach
  void witness() throws IOException {
    outside = tmp.resolve("outside");
    Files.createDirectories(outside.resolve("etc"));
    Files.writeString(
        outside.resolve("etc/master.passwd"), "root:secret:0:0::0:0::/root:/bin/sh\n");
    before = Trees.of(outside);
  }

  @AfterEach
  void nothingOutsideChanged() throws IOException {
    assertThat(Trees.of(outside)).isEqualTo(before);
    assertThat(tmp.resolve("escaped")).doesNotExist();
    assertThat(tmp.resolve("root")).isEmptyDirectory();
  }

  private void build(TestImages.Layer... layers) {
    OciImageLayout layout =
        TestImages.image(tmp.resolve("image"), AMD64, OciLayerType.TAR_GZIP, List.of(layers));
    OciImageRoot.into(tmp.resolve("root")).image(layout.image(AMD64)).populate();
  }

  @Test
  void dotDotNameIsRefused() {
    assertThatThrownBy(() -> build(layer().file("a/../../escaped", "x")))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("\"..\" component");
  }

  @Test
  void absoluteNameIsRefused() {
    assertThatThrownBy(() -> build(layer().file(outside.resolve("etc/abs").toString(), "x")))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("absolute entry name");
  }

  @Test
  void writingThroughALinkOfTheSameLayerIsRefused() {
    assertThatThrownBy(
            () ->
                build(
                    layer()
                        .symlink("etc", outside.resolve("etc").toString())
                        .file("etc/master.passwd", "pwned")))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("symbolic link");
  }

  @Test
  void writingThroughALinkOfALowerLayerIsRefused() {
    assertThatThrownBy(
            () ->
                build(
                    layer().symlink("etc", outside.resolve("etc").toString()),
                    layer().file("etc/master.passwd", "pwned")))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("symbolic link");
  }

  @Test
  void aWhiteoutThroughALinkIsRefusedAndRemovesNothing() {
    assertThatThrownBy(
            () ->
                build(
                    layer().symlink("etc", outside.resolve("etc").toString()),
                    layer().whiteout("etc/.wh.master.passwd")))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("a parent is a symbolic link: etc");
  }

  @Test
  void anOpaqueMarkerThroughALinkIsRefusedAndRemovesNothing() {
    assertThatThrownBy(
            () ->
                build(
                    layer().symlink("etc", outside.resolve("etc").toString()),
                    layer().whiteout("etc/.wh..wh..opq")))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("a parent is a symbolic link: etc");
  }

  @Test
  void aLinkPlantedAfterAWhiteoutIsCheckedAgain() {
    // the hard link makes the extractor check "d"; the whiteout removes it; the link in its place
    // must be checked again before anything is written below it
    assertThatThrownBy(
            () ->
                build(
                    layer().file("d/f", "f"),
                    layer()
                        .hardLink("g", "d/f")
                        .whiteout(".wh.d")
                        .symlink("d", outside.resolve("etc").toString())
                        .file("d/master.passwd", "pwned")))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("symbolic link");
  }

  @Test
  void hardLinkOutsideTheRootIsRefused() {
    assertThatThrownBy(() -> build(layer().hardLink("pw", "../outside/etc/master.passwd")))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("hard link target");
  }

  @Test
  void hardLinkThroughALinkIsRefused() {
    assertThatThrownBy(
            () ->
                build(
                    layer().symlink("etc", outside.resolve("etc").toString()),
                    layer().hardLink("pw", "etc/master.passwd")))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("hard link target");
  }
}
