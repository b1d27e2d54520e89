package org.jail4j.oci.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jail4j.InvalidJailParameterException;
import org.jail4j.Jail;
import org.jail4j.JailAddress;
import org.jail4j.JailBuilder;
import org.jail4j.JailLimit;
import org.jail4j.oci.OciException;
import org.jail4j.param.JailParam;
import org.jail4j.param.ParamText;
import org.jail4j.param.ParamType;

/**
 * The {@code org.jail4j.*} annotations: every jail setting that has no OCI field, or whose OCI
 * field cannot say it exactly, carried as text that {@link ConfigReader} reads back. An annotation,
 * when present, wins over the OCI field it refines.
 */
final class Carried {
  static final String PREFIX = "org.jail4j.";
  static final String NAME = PREFIX + "name";
  static final String ADDRESSES = PREFIX + "addresses";
  static final String VNET_BRIDGE = PREFIX + "vnet.bridge";
  static final String VNET_ADDRESSES = PREFIX + "vnet.addresses";
  static final String LIMITS = PREFIX + "limits";
  static final String PARAM = PREFIX + "param.";

  private Carried() {}

  /** The annotations that make {@code back} (read from the OCI fields alone) equal {@code jail}. */
  static Map<String, String> needed(Jail jail, Jail back) {
    Map<String, String> out = new TreeMap<>();
    if (!jail.name().equals(back.name())) {
      jail.name().ifPresent(n -> out.put(NAME, n));
    }
    if (!jail.addresses().equals(back.addresses())) {
      out.put(ADDRESSES, Json.stringArray(texts(jail.addresses())));
    }
    if (!jail.vnetBridge().equals(back.vnetBridge())) {
      jail.vnetBridge().ifPresent(v -> out.put(VNET_BRIDGE, v));
    }
    if (!jail.vnetAddresses().equals(back.vnetAddresses())) {
      out.put(VNET_ADDRESSES, Json.stringArray(texts(jail.vnetAddresses())));
    }
    if (!jail.limits().equals(back.limits())) {
      List<String> rules = new ArrayList<>();
      for (JailLimit l : jail.limits()) {
        rules.add(l.resource() + ":" + l.action() + "=" + l.amount());
      }
      out.put(LIMITS, Json.stringArray(rules));
    }
    Set<JailParam<?>> params = new LinkedHashSet<>(JailParam.catalogue());
    params.addAll(jail.params().keySet());
    for (JailParam<?> p : params) {
      if (p.equals(JailParam.NAME)
          || p.equals(JailParam.IP4_ADDR)
          || p.equals(JailParam.IP6_ADDR)) {
        continue; // their own attributes, above
      }
      Optional<String> want = encoded(jail, p);
      Optional<String> got = encoded(back, p);
      if (want.isPresent() && !want.equals(got)) {
        out.put(PARAM + p.name(), want.get());
      } else if (want.isEmpty() && got.isPresent() && isList(p)) {
        out.put(PARAM + p.name(), "[]"); // e.g. no exec.start where process.args has a command
      }
    }
    return out;
  }

  private static List<String> texts(List<JailAddress> addresses) {
    List<String> t = new ArrayList<>();
    addresses.forEach(a -> t.add(a.toString()));
    return t;
  }

  @SuppressWarnings("unchecked")
  private static Optional<String> encoded(Jail jail, JailParam<?> p) {
    Optional<Object> v = (Optional<Object>) jail.get(p);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    List<String> text = ParamText.format((JailParam<Object>) p, v.get());
    return Optional.of(isList(p) ? Json.stringArray(text) : String.join(",", text));
  }

  private static boolean isList(JailParam<?> p) {
    ParamType.Kind k = p.type().kind();
    return k == ParamType.Kind.STRING_LIST
        || k == ParamType.Kind.KEY_VALUE
        || k == ParamType.Kind.IP4_LIST
        || k == ParamType.Kind.IP6_LIST;
  }

  /**
   * Applies jail4j's annotations (all but {@link #NAME}) to a builder.
   *
   * @throws OciException naming the annotation for an unknown key or a value that does not parse
   */
  @SuppressWarnings("unchecked")
  static void apply(Map<String, String> ours, JailBuilder b) {
    for (Map.Entry<String, String> e : ours.entrySet()) {
      String key = e.getKey();
      String value = e.getValue();
      String field = "annotations." + key;
      try {
        if (key.equals(ADDRESSES)) {
          b.addresses(addresses(field, value));
        } else if (key.equals(VNET_BRIDGE)) {
          b.vnetBridge(value);
        } else if (key.equals(VNET_ADDRESSES)) {
          b.vnetAddresses(addresses(field, value));
        } else if (key.equals(LIMITS)) {
          List<JailLimit> limits = new ArrayList<>();
          for (String rule : Json.parseStringArray(field, value)) {
            int colon = rule.indexOf(':');
            int eq = rule.lastIndexOf('=');
            if (colon < 1 || eq < colon) {
              throw new OciException(field, "\"" + rule + "\" is not RESOURCE:ACTION=AMOUNT");
            }
            limits.add(
                new JailLimit(
                    rule.substring(0, colon),
                    rule.substring(eq + 1),
                    rule.substring(colon + 1, eq)));
          }
          b.limits(limits);
        } else if (key.startsWith(PARAM) && key.length() > PARAM.length()) {
          String name = key.substring(PARAM.length());
          JailParam<Object> p =
              (JailParam<Object>)
                  JailParam.lookup(name).orElseGet(() -> (JailParam) JailParam.named(name));
          List<String> values = isList(p) ? Json.parseStringArray(field, value) : List.of(value);
          b.param(p, ParamText.parse(p, values));
        } else if (!key.equals(NAME)) { // the name is the reader's, with the container id
          throw new OciException(field, "is not an annotation jail4j knows (docs/OCI.md)");
        }
      } catch (InvalidJailParameterException ex) {
        throw new OciException(field, String.valueOf(ex.getMessage()), ex);
      }
    }
  }

  private static List<JailAddress> addresses(String field, String value) {
    List<JailAddress> out = new ArrayList<>();
    for (String a : Json.parseStringArray(field, value)) {
      out.add(JailAddress.parse(a));
    }
    return out;
  }

  /** Whether two jails agree; the keys of the settings where they do not, for messages. */
  static List<String> differences(Jail a, Jail b) {
    List<String> d = new ArrayList<>(needed(a, b).keySet());
    if (d.isEmpty() && !Objects.equals(a, b)) {
      d.add("(a setting without a text form)");
    }
    return d;
  }
}
