package org.jail4j.testkit.internal;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jail4j.Errno;
import org.jail4j.internal.NoNames;
import org.jail4j.param.JailParam;
import org.jail4j.param.ParamCodec;
import org.jail4j.spi.IoVec;
import org.jspecify.annotations.Nullable;

/**
 * The parameter list of one {@code jail_set} / {@code jail_get} call, built from the caller's
 * iovecs exactly as the kernel's mount-option code does ({@code vfs_buildopts}, {@code
 * vfs_sanitizeopts}; freebsd-jail-abi.md §2): names must end in NUL, a zero length is "no value",
 * the last of equal names wins ({@code x} and {@code nox} are equal), and every lookup marks the
 * option seen so that leftovers can be reported as unknown.
 */
final class Options {
  /** {@code VFS_MOUNTARG_SIZE_MAX}: budget and per-entry limit of one call's options. */
  static final int MOUNTARG_SIZE_MAX = 64 * 1024;

  /** {@code sizeof(struct vfsopt)} on amd64, counted against the budget per option. */
  static final int VFSOPT_SIZE = 48;

  /** One option: name, the caller's value bytes (null for "no value"), position of its pair. */
  static final class Opt {
    final String name;

    /** {@code name.hashCode()}, compared first by the linear lookups of small calls. */
    final int hash;

    final byte @Nullable [] value;
    int len;
    final int pos;
    boolean seen;

    /** Bytes to copy out on success ({@code jail_get}); null when the value is left as it was. */
    byte @Nullable [] out;

    Opt(String name, byte @Nullable [] value, int len, int pos) {
      this.name = name;
      this.hash = name.hashCode();
      this.value = value;
      this.len = len;
      this.pos = pos;
    }
  }

  private final IoVec[] iov;
  private final List<Opt> opts;

  /**
   * The options by exact name, for the lookups of a call with many options: an open-addressed table
   * on the names' hashes (the names are unique once sanitized); null for few options.
   */
  private final Opt @Nullable [] byName;

  /** Above this many options, lookups go through {@link #byName}. */
  private static final int LINEAR_LOOKUPS = 8;

  private Options(IoVec[] iov, List<Opt> opts) {
    this.iov = iov;
    this.opts = opts;
    if (opts.size() > LINEAR_LOOKUPS) {
      Opt[] table = new Opt[Integer.highestOneBit(opts.size()) * 4];
      int mask = table.length - 1;
      for (Opt o : opts) {
        int slot = spread(o.hash) & mask;
        while (table[slot] != null) {
          slot = (slot + 1) & mask;
        }
        table[slot] = o;
      }
      this.byName = table;
    } else {
      this.byName = null;
    }
  }

  /**
   * The checks {@code sys_jail_set} / {@code sys_jail_get} make before anything else: an odd count
   * and more than {@code UIO_MAXIOV} entries are {@code EINVAL}, an unreadable array {@code
   * EFAULT}, a length that overflows {@code EINVAL} ({@code copyinuio}).
   */
  static void checkArray(IoVec @Nullable [] iov) throws Fail {
    if (iov == null) {
      throw Fail.of(Errno.EFAULT);
    }
    if ((iov.length & 1) != 0) {
      throw Fail.of(Errno.EINVAL);
    }
    if (iov.length > org.jail4j.spi.JailFlags.UIO_MAXIOV) {
      throw Fail.of(Errno.EINVAL);
    }
    for (IoVec v : iov) {
      if (v == null) {
        throw Fail.of(Errno.EFAULT);
      }
      if (v.length() < 0) {
        // a size_t above SSIZE_MAX: copyinuio refuses the total as too large
        throw Fail.of(Errno.EINVAL);
      }
    }
  }

  /**
   * {@code vfs_buildopts} followed by {@code vfs_sanitizeopts}. The kernel copies every name and
   * value in; the fake reads them in place (the call runs under the kernel's lock and the caller
   * waits for it), checking the same lengths, so a value is the caller's array and only its first
   * {@code len} bytes belong to the option.
   */
  static Options build(IoVec[] iov) throws Fail {
    List<Opt> list = new ArrayList<>(iov.length / 2);
    long memused = 0;
    for (int i = 0; i < iov.length; i += 2) {
      IoVec nameVec = iov[i];
      IoVec valueVec = iov[i + 1];
      int namelen = nameVec.length();
      int optlen = valueVec.length();
      memused += VFSOPT_SIZE + (long) optlen + namelen;
      if (memused > MOUNTARG_SIZE_MAX
          || optlen > MOUNTARG_SIZE_MAX
          || namelen > MOUNTARG_SIZE_MAX) {
        throw Fail.of(Errno.EINVAL);
      }
      byte[] nameBytes = readable(nameVec);
      if (namelen == 0 || nameBytes[namelen - 1] != 0) {
        throw Fail.of(Errno.EINVAL);
      }
      byte[] value = optlen == 0 ? null : readable(valueVec);
      list.add(new Opt(optionName(nameVec, nameBytes, namelen), value, optlen, i / 2));
    }
    sanitize(list);
    return new Options(iov, list);
  }

  /**
   * The name of an option as {@code strcmp} sees it. A catalogued name is read in place through the
   * codec's name index (the text of the catalogue's own {@code String}, no decoding); any other
   * name is decoded up to its first NUL.
   */
  private static String optionName(IoVec nameVec, byte[] nameBytes, int namelen) {
    JailParam<?> p = ParamCodec.paramOf(nameVec);
    if (p == null) {
      return cString(nameBytes, 0, namelen);
    }
    // paramOf matched the whole name and its NUL: the name or, two bytes longer, the no name
    return namelen == p.name().length() + 1 ? p.name() : p.noName();
  }

  /** The caller's bytes of an entry: {@code EFAULT} when the length runs past them (copyin). */
  private static byte[] readable(IoVec v) throws Fail {
    int len = v.length();
    byte[] base = v.base();
    if (len == 0) {
      return NO_BYTES;
    }
    if (base == null || len > base.length) {
      throw Fail.of(Errno.EFAULT);
    }
    return base;
  }

  private static final byte[] NO_BYTES = new byte[0];

  /** The bytes up to the first NUL (or {@code len}) as text, as {@code strcmp} sees them. */
  static String cString(byte[] bytes, int from, int len) {
    int end = from;
    while (end < from + len && bytes[end] != 0) {
      end++;
    }
    return new String(bytes, from, end - from, StandardCharsets.UTF_8);
  }

  /**
   * Later options replace earlier equal ones ({@code vfs_sanitizeopts}): from the last option back,
   * each one left removes every earlier option equal to it. Equal names have the same {@link
   * NoNames#stem}, so only names of one stem are compared.
   */
  private static void sanitize(List<Opt> list) {
    int n = list.size();
    if (n < 2) {
      return;
    }
    // the stems' first index; only when two options share a stem are they compared
    String[] stems = new String[n];
    int[] firstOfStem = new int[n];
    boolean shared = false;
    if (n <= LINEAR_LOOKUPS) {
      // a small call: comparing the stems pairwise is cheaper than a map
      for (int i = 0; i < n; i++) {
        stems[i] = NoNames.stem(list.get(i).name);
        firstOfStem[i] = i;
        for (int j = 0; j < i; j++) {
          if (stems[j].equals(stems[i])) {
            firstOfStem[i] = j;
            shared = true;
            break;
          }
        }
      }
    } else {
      Map<String, Integer> first = new HashMap<>(2 * n);
      for (int i = 0; i < n; i++) {
        stems[i] = NoNames.stem(list.get(i).name);
        Integer earlier = first.putIfAbsent(stems[i], i);
        firstOfStem[i] = earlier == null ? i : earlier;
        shared |= earlier != null;
      }
    }
    if (!shared) {
      return;
    }
    boolean[] removed = new boolean[n];
    for (int i = n - 1; i > 0; i--) {
      if (removed[i]) {
        continue;
      }
      String name = list.get(i).name;
      for (int j = firstOfStem[i]; j < i; j++) {
        if (!removed[j] && stems[j].equals(stems[i]) && equalOpts(name, list.get(j).name)) {
          removed[j] = true;
        }
      }
    }
    List<Opt> kept = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      if (!removed[i]) {
        kept.add(list.get(i));
      }
    }
    list.clear();
    list.addAll(kept);
  }

  /**
   * {@code vfs_equalopts}: equal names, or a name and its {@code no} twin, also per dotted
   * component after a common prefix ({@code allow.mount} vs {@code allow.nomount}). The mount-only
   * quirk that makes {@code ro}/{@code rdonly}/{@code norw} equal is left out: no jail parameter
   * has those names.
   */
  static boolean equalOpts(String a, String b) {
    int diff = a.length() - b.length();
    if (diff == 0) {
      // a no twin is two bytes longer, at the top or after a common prefix
      return a.equals(b);
    }
    if (diff != 2 && diff != -2) {
      return false;
    }
    if (isNoTwin(a, b) || isNoTwin(b, a)) {
      return true;
    }
    int start = 0;
    while (true) {
      int dot = a.indexOf('.', start);
      if (dot < 0) {
        return false;
      }
      int prefix = dot + 1;
      if (b.length() < prefix || !a.regionMatches(0, b, 0, prefix)) {
        return false;
      }
      String ra = a.substring(prefix);
      String rb = b.substring(prefix);
      if (isNoTwin(ra, rb) || isNoTwin(rb, ra)) {
        return true;
      }
      start = prefix;
    }
  }

  private static boolean isNoTwin(String no, String plain) {
    return no.length() == plain.length() + 2 && no.startsWith("no") && no.endsWith(plain);
  }

  List<Opt> all() {
    return opts;
  }

  /** The option with exactly this name, or null; does not mark it seen. */
  @Nullable Opt find(String name) {
    int hash = name.hashCode();
    Opt[] table = byName;
    if (table != null) {
      int mask = table.length - 1;
      for (int slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
        Opt o = table[slot];
        if (o == null || (o.hash == hash && o.name.equals(name))) {
          return o;
        }
      }
    }
    for (int i = 0; i < opts.size(); i++) {
      Opt o = opts.get(i);
      if (o.hash == hash && o.name.equals(name)) {
        return o;
      }
    }
    return null;
  }

  private static int spread(int hash) {
    return hash ^ (hash >>> 16);
  }

  /** {@code vfs_getopt}: the option, marked seen, or null when absent. */
  @Nullable Opt get(String name) {
    Opt o = find(name);
    if (o != null) {
      o.seen = true;
    }
    return o;
  }

  /** {@code vfs_flagopt}: whether the name is present (its value ignored), marking it seen. */
  boolean flag(String name) {
    return get(name) != null;
  }

  /**
   * {@code vfs_copyopt} of a 4-byte int: null when absent, {@code EINVAL} when the value is not
   * exactly 4 bytes (§2.5).
   */
  @Nullable Integer copyInt(String name) throws Fail {
    Opt o = get(name);
    if (o == null) {
      return null;
    }
    if (o.len != 4 || o.value == null) {
      throw Fail.of(Errno.EINVAL);
    }
    return readInt(o.value);
  }

  /** {@code vfs_copyopt} of an unsigned long (8 bytes on amd64). */
  @Nullable Long copyLong(String name) throws Fail {
    Opt o = get(name);
    if (o == null) {
      return null;
    }
    if (o.len != 8 || o.value == null) {
      throw Fail.of(Errno.EINVAL);
    }
    long first = readInt(o.value, 0) & 0xffff_ffffL;
    long second = readInt(o.value, 4) & 0xffff_ffffL;
    return LITTLE ? second << 32 | first : first << 32 | second;
  }

  /**
   * A string option: null when absent, {@code EINVAL} when empty or not NUL-terminated, {@code
   * ENAMETOOLONG} when longer than {@code max} bytes with the NUL.
   */
  @Nullable String string(String name, int max) throws Fail {
    Opt o = get(name);
    if (o == null) {
      return null;
    }
    byte[] v = o.value;
    if (o.len == 0 || v == null || v[o.len - 1] != 0) {
      throw Fail.of(Errno.EINVAL);
    }
    if (o.len > max) {
      throw Fail.of(Errno.ENAMETOOLONG);
    }
    return cString(v, 0, o.len);
  }

  /** {@code vfs_setopt}: answers a fixed-size value (size probe, or exact size, else EINVAL). */
  boolean setFixed(String name, byte[] bytes) throws Fail {
    Opt o = get(name);
    if (o == null) {
      return false;
    }
    if (o.value == null) {
      o.len = bytes.length;
    } else {
      if (o.len != bytes.length) {
        throw Fail.of(Errno.EINVAL);
      }
      o.out = bytes;
    }
    return true;
  }

  /** {@code vfs_setopt} of a 4-byte native-order int. */
  boolean setInt(String name, int value) throws Fail {
    Opt o = find(name);
    if (o == null) {
      return false;
    }
    return setFixed(name, answerInt(value));
  }

  /**
   * The bytes of an int answer. {@code jail_get} answers dozens of small ints (every boolean as 0
   * or 1); their bytes come from a table, as an answer's bytes are only read ({@link #copyOut}).
   */
  private static byte[] answerInt(int value) {
    return value >= 0 && value < SMALL_INTS.length ? SMALL_INTS[value] : intBytes(value);
  }

  private static byte[][] smallInts(int n) {
    byte[][] out = new byte[n][];
    for (int i = 0; i < n; i++) {
      out[i] = intBytes(i);
    }
    return out;
  }

  /**
   * {@code vfs_setopts}: a size probe gets the length with the NUL; otherwise the buffer must hold
   * the value and its NUL (else {@code EINVAL}) and its length is left as it was.
   */
  boolean setString(String name, String value) throws Fail {
    Opt o = get(name);
    if (o == null) {
      return false;
    }
    byte[] withNul = withNul(value);
    if (o.value == null) {
      o.len = withNul.length;
    } else {
      if (withNul.length > o.len) {
        throw Fail.of(Errno.EINVAL);
      }
      // only the text and its NUL are written back; the rest of the buffer keeps its bytes
      o.out = withNul;
    }
    return true;
  }

  /** The UTF-8 bytes of a string followed by a NUL, in one array. */
  private static byte[] withNul(String value) {
    int n = value.length();
    byte[] out = new byte[n + 1];
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c >= 0x80) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(utf8, utf8.length + 1);
      }
      out[i] = (byte) c;
    }
    return out;
  }

  /**
   * {@code vfs_setopt_part}: an array value; the buffer must be at least as large, and the length
   * is trimmed to the bytes returned.
   */
  boolean setPart(String name, byte[] bytes) throws Fail {
    Opt o = get(name);
    if (o == null) {
      return false;
    }
    if (o.value == null) {
      o.len = bytes.length;
    } else {
      if (o.len < bytes.length) {
        throw Fail.of(Errno.EINVAL);
      }
      o.len = bytes.length;
      o.out = bytes;
    }
    return true;
  }

  /** The first option nobody looked at, other than {@code errmsg}, or null. */
  @Nullable Opt firstUnseen() {
    for (Opt o : opts) {
      if (!o.seen && !o.name.equals("errmsg")) {
        return o;
      }
    }
    return null;
  }

  /**
   * Formats the message into the caller's {@code errmsg} buffer: truncated to the buffer and
   * NUL-terminated; the bytes after the NUL keep what the caller had there (§1.4).
   */
  void writeErrmsg(String message) {
    Opt o = find("errmsg");
    if (o == null || o.len <= 0) {
      return;
    }
    byte[] target = iov[2 * o.pos + 1].base();
    if (target == null) {
      return;
    }
    byte[] msg = message.getBytes(StandardCharsets.UTF_8);
    int n = Math.min(msg.length, o.len - 1);
    System.arraycopy(msg, 0, target, 0, n);
    target[n] = 0;
  }

  /**
   * {@code jail_get} success: every option's length and (when a value was produced) bytes are
   * copied back to the caller's iovecs; {@code errmsg} is left alone.
   */
  void copyOut() {
    for (Opt o : opts) {
      if (o.name.equals("errmsg")) {
        continue;
      }
      IoVec v = iov[2 * o.pos + 1];
      byte[] out = o.out;
      byte[] base = v.base();
      if (out != null && base != null) {
        System.arraycopy(out, 0, base, 0, Math.min(out.length, base.length));
      }
      v.setLength(o.len);
    }
  }

  /** Writes an int into a value buffer now (for {@code desc} returned by jail_set). */
  void writeIntNow(Opt o, int value) {
    byte[] base = iov[2 * o.pos + 1].base();
    if (base != null && base.length >= 4) {
      System.arraycopy(intBytes(value), 0, base, 0, 4);
    }
  }

  private static final boolean LITTLE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

  /** Declared after {@link #LITTLE}, which {@link #intBytes} reads while the table is made. */
  private static final byte[][] SMALL_INTS = smallInts(1024);

  static int readInt(byte[] value) {
    return readInt(value, 0);
  }

  private static int readInt(byte[] value, int at) {
    int b0 = value[at] & 0xff;
    int b1 = value[at + 1] & 0xff;
    int b2 = value[at + 2] & 0xff;
    int b3 = value[at + 3] & 0xff;
    return LITTLE ? b0 | b1 << 8 | b2 << 16 | b3 << 24 : b3 | b2 << 8 | b1 << 16 | b0 << 24;
  }

  static byte[] intBytes(int value) {
    byte[] b = new byte[4];
    for (int i = 0; i < 4; i++) {
      b[LITTLE ? i : 3 - i] = (byte) (value >>> (8 * i));
    }
    return b;
  }

  static byte[] longBytes(long value) {
    byte[] b = new byte[8];
    for (int i = 0; i < 8; i++) {
      b[LITTLE ? i : 7 - i] = (byte) (value >>> (8 * i));
    }
    return b;
  }
}
