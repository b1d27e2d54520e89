package org.jail4j.oci;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jail4j.oci.internal.Json;
import org.jspecify.annotations.Nullable;

/**
 * An OCI JSON schema loaded from a folder of the specification's schema files (they refer to each
 * other by relative {@code $ref}, so the whole folder is needed), validating documents with the
 * networknt JSON-Schema validator. jail4j does not ship the schema files: give the folder of the
 * runtime-spec release you target.
 *
 * <pre>{@code
 * OciSchema schema = OciSchema.runtimeConfig(Path.of("runtime-spec/schema"));
 * List<String> problems = schema.problems(json); // empty when valid
 * }</pre>
 */
public final class OciSchema {
  /** The base IRI the folder's files are loaded under; never fetched. */
  private static final String BASE = "https://schema.jail4j.invalid/oci/";

  /** Where the image-spec schemas' own ids live; mapped to the folder's files, never fetched. */
  private static final String OCI_IDS = "https://opencontainers.org/schema/";

  private final Schema schema;
  private final String name;

  private OciSchema(Schema schema, String name) {
    this.schema = schema;
    this.name = name;
  }

  /**
   * The runtime configuration schema, {@code config-schema.json} in the folder.
   *
   * @param folder the runtime-spec {@code schema} folder
   * @return the schema
   * @throws OciException when the folder has no {@code config-schema.json} or it does not load
   */
  public static OciSchema runtimeConfig(Path folder) {
    return load(folder.resolve("config-schema.json"));
  }

  /**
   * A schema file; the files it refers to are looked up beside it.
   *
   * @param file the schema file, e.g. {@code image-manifest-schema.json}
   * @return the schema
   * @throws OciException when the file is missing or does not load
   */
  public static OciSchema load(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    if (!Files.isRegularFile(abs)) {
      throw new OciException("schema", "no schema file " + abs);
    }
    try {
      Path folder = Objects.requireNonNull(abs.getParent());
      // the schema files' relative $refs resolve against this base, each to a file of the folder
      SchemaRegistry registry =
          SchemaRegistry.withDefaultDialect(
              SpecificationVersion.DRAFT_4, b -> b.schemas(iri -> fromFolder(folder, iri)));
      Schema s = registry.getSchema(SchemaLocation.of(BASE + abs.getFileName()));
      s.initializeValidators();
      return new OciSchema(s, String.valueOf(abs.getFileName()));
    } catch (RuntimeException e) {
      throw new OciException("schema", "cannot load " + abs + ": " + e.getMessage(), e);
    }
  }

  private static @Nullable String fromFolder(Path folder, String iri) {
    String name;
    if (iri.startsWith(BASE)) {
      name = iri.substring(BASE.length());
    } else if (iri.startsWith(OCI_IDS)) {
      // the image-spec schemas set ids under opencontainers.org (some nested, e.g.
      // .../image/platform/os), so their relative $refs resolve there: the file is the last segment
      name = iri.substring(iri.lastIndexOf('/') + 1);
    } else {
      return null;
    }
    int hash = name.indexOf('#');
    if (hash >= 0) {
      name = name.substring(0, hash);
    }
    if (!name.matches("[A-Za-z0-9_.-]+\\.json")) {
      return null;
    }
    try {
      return Files.readString(folder.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The schema's complaints about a document, each as {@code LOCATION: MESSAGE}.
   *
   * @param json the JSON text (bounded as {@link OciConfig#parse(String)} is)
   * @return the problems, empty when the document is valid
   * @throws OciException for malformed JSON or JSON over the reader's limits
   */
  public List<String> problems(String json) {
    if (json.length() > OciConfig.MAX_BYTES) {
      throw Json.tooBig(json.length());
    }
    List<Error> errors = schema.validate(Json.read(json));
    return errors.stream().map(Error::toString).collect(Collectors.toUnmodifiableList());
  }

  /**
   * Checks a document.
   *
   * @param json the JSON text
   * @throws OciException naming the schema and listing its complaints when the document is invalid
   */
  public void check(String json) {
    List<String> p = problems(json);
    if (!p.isEmpty()) {
      throw new OciException("config", "not valid against " + name + ": " + String.join("; ", p));
    }
  }
}
