package org.jail4j.param;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jail4j.InvalidJailParameterException;
import org.jail4j.spi.IoVec;
import org.jspecify.annotations.Nullable;

/**
 * The one codec between typed Java values and the bytes {@code jail_set(2)} takes and {@code
 * jail_get(2)} returns (freebsd-jail-abi.md §2 and §4.1). Every provider uses it; none has its own.
 *
 * <ul>
 *   <li>{@code I} ints and {@code E,jailsys} values: exactly 4 bytes in the machine's native order.
 *   <li>{@code LU} ({@code host.hostid}): exactly 8 bytes, native order, unsigned.
 *   <li>{@code A} strings: UTF-8 followed by one NUL, the NUL counted in the length, at most the
 *       kernel's buffer size; a NUL inside the value is refused.
 *   <li>{@code B} booleans: presence-only. {@link #encode} gives an empty value; {@link #wireName}
 *       gives {@code name} for true and {@code noname} for false. {@code jail_get} answers with a
 *       4-byte int 0/1, which {@link #decode} reads.
 *   <li>{@code S,in_addr,a} / {@code S,in6_addr,a}: 4 / 16 bytes per address, network order.
 *   <li>{@code A,keyvalue} (15.0 {@code meta}/{@code env}): {@code key=value} lines joined by
 *       newlines, NUL-terminated, at most 4096 bytes.
 * </ul>
 *
 * <pre>{@code
 * byte[] b = ParamCodec.encode(JailParam.SECURELEVEL, 3);     // 4 bytes, native order
 * int level = ParamCodec.decode(JailParam.SECURELEVEL, b);    // 3
 * String n = ParamCodec.wireName(JailParam.PERSIST, false);   // "nopersist"
 * }</pre>
 */
public final class ParamCodec {
  private ParamCodec() {}

  /**
   * The value bytes of a parameter as {@code jail_set(2)} takes them.
   *
   * @param param a kernel parameter (not a jail(8) pseudo-parameter, not a {@link
   *     JailParam#named(String)} one: those are typed by the kernel first)
   * @param value its value
   * @param <T> the value type
   * @return the bytes (a new array)
   * @throws InvalidJailParameterException naming the parameter when the value cannot be sent: a
   *     string over the kernel's buffer or with a NUL byte, a value of the wrong Java type, a
   *     pseudo-parameter
   */
  public static <T> byte[] encode(JailParam<T> param, T value) {
    if (param == null) {
      throw new InvalidJailParameterException("encode", null, "param", "is null");
    }
    checkSendable(param);
    ParamType<T> type = param.type();
    if (!type.accepts(value)) {
      throw bad(
          "encode",
          param,
          "a value of type "
              + (value == null ? "null" : value.getClass().getSimpleName())
              + " is not a "
              + type.javaTypeName());
    }
    switch (type.kind()) {
      case INT:
        return intBytes((Integer) value);
      case JAILSYS:
        return intBytes(((JailSys) value).value());
      case ULONG:
        {
          byte[] b = new byte[8];
          LONG.set(b, 0, (long) (Long) value);
          return b;
        }
      case BOOL:
        // Presence-only: the kernel ignores the value (§2.6); the name carries true or false.
        return new byte[0];
      case STRING:
        if (param.equals(JailParam.OSRELEASE)) {
          checkOsrelease((String) value);
        }
        return stringBytes(param, (String) value, type.size());
      case KEY_VALUE:
        return stringBytes(param, keyValueText(param, castMap(value)), type.size());
      case IP4_LIST:
      case IP6_LIST:
        return addressBytes((List<?>) value, type.size());
      default:
        throw bad("encode", param, "a " + type.javaTypeName() + " never reaches the kernel");
    }
  }

  /**
   * The typed value of a parameter from the bytes {@code jail_get(2)} returned (the first {@code
   * iov_len} bytes of the buffer).
   *
   * @param param a kernel parameter
   * @param bytes the value bytes
   * @param <T> the value type
   * @return the value
   * @throws InvalidJailParameterException naming the parameter when the bytes have the wrong size
   *     or shape for its type
   */
  public static <T> T decode(JailParam<T> param, byte[] bytes) {
    if (param == null) {
      throw new InvalidJailParameterException("decode", null, "param", "is null");
    }
    if (bytes == null) {
      throw bad("decode", param, "no value bytes (null); jail_get always returns a buffer");
    }
    return decode(param, bytes, bytes.length);
  }

  /**
   * The typed value of a parameter from the value entry {@code jail_get(2)} filled: the first
   * {@link IoVec#length()} bytes of its buffer, read in place (no copy of the bytes is made).
   *
   * <pre>{@code
   * IoVec v = IoVec.buffer(4);                               // filled by jail_get
   * int level = ParamCodec.decodeEntry(JailParam.SECURELEVEL, v); // reads v.base() in place
   * }</pre>
   *
   * @param param a kernel parameter
   * @param value the value entry; a null buffer reads as no bytes
   * @param <T> the value type
   * @return the value
   * @throws InvalidJailParameterException naming the parameter when the bytes have the wrong size
   *     or shape for its type
   */
  public static <T> T decodeEntry(JailParam<T> param, IoVec value) {
    if (param == null) {
      throw new InvalidJailParameterException("decode", null, "param", "is null");
    }
    byte[] base = value.base();
    return decode(param, base == null ? EMPTY : base, base == null ? 0 : inBuffer(value, base));
  }

  private static final byte[] EMPTY = new byte[0];

  /** The length of an entry's bytes, kept within its buffer (as {@link IoVec#bytes()} does). */
  private static int inBuffer(IoVec value, byte[] base) {
    return Math.min(Math.max(value.length(), 0), base.length);
  }

  /** {@link #decode(JailParam, byte[])} of the first {@code len} bytes of {@code bytes}. */
  @SuppressWarnings("unchecked")
  static <T> T decode(JailParam<T> param, byte[] bytes, int len) {
    checkSendable(param);
    ParamType<T> type = param.type();
    switch (type.kind()) {
      case INT:
        return (T) Integer.valueOf(readInt(param, bytes, len));
      case JAILSYS:
        {
          int v = readInt(param, bytes, len);
          return (T)
              JailSys.fromValue(v)
                  .orElseThrow(
                      () -> bad("decode", param, "jailsys value " + v + " is not 0, 1 or 2"));
        }
      case BOOL:
        if (len == 0) {
          // A valueless entry is a presence-only "set" (§2.6).
          return (T) (Boolean) true;
        }
        return (T) Boolean.valueOf(readInt(param, bytes, len) != 0);
      case ULONG:
        if (len != 8) {
          throw bad("decode", param, sizeRule(len, "an unsigned long is exactly 8 bytes"));
        }
        return (T) Long.valueOf((long) LONG.get(bytes, 0));
      case STRING:
        return (T) readString(param, bytes, len, type.size());
      case KEY_VALUE:
        return (T) parseKeyValue(param, readString(param, bytes, len, type.size()));
      case IP4_LIST:
      case IP6_LIST:
        return (T) readAddresses(param, bytes, len, type.size());
      default:
        throw bad("decode", param, "a " + type.javaTypeName() + " never comes from the kernel");
    }
  }

  /**
   * The parameter name to send with a value: the {@code no} name for a false presence-only boolean
   * ({@code nopersist}, {@code allow.noraw_sockets}), the parameter's own name otherwise (§2.6).
   *
   * @param param the parameter
   * @param value its value
   * @return the name to put in the iovec
   */
  public static String wireName(JailParam<?> param, Object value) {
    if (param.type().kind() == ParamType.Kind.BOOL && Boolean.FALSE.equals(value)) {
      return param.noName();
    }
    return param.name();
  }

  /**
   * The name entry of an iovec pair. The entries of every catalogued kernel parameter name and of
   * its {@code no} name are made once and shared by every request: kernels read names and never
   * write them (freebsd-jail-abi.md §2.2), so one entry serves every call.
   */
  static IoVec nameVec(String wireName) {
    IoVec shared = NAME_ENTRIES.get(wireName);
    return shared == null ? IoVec.name(wireName) : shared;
  }

  /**
   * The catalogued kernel parameter a name entry names: the entry's first {@link IoVec#length()}
   * bytes are the parameter's name, or its {@code no} name for a boolean ({@code nopersist} gives
   * {@link JailParam#PERSIST}), followed by the one NUL counted in the length (§2.2). Lets a kernel
   * or a test double find the parameter of an entry without decoding its name into a {@code
   * String}; the entries {@link JailRequest} sends for catalogued names are found by identity.
   *
   * <pre>{@code
   * JailParam<?> p = ParamCodec.paramOf(IoVec.name("host.hostname")); // JailParam.HOST_HOSTNAME
   * boolean no = p != null && iov[i].length() != p.name().length() + 1; // a "no" name
   * }</pre>
   *
   * @param nameEntry a name entry of an iovec ({@code iov[2k]})
   * @return the parameter, or null when the entry names no catalogued kernel parameter or is not a
   *     well-formed name (a null buffer, a length of 0 or past the buffer, no NUL as the last
   *     counted byte, a NUL before it)
   */
  public static @Nullable JailParam<?> paramOf(IoVec nameEntry) {
    byte[] base = nameEntry.base();
    int len = nameEntry.length();
    if (base == null || len < 2 || len > base.length || base[len - 1] != 0) {
      return null;
    }
    int hash = nameHash(base, len - 1);
    int mask = INDEX_KEYS.length - 1;
    for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
      byte[] key = INDEX_KEYS[slot];
      if (key == null) {
        return null;
      }
      if (key == base || (key.length == len && Arrays.equals(key, 0, len, base, 0, len))) {
        return INDEX_PARAMS[slot];
      }
    }
  }

  /** A hash of a name's bytes (without its NUL), spread for the open-addressed index. */
  private static int nameHash(byte[] b, int n) {
    int h = 0;
    for (int i = 0; i < n; i++) {
      h = 31 * h + b[i];
    }
    return h ^ (h >>> 16);
  }

  private static final Map<String, IoVec> NAME_ENTRIES;

  /** The name index: NUL-terminated name bytes and their parameter, open addressing. */
  private static final byte[][] INDEX_KEYS;

  private static final JailParam<?>[] INDEX_PARAMS;

  static {
    Map<String, IoVec> entries = new java.util.HashMap<>();
    List<JailParam<?>> kernel = new java.util.ArrayList<>();
    for (JailParam<?> p : JailParam.catalogue()) {
      if (p.isKernel()) {
        kernel.add(p);
        entries.put(p.name(), IoVec.name(p.name()));
        if (p.type().kind() == ParamType.Kind.BOOL) {
          entries.put(p.noName(), IoVec.name(p.noName()));
        }
      }
    }
    int size = Integer.highestOneBit(Math.max(4 * entries.size(), 16));
    byte[][] keys = new byte[size][];
    JailParam<?>[] params = new JailParam<?>[size];
    for (JailParam<?> p : kernel) {
      index(keys, params, entries.get(p.name()), p);
      if (p.type().kind() == ParamType.Kind.BOOL) {
        index(keys, params, entries.get(p.noName()), p);
      }
    }
    NAME_ENTRIES = Map.copyOf(entries);
    INDEX_KEYS = keys;
    INDEX_PARAMS = params;
  }

  private static void index(
      byte[][] keys, JailParam<?>[] params, @Nullable IoVec entry, JailParam<?> p) {
    byte[] key = entry == null ? null : entry.base();
    if (key == null) {
      throw new IllegalStateException("no name entry for " + p.name());
    }
    int mask = keys.length - 1;
    int slot = nameHash(key, key.length - 1) & mask;
    while (keys[slot] != null) {
      if (Arrays.equals(keys[slot], key)) {
        return; // one name catalogued twice (never expected): the first entry wins
      }
      slot = (slot + 1) & mask;
    }
    keys[slot] = key;
    params[slot] = p;
  }

  /**
   * A 4-byte native-order int, as the kernel takes {@code I} parameters and {@code lastjid}.
   *
   * @param value the int
   * @return 4 bytes
   */
  public static byte[] intBytes(int value) {
    byte[] b = new byte[4];
    INT.set(b, 0, value);
    return b;
  }

  /** Native-order views of byte arrays, so no {@code ByteBuffer} is made per value. */
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());

  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

  /**
   * The text of a C string buffer: the bytes before the first NUL (all of them when there is none),
   * as UTF-8. Used for the kernel's {@code errmsg}.
   *
   * @param buffer the buffer
   * @return the text, possibly empty
   */
  public static String cString(byte[] buffer) {
    int end = indexOfNul(buffer);
    return new String(buffer, 0, end < 0 ? buffer.length : end, StandardCharsets.UTF_8);
  }

  // ---- helpers -----------------------------------------------------------------------------

  private static void checkSendable(JailParam<?> param) {
    if (!param.isKernel()) {
      throw bad(
          "codec", param, "a jail(8) pseudo-parameter, used by the lifecycle, never the kernel");
    }
    if (param.isNamed()) {
      throw bad(
          "codec",
          param,
          "a run-time parameter (JailParam.named): its type comes from the kernel, and"
              + " JailRequest converts its text with that type");
    }
  }

  private static InvalidJailParameterException bad(String op, JailParam<?> p, String rule) {
    return new InvalidJailParameterException(op, null, p.name(), rule);
  }

  private static String sizeRule(int length, String rule) {
    return "value of " + length + " bytes; " + rule;
  }

  private static int readInt(JailParam<?> param, byte[] bytes, int len) {
    if (len != 4) {
      throw bad("decode", param, sizeRule(len, "an int is exactly 4 bytes"));
    }
    return (int) INT.get(bytes, 0);
  }

  private static int indexOfNul(byte[] b) {
    return indexOfNul(b, b.length);
  }

  private static int indexOfNul(byte[] b, int len) {
    for (int i = 0; i < len; i++) {
      if (b[i] == 0) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The kernel's osrelease rule is one byte stricter than its buffer: the length with the NUL must
   * be below OSRELEASELEN (32), so 30 bytes is the most (freebsd-jail-abi.md §3.1; 13.x and later
   * answer ENAMETOOLONG "osrelease string must be 1-31 bytes long").
   */
  private static void checkOsrelease(String value) {
    int len = value.getBytes(StandardCharsets.UTF_8).length;
    if (len + 1 >= OSRELEASELEN) {
      throw bad(
          "encode",
          JailParam.OSRELEASE,
          "is "
              + len
              + " bytes; the kernel refuses a length of "
              + OSRELEASELEN
              + " or more with the NUL, so at most "
              + (OSRELEASELEN - 2)
              + " bytes (ENAMETOOLONG: osrelease string must be 1-31 bytes long)");
    }
  }

  /** {@code OSRELEASELEN} of sys/sys/jail.h. */
  private static final int OSRELEASELEN = 32;

  private static byte[] stringBytes(JailParam<?> param, String value, int size) {
    if (value.indexOf('\0') >= 0) {
      throw bad("encode", param, "contains a NUL byte, which would end the C string early");
    }
    byte[] ascii = asciiWithNul(value);
    if (ascii != null && (size <= 0 || ascii.length <= size)) {
      return ascii;
    }
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    // The NUL counts in the length (§2.5), and the kernel's buffer holds it too (§1.3).
    if (size > 0 && utf8.length + 1 > size) {
      throw bad(
          "encode",
          param,
          "is "
              + utf8.length
              + " bytes; at most "
              + (size - 1)
              + " bytes fit the kernel's "
              + size
              + "-byte buffer with the NUL");
    }
    return Arrays.copyOf(utf8, utf8.length + 1);
  }

  /**
   * The bytes of an ASCII string followed by its NUL, in one array (its UTF-8 form); null when the
   * string has a character outside ASCII.
   */
  static byte @Nullable [] asciiWithNul(String value) {
    int n = value.length();
    byte[] out = new byte[n + 1];
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c >= 0x80) {
        return null;
      }
      out[i] = (byte) c;
    }
    return out;
  }

  private static String readString(JailParam<?> param, byte[] bytes, int len, int size) {
    int nul = indexOfNul(bytes, len);
    if (nul < 0) {
      throw bad(
          "decode", param, sizeRule(len, "a string must end in a NUL byte counted in its length"));
    }
    if (size > 0 && nul + 1 > size) {
      throw bad(
          "decode",
          param,
          "string of " + nul + " bytes does not fit the kernel's " + size + "-byte buffer");
    }
    return new String(bytes, 0, nul, StandardCharsets.UTF_8);
  }

  private static byte[] addressBytes(List<?> addresses, int elementSize) {
    byte[] out = new byte[addresses.size() * elementSize];
    int pos = 0;
    for (Object a : addresses) {
      // getAddress() is network byte order, as struct in_addr / in6_addr (§4.1).
      byte[] b = ((InetAddress) a).getAddress();
      System.arraycopy(b, 0, out, pos, elementSize);
      pos += elementSize;
    }
    return out;
  }

  private static List<InetAddress> readAddresses(
      JailParam<?> param, byte[] bytes, int len, int elementSize) {
    if (len % elementSize != 0) {
      throw bad("decode", param, sizeRule(len, "addresses are " + elementSize + " bytes each"));
    }
    InetAddress[] out = new InetAddress[len / elementSize];
    for (int pos = 0; pos < len; pos += elementSize) {
      byte[] one = Arrays.copyOfRange(bytes, pos, pos + elementSize);
      try {
        // Inet6Address.getByAddress keeps ::ffff:a.b.c.d as IPv6, as the kernel stores it.
        out[pos / elementSize] =
            elementSize == 4
                ? (Inet4Address) InetAddress.getByAddress(one)
                : Inet6Address.getByAddress(null, one, -1);
      } catch (UnknownHostException e) {
        throw new IllegalStateException("an address of " + elementSize + " bytes", e);
      }
    }
    return List.of(out);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> castMap(Object value) {
    return (Map<String, String>) value;
  }

  /**
   * The kernel's text for a key-value map: {@code key=value} lines joined by newlines.
   *
   * @throws InvalidJailParameterException when a key is empty or contains {@code =}, a newline or
   *     NUL, or a value contains a newline or NUL
   */
  static String keyValueText(JailParam<?> param, Map<String, String> map) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : map.entrySet()) {
      String k = e.getKey();
      String v = e.getValue();
      if (k.isEmpty() || k.indexOf('=') >= 0 || k.indexOf('\n') >= 0 || k.indexOf('\0') >= 0) {
        throw bad(
            "encode",
            param,
            "key \"" + printable(k) + "\" must be non-empty without '=', newline or NUL");
      }
      if (v.indexOf('\n') >= 0 || v.indexOf('\0') >= 0) {
        throw bad(
            "encode",
            param,
            "value of key \"" + printable(k) + "\" must not contain a newline or NUL");
      }
      if (sb.length() > 0) {
        sb.append('\n');
      }
      sb.append(k).append('=').append(v);
    }
    return sb.toString();
  }

  static Map<String, String> parseKeyValue(JailParam<?> param, String text) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : text.split("\n", -1)) {
      if (line.isEmpty()) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw bad("decode", param, "line \"" + printable(line) + "\" is not key=value");
      }
      out.put(line.substring(0, eq), line.substring(eq + 1));
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  static String printable(String s) {
    return s.replace("\0", "\\0").replace("\n", "\\n");
  }
}
