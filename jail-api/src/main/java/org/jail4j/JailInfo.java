package org.jail4j;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jail4j.param.JailParam;
import org.jail4j.param.ParamText;

/**
 * A snapshot of a jail as {@code jail_get(2)} reported it, what {@code jls -v} and {@code jls -n}
 * show: JID, name, path, hostname, addresses, parent, whether it is dying, and every parameter the
 * kernel publishes as libjail's export text ({@code true}/{@code false}, jailsys words,
 * comma-separated lists). Immutable.
 *
 * <pre>{@code
 * JailInfo info = host.get(5).info();
 * info.hostname();                              // "web"
 * info.param("securelevel");                    // Optional["3"]
 * info.get(JailParam.ENFORCE_STATFS);           // Optional[2]
 * }</pre>
 *
 * @param jid the JID
 * @param name the name, relative to the caller (the JID as text when none was given)
 * @param path the root directory, relative to the caller's root
 * @param hostname {@code host.hostname}, empty when not set
 * @param addresses {@code ip4.addr} then {@code ip6.addr}, each family's primary first
 * @param parent the parent's JID, 0 when the parent is the caller's own jail
 * @param dying true when the jail is shutting down (only listed when dying jails were asked for)
 * @param params every parameter read, by name, in the kernel's order, as export text
 */
public record JailInfo(
    int jid,
    String name,
    String path,
    String hostname,
    List<InetAddress> addresses,
    int parent,
    boolean dying,
    Map<String, String> params) {

  /** Validates and copies. */
  public JailInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(hostname, "hostname");
    addresses = List.copyOf(addresses);
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /** The IPv4 addresses, primary first. */
  public List<Inet4Address> ip4() {
    return addresses.stream()
        .filter(a -> a instanceof Inet4Address)
        .map(a -> (Inet4Address) a)
        .collect(Collectors.toUnmodifiableList());
  }

  /** The IPv6 addresses, primary first. */
  public List<Inet6Address> ip6() {
    return addresses.stream()
        .filter(a -> a instanceof Inet6Address)
        .map(a -> (Inet6Address) a)
        .collect(Collectors.toUnmodifiableList());
  }

  /** The {@code cpuset.id}, or -1 when it was not read. */
  public int cpusetId() {
    String s = params.get("cpuset.id");
    if (s == null) {
      return -1;
    }
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * A parameter's value as export text.
   *
   * @param name the parameter name, e.g. {@code allow.raw_sockets}
   * @return its text, or empty when it was not read
   */
  public Optional<String> param(String name) {
    return Optional.ofNullable(params.get(name));
  }

  /**
   * A parameter's value, typed.
   *
   * @param param the parameter
   * @param <T> its type
   * @return the value, or empty when it was not read
   * @throws InvalidJailParameterException when the text does not fit the type
   */
  public <T> Optional<T> get(JailParam<T> param) {
    String text = params.get(param.name());
    if (text == null) {
      return Optional.empty();
    }
    return Optional.of(ParamText.parse(param, List.of(text)));
  }
}
