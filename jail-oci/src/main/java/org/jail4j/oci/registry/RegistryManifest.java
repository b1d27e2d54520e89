package org.jail4j.oci.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jail4j.oci.OciException;
import org.jail4j.oci.internal.Json;
import org.jspecify.annotations.Nullable;

/**
 * A manifest or image index as the registry served it: the exact bytes (its digest is theirs), the
 * media type, and the descriptors it lists.
 *
 * <pre>{@code
 * RegistryManifest m = client.manifest("freebsd/base", "14.3");
 * if (m.isIndex()) {
 *   m.manifests().forEach(d -> System.out.println(d.platform() + " " + d.digest()));
 * } else {
 *   System.out.println(m.config().digest() + " + " + m.layers().size() + " layers");
 * }
 * }</pre>
 */
public final class RegistryManifest {
  private final Digest digest;
  private final String mediaType;
  private final byte[] content;
  private final List<Descriptor> manifests;
  private final @Nullable Descriptor config;
  private final List<Descriptor> layers;

  private RegistryManifest(
      Digest digest,
      String mediaType,
      byte[] content,
      List<Descriptor> manifests,
      @Nullable Descriptor config,
      List<Descriptor> layers) {
    this.digest = digest;
    this.mediaType = mediaType;
    this.content = content;
    this.manifests = manifests;
    this.config = config;
    this.layers = layers;
  }

  /**
   * Reads a manifest or index.
   *
   * @param field the reference, for errors
   * @param content the bytes as served
   * @param contentType the response's {@code Content-Type}, used when the document has no {@code
   *     mediaType}, or null
   * @return the manifest, with the digest of {@code content}
   * @throws RegistryException naming {@code field} when it is not JSON, not a known manifest type,
   *     or a descriptor is malformed
   */
  static RegistryManifest parse(String field, byte[] content, @Nullable String contentType) {
    JsonNode root;
    try {
      root = Json.read(new String(content, StandardCharsets.UTF_8));
    } catch (OciException e) {
      throw new RegistryException(field, "the manifest is not valid JSON: " + e.rule(), 0, e);
    }
    if (!root.isObject()) {
      throw new RegistryException(field, "the manifest is not a JSON object");
    }
    String type = root.path("mediaType").asText("");
    if (type.isEmpty() && contentType != null) {
      type = contentType.split(";", 2)[0].trim();
    }
    if (!MediaType.MANIFESTS.contains(type)) {
      throw new RegistryException(
          field,
          "media type \"" + type + "\" is not a manifest type jail4j reads " + MediaType.MANIFESTS);
    }
    Digest digest = Digest.sha256(content);
    if (MediaType.isIndex(type)) {
      return new RegistryManifest(
          digest, type, content, descriptors(field, root, "manifests"), null, List.of());
    }
    return new RegistryManifest(
        digest,
        type,
        content,
        List.of(),
        descriptor(field + " config", root.path("config")),
        descriptors(field, root, "layers"));
  }

  private static List<Descriptor> descriptors(String field, JsonNode root, String name) {
    JsonNode array = root.path(name);
    if (!array.isArray()) {
      throw new RegistryException(field, "the manifest has no \"" + name + "\" array");
    }
    List<Descriptor> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      out.add(descriptor(field + " " + name + "[" + i + "]", array.get(i)));
    }
    return List.copyOf(out);
  }

  private static Descriptor descriptor(String field, JsonNode n) {
    if (!n.isObject()
        || !n.path("mediaType").isTextual()
        || !n.path("digest").isTextual()
        || !n.path("size").canConvertToExactIntegral()) {
      throw new RegistryException(
          field, "a descriptor needs a mediaType, a digest and an integer size");
    }
    JsonNode p = n.path("platform");
    Descriptor.Platform platform =
        p.isObject()
            ? new Descriptor.Platform(
                p.path("os").asText(""),
                p.path("architecture").asText(""),
                p.path("variant").isTextual() ? p.path("variant").asText() : null)
            : null;
    try {
      return new Descriptor(
          n.path("mediaType").asText(),
          Digest.parse(n.path("digest").asText()),
          n.path("size").asLong(),
          platform);
    } catch (RegistryException e) {
      throw new RegistryException(field, e.rule(), 0, e);
    }
  }

  /** The digest of the bytes as served. */
  public Digest digest() {
    return digest;
  }

  /** The media type, e.g. {@link MediaType#OCI_INDEX}. */
  public String mediaType() {
    return mediaType;
  }

  /** The manifest's length in bytes. */
  public long size() {
    return content.length;
  }

  /** A copy of the bytes as served. */
  public byte[] content() {
    return content.clone();
  }

  /** Whether this is an index (OCI image index or Docker manifest list). */
  public boolean isIndex() {
    return MediaType.isIndex(mediaType);
  }

  /** The manifests of an index, with their platforms; empty for an image manifest. */
  public List<Descriptor> manifests() {
    return manifests;
  }

  /**
   * The config blob of an image manifest.
   *
   * @throws IllegalStateException for an index
   */
  public Descriptor config() {
    if (config == null) {
      throw new IllegalStateException(digest + " is an index, which has no config");
    }
    return config;
  }

  /** The layers of an image manifest, in order; empty for an index. */
  public List<Descriptor> layers() {
    return layers;
  }

  /** This manifest as a descriptor (media type, digest, size). */
  public Descriptor descriptor() {
    return new Descriptor(mediaType, digest, content.length, null);
  }
}
