package org.jail4j.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jail4j.oci.TestImages.layer;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading image layouts: platform choice, nested indexes, schemas, blob checks. */
class OciImageLayoutTest {
  static final OciPlatform AMD64 = OciPlatform.freebsd("amd64");
  static final OciPlatform LINUX = new OciPlatform("linux", "amd64", "", "", List.of());

  @TempDir Path tmp;

  private OciImageLayout twoPlatforms() {
    OciImageLayout layout = OciImageLayout.create(tmp.resolve("image"));
    for (OciPlatform p : List.of(LINUX, AMD64)) {
      OciDescriptor m =
          TestImages.writeImage(layout, p, OciLayerType.TAR, List.of(layer().file("os", p.os())));
      layout =
          layout.withManifest(new OciDescriptor(m.mediaType(), m.digest(), m.size(), p, Map.of()));
    }
    return layout;
  }

  @Test
  void theManifestForFreebsdAndTheArchitectureIsChosen() {
    OciImage image = twoPlatforms().image(AMD64);
    assertThat(image.config().platform().os()).isEqualTo("freebsd");
    assertThat(image.descriptor().platform()).isEqualTo(AMD64);
    assertThat(image.config().command()).containsExactly("/bin/sh");
  }

  @Test
  void noMatchingPlatformListsWhatTheIndexHas() {
    OciImageLayout layout = twoPlatforms();
    assertThatThrownBy(() -> layout.image(OciPlatform.freebsd("arm64")))
        .isInstanceOfSatisfying(
            OciPlatformException.class,
            e -> {
              assertThat(e.requested()).isEqualTo(OciPlatform.freebsd("arm64"));
              assertThat(e.available()).hasSize(2);
            })
        .hasMessageContaining("no image for freebsd/arm64")
        .hasMessageContaining("linux/amd64 (sha256:")
        .hasMessageContaining("freebsd/amd64 (sha256:");
  }

  @Test
  void aManifestListedWithoutPlatformIsJudgedByItsConfig() {
    OciImageLayout layout = OciImageLayout.create(tmp.resolve("image"));
    OciDescriptor m =
        TestImages.writeImage(layout, LINUX, OciLayerType.TAR, List.of(layer().file("a", "1")));
    OciImageLayout listed = layout.withManifest(m);
    assertThatThrownBy(() -> listed.image(AMD64))
        .isInstanceOf(OciPlatformException.class)
        .hasMessageContaining("linux/amd64");
  }

  @Test
  void nestedIndexesAreFollowed() {
    OciImageLayout layout = OciImageLayout.create(tmp.resolve("image"));
    OciDescriptor m =
        TestImages.writeImage(layout, AMD64, OciLayerType.TAR, List.of(layer().file("a", "1")));
    OciIndex inner =
        new OciIndex(
            List.of(new OciDescriptor(m.mediaType(), m.digest(), m.size(), AMD64, Map.of())),
            Map.of());
    OciDescriptor i =
        layout.writeBlob(OciIndex.MEDIA_TYPE, inner.toJson().getBytes(StandardCharsets.UTF_8));
    OciImage image = layout.withManifest(i).image(AMD64);
    assertThat(image.descriptor().digest()).isEqualTo(m.digest());
  }

  @Test
  void everyDocumentJail4jWritesValidatesAgainstTheImageSpecSchemas() {
    Path schemas = imageSchemas();
    OciImage image = twoPlatforms().validatingWith(schemas).image(AMD64);
    assertThat(image.manifest().layers()).hasSize(1);
  }

  @Test
  void aDocumentTheSchemaRefusesIsRefusedNamingItsBlob() {
    Path schemas = imageSchemas();
    OciImageLayout layout = OciImageLayout.create(tmp.resolve("image"));
    OciDescriptor badConfig =
        layout.writeBlob("not a media type", "{}".getBytes(StandardCharsets.UTF_8));
    OciDescriptor m =
        layout.writeBlob(
            OciManifest.MEDIA_TYPE,
            new OciManifest(badConfig, List.of(), Map.of())
                .toJson()
                .getBytes(StandardCharsets.UTF_8));
    OciImageLayout listed =
        layout
            .withManifest(new OciDescriptor(m.mediaType(), m.digest(), m.size(), AMD64, Map.of()))
            .validatingWith(schemas);
    assertThatThrownBy(() -> listed.image(AMD64))
        .isInstanceOf(OciException.class)
        .hasMessageContaining(m.digest().blobPath())
        .hasMessageContaining("not valid against the image-spec schema");
  }

  @Test
  void writeBlobRefusesContentOfAnotherDigestAndStoresNothing() throws Exception {
    OciImageLayout layout = OciImageLayout.create(tmp.resolve("image"));
    byte[] content = "layer".getBytes(StandardCharsets.UTF_8);
    OciDescriptor claimed =
        OciDescriptor.of(OciLayerType.TAR.mediaType(), OciDigest.sha256(new byte[5]), 5);
    assertThatThrownBy(() -> layout.writeBlob(claimed, new ByteArrayInputStream(content)))
        .isInstanceOfSatisfying(
            OciBlobException.class, e -> assertThat(e.problem()).isEqualTo("digest"));
    try (var s = Files.list(layout.directory().resolve("blobs/sha256"))) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void writeBlobStopsReadingPastTheDescriptorsSize() {
    OciImageLayout layout = OciImageLayout.create(tmp.resolve("image"));
    OciDescriptor claimed =
        OciDescriptor.of(OciLayerType.TAR.mediaType(), OciDigest.sha256(new byte[4]), 4);
    assertThatThrownBy(() -> layout.writeBlob(claimed, new ByteArrayInputStream(new byte[1 << 20])))
        .isInstanceOfSatisfying(
            OciBlobException.class,
            e -> {
              assertThat(e.problem()).isEqualTo("size");
              assertThat(e.found()).isEqualTo("5");
            });
  }

  @Test
  void aDirectoryWithoutOciLayoutIsRefused() {
    assertThatThrownBy(() -> OciImageLayout.open(tmp))
        .isInstanceOf(OciException.class)
        .hasMessageContaining("oci-layout: missing");
  }

  @Test
  void malformedDocumentsNameTheirFile() throws Exception {
    OciImageLayout layout = OciImageLayout.create(tmp.resolve("image"));
    Files.writeString(
        layout.directory().resolve("index.json"),
        "{\"schemaVersion\": 2, \"manifests\": [{\"mediaType\": \"x\", \"digest\": \"sha256:zz\", \"size\": 1}]}");
    assertThatThrownBy(() -> OciImageLayout.open(layout.directory()))
        .isInstanceOf(OciException.class)
        .hasMessageContaining("index.json:manifests[0].digest");
  }

  @Test
  void aDocumentHeaderIsCheckedByKind() {
    String manifest =
        "{\"schemaVersion\": 2, \"mediaType\": \""
            + OciManifest.MEDIA_TYPE
            + "\", \"manifests\": []}";
    assertThatThrownBy(() -> OciIndex.parse("index.json", manifest))
        .isInstanceOf(OciException.class)
        .hasMessageContaining("mediaType")
        .hasMessageContaining("is not an image index");
    String index = "{\"schemaVersion\": 2, \"mediaType\": \"" + OciIndex.MEDIA_TYPE + "\"}";
    assertThatThrownBy(() -> OciManifest.parse("m.json", index))
        .isInstanceOf(OciException.class)
        .hasMessageContaining("is not an image manifest");
    assertThatThrownBy(() -> OciManifest.parse("m.json", "{\"layers\": []}"))
        .isInstanceOf(OciException.class)
        .hasMessageContaining("schemaVersion")
        .hasMessageContaining("is required");
    assertThatThrownBy(
            () -> OciIndex.parse("index.json", "{\"schemaVersion\": 1, \"manifests\": []}"))
        .isInstanceOf(OciException.class)
        .hasMessageContaining("must be 2, got 1");
    assertThat(
            OciIndex.parse(
                    "index.json",
                    "{\"schemaVersion\": 2, \"mediaType\": \""
                        + OciIndex.DOCKER_MEDIA_TYPE
                        + "\", \"manifests\": []}")
                .manifests())
        .isEmpty();
  }

  private static Path imageSchemas() {
    Path p = OciReference.oci().resolve("image-spec/schema");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isDirectory(p), "the image-spec schemas are missing: " + p);
    return p;
  }
}
