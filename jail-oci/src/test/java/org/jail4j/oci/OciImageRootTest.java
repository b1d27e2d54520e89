package org.jail4j.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.jail4j.oci.TestImages.layer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jail4j.root.ExtractionProgress;
import org.jail4j.root.RootLimitException;
import org.jail4j.root.RootReport;
import org.jail4j.root.UnsafePathException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Jail roots from OCI images: layers in order, whiteouts, opaque directories, all layer types. */
class OciImageRootTest {
  static final OciPlatform AMD64 = OciPlatform.freebsd("amd64");

  @TempDir Path tmp;

  private RootReport build(OciLayerType type, TestImages.Layer... layers) {
    OciImageLayout layout = TestImages.image(tmp.resolve("image"), AMD64, type, List.of(layers));
    return OciImageRoot.into(tmp.resolve("root")).image(layout.image(AMD64)).populate();
  }

  private Map<String, String> tree() throws IOException {
    return Trees.of(tmp.resolve("root"));
  }

  @ParameterizedTest
  @EnumSource(OciLayerType.class)
  void layersApplyInOrderForEveryLayerType(OciLayerType type) throws IOException {
    RootReport r =
        build(
            type,
            layer()
                .dir("etc")
                .file("etc/rc.conf", "sshd_enable=NO\n")
                .dir("bin")
                .file("bin/sh", "elf", 0755)
                .hardLink("bin/-sh", "bin/sh")
                .dir("usr/lib")
                .file("usr/lib/libc.so.7", "libc")
                .symlink("usr/lib/libc.so", "libc.so.7"),
            layer().file("etc/rc.conf", "sshd_enable=YES\n").file("etc/motd", "welcome\n"));
    assertThat(tree())
        .containsExactly(
            entry("bin", "dir"),
            entry("bin/-sh", "755 elf"),
            entry("bin/sh", "755 elf"),
            entry("etc", "dir"),
            entry("etc/motd", "644 welcome\n"),
            entry("etc/rc.conf", "644 sshd_enable=YES\n"),
            entry("usr", "dir"),
            entry("usr/lib", "dir"),
            entry("usr/lib/libc.so", "-> libc.so.7"),
            entry("usr/lib/libc.so.7", "644 libc"));
    assertThat(r.sets()).hasSize(2);
    assertThat(r.sets().get(1).files()).isEqualTo(2);
    assertThat(r.root().path()).isEqualTo(tmp.resolve("root").toAbsolutePath());
    assertThat(Files.isSameFile(tmp.resolve("root/bin/sh"), tmp.resolve("root/bin/-sh"))).isTrue();
  }

  @Test
  void whiteoutRemovesAFileOrAWholeTreeOfTheLowerLayers() throws IOException {
    build(
        OciLayerType.TAR_GZIP,
        layer()
            .file("a/x", "x")
            .file("a/y", "y")
            .file("b/deep/z", "z")
            .file("c/keep", "k")
            .symlink("c/link", "/etc"),
        layer().whiteout("a/.wh.x").whiteout(".wh.b").whiteout("c/.wh.link").file("c/new", "n"));
    assertThat(tree())
        .containsExactly(
            entry("a", "dir"),
            entry("a/y", "644 y"),
            entry("c", "dir"),
            entry("c/keep", "644 k"),
            entry("c/new", "644 n"));
  }

  @Test
  void opaqueDirectoryHidesTheLowerLayersButNotItsOwnLayer() throws IOException {
    build(
        OciLayerType.TAR,
        layer().file("d/old", "o").file("d/sub/old2", "o2").file("e/stays", "s"),
        layer()
            .file(
                "d/before", "b") // written before the marker: the marker never hides its own layer
            .whiteout("d/.wh..wh..opq")
            .file("d/sub/new2", "n2"));
    assertThat(tree())
        .containsExactly(
            entry("d", "dir"),
            entry("d/before", "644 b"),
            entry("d/sub", "dir"),
            entry("d/sub/new2", "644 n2"),
            entry("e", "dir"),
            entry("e/stays", "644 s"));
  }

  @Test
  void whiteoutNeverHidesAnEntryOfItsOwnLayer() throws IOException {
    build(OciLayerType.TAR, layer().file("f", "1"), layer().file("f", "2").whiteout(".wh.f"));
    assertThat(tree()).containsExactly(entry("f", "644 2"));
  }

  @Test
  void anEntryReplacesALowerEntryOfAnotherKind() throws IOException {
    build(
        OciLayerType.TAR,
        layer().file("was-dir/inner", "i").file("was-file", "f").symlink("was-link", "/tmp"),
        layer()
            .file("was-dir", "now a file")
            .dir("was-file")
            .dir("was-link")
            .file("was-link/x", "x"));
    assertThat(tree())
        .containsExactly(
            entry("was-dir", "644 now a file"),
            entry("was-file", "dir"),
            entry("was-link", "dir"),
            entry("was-link/x", "644 x"));
  }

  @Test
  void eachLayerReportsProgressUnderItsDigest() {
    OciImageLayout layout =
        TestImages.image(
            tmp.resolve("image"),
            AMD64,
            OciLayerType.TAR_ZSTD,
            List.of(layer().file("a", "1"), layer().file("b", "2")));
    OciImage image = layout.image(AMD64);
    List<ExtractionProgress> seen = new ArrayList<>();
    OciImageRoot.into(tmp.resolve("root")).image(image).progress(seen::add).populate();
    List<String> digests =
        image.manifest().layers().stream().map(d -> d.digest().toString()).toList();
    assertThat(seen.stream().map(ExtractionProgress::set).distinct())
        .containsExactlyElementsOf(digests);
    assertThat(seen.get(seen.size() - 1).fraction()).isEqualTo(1.0);
  }

  @Test
  void aTamperedLayerIsRefusedNamingItsDigestBeforeAnythingIsWritten() throws IOException {
    OciImageLayout layout =
        TestImages.image(
            tmp.resolve("image"), AMD64, OciLayerType.TAR, List.of(layer().file("a", "payload")));
    OciImage image = layout.image(AMD64);
    OciDescriptor l = image.manifest().layers().get(0);
    Path blob = layout.directory().resolve(l.digest().blobPath());
    byte[] b = Files.readAllBytes(blob);
    b[600] ^= 1; // inside the file content: same size, another digest
    Files.write(blob, b);
    assertThatThrownBy(() -> OciImageRoot.into(tmp.resolve("root")).image(image).populate())
        .isInstanceOfSatisfying(
            OciBlobException.class,
            e -> {
              assertThat(e.problem()).isEqualTo("digest");
              assertThat(e.digest()).isEqualTo(l.digest());
            })
        .hasMessageContaining(l.digest().toString());
    assertThat(tmp.resolve("root")).doesNotExist();
  }

  @Test
  void aLayerOfAnotherSizeIsRefusedNamingItsDigest() throws IOException {
    OciImageLayout layout =
        TestImages.image(
            tmp.resolve("image"), AMD64, OciLayerType.TAR, List.of(layer().file("a", "payload")));
    OciImage image = layout.image(AMD64);
    OciDescriptor l = image.manifest().layers().get(0);
    Files.write(
        layout.directory().resolve(l.digest().blobPath()),
        new byte[] {0},
        java.nio.file.StandardOpenOption.APPEND);
    assertThatThrownBy(() -> OciImageRoot.into(tmp.resolve("root")).image(image).populate())
        .isInstanceOfSatisfying(
            OciBlobException.class,
            e -> {
              assertThat(e.problem()).isEqualTo("size");
              assertThat(e.expected()).isEqualTo(Long.toString(l.size()));
              assertThat(e.found()).isEqualTo(Long.toString(l.size() + 1));
            })
        .hasMessageContaining(l.digest().toString());
  }

  @Test
  void aMissingLayerIsRefusedNamingItsDigest() throws IOException {
    OciImageLayout layout =
        TestImages.image(
            tmp.resolve("image"), AMD64, OciLayerType.TAR, List.of(layer().file("a", "x")));
    OciImage image = layout.image(AMD64);
    OciDescriptor l = image.manifest().layers().get(0);
    Files.delete(layout.directory().resolve(l.digest().blobPath()));
    assertThatThrownBy(() -> OciImageRoot.into(tmp.resolve("root")).image(image).populate())
        .isInstanceOf(OciBlobException.class)
        .hasMessageContaining(l.digest() + " is missing");
  }

  @Test
  void anUnknownLayerMediaTypeIsRefusedNamingIt() {
    OciImageLayout layout = OciImageLayout.create(tmp.resolve("image"));
    OciDescriptor layer =
        layout.writeBlob("application/vnd.oci.image.layer.v1.tar+bzip2", new byte[] {1});
    OciImageConfig config =
        new OciImageConfig(
            AMD64, List.of(OciDigest.sha256(new byte[0])), List.of(), List.of(), List.of(), "", "");
    OciDescriptor c =
        layout.writeBlob(
            OciImageConfig.MEDIA_TYPE, config.toJson().getBytes(StandardCharsets.UTF_8));
    OciDescriptor m =
        layout.writeBlob(
            OciManifest.MEDIA_TYPE,
            new OciManifest(c, List.of(layer), Map.of()).toJson().getBytes(StandardCharsets.UTF_8));
    OciImage image = layout.withManifest(m).image(AMD64);
    assertThatThrownBy(() -> OciImageRoot.into(tmp.resolve("root")).image(image).populate())
        .isInstanceOf(OciException.class)
        .hasMessageContaining("layers[0].mediaType")
        .hasMessageContaining("tar+bzip2");
  }

  @Test
  void theEntryLimitAppliesToEachLayer() {
    OciImageLayout layout =
        TestImages.image(
            tmp.resolve("image"),
            AMD64,
            OciLayerType.TAR,
            List.of(layer().file("a", "1").file("b", "2").file("c", "3")));
    assertThatThrownBy(
            () ->
                OciImageRoot.into(tmp.resolve("root"))
                    .image(layout.image(AMD64))
                    .maxEntries(2)
                    .populate())
        .isInstanceOfSatisfying(
            RootLimitException.class, e -> assertThat(e.limit()).isEqualTo("maxEntries"))
        .hasMessageContaining("OciImageRoot.maxEntries(long)");
    assertThat(tmp.resolve("root")).isEmptyDirectory();
  }

  @Test
  void theByteLimitAppliesToEachLayer() {
    OciImageLayout layout =
        TestImages.image(
            tmp.resolve("image"),
            AMD64,
            OciLayerType.TAR_GZIP,
            List.of(layer().file("small", "x"), layer().file("big", "0".repeat(10_000))));
    assertThatThrownBy(
            () ->
                OciImageRoot.into(tmp.resolve("root"))
                    .image(layout.image(AMD64))
                    .maxUnpackedBytes(1000)
                    .populate())
        .isInstanceOfSatisfying(
            RootLimitException.class, e -> assertThat(e.limit()).isEqualTo("maxUnpackedBytes"))
        .hasMessageContaining("OciImageRoot.maxUnpackedBytes(long)");
    assertThat(tmp.resolve("root")).isEmptyDirectory();
  }

  @Test
  void aNonEmptyRootIsRefusedUnlessOverwriteIsAllowed() throws IOException {
    Files.createDirectories(tmp.resolve("root"));
    Files.writeString(tmp.resolve("root/old"), "old");
    OciImageLayout layout =
        TestImages.image(
            tmp.resolve("image"), AMD64, OciLayerType.TAR, List.of(layer().file("a", "1")));
    assertThatThrownBy(
            () -> OciImageRoot.into(tmp.resolve("root")).image(layout.image(AMD64)).populate())
        .isInstanceOf(org.jail4j.root.RootNotEmptyException.class);
    OciImageRoot.into(tmp.resolve("root")).image(layout.image(AMD64)).overwrite(true).populate();
    assertThat(tree()).containsExactly(entry("a", "644 1"), entry("old", "644 old"));
  }

  @Test
  void deviceNodesAreSkippedLikeInDistributionSets() throws IOException {
    RootReport r =
        build(OciLayerType.TAR, layer().dir("dev").charDevice("dev/mem").file("etc/ok", "ok"));
    assertThat(tmp.resolve("root/dev/mem")).doesNotExist();
    assertThat(r.sets().get(0).skipped()).extracting(s -> s.name()).containsExactly("dev/mem");
    assertThat(tree()).containsKey("etc/ok");
  }

  @Test
  void aBadWhiteoutNameIsRefused() {
    assertThatThrownBy(
            () -> build(OciLayerType.TAR, layer().file("a/b", "1"), layer().whiteout("a/.wh...")))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("a whiteout must name a file");
  }

  @Test
  void theRootIsAFullRootDirectory() {
    RootReport r = build(OciLayerType.TAR, layer().file("etc/rc.conf", ""));
    assertThat(r.root().kind()).isEqualTo(org.jail4j.root.JailRoot.Kind.FULL);
    assertThat(Files.isDirectory(r.root().path(), LinkOption.NOFOLLOW_LINKS)).isTrue();
  }
}
