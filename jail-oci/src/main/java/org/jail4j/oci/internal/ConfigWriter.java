package org.jail4j.oci.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jail4j.Jail;
import org.jail4j.JailAddress;
import org.jail4j.oci.OciDevice;
import org.jail4j.oci.OciException;
import org.jail4j.param.JailParam;
import org.jail4j.param.JailSys;

/**
 * Writes an {@link ConfigParts} as a runtime-spec {@code config.json} tree: each jail setting to
 * its OCI field, then the {@code org.jail4j.*} annotations for what those fields could not say
 * (found by reading the fields back), then a last check that the whole reads back to the same jail.
 */
public final class ConfigWriter {
  private ConfigWriter() {}

  /**
   * The JSON tree of a configuration.
   *
   * @throws OciException for a jail without path, a sharing mode OCI forbids, or a setting that
   *     does not survive the trip
   */
  public static ObjectNode write(ConfigParts config) {
    Jail jail = config.jail();
    ObjectNode fields = fields(config);
    Jail back = ConfigReader.read(fields, null, null).jail();
    Map<String, String> ours = Carried.needed(jail, back);
    ObjectNode root = fields(config);
    Map<String, String> all = new TreeMap<>(config.annotations());
    all.putAll(ours);
    if (!all.isEmpty()) {
      ObjectNode a = root.putObject("annotations");
      all.forEach(a::put);
    }
    ConfigParts again = ConfigReader.read(root, null, null);
    if (!again.jail().equals(jail)) {
      throw new OciException(
          "config",
          "these settings do not survive the trip through OCI: "
              + String.join(", ", Carried.differences(jail, again.jail())));
    }
    return root;
  }

  private static ObjectNode fields(ConfigParts config) {
    Jail jail = config.jail();
    ObjectNode root = Json.object();
    root.put("ociVersion", ConfigParts.OCI_VERSION);
    String path =
        jail.path()
            .orElseThrow(
                () ->
                    new OciException(
                        "root.path", "the jail has no path, and OCI needs the root file system"));
    root.putObject("root").put("path", path);
    jail.hostname().ifPresent(h -> root.put("hostname", h));
    jail.get(JailParam.HOST_DOMAINNAME).ifPresent(d -> root.put("domainname", d));
    process(config, root);
    mounts(jail, path, root);
    hooks(jail, root);
    ObjectNode freebsd = root.putObject("freebsd");
    if (!config.devices().isEmpty()) {
      ArrayNode d = freebsd.putArray("devices");
      for (OciDevice dev : config.devices()) {
        d.addObject().put("path", dev.path()).put("mode", dev.mode());
      }
    }
    freebsd.set("jail", jailFields(jail));
    return root;
  }

  private static void process(ConfigParts config, ObjectNode root) {
    Jail jail = config.jail();
    List<String> lines = new ArrayList<>(jail.execStart());
    lines.addAll(jail.command());
    if (lines.isEmpty()
        && config.env().isEmpty()
        && !config.terminal()
        && config.cwd().equals("/")
        && jail.execJailUser().isEmpty()) {
      return;
    }
    ObjectNode p = root.putObject("process");
    if (config.terminal()) {
      p.put("terminal", true);
    }
    if (!lines.isEmpty()) {
      p.set("args", Json.strings(Names.shArgs(String.join("\n", lines))));
    }
    if (!config.env().isEmpty()) {
      p.set("env", Json.strings(config.env()));
    }
    p.put("cwd", config.cwd());
    jail.execJailUser().ifPresent(u -> p.putObject("user").put("username", u));
  }

  private static void mounts(Jail jail, String path, ObjectNode root) {
    ArrayNode m = Json.object().arrayNode();
    if (jail.mountDevfs()) {
      List<String> opts = new ArrayList<>();
      jail.get(JailParam.DEVFS_RULESET).ifPresent(r -> opts.add("ruleset=" + r));
      mount(m, "/dev", "devfs", "devfs", opts);
    }
    if (jail.mountFdescfs()) {
      mount(m, "/dev/fd", "fdescfs", "fdescfs", List.of());
    }
    if (jail.mountProcfs()) {
      mount(m, "/proc", "procfs", "proc", List.of());
    }
    for (String line : jail.mounts()) {
      String[] f = line.strip().split("[ \t]+", -1);
      if (f.length < 4 || f.length > 6) {
        continue; // carried whole by the org.jail4j.param.mount annotation
      }
      Optional<String> dest = ConfigReader.inside(path, f[1]);
      if (dest.isEmpty() || special(dest.get(), f[2])) {
        continue; // it would read back as mount.devfs, mount.fdescfs or mount.procfs
      }
      mount(m, dest.get(), f[2], f[0], f[3].equals("rw") ? List.of() : List.of(f[3].split(",")));
    }
    if (!m.isEmpty()) {
      root.set("mounts", m);
    }
  }

  private static boolean special(String dest, String type) {
    return (type.equals("devfs") && dest.equals("/dev"))
        || (type.equals("fdescfs") && dest.equals("/dev/fd"))
        || (type.equals("procfs") && dest.equals("/proc"));
  }

  private static void mount(
      ArrayNode m, String destination, String type, String source, List<String> options) {
    ObjectNode o = m.addObject();
    o.put("destination", destination).put("type", type).put("source", source);
    o.set("options", Json.strings(options));
  }

  private static void hooks(Jail jail, ObjectNode root) {
    ObjectNode h = Json.object();
    hook(h, "createRuntime", jail.execCreated());
    hook(h, "poststart", jail.execPoststart());
    hook(h, "poststop", jail.execPoststop());
    if (!h.isEmpty()) {
      root.set("hooks", h);
    }
  }

  private static void hook(ObjectNode hooks, String name, List<String> lines) {
    if (lines.isEmpty()) {
      return;
    }
    ArrayNode a = hooks.putArray(name);
    for (String line : lines) {
      ObjectNode o = a.addObject();
      o.put("path", Names.SH);
      o.set("args", Json.strings(Names.shArgs(line)));
    }
  }

  private static ObjectNode jailFields(Jail jail) {
    ObjectNode j = Json.object();
    jail.name()
        .filter(n -> n.lastIndexOf('.') > 0)
        .ifPresent(n -> j.put("parent", n.substring(0, n.lastIndexOf('.'))));
    for (String field : Names.SHARING_ORDER) {
      Optional<JailSys> mode = jail.get(Objects.requireNonNull(Names.SHARING.get(field)));
      if (mode.isEmpty()) {
        continue;
      }
      if (mode.get() == JailSys.DISABLE && (field.equals("host") || field.equals("vnet"))) {
        throw new OciException(
            "freebsd.jail." + field,
            field + " = disable has no OCI value: the FreeBSD schema allows new and inherit only");
      }
      j.put(field, mode.get().word());
    }
    List<String> ip4 = new ArrayList<>();
    List<String> ip6 = new ArrayList<>();
    for (JailAddress a : jail.addresses()) {
      String bare = new JailAddress(a.address(), null, null).toString();
      (a.isIpv4() ? ip4 : ip6).add(bare);
    }
    if (!ip4.isEmpty()) {
      j.set("ip4Addr", Json.strings(ip4));
    }
    if (!ip6.isEmpty()) {
      j.set("ip6Addr", Json.strings(ip6));
    }
    jail.iface().ifPresent(i -> j.put("interface", i));
    if (!jail.vnetInterfaces().isEmpty()) {
      j.set("vnetInterfaces", Json.strings(jail.vnetInterfaces()));
    }
    jail.get(JailParam.ENFORCE_STATFS)
        .filter(v -> v >= 0 && v <= 255)
        .ifPresent(v -> j.put("enforceStatfs", v));
    ObjectNode allow = Json.object();
    for (String field : Names.ALLOW_ORDER) {
      jail.get(Objects.requireNonNull(Names.ALLOW.get(field))).ifPresent(v -> allow.put(field, v));
    }
    if (jail.get(JailParam.ALLOW_MOUNT).orElse(false)) {
      List<String> types = new ArrayList<>();
      for (JailParam<?> p : JailParam.catalogue()) {
        if (p.name().startsWith("allow.mount.") && Boolean.TRUE.equals(jail.params().get(p))) {
          types.add(p.name().substring("allow.mount.".length()));
        }
      }
      if (!types.isEmpty()) {
        allow.set("mount", Json.strings(types));
      }
    }
    if (!allow.isEmpty()) {
      j.set("allow", allow);
    }
    return j;
  }
}
