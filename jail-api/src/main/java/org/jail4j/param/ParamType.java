package org.jail4j.param;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The Java type of a jail parameter and how it travels to the kernel (freebsd-jail-abi.md §4.1).
 *
 * <pre>{@code
 * ParamType<String> hostname = ParamType.string(256); // "A", buffer of 256 bytes with the NUL
 * ParamType<Boolean> flag = ParamType.BOOL;           // "B", presence-only
 * }</pre>
 *
 * @param <T> the Java type of values
 */
@SuppressWarnings("UnusedTypeParameter") // T types the constants; values never pass through here
public final class ParamType<T> {

  /** How values of a type are represented. */
  public enum Kind {
    /** Format {@code I}: 4-byte native-order int. */
    INT("I"),
    /** Format {@code LU}: 8-byte native-order unsigned long. */
    ULONG("LU"),
    /** Format {@code B}: presence-only boolean ({@code name} / {@code noname}). */
    BOOL("B"),
    /** Format {@code E,jailsys}: 4-byte int 0/1/2. */
    JAILSYS("E,jailsys"),
    /** Format {@code A}: NUL-terminated string, the NUL counted. */
    STRING("A"),
    /** Format {@code S,in_addr,a}: array of 4-byte network-order addresses. */
    IP4_LIST("S,in_addr,a"),
    /** Format {@code S,in6_addr,a}: array of 16-byte network-order addresses. */
    IP6_LIST("S,in6_addr,a"),
    /** Format {@code A,keyvalue} (15.0): newline-separated {@code key=value} text. */
    KEY_VALUE("A,keyvalue"),
    /** A list of strings: jail(8) pseudo-parameters such as {@code exec.start} or {@code mount}. */
    STRING_LIST("");

    private final String format;

    Kind(String format) {
      this.format = format;
    }

    /** The sysctl format string, empty for types that never reach the kernel. */
    public String format() {
      return format;
    }
  }

  /** 4-byte int ({@code I}). */
  public static final ParamType<Integer> INT = new ParamType<>(Kind.INT, 4, Integer.class);

  /** 8-byte unsigned long ({@code LU}), carried in a {@code long}. */
  public static final ParamType<Long> ULONG = new ParamType<>(Kind.ULONG, 8, Long.class);

  /** Presence-only boolean ({@code B}). */
  public static final ParamType<Boolean> BOOL = new ParamType<>(Kind.BOOL, 0, Boolean.class);

  /** Jailsys ({@code E,jailsys}). */
  public static final ParamType<JailSys> JAILSYS = new ParamType<>(Kind.JAILSYS, 4, JailSys.class);

  /** IPv4 address list ({@code S,in_addr,a}). */
  public static final ParamType<List<Inet4Address>> IP4_LIST =
      new ParamType<>(Kind.IP4_LIST, 4, List.class);

  /** IPv6 address list ({@code S,in6_addr,a}). */
  public static final ParamType<List<Inet6Address>> IP6_LIST =
      new ParamType<>(Kind.IP6_LIST, 16, List.class);

  /** Key-value text ({@code A,keyvalue}, 15.0 {@code meta} / {@code env}), at most 4096 bytes. */
  public static final ParamType<Map<String, String>> KEY_VALUE =
      new ParamType<>(Kind.KEY_VALUE, 4096, Map.class);

  /** A list of strings (jail(8) pseudo-parameters only). */
  public static final ParamType<List<String>> STRING_LIST =
      new ParamType<>(Kind.STRING_LIST, 0, List.class);

  /** A string without a kernel limit (jail(8) pseudo-parameters only). */
  public static final ParamType<String> TEXT = new ParamType<>(Kind.STRING, 0, String.class);

  private final Kind kind;
  private final int size;
  private final Class<?> javaClass;

  private ParamType(Kind kind, int size, Class<?> javaClass) {
    this.kind = kind;
    this.size = size;
    this.javaClass = javaClass;
  }

  /**
   * A NUL-terminated string type whose buffer (the NUL included) holds at most {@code size} bytes.
   *
   * @param size the kernel's buffer size, e.g. 256 for {@code MAXHOSTNAMELEN}
   * @return the type
   */
  public static ParamType<String> string(int size) {
    if (size <= 0) {
      throw new IllegalArgumentException("string size must be positive: " + size);
    }
    return new ParamType<>(Kind.STRING, size, String.class);
  }

  /** How values travel. */
  public Kind kind() {
    return kind;
  }

  /**
   * The size: 4 or 8 for ints, the buffer size including the NUL for strings (0 = no limit), the
   * element size for address lists, the maximum buffer for key-value text.
   */
  public int size() {
    return size;
  }

  /** The Java class of values (the raw class for lists and maps). */
  public Class<?> javaClass() {
    return javaClass;
  }

  private static boolean allInstances(List<?> values, Class<?> type) {
    for (int i = 0; i < values.size(); i++) {
      if (!type.isInstance(values.get(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a value has this type's Java shape: an {@code Integer} for {@link #INT}, a list of
   * {@code Inet4Address} for {@link #IP4_LIST}, a map of strings for {@link #KEY_VALUE}, and so on.
   * Sizes and ranges are not checked here.
   *
   * @param value any value, may be null
   * @return true when the value is of this type
   */
  public boolean accepts(@Nullable Object value) {
    if (!javaClass.isInstance(value)) {
      return false;
    }
    switch (kind) {
      case IP4_LIST:
        return allInstances((List<?>) value, Inet4Address.class);
      case IP6_LIST:
        return allInstances((List<?>) value, Inet6Address.class);
      case STRING_LIST:
        return allInstances((List<?>) value, String.class);
      case KEY_VALUE:
        for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
          if (!(e.getKey() instanceof String && e.getValue() instanceof String)) {
            return false;
          }
        }
        return true;
      default:
        return true;
    }
  }

  /** The Java type in words, for error messages: {@code Integer}, {@code List<Inet4Address>}... */
  public String javaTypeName() {
    switch (kind) {
      case IP4_LIST:
        return "List<Inet4Address>";
      case IP6_LIST:
        return "List<Inet6Address>";
      case STRING_LIST:
        return "List<String>";
      case KEY_VALUE:
        return "Map<String, String>";
      default:
        return javaClass.getSimpleName();
    }
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ParamType<?> t && t.kind == kind && t.size == size;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, size);
  }

  @Override
  public String toString() {
    return kind == Kind.STRING && size > 0 ? "A(" + size + ")" : kind.name();
  }
}
