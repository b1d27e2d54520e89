package org.jail4j.oci.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.jail4j.oci.OciDescriptor;
import org.jail4j.oci.OciDigest;
import org.jail4j.oci.OciImageConfig;
import org.jail4j.oci.OciIndex;
import org.jail4j.oci.OciLayerType;
import org.jail4j.oci.OciManifest;

/**
 * Generated images pushed to the test registry: gzip layers of seeded random content, an image
 * config for {@code freebsd/ARCH}, the OCI manifest, and indexes over several of them.
 */
final class TestImages {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A pushed image: its manifest and the blobs under it. */
  record Image(
      OciDescriptor manifest,
      OciDescriptor config,
      List<OciDescriptor> layers,
      List<byte[]> layerBytes) {}

  /** The media types of an image: OCI, or the Docker v2 (schema 2) equivalents. */
  enum Flavour {
    OCI(
        OciManifest.MEDIA_TYPE,
        OciIndex.MEDIA_TYPE,
        OciImageConfig.MEDIA_TYPE,
        OciLayerType.TAR_GZIP.mediaType()),
    DOCKER(
        OciManifest.DOCKER_MEDIA_TYPE,
        OciIndex.DOCKER_MEDIA_TYPE,
        "application/vnd.docker.container.image.v1+json",
        "application/vnd.docker.image.rootfs.diff.tar.gzip");

    final String manifest;
    final String index;
    final String config;
    final String layer;

    Flavour(String manifest, String index, String config, String layer) {
      this.manifest = manifest;
      this.index = index;
      this.config = config;
      this.layer = layer;
    }
  }

  private TestImages() {}

  /** Seeded random bytes, gzip-compressed. */
  static byte[] layer(long seed, int size) {
    byte[] raw = new byte[size];
    new Random(seed).nextBytes(raw);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(raw);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Pushes {@code layers} layers, a config and a manifest for freebsd/{@code arch}, tagged. */
  static Image push(
      RegistryClient client, String repo, String tag, String arch, long seed, int layers)
      throws IOException {
    return push(client, repo, tag, arch, seed, layers, Flavour.OCI);
  }

  /** As {@link #push(RegistryClient, String, String, String, long, int)}, with these types. */
  static Image push(
      RegistryClient client,
      String repo,
      String tag,
      String arch,
      long seed,
      int layers,
      Flavour flavour)
      throws IOException {
    List<OciDescriptor> descriptors = new ArrayList<>();
    List<byte[]> bytes = new ArrayList<>();
    for (int i = 0; i < layers; i++) {
      byte[] b = layer(seed * 100 + i, 20_000 + 7_000 * i);
      bytes.add(b);
      descriptors.add(client.pushBlob(repo, flavour.layer, b));
    }
    ObjectNode config = JSON.createObjectNode().put("architecture", arch).put("os", "freebsd");
    ObjectNode rootfs = config.putObject("rootfs").put("type", "layers");
    ArrayNode diffIds = rootfs.putArray("diff_ids");
    for (byte[] b : bytes) {
      diffIds.add(OciDigest.sha256(b).toString()); // not the uncompressed digest: unused here
    }
    OciDescriptor cfg = client.pushBlob(repo, flavour.config, JSON.writeValueAsBytes(config));
    ObjectNode manifest =
        JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", flavour.manifest);
    manifest.set("config", descriptor(cfg));
    ArrayNode l = manifest.putArray("layers");
    descriptors.forEach(d -> l.add(descriptor(d)));
    OciDescriptor m =
        client.pushManifest(repo, tag, flavour.manifest, JSON.writeValueAsBytes(manifest));
    return new Image(m, cfg, descriptors, bytes);
  }

  /** Pushes an index over images of the given architectures. */
  static OciDescriptor pushIndex(
      RegistryClient client, String repo, String tag, List<Image> images, List<String> archs)
      throws IOException {
    return pushIndex(client, repo, tag, images, archs, Flavour.OCI);
  }

  /** As {@link #pushIndex(RegistryClient, String, String, List, List)}, with these types. */
  static OciDescriptor pushIndex(
      RegistryClient client,
      String repo,
      String tag,
      List<Image> images,
      List<String> archs,
      Flavour flavour)
      throws IOException {
    ObjectNode index =
        JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", flavour.index);
    ArrayNode ms = index.putArray("manifests");
    for (int i = 0; i < images.size(); i++) {
      ObjectNode d = descriptor(images.get(i).manifest());
      d.putObject("platform").put("os", "freebsd").put("architecture", archs.get(i));
      ms.add(d);
    }
    return client.pushManifest(repo, tag, flavour.index, JSON.writeValueAsBytes(index));
  }

  static ObjectNode descriptor(OciDescriptor d) {
    return JSON.createObjectNode()
        .put("mediaType", d.mediaType())
        .put("digest", d.digest().toString())
        .put("size", d.size());
  }
}
