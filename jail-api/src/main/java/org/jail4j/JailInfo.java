package org.jail4j;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
 * info.param("foo.bar");                        // throws: unknown parameter: foo.bar (ENOENT)
 * }</pre>
 *
 * <p>As jls(8) does ({@code jls: unknown parameter: foo.bar}), a name this kernel does not publish
 * is an error, not an empty value: {@link #param} and {@link #get} throw {@link
 * InvalidJailParameterException} with the errno and errmsg libjail and {@link
 * org.jail4j.param.JailRequest} give for it ({@code ENOENT}, {@code unknown parameter: NAME}), and
 * return empty only for a parameter the kernel has but reported no value for. {@link #isPublished}
 * asks without the exception.
 *
 * @param jid the JID
 * @param name the name, relative to the caller (the JID as text when none was given)
 * @param path the root directory, relative to the caller's root
 * @param hostname {@code host.hostname}, empty when not set
 * @param addresses {@code ip4.addr} then {@code ip6.addr}, each family's primary first
 * @param parent the parent's JID, 0 when the parent is the caller's own jail
 * @param dying true when the jail is shutting down (only listed when dying jails were asked for)
 * @param params every parameter read, by name, in the kernel's order, as export text
 * @param published the name of every parameter the kernel publishes (its {@code
 *     security.jail.param} table), read or not; an unordered set
 */
public record JailInfo(
    int jid,
    String name,
    String path,
    String hostname,
    List<InetAddress> addresses,
    int parent,
    boolean dying,
    Map<String, String> params,
    Set<String> published) {

  /** Validates and copies. */
  public JailInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(hostname, "hostname");
    addresses = List.copyOf(addresses);
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    if (!published.containsAll(params.keySet())) {
      Set<String> names = new LinkedHashSet<>(published);
      names.addAll(params.keySet());
      published = names;
    }
    // an immutable set is kept as it is, so a listing shares one set across its jails
    published = Set.copyOf(published);
  }

  /**
   * A snapshot whose kernel publishes exactly the parameters read (a snapshot built by hand, e.g.
   * for a jls rendering test).
   *
   * @param jid the JID
   * @param name the name
   * @param path the root directory
   * @param hostname {@code host.hostname}
   * @param addresses {@code ip4.addr} then {@code ip6.addr}
   * @param parent the parent's JID
   * @param dying true when the jail is shutting down
   * @param params every parameter read, as export text
   */
  public JailInfo(
      int jid,
      String name,
      String path,
      String hostname,
      List<InetAddress> addresses,
      int parent,
      boolean dying,
      Map<String, String> params) {
    this(jid, name, path, hostname, addresses, parent, dying, params, params.keySet());
  }

  /**
   * Whether the kernel publishes a parameter of this name, set or not.
   *
   * @param name the parameter name
   * @return true when {@link #param} knows it
   */
  public boolean isPublished(String name) {
    return published.contains(name);
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
   * @return its text, or empty when the kernel has the parameter but reported no value
   * @throws InvalidJailParameterException when the kernel does not publish the parameter ({@code
   *     ENOENT}, {@code unknown parameter: NAME}, as libjail and jls say)
   */
  public Optional<String> param(String name) {
    String text = params.get(name);
    if (text == null) {
      known(name);
    }
    return Optional.ofNullable(text);
  }

  private void known(String param) {
    if (!published.contains(param)) {
      // As libjail's jailparam_init, and so JailRequest, answer a name the kernel does not publish
      // (freebsd-jail-abi.md §2 rule 7): jls prints "jls: unknown parameter: NAME".
      throw new InvalidJailParameterException(
          "jail_get", jid, name, Errno.ENOENT, "unknown parameter: " + param);
    }
  }

  /**
   * A parameter's value, typed.
   *
   * @param param the parameter
   * @param <T> its type
   * @return the value, or empty when the kernel has the parameter but reported no value
   * @throws InvalidJailParameterException when the text does not fit the type, or the kernel does
   *     not publish the parameter (as {@link #param})
   */
  public <T> Optional<T> get(JailParam<T> param) {
    String text = params.get(param.name());
    if (text == null) {
      known(param.name());
      return Optional.empty();
    }
    return Optional.of(ParamText.parse(param, List.of(text)));
  }
}
