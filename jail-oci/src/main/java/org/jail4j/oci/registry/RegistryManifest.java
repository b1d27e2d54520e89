package org.jail4j.oci.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jail4j.oci.OciDescriptor;
import org.jail4j.oci.OciDigest;
import org.jail4j.oci.OciException;
import org.jail4j.oci.OciPlatform;
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
  private final OciDigest digest;
  private final String mediaType;
  private final byte[] content;
  private final List<OciDescriptor> manifests;
  private final @Nullable OciDescriptor config;
  private final List<OciDescriptor> layers;

  private RegistryManifest(
      OciDigest digest,
      String mediaType,
      byte[] content,
      List<OciDescriptor> manifests,
      @Nullable OciDescriptor config,
      List<OciDescriptor> layers) {
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
    OciDigest digest = OciDigest.sha256(content);
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

  private static List<OciDescriptor> descriptors(String field, JsonNode root, String name) {
    JsonNode array = root.path(name);
    if (!array.isArray()) {
      throw new RegistryException(field, "the manifest has no \"" + name + "\" array");
    }
    List<OciDescriptor> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      out.add(descriptor(field + " " + name + "[" + i + "]", array.get(i)));
    }
    return List.copyOf(out);
  }

  private static OciDescriptor descriptor(String field, JsonNode n) {
    if (!n.isObject()
        || !n.path("mediaType").isTextual()
        || !n.path("digest").isTextual()
        || !n.path("size").canConvertToExactIntegral()) {
      throw new RegistryException(
          field, "a descriptor needs a mediaType, a digest and an integer size");
    }
    JsonNode p = n.path("platform");
    OciPlatform platform =
        p.isObject()
            ? new OciPlatform(
                p.path("os").asText(""),
                p.path("architecture").asText(""),
                p.path("variant").asText(""),
                p.path("os.version").asText(""),
                List.of())
            : null;
    try {
      return new OciDescriptor(
          n.path("mediaType").asText(),
          OciDigest.parse(n.path("digest").asText()),
          n.path("size").asLong(),
          platform,
          Map.of());
    } catch (OciException e) {
      throw new RegistryException(field, e.rule(), 0, e);
    }
  }

  /** The digest of the bytes as served. */
  public OciDigest digest() {
    return digest;
  }

  /** The media type, e.g. {@link org.jail4j.oci.OciIndex#MEDIA_TYPE}. */
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
  public List<OciDescriptor> manifests() {
    return manifests;
  }

  /**
   * The config blob of an image manifest.
   *
   * @throws IllegalStateException for an index
   */
  public OciDescriptor config() {
    if (config == null) {
      throw new IllegalStateException(digest + " is an index, which has no config");
    }
    return config;
  }

  /** The layers of an image manifest, in order; empty for an index. */
  public List<OciDescriptor> layers() {
    return layers;
  }

  /** This manifest as a descriptor (media type, digest, size). */
  public OciDescriptor descriptor() {
    return OciDescriptor.of(mediaType, digest, content.length);
  }
}
