package org.jail4j.oci.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.jail4j.oci.OciException;
import org.jail4j.oci.internal.Json;
import org.jspecify.annotations.Nullable;

/**
 * The files of an OCI image layout other than blobs: {@code oci-layout} and {@code index.json},
 * where each pull adds (or replaces, for the same tag) one entry.
 */
final class LayoutWriter {
  /** The annotation naming a layout entry's tag (image-spec, annotations). */
  static final String REF_NAME = "org.opencontainers.image.ref.name";

  private LayoutWriter() {}

  /** The blob folder of a layout. */
  static Path blobs(Path layout) {
    return layout.resolve("blobs");
  }

  /**
   * Writes {@code oci-layout} when missing and records {@code entry} in {@code index.json}.
   *
   * @param tag the tag to name the entry with, or null (pulled by digest)
   */
  static void record(Path layout, Descriptor entry, @Nullable String tag) throws IOException {
    Path marker = layout.resolve("oci-layout");
    if (!Files.exists(marker)) {
      ObjectNode o = Json.object().put("imageLayoutVersion", "1.0.0");
      replace(marker, Json.write(o));
    }
    Path indexFile = layout.resolve("index.json");
    ArrayNode kept = Json.object().arrayNode();
    if (Files.isRegularFile(indexFile)) {
      JsonNode old;
      try {
        old = Json.read(Files.readString(indexFile, StandardCharsets.UTF_8));
      } catch (OciException e) {
        throw new RegistryException(
            indexFile.toString(), "the layout's index.json is not valid JSON: " + e.rule(), 0, e);
      }
      for (JsonNode m : old.path("manifests")) {
        String name = m.path("annotations").path(REF_NAME).asText("");
        boolean same =
            tag != null
                ? name.equals(tag)
                : name.isEmpty() && m.path("digest").asText("").equals(entry.digest().toString());
        if (!same) {
          kept.add(m);
        }
      }
    }
    ObjectNode e =
        Json.object()
            .put("mediaType", entry.mediaType())
            .put("digest", entry.digest().toString())
            .put("size", entry.size());
    if (tag != null) {
      e.putObject("annotations").put(REF_NAME, tag);
    }
    kept.add(e);
    ObjectNode index = Json.object().put("schemaVersion", 2).put("mediaType", MediaType.OCI_INDEX);
    index.set("manifests", kept);
    replace(indexFile, Json.write(index));
  }

  /** Writes a file through a temporary sibling and an atomic rename. */
  static void replace(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
