package org.jail4j.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.jail4j.oci.internal.ImageJson;
import org.jail4j.oci.internal.Json;

/**
 * The parts of an image config (image-spec {@code config}) a jail needs: the platform, the layers'
 * uncompressed digests ({@code rootfs.diff_ids}), and the default process ({@code config.Env},
 * {@code Entrypoint}, {@code Cmd}, {@code WorkingDir}, {@code User}). Other fields are ignored.
 *
 * <pre>{@code
 * OciImageConfig c = image.config();
 * List<String> command = c.command(); // Entrypoint then Cmd
 * }</pre>
 *
 * @param platform {@code os}, {@code architecture}, {@code variant}, {@code os.version}
 * @param diffIds {@code rootfs.diff_ids}, one per layer
 * @param env {@code config.Env}
 * @param entrypoint {@code config.Entrypoint}
 * @param cmd {@code config.Cmd}
 * @param workingDir {@code config.WorkingDir}, or empty
 * @param user {@code config.User}, or empty
 */
public record OciImageConfig(
    OciPlatform platform,
    List<OciDigest> diffIds,
    List<String> env,
    List<String> entrypoint,
    List<String> cmd,
    String workingDir,
    String user) {

  /** The media type of an image config. */
  public static final String MEDIA_TYPE = "application/vnd.oci.image.config.v1+json";

  /** Docker's image config, read like an OCI one. */
  public static final String DOCKER_MEDIA_TYPE = "application/vnd.docker.container.image.v1+json";

  /** Copies the lists. */
  public OciImageConfig {
    diffIds = List.copyOf(diffIds);
    env = List.copyOf(env);
    entrypoint = List.copyOf(entrypoint);
    cmd = List.copyOf(cmd);
  }

  /**
   * Reads an image config.
   *
   * @param document the document's name in errors
   * @param json the JSON text
   * @return the config
   * @throws OciException naming the document and field for malformed JSON, a missing or mistyped
   *     field ({@code os}, {@code architecture} and {@code rootfs} are required), or a bad digest
   * @throws OciLimitException over {@link OciConfig#MAX_BYTES} or {@link OciConfig#MAX_DEPTH}
   */
  public static OciImageConfig parse(String document, String json) {
    ImageJson.Doc doc = ImageJson.parse(document, json);
    ImageJson r = doc.reader();
    JsonNode root = doc.root();
    OciPlatform platform = r.platform(root, "");
    JsonNode rootfs = root.get("rootfs");
    if (rootfs == null || !rootfs.isObject()) {
      throw r.error("rootfs", "is required and must be an object");
    }
    String type = r.required(rootfs, "type", "rootfs.type");
    if (!type.equals("layers")) {
      throw r.error("rootfs.type", "must be \"layers\", got \"" + type + "\"");
    }
    List<OciDigest> diffIds = new ArrayList<>();
    List<String> ids = r.strings(rootfs, "diff_ids", "rootfs.diff_ids");
    for (int i = 0; i < ids.size(); i++) {
      try {
        diffIds.add(OciDigest.parse(ids.get(i)));
      } catch (OciException e) {
        throw r.error("rootfs.diff_ids[" + i + "]", e.rule());
      }
    }
    JsonNode c = root.get("config");
    if (c == null || c.isNull()) {
      return new OciImageConfig(platform, diffIds, List.of(), List.of(), List.of(), "", "");
    }
    if (!c.isObject()) {
      throw r.error("config", "must be an object");
    }
    String wd = r.text(c, "WorkingDir", "config.WorkingDir");
    String user = r.text(c, "User", "config.User");
    return new OciImageConfig(
        platform,
        diffIds,
        r.strings(c, "Env", "config.Env"),
        r.strings(c, "Entrypoint", "config.Entrypoint"),
        r.strings(c, "Cmd", "config.Cmd"),
        wd == null ? "" : wd,
        user == null ? "" : user);
  }

  /** The image's default command: {@code Entrypoint} followed by {@code Cmd}. */
  public List<String> command() {
    List<String> out = new ArrayList<>(entrypoint);
    out.addAll(cmd);
    return List.copyOf(out);
  }

  /**
   * This config as JSON, the way image-spec writes it (only the fields of this record).
   *
   * @return the JSON text
   */
  public String toJson() {
    ObjectNode o = Json.object();
    o.put("architecture", platform.architecture());
    o.put("os", platform.os());
    if (!platform.variant().isEmpty()) {
      o.put("variant", platform.variant());
    }
    if (!platform.osVersion().isEmpty()) {
      o.put("os.version", platform.osVersion());
    }
    ObjectNode c = o.putObject("config");
    if (!env.isEmpty()) {
      c.set("Env", Json.strings(env));
    }
    if (!entrypoint.isEmpty()) {
      c.set("Entrypoint", Json.strings(entrypoint));
    }
    if (!cmd.isEmpty()) {
      c.set("Cmd", Json.strings(cmd));
    }
    if (!workingDir.isEmpty()) {
      c.put("WorkingDir", workingDir);
    }
    if (!user.isEmpty()) {
      c.put("User", user);
    }
    ObjectNode rootfs = o.putObject("rootfs");
    rootfs.put("type", "layers");
    ArrayNode ids = rootfs.putArray("diff_ids");
    diffIds.forEach(d -> ids.add(d.toString()));
    return Json.write(o);
  }
}
