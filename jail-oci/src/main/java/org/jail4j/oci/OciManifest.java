package org.jail4j.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.jail4j.oci.internal.ImageJson;
import org.jail4j.oci.internal.Json;

/**
 * An image manifest (image-spec {@code image-manifest}): the image's config blob and its layers,
 * applied in order to build the root file system.
 *
 * <pre>{@code
 * OciManifest m = OciManifest.parse("manifest", json);
 * for (OciDescriptor layer : m.layers()) { ... }
 * }</pre>
 *
 * @param config the image config's descriptor
 * @param layers the layers, lowest first
 * @param annotations the manifest's annotations
 */
public record OciManifest(
    OciDescriptor config, List<OciDescriptor> layers, Map<String, String> annotations) {

  /** The media type of an image manifest. */
  public static final String MEDIA_TYPE = "application/vnd.oci.image.manifest.v1+json";

  /** Docker's image manifest (schema 2), read like an image manifest. */
  public static final String DOCKER_MEDIA_TYPE =
      "application/vnd.docker.distribution.manifest.v2+json";

  /** Copies the parts. */
  public OciManifest {
    layers = List.copyOf(layers);
    annotations = Map.copyOf(annotations);
  }

  /**
   * Reads an image manifest.
   *
   * @param document the document's name in errors
   * @param json the JSON text
   * @return the manifest
   * @throws OciException naming the document and field for malformed JSON, a missing or mistyped
   *     field, a bad digest, or {@code schemaVersion} other than 2
   * @throws OciLimitException over {@link OciConfig#MAX_BYTES} or {@link OciConfig#MAX_DEPTH}
   */
  public static OciManifest parse(String document, String json) {
    ImageJson.Doc doc = ImageJson.parse(document, json);
    ImageJson r = doc.reader();
    JsonNode root = doc.root();
    r.header(root, "image manifest", MEDIA_TYPE, DOCKER_MEDIA_TYPE);
    return new OciManifest(
        r.descriptor(root.get("config"), "config"),
        r.descriptors(root, "layers", "layers"),
        r.annotations(root, ""));
  }

  /**
   * This manifest as JSON, the way image-spec writes it.
   *
   * @return the JSON text
   */
  public String toJson() {
    ObjectNode o = Json.object();
    o.put("schemaVersion", 2);
    o.put("mediaType", MEDIA_TYPE);
    o.set("config", ImageJson.write(config));
    ArrayNode a = o.putArray("layers");
    layers.forEach(d -> a.add(ImageJson.write(d)));
    if (!annotations.isEmpty()) {
      ObjectNode an = o.putObject("annotations");
      annotations.forEach(an::put);
    }
    return Json.write(o);
  }
}
