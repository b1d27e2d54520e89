package org.jail4j.oci.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jail4j.InvalidJailParameterException;
import org.jail4j.Jail;
import org.jail4j.JailAddress;
import org.jail4j.JailBuilder;
import org.jail4j.internal.HostPaths;
import org.jail4j.oci.OciDevice;
import org.jail4j.oci.OciException;
import org.jail4j.param.JailParam;
import org.jail4j.param.JailSys;
import org.jspecify.annotations.Nullable;

/**
 * Reads a runtime-spec {@code config.json} tree into an {@link ConfigParts}, checking every field
 * it reads (type, range, the FreeBSD schema's enums) and refusing every field it cannot carry, each
 * with an {@link OciException} naming the field.
 */
public final class ConfigReader {
  private static final Set<String> TOP =
      Set.of(
          "ociVersion",
          "root",
          "hostname",
          "domainname",
          "process",
          "mounts",
          "hooks",
          "annotations",
          "freebsd");

  private ConfigReader() {}

  /**
   * Reads a config tree.
   *
   * @param root the tree
   * @param containerId the container id naming the jail, or null
   * @param bundle the folder a relative {@code root.path} is relative to, or null
   * @return the configuration
   * @throws OciException naming the field for anything wrong or not carried
   */
  public static ConfigParts read(
      JsonNode root, @Nullable String containerId, @Nullable Path bundle) {
    object(root, "config");
    keys(root, "", TOP);
    String version = text(root, "ociVersion", "ociVersion");
    if (version == null) {
      throw new OciException("ociVersion", "is required");
    }
    if (!version.startsWith("1.")) {
      throw new OciException("ociVersion", "\"" + version + "\" is not a 1.x runtime-spec version");
    }
    JailBuilder b = Jail.builder();

    JsonNode r = root.get("root");
    if (r == null) {
      throw new OciException("root", "is required: the jail's root file system");
    }
    object(r, "root");
    keys(r, "root.", Set.of("path", "readonly"));
    String p = text(r, "path", "root.path");
    if (p == null || p.isEmpty()) {
      throw new OciException("root.path", "is required");
    }
    if (bool(r, "readonly", "root.readonly")) {
      throw new OciException(
          "root.readonly", "true has no jail parameter: mount the root read-only on the host");
    }
    String path;
    if (p.startsWith("/")) {
      path = p;
    } else if (bundle != null) {
      path = HostPaths.freeBsd(bundle.resolve(p).toAbsolutePath().normalize());
    } else {
      throw new OciException(
          "root.path",
          "\"" + p + "\" is relative: read it with the bundle folder it is relative to");
    }
    b.path(path);
    String hostname = text(root, "hostname", "hostname");
    if (hostname != null) {
      b.hostname(hostname);
    }
    String domain = text(root, "domainname", "domainname");
    if (domain != null) {
      b.param(JailParam.HOST_DOMAINNAME, domain);
    }

    List<String> env = new ArrayList<>();
    String cwd = "/";
    boolean terminal = false;
    JsonNode proc = root.get("process");
    if (proc != null) {
      object(proc, "process");
      keys(proc, "process.", Set.of("args", "env", "cwd", "terminal", "user"));
      terminal = bool(proc, "terminal", "process.terminal");
      String c = text(proc, "cwd", "process.cwd");
      if (c != null) {
        cwd = c;
      }
      env = strings(proc, "env", "process.env");
      List<String> args = strings(proc, "args", "process.args");
      if (!args.isEmpty()) {
        b.addCommand(commandLine(args));
      }
      JsonNode user = proc.get("user");
      if (user != null) {
        object(user, "process.user");
        keys(user, "process.user.", Set.of("username"));
        String u = text(user, "username", "process.user.username");
        if (u != null) {
          b.execJailUser(u);
        }
      }
    }

    JsonNode mounts = root.get("mounts");
    if (mounts != null) {
      array(mounts, "mounts");
      for (int i = 0; i < mounts.size(); i++) {
        mount(mounts.get(i), "mounts[" + i + "]", path, b);
      }
    }

    JsonNode hooks = root.get("hooks");
    if (hooks != null) {
      object(hooks, "hooks");
      keys(hooks, "hooks.", Set.of("createRuntime", "poststart", "poststop"));
      b.execCreated(hooks(hooks, "createRuntime"));
      b.execPoststart(hooks(hooks, "poststart"));
      b.execPoststop(hooks(hooks, "poststop"));
    }

    List<OciDevice> devices = new ArrayList<>();
    @Nullable String parent = null;
    JsonNode fb = root.get("freebsd");
    if (fb != null) {
      object(fb, "freebsd");
      keys(fb, "freebsd.", Set.of("devices", "jail"));
      JsonNode ds = fb.get("devices");
      if (ds != null) {
        array(ds, "freebsd.devices");
        for (int i = 0; i < ds.size(); i++) {
          String f = "freebsd.devices[" + i + "]";
          JsonNode d = ds.get(i);
          object(d, f);
          keys(d, f + ".", Set.of("path", "mode"));
          String dp = text(d, "path", f + ".path");
          JsonNode mode = d.get("mode");
          if (dp == null || mode == null) {
            throw new OciException(f, "needs path and mode: jail4j makes no device without both");
          }
          devices.add(new OciDevice(dp, (int) integer(mode, f + ".mode", 0, 0777)));
        }
      }
      JsonNode j = fb.get("jail");
      if (j != null) {
        parent = jail(j, b);
      }
    }

    Map<String, String> ours = new LinkedHashMap<>();
    Map<String, String> theirs = new LinkedHashMap<>();
    JsonNode ann = root.get("annotations");
    if (ann != null) {
      object(ann, "annotations");
      for (Map.Entry<String, JsonNode> e : ann.properties()) {
        if (!e.getValue().isTextual()) {
          throw new OciException("annotations." + e.getKey(), "must be a string");
        }
        (e.getKey().startsWith(Carried.PREFIX) ? ours : theirs)
            .put(e.getKey(), e.getValue().asText());
      }
    }
    Carried.apply(ours, b);
    @Nullable String name = ours.get(Carried.NAME);
    if (containerId != null) {
      String full = parent == null ? containerId : parent + "." + containerId;
      if (name != null && !name.equals(full)) {
        throw new OciException(
            "annotations." + Carried.NAME,
            "says \"" + name + "\" but the container id makes the jail \"" + full + "\"");
      }
      name = full;
    }
    if (name != null) {
      if (parent != null && !name.startsWith(parent + ".")) {
        throw new OciException(
            "freebsd.jail.parent", "\"" + parent + "\" is not the parent of jail \"" + name + "\"");
      }
      b.name(name);
    }
    Jail jail;
    try {
      jail = b.build();
    } catch (InvalidJailParameterException e) {
      throw new OciException("config", "not a valid jail: " + e.getMessage(), e);
    }
    return new ConfigParts(jail, devices, env, cwd, terminal, theirs);
  }

  /** The path inside a jail of a host path below its root, if it is below. */
  static Optional<String> inside(String root, String hostPath) {
    if (root.equals("/")) {
      return hostPath.startsWith("/") ? Optional.of(hostPath) : Optional.empty();
    }
    if (hostPath.startsWith(root + "/") && hostPath.length() > root.length() + 1) {
      return Optional.of(hostPath.substring(root.length()));
    }
    return Optional.empty();
  }

  private static String commandLine(List<String> args) {
    if (args.size() == 3
        && (args.get(0).equals(Names.SH) || args.get(0).equals("sh"))
        && args.get(1).equals("-c")) {
      return args.get(2);
    }
    return Names.shellLine(args);
  }

  private static void mount(JsonNode m, String f, String root, JailBuilder b) {
    object(m, f);
    keys(m, f + ".", Set.of("destination", "type", "source", "options"));
    String dest = text(m, "destination", f + ".destination");
    if (dest == null || !dest.startsWith("/")) {
      throw new OciException(f + ".destination", "is required, an absolute path inside the jail");
    }
    String type = text(m, "type", f + ".type");
    if (type == null || type.isEmpty()) {
      throw new OciException(f + ".type", "is required: jail(8) mounts need a file system type");
    }
    String source = text(m, "source", f + ".source");
    List<String> options = strings(m, "options", f + ".options");
    if (type.equals("devfs") && dest.equals("/dev")) {
      b.mountDevfs(true);
      for (String o : options) {
        if (!o.startsWith("ruleset=")) {
          throw new OciException(
              f + ".options", "\"" + o + "\": mount.devfs takes only ruleset=N (devfs_ruleset)");
        }
        try {
          b.param(JailParam.DEVFS_RULESET, Integer.parseInt(o.substring("ruleset=".length())));
        } catch (NumberFormatException e) {
          throw new OciException(f + ".options", "\"" + o + "\": the ruleset is not a number", e);
        }
      }
      return;
    }
    if (options.isEmpty()
        && ((type.equals("fdescfs") && dest.equals("/dev/fd"))
            || (type.equals("procfs") && dest.equals("/proc")))) {
      if (type.equals("fdescfs")) {
        b.mountFdescfs(true);
      } else {
        b.mountProcfs(true);
      }
      return;
    }
    if (source == null || source.isEmpty()) {
      throw new OciException(f + ".source", "is required for a " + type + " mount");
    }
    String hostDest = root.equals("/") ? dest : root + dest;
    for (String word : List.of(source, hostDest, type, String.join(",", options))) {
      if (word.chars().anyMatch(c -> c == ' ' || c == '\t' || c == '\n' || c == '#')) {
        throw new OciException(
            f, "\"" + word + "\" has white space or #, which an fstab line cannot hold");
      }
    }
    b.addMounts(
        String.join(
            " ",
            source,
            hostDest,
            type,
            options.isEmpty() ? "rw" : String.join(",", options),
            "0",
            "0"));
  }

  private static List<String> hooks(JsonNode hooks, String name) {
    JsonNode a = hooks.get(name);
    List<String> lines = new ArrayList<>();
    if (a == null) {
      return lines;
    }
    String f = "hooks." + name;
    array(a, f);
    for (int i = 0; i < a.size(); i++) {
      String hf = f + "[" + i + "]";
      JsonNode h = a.get(i);
      object(h, hf);
      keys(h, hf + ".", Set.of("path", "args"));
      String path = text(h, "path", hf + ".path");
      if (path == null || path.isEmpty()) {
        throw new OciException(hf + ".path", "is required");
      }
      List<String> args = strings(h, "args", hf + ".args");
      if (path.equals(Names.SH) && args.size() == 3 && args.get(1).equals("-c")) {
        lines.add(args.get(2));
      } else {
        List<String> argv = new ArrayList<>();
        argv.add(path);
        if (args.size() > 1) {
          argv.addAll(args.subList(1, args.size()));
        }
        lines.add(Names.shellLine(argv));
      }
    }
    return lines;
  }

  private static @Nullable String jail(JsonNode j, JailBuilder b) {
    String f = "freebsd.jail";
    object(j, f);
    Set<String> known =
        Set.of(
            "parent",
            "host",
            "ip4",
            "ip4Addr",
            "ip6",
            "ip6Addr",
            "vnet",
            "interface",
            "vnetInterfaces",
            "sysvmsg",
            "sysvsem",
            "sysvshm",
            "enforceStatfs",
            "allow");
    keys(j, f + ".", known);
    for (String field : Names.SHARING_ORDER) {
      String w = text(j, field, f + "." + field);
      if (w == null) {
        continue;
      }
      boolean noDisable = field.equals("host") || field.equals("vnet");
      Optional<JailSys> mode =
          switch (w) {
            case "disable" -> noDisable ? Optional.empty() : Optional.of(JailSys.DISABLE);
            case "new" -> Optional.of(JailSys.NEW);
            case "inherit" -> Optional.of(JailSys.INHERIT);
            default -> Optional.empty();
          };
      if (mode.isEmpty()) {
        throw new OciException(
            f + "." + field,
            "\""
                + w
                + "\" is not "
                + (noDisable ? "new or inherit" : "disable, new or inherit")
                + " (runtime-spec config-freebsd.json)");
      }
      b.param(Objects.requireNonNull(Names.SHARING.get(field)), mode.get());
    }
    addresses(j, "ip4Addr", true, b);
    addresses(j, "ip6Addr", false, b);
    String iface = text(j, "interface", f + ".interface");
    if (iface != null) {
      b.iface(iface);
    }
    b.vnetInterfaces(strings(j, "vnetInterfaces", f + ".vnetInterfaces"));
    JsonNode es = j.get("enforceStatfs");
    if (es != null) {
      b.param(JailParam.ENFORCE_STATFS, (int) integer(es, f + ".enforceStatfs", 0, 255));
    }
    JsonNode allow = j.get("allow");
    if (allow != null) {
      String af = f + ".allow";
      object(allow, af);
      Set<String> names = new java.util.HashSet<>(Names.ALLOW_ORDER);
      names.add("mount");
      keys(allow, af + ".", names);
      for (String field : Names.ALLOW_ORDER) {
        if (allow.has(field)) {
          b.param(
              Objects.requireNonNull(Names.ALLOW.get(field)), bool(allow, field, af + "." + field));
        }
      }
      List<String> types = strings(allow, "mount", af + ".mount");
      if (!types.isEmpty()) {
        b.param(JailParam.ALLOW_MOUNT, true);
        for (String t : types) {
          if (t.isEmpty() || !t.matches("[a-z0-9_]+")) {
            throw new OciException(af + ".mount", "\"" + t + "\" is not a file system type name");
          }
          Optional<JailParam<?>> known2 = JailParam.lookup("allow.mount." + t);
          if (known2.isPresent() && known2.get().type().javaClass() == Boolean.class) {
            @SuppressWarnings("unchecked")
            JailParam<Boolean> bp = (JailParam<Boolean>) known2.get();
            b.param(bp, true);
          } else {
            b.param(JailParam.named("allow.mount." + t), "true");
          }
        }
      }
    }
    return text(j, "parent", f + ".parent");
  }

  private static void addresses(JsonNode j, String key, boolean v4, JailBuilder b) {
    String f = "freebsd.jail." + key;
    List<String> list = strings(j, key, f);
    for (int i = 0; i < list.size(); i++) {
      String a = list.get(i);
      if (a.indexOf('|') >= 0 || a.indexOf('/') >= 0) {
        throw new OciException(f + "[" + i + "]", "\"" + a + "\" is not a numeric address");
      }
      JailAddress addr;
      try {
        addr = JailAddress.parse(a);
      } catch (InvalidJailParameterException e) {
        throw new OciException(f + "[" + i + "]", "\"" + a + "\" is not a numeric address", e);
      }
      if (addr.isIpv4() != v4) {
        throw new OciException(
            f + "[" + i + "]", "\"" + a + "\" is not an IPv" + (v4 ? "4" : "6") + " address");
      }
      b.addAddresses(addr);
    }
  }

  // ---- typed access ------------------------------------------------------------------------

  private static void object(JsonNode n, String field) {
    if (!n.isObject()) {
      throw new OciException(field, "must be a JSON object");
    }
  }

  private static void array(JsonNode n, String field) {
    if (!n.isArray()) {
      throw new OciException(field, "must be a JSON array");
    }
  }

  private static void keys(JsonNode n, String prefix, Set<String> known) {
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!known.contains(k)) {
        throw new OciException(
            prefix + k, "has no FreeBSD jail equivalent; jail4j refuses it rather than drop it");
      }
    }
  }

  private static @Nullable String text(JsonNode n, String key, String field) {
    JsonNode v = n.get(key);
    if (v == null) {
      return null;
    }
    if (!v.isTextual()) {
      throw new OciException(field, "must be a string");
    }
    return v.asText();
  }

  private static boolean bool(JsonNode n, String key, String field) {
    JsonNode v = n.get(key);
    if (v == null) {
      return false;
    }
    if (!v.isBoolean()) {
      throw new OciException(field, "must be true or false");
    }
    return v.asBoolean();
  }

  private static long integer(JsonNode v, String field, long min, long max) {
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new OciException(field, "must be an integer from " + min + " to " + max);
    }
    long x = v.asLong();
    if (x < min || x > max) {
      throw new OciException(field, x + " is outside " + min + ".." + max);
    }
    return x;
  }

  private static List<String> strings(JsonNode n, String key, String field) {
    JsonNode v = n.get(key);
    List<String> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    array(v, field);
    for (int i = 0; i < v.size(); i++) {
      JsonNode item = v.get(i);
      if (!item.isTextual()) {
        throw new OciException(field + "[" + i + "]", "must be a string");
      }
      out.add(item.asText());
    }
    return out;
  }
}
