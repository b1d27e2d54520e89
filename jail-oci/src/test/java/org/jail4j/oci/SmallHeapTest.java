package org.jail4j.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.jail4j.root.RootLimitException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OCI parsers and the layer extraction fed pathological input, run by the {@code small-heap}
 * Surefire execution in a JVM with {@code -Xmx256m} and a 256 KiB thread stack (and by the normal
 * execution too): JSON nested a million deep, documents at and over the size bound, a manifest of a
 * hundred thousand layers, and a layer that unpacks to more than the heap. Each ends in a typed
 * error or a result, never an {@link OutOfMemoryError} or {@link StackOverflowError}.
 */
@Tag("small-heap")
class SmallHeapTest {
  static final long MIB = 1 << 20;
  static final String DIGEST = "sha256:" + "a".repeat(64);

  @TempDir Path tmp;

  static String nested(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  @Test
  void ociConfigNestedAMillionDeep() {
    String json = "{\"ociVersion\":\"1.3.0\",\"x\":" + nested(1_000_000) + "}";
    assertThatThrownBy(() -> OciConfig.parse(json))
        .isInstanceOfSatisfying(
            OciLimitException.class, e -> assertThat(e.limit()).isEqualTo("depth"));
  }

  @Test
  void manifestIndexAndImageConfigNestedAMillionDeep() {
    String json = "{\"schemaVersion\":2,\"layers\":" + nested(1_000_000) + "}";
    assertThatThrownBy(() -> OciManifest.parse("manifest", json))
        .isInstanceOf(OciLimitException.class);
    assertThatThrownBy(() -> OciIndex.parse("index.json", json))
        .isInstanceOf(OciLimitException.class);
    assertThatThrownBy(() -> OciImageConfig.parse("config", json))
        .isInstanceOf(OciLimitException.class);
  }

  @Test
  void documentsOneByteOverTheSizeBound() {
    String json = "{\"a\":\"" + "x".repeat(OciConfig.MAX_BYTES) + "\"}";
    assertThatThrownBy(() -> OciConfig.parse(json)).isInstanceOf(OciLimitException.class);
    assertThatThrownBy(() -> OciManifest.parse("manifest", json))
        .isInstanceOf(OciLimitException.class);
  }

  @Test
  void manifestOfAHundredThousandLayers() {
    StringBuilder sb = new StringBuilder("{\"schemaVersion\":2,\"config\":");
    String d =
        "{\"mediaType\":\""
            + OciLayerType.TAR_GZIP.mediaType()
            + "\",\"digest\":\""
            + DIGEST
            + "\",\"size\":1}";
    sb.append(d).append(",\"layers\":[");
    for (int i = 0; i < 100_000; i++) {
      sb.append(i == 0 ? "" : ",").append(d);
    }
    sb.append("]}");
    try {
      OciManifest m = OciManifest.parse("manifest", sb.toString());
      assertThat(m.layers()).hasSize(100_000);
    } catch (OciException e) {
      // a bound on the layer count is as good an answer as the parsed manifest
      assertThat(e).isInstanceOf(OciLimitException.class);
    }
  }

  @Test
  void aLayerThatUnpacksToMoreThanTheHeap() throws IOException, NoSuchAlgorithmException {
    // 400 MiB of zeros in one tar entry, gzip-compressed to about 400 KB, never held in memory
    MessageDigest tarDigest = MessageDigest.getInstance("SHA-256");
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(gz);
        OutputStream counted = new DigestOutputStream(z, tarDigest);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(counted, "UTF-8")) {
      TarArchiveEntry e = new TarArchiveEntry("zeros");
      e.setSize(400 * MIB);
      tar.putArchiveEntry(e);
      byte[] zeros = new byte[1 << 16];
      for (long n = 0; n < 400 * MIB; n += zeros.length) {
        tar.write(zeros);
      }
      tar.closeArchiveEntry();
      tar.finish();
    }
    OciPlatform amd64 = OciPlatform.freebsd("amd64");
    OciImageLayout layout = OciImageLayout.create(tmp.resolve("image"));
    OciDescriptor layer = layout.writeBlob(OciLayerType.TAR_GZIP.mediaType(), gz.toByteArray());
    OciDigest diffId = OciDigest.parse("sha256:" + HexFormat.of().formatHex(tarDigest.digest()));
    OciImageConfig config =
        new OciImageConfig(amd64, List.of(diffId), List.of(), List.of(), List.of(), "/", "");
    OciDescriptor c =
        layout.writeBlob(
            OciImageConfig.MEDIA_TYPE, config.toJson().getBytes(StandardCharsets.UTF_8));
    OciDescriptor m =
        layout.writeBlob(
            OciManifest.MEDIA_TYPE,
            new OciManifest(c, List.of(layer), Map.of()).toJson().getBytes(StandardCharsets.UTF_8));
    layout =
        layout.withManifest(
            new OciDescriptor(m.mediaType(), m.digest(), m.size(), amd64, Map.of()));
    OciImage image = layout.image(amd64);
    Path root = tmp.resolve("root");
    assertThatThrownBy(
            () -> OciImageRoot.into(root).image(image).maxUnpackedBytes(300 * MIB).populate())
        .isInstanceOf(RootLimitException.class)
        .hasMessageContaining("maxUnpackedBytes is " + 300 * MIB);
    assertThat(root.resolve("zeros")).doesNotExist();
  }
}
