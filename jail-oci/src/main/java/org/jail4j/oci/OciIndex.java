package org.jail4j.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.jail4j.oci.internal.ImageJson;
import org.jail4j.oci.internal.Json;

/**
 * An image index (image-spec {@code image-index}): an image layout's {@code index.json}, or a
 * multi-platform image's list of manifests, each with its platform.
 *
 * <pre>{@code
 * OciIndex index = OciIndex.parse("index.json", Files.readString(dir.resolve("index.json")));
 * index.manifests().forEach(d -> System.out.println(d.platform() + " " + d.digest()));
 * }</pre>
 *
 * @param manifests the manifests (and nested indexes), in order
 * @param annotations the index's annotations
 */
public record OciIndex(List<OciDescriptor> manifests, Map<String, String> annotations) {

  /** The media type of an image index. */
  public static final String MEDIA_TYPE = "application/vnd.oci.image.index.v1+json";

  /** Docker's manifest list, read like an image index. */
  public static final String DOCKER_MEDIA_TYPE =
      "application/vnd.docker.distribution.manifest.list.v2+json";

  /** Copies the parts. */
  public OciIndex {
    manifests = List.copyOf(manifests);
    annotations = Map.copyOf(annotations);
  }

  /**
   * Reads an image index.
   *
   * @param document the document's name in errors, e.g. {@code index.json}
   * @param json the JSON text
   * @return the index
   * @throws OciException naming the document and field for malformed JSON, a missing or mistyped
   *     field, a bad digest, or {@code schemaVersion} other than 2
   * @throws OciLimitException over {@link OciConfig#MAX_BYTES} or {@link OciConfig#MAX_DEPTH}
   */
  public static OciIndex parse(String document, String json) {
    ImageJson.Doc doc = ImageJson.parse(document, json);
    ImageJson r = doc.reader();
    JsonNode root = doc.root();
    r.header(root, "image index", MEDIA_TYPE, DOCKER_MEDIA_TYPE);
    return new OciIndex(r.descriptors(root, "manifests", "manifests"), r.annotations(root, ""));
  }

  /**
   * This index as JSON, the way image-spec writes it.
   *
   * @return the JSON text
   */
  public String toJson() {
    ObjectNode o = Json.object();
    o.put("schemaVersion", 2);
    o.put("mediaType", MEDIA_TYPE);
    ArrayNode a = o.putArray("manifests");
    manifests.forEach(d -> a.add(ImageJson.write(d)));
    if (!annotations.isEmpty()) {
      ObjectNode an = o.putObject("annotations");
      annotations.forEach(an::put);
    }
    return Json.write(o);
  }
}
