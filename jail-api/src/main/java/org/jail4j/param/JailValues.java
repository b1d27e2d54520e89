package org.jail4j.param;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one {@code jail_get(2)} call returned: the JID of the jail read and the typed value of every
 * parameter asked for (keys included, since the kernel rewrites {@code jid} and {@code name}).
 *
 * <pre>{@code
 * JailValues v = JailRequest.create().put(JailParam.NAME, "web")
 *     .want(JailParam.HOST_HOSTNAME).want(JailParam.IP4_ADDR).get(kernel, 0);
 * int jid = v.jid();
 * Optional<List<Inet4Address>> ips = v.get(JailParam.IP4_ADDR);
 * }</pre>
 */
public final class JailValues {
  private final int jid;
  private final Map<String, JailParam<?>> params;
  private final Map<String, Object> values;

  /** Takes the maps over: the caller builds them for this value and keeps no reference. */
  JailValues(int jid, Map<String, JailParam<?>> params, Map<String, Object> values) {
    this.jid = jid;
    this.params = Collections.unmodifiableMap(params);
    this.values = Collections.unmodifiableMap(values);
  }

  /** The JID of the jail read (what {@code jail_get} returned). */
  public int jid() {
    return jid;
  }

  /**
   * The value of a parameter that was asked for. A {@link JailParam#named(String)} parameter gets
   * its value as libjail export text (list items joined by commas); a typed constant gets the typed
   * value even when it was asked for by name.
   *
   * @param param the parameter
   * @param <T> its type
   * @return the value, or empty when it was not asked for
   * @throws IllegalArgumentException when the value read cannot be given as the requested type
   */
  @SuppressWarnings("unchecked")
  public <T> Optional<T> get(JailParam<T> param) {
    Object value = values.get(param.name());
    JailParam<?> read = params.get(param.name());
    if (value == null || read == null) {
      return Optional.empty();
    }
    if (read.equals(param) || (!param.isNamed() && param.type().accepts(value))) {
      return Optional.of((T) value);
    }
    if (param.isNamed()) {
      return Optional.of((T) String.join(",", formatAny(read, value)));
    }
    if (read.isNamed()) {
      return Optional.of(ParamText.parse(param, List.of((String) value)));
    }
    throw new IllegalArgumentException(
        param.name() + " was read as " + read.type() + ", not as " + param.type());
  }

  /** The names of every parameter read, in request order. */
  public Set<String> names() {
    return values.keySet();
  }

  /**
   * Every value read as libjail export text (what {@code jls -n} prints, list items separate).
   *
   * @return parameter name to text values, in request order
   */
  public Map<String, List<String>> asText() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : values.entrySet()) {
      JailParam<?> p = params.get(e.getKey());
      if (p != null) {
        out.put(e.getKey(), formatAny(p, e.getValue()));
      }
    }
    return Collections.unmodifiableMap(out);
  }

  @SuppressWarnings("unchecked")
  private static <T> List<String> formatAny(JailParam<T> p, Object value) {
    return ParamText.format(p, (T) value);
  }

  @Override
  public String toString() {
    return "JailValues[jid=" + jid + ", " + asText() + "]";
  }
}
