package org.jail4j.oci.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jail4j.oci.OciDescriptor;
import org.jail4j.oci.OciDigest;
import org.jail4j.oci.OciException;
import org.jail4j.oci.OciPlatform;
import org.jspecify.annotations.Nullable;

/**
 * Typed access to the image-spec documents (image index, image manifest, image config): every field
 * jail4j reads is checked for its JSON type, and an error names the document and the field, e.g.
 * {@code index.json:manifests[1].size}. Fields jail4j does not use are ignored, as image-spec asks
 * of readers ("unknown properties MUST be ignored").
 */
public final class ImageJson {
  private final String document;

  private ImageJson(String document) {
    this.document = document;
  }

  /**
   * A reader for one document.
   *
   * @param document its name in errors, e.g. {@code index.json} or {@code blobs/sha256/ab12...}
   * @param json the text
   * @return the reader and the parsed tree
   * @throws OciException for malformed JSON or a document that is not an object
   */
  public static Doc parse(String document, String json) {
    if (json.length() > Json.MAX_BYTES) {
      throw Json.tooBig(json.length());
    }
    JsonNode n;
    try {
      n = Json.read(json);
    } catch (org.jail4j.oci.OciLimitException e) {
      throw e;
    } catch (OciException e) {
      throw new OciException(document, e.rule(), e);
    }
    ImageJson r = new ImageJson(document);
    if (!n.isObject()) {
      throw r.error("", "must be a JSON object");
    }
    return new Doc(r, n);
  }

  /**
   * A parsed document and its reader.
   *
   * @param reader the reader naming the document in errors
   * @param root the document's object
   */
  public record Doc(ImageJson reader, JsonNode root) {}

  /**
   * Checks the header of an image-spec document: {@code schemaVersion} 2 and, when present, one of
   * the media types the document may carry.
   *
   * @param root the document's root object
   * @param what what the document is, in errors (e.g. {@code image index})
   * @param mediaTypes the media types it may declare
   * @throws OciException naming the schema version or media type field
   */
  public void header(JsonNode root, String what, String... mediaTypes) {
    JsonNode v = root.get("schemaVersion");
    if (v == null) {
      throw error("schemaVersion", "is required");
    }
    if (!v.isIntegralNumber() || v.asLong() != 2) {
      throw error("schemaVersion", "must be 2, got " + v);
    }
    String mediaType = text(root, "mediaType", "mediaType");
    if (mediaType != null && !java.util.Arrays.asList(mediaTypes).contains(mediaType)) {
      throw error("mediaType", "\"" + mediaType + "\" is not an " + what);
    }
  }

  /** An error naming this document's field. */
  public OciException error(String field, String rule) {
    return new OciException(field.isEmpty() ? document : document + ":" + field, rule);
  }

  /** An optional string field. */
  public @Nullable String text(JsonNode n, String key, String field) {
    JsonNode v = n.get(key);
    if (v == null) {
      return null;
    }
    if (!v.isTextual()) {
      throw error(field, "must be a string");
    }
    return v.asText();
  }

  /** A required string field. */
  public String required(JsonNode n, String key, String field) {
    String v = text(n, key, field);
    if (v == null) {
      throw error(field, "is required");
    }
    return v;
  }

  /** An optional array of strings, empty when absent or null. */
  public List<String> strings(JsonNode n, String key, String field) {
    JsonNode v = n.get(key);
    List<String> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isArray()) {
      throw error(field, "must be an array of strings");
    }
    for (int i = 0; i < v.size(); i++) {
      if (!v.get(i).isTextual()) {
        throw error(field + "[" + i + "]", "must be a string");
      }
      out.add(v.get(i).asText());
    }
    return out;
  }

  /** An optional object of string values. */
  public Map<String, String> annotations(JsonNode n, String field) {
    JsonNode v = n.get("annotations");
    Map<String, String> out = new LinkedHashMap<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isObject()) {
      throw error(field + "annotations", "must be an object of strings");
    }
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      if (!e.getValue().isTextual()) {
        throw error(field + "annotations." + e.getKey(), "must be a string");
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  /** A required array of descriptors. */
  public List<OciDescriptor> descriptors(JsonNode n, String key, String field) {
    JsonNode v = n.get(key);
    if (v == null) {
      throw error(field, "is required");
    }
    if (!v.isArray()) {
      throw error(field, "must be an array of descriptors");
    }
    List<OciDescriptor> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      out.add(descriptor(v.get(i), field + "[" + i + "]"));
    }
    return out;
  }

  /** A descriptor: {@code mediaType}, {@code digest}, {@code size}, optional platform. */
  public OciDescriptor descriptor(@Nullable JsonNode d, String field) {
    if (d == null) {
      throw error(field, "is required");
    }
    if (!d.isObject()) {
      throw error(field, "must be a descriptor object");
    }
    String mediaType = required(d, "mediaType", field + ".mediaType");
    String digestText = required(d, "digest", field + ".digest");
    OciDigest digest;
    try {
      digest = OciDigest.parse(digestText);
    } catch (OciException e) {
      throw error(field + ".digest", e.rule());
    }
    JsonNode size = d.get("size");
    if (size == null) {
      throw error(field + ".size", "is required");
    }
    if (!size.isIntegralNumber() || !size.canConvertToLong() || size.asLong() < 0) {
      throw error(field + ".size", "must be an integer of at least 0");
    }
    JsonNode p = d.get("platform");
    OciPlatform platform = p == null || p.isNull() ? null : platform(p, field + ".platform");
    return new OciDescriptor(
        mediaType, digest, size.asLong(), platform, annotations(d, field + "."));
  }

  /** A platform object (a descriptor's, or the fields of an image config). */
  public OciPlatform platform(JsonNode p, String field) {
    if (!p.isObject()) {
      throw error(field, "must be an object");
    }
    String prefix = field.isEmpty() ? "" : field + ".";
    return new OciPlatform(
        required(p, "os", prefix + "os"),
        required(p, "architecture", prefix + "architecture"),
        orEmpty(text(p, "variant", prefix + "variant")),
        orEmpty(text(p, "os.version", prefix + "os.version")),
        strings(p, "os.features", prefix + "os.features"));
  }

  private static String orEmpty(@Nullable String s) {
    return s == null ? "" : s;
  }

  /** A descriptor as JSON, the way image-spec writes one. */
  public static ObjectNode write(OciDescriptor d) {
    ObjectNode o = Json.object();
    o.put("mediaType", d.mediaType());
    o.put("digest", d.digest().toString());
    o.put("size", d.size());
    OciPlatform p = d.platform();
    if (p != null) {
      ObjectNode po = o.putObject("platform");
      po.put("architecture", p.architecture());
      po.put("os", p.os());
      if (!p.osVersion().isEmpty()) {
        po.put("os.version", p.osVersion());
      }
      if (!p.osFeatures().isEmpty()) {
        po.set("os.features", Json.strings(p.osFeatures()));
      }
      if (!p.variant().isEmpty()) {
        po.put("variant", p.variant());
      }
    }
    if (!d.annotations().isEmpty()) {
      ObjectNode a = o.putObject("annotations");
      d.annotations().forEach(a::put);
    }
    return o;
  }
}
