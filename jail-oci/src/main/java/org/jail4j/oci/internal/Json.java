package org.jail4j.oci.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.jail4j.oci.OciException;
import org.jail4j.oci.OciLimitException;

/** The one Jackson mapper of jail4j OCI: bounded reading, strict syntax, pretty writing. */
public final class Json {
  /** The largest configuration read: 16 MiB of UTF-8. */
  public static final int MAX_BYTES = 16 * 1024 * 1024;

  /** The deepest nesting of JSON objects and arrays read. */
  public static final int MAX_DEPTH = 64;

  private static final ObjectMapper MAPPER =
      new ObjectMapper(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(MAX_DEPTH)
                          .maxStringLength(MAX_BYTES)
                          .maxNumberLength(64)
                          .build())
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Json() {}

  /** A new empty object. */
  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** A new array of strings. */
  public static ArrayNode strings(List<String> items) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    items.forEach(a::add);
    return a;
  }

  /**
   * Parses JSON text, within the limits.
   *
   * @throws OciException for malformed JSON, naming line and column
   * @throws OciLimitException for nesting deeper than {@link #MAX_DEPTH}
   */
  public static JsonNode read(String json) {
    try {
      JsonNode n = MAPPER.readTree(json);
      if (n == null || n.isMissingNode()) {
        throw new OciException("config", "empty document: a config is a JSON object");
      }
      return n;
    } catch (StreamConstraintsException e) {
      if (String.valueOf(e.getOriginalMessage()).contains("nesting depth")) {
        throw new OciLimitException(
            "depth", MAX_DEPTH, "objects and arrays nested deeper than " + MAX_DEPTH + " levels");
      }
      throw new OciException("config", "over a reader limit: " + e.getOriginalMessage(), e);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new OciException("config", "malformed JSON" + where + ": " + e.getOriginalMessage(), e);
    }
  }

  /** The limit error for a document of {@code size} bytes or characters. */
  public static OciLimitException tooBig(long size) {
    return new OciLimitException(
        "size",
        MAX_BYTES,
        "the document is " + size + " bytes; the limit is " + MAX_BYTES + " (16 MiB)");
  }

  /** Pretty JSON text. */
  public static String write(JsonNode node) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new OciException("config", "cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** A JSON array of strings as annotation text. */
  public static String stringArray(List<String> items) {
    try {
      return MAPPER.writeValueAsString(strings(items));
    } catch (JsonProcessingException e) {
      throw new OciException("annotations", "cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * An annotation's JSON array of strings.
   *
   * @throws OciException naming the annotation when the text is not such an array
   */
  public static List<String> parseStringArray(String field, String text) {
    JsonNode n;
    try {
      n = read(text);
    } catch (OciException e) {
      throw new OciException(field, "is not a JSON array of strings: " + e.rule(), e);
    }
    if (!n.isArray()) {
      throw new OciException(field, "must be a JSON array of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : n) {
      if (!item.isTextual()) {
        throw new OciException(field, "must be a JSON array of strings");
      }
      out.add(item.asText());
    }
    return out;
  }
}
