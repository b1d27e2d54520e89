package org.jail4j.oci;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jail4j.Jail;
import org.jail4j.oci.internal.ConfigParts;
import org.jail4j.oci.internal.ConfigReader;
import org.jail4j.oci.internal.ConfigWriter;
import org.jail4j.oci.internal.Json;
import org.jspecify.annotations.Nullable;

/**
 * An OCI runtime configuration ({@code config.json}, runtime-spec 1.3, FreeBSD platform) as jail4j
 * sees it: the {@link Jail} it describes, plus the few OCI facts a jail has no attribute for (the
 * {@code freebsd.devices} list, the process's {@code env}, {@code cwd} and {@code terminal}, and
 * annotations of other tools). Every jail setting goes either to its OCI field or, where OCI has
 * none, to an {@code org.jail4j.*} annotation that {@link #parse} reads back; what neither can say
 * is refused with an {@link OciException}, never dropped. docs/OCI.md has the table.
 *
 * <pre>{@code
 * Jail web = Jail.builder().name("web").path("/jail/web").hostname("web.example.org")
 *     .ip4("192.0.2.10").mountDevfs(true).addCommand("/usr/local/sbin/nginx").build();
 * String json = OciConfig.fromJail(web).toJson();
 * Jail back = OciConfig.parse(json).jail(); // equals web
 * }</pre>
 *
 * @param jail the jail
 * @param devices {@code freebsd.devices}, in order
 * @param env {@code process.env}: {@code NAME=value} items for the jail's command
 * @param cwd {@code process.cwd}: the command's working directory inside the jail
 * @param terminal {@code process.terminal}: whether the command gets a terminal
 * @param annotations annotations outside jail4j's {@code org.jail4j.} namespace, kept as given
 */
public record OciConfig(
    Jail jail,
    List<OciDevice> devices,
    List<String> env,
    String cwd,
    boolean terminal,
    Map<String, String> annotations) {

  /** The OCI runtime-spec version jail4j writes. */
  public static final String OCI_VERSION = ConfigParts.OCI_VERSION;

  /** The largest configuration {@link #parse} reads: 16 MiB of UTF-8. */
  public static final int MAX_BYTES = Json.MAX_BYTES;

  /** The deepest nesting of JSON objects and arrays {@link #parse} reads. */
  public static final int MAX_DEPTH = Json.MAX_DEPTH;

  /** The annotation namespace jail4j writes and reads back: {@code org.jail4j.}. */
  public static final String ANNOTATION_PREFIX = ConfigParts.ANNOTATION_PREFIX;

  /**
   * Checks and copies the parts.
   *
   * @throws OciException for an annotation inside {@link #ANNOTATION_PREFIX} (jail4j writes those
   *     itself from the jail), or a relative {@code cwd}
   */
  public OciConfig {
    devices = List.copyOf(devices);
    env = List.copyOf(env);
    annotations = Map.copyOf(annotations);
    if (!cwd.startsWith("/")) {
      throw new OciException("process.cwd", "must be an absolute path inside the jail");
    }
    for (String key : annotations.keySet()) {
      if (key.startsWith(ANNOTATION_PREFIX)) {
        throw new OciException(
            "annotations." + key, "the org.jail4j. namespace is written from the jail itself");
      }
    }
  }

  /**
   * The configuration of a jail: no devices, no environment, {@code cwd} {@code /}, no terminal.
   *
   * @param jail the jail; it needs a {@code path} ({@code root.path})
   * @return the configuration
   */
  public static OciConfig fromJail(Jail jail) {
    return new OciConfig(jail, List.of(), List.of(), "/", false, Map.of());
  }

  /**
   * This configuration with other devices.
   *
   * @param devices {@code freebsd.devices}
   * @return the new configuration
   */
  public OciConfig withDevices(List<OciDevice> devices) {
    return new OciConfig(jail, devices, env, cwd, terminal, annotations);
  }

  private ConfigParts parts() {
    return new ConfigParts(jail, devices, env, cwd, terminal, annotations);
  }

  private static OciConfig of(ConfigParts p) {
    return new OciConfig(p.jail(), p.devices(), p.env(), p.cwd(), p.terminal(), p.annotations());
  }

  /**
   * The {@code config.json} text, pretty-printed. Everything it writes validates against the
   * runtime-spec 1.3 schema.
   *
   * @return the JSON
   * @throws OciException when the jail has no {@code path}, or has a setting OCI cannot carry (e.g.
   *     {@code vnet = disable}, which the FreeBSD schema forbids)
   */
  public String toJson() {
    return Json.write(ConfigWriter.write(parts()));
  }

  /**
   * Reads a {@code config.json} whose {@code root.path} is absolute and whose jail name, if any, is
   * in the {@code org.jail4j.name} annotation (what {@link #toJson()} writes).
   *
   * @param json the JSON text
   * @return the configuration
   * @throws OciException for malformed JSON, a field of the wrong type or a forbidden value (naming
   *     the field), a field jail4j cannot carry, or a jail that is not valid
   * @throws OciLimitException over {@link #MAX_BYTES} or {@link #MAX_DEPTH}
   */
  public static OciConfig parse(String json) {
    return parse(json, null, null);
  }

  /**
   * Reads a {@code config.json} of an OCI bundle: the container id names the jail (with {@code
   * freebsd.jail.parent} before it, dotted), and a relative {@code root.path} is resolved against
   * the bundle folder.
   *
   * @param json the JSON text
   * @param containerId the container id, or null to take the name from the {@code org.jail4j.name}
   *     annotation
   * @param bundle the bundle folder, or null when {@code root.path} is absolute
   * @return the configuration
   * @throws OciException as {@link #parse(String)}, and when the container id and the annotation
   *     disagree
   */
  public static OciConfig parse(String json, @Nullable String containerId, @Nullable Path bundle) {
    if (json.length() > MAX_BYTES) {
      throw Json.tooBig(json.length());
    }
    return of(ConfigReader.read(Json.read(json), containerId, bundle));
  }

  /**
   * Reads a bundle's {@code config.json}: the file {@code bundle/config.json}, with the container
   * id naming the jail.
   *
   * @param bundle the bundle folder
   * @param containerId the container id, or null
   * @return the configuration
   * @throws OciException as {@link #parse(String, String, Path)}, or when the file cannot be read
   */
  public static OciConfig read(Path bundle, @Nullable String containerId) {
    Path file = bundle.resolve("config.json");
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw Json.tooBig(bytes.length);
      }
      return parse(new String(bytes, StandardCharsets.UTF_8), containerId, bundle);
    } catch (IOException e) {
      throw new OciException("config", "cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Validates {@code config.json} text against the runtime-spec schema in a folder (the
   * specification's {@code schema/} folder, with {@code config-schema.json} and the files it refers
   * to).
   *
   * @param json the JSON text
   * @param schemaFolder the folder holding {@code config-schema.json}
   * @throws OciException listing the schema's complaints, or for malformed JSON
   */
  public static void validate(String json, Path schemaFolder) {
    OciSchema.runtimeConfig(schemaFolder).check(json);
  }
}
