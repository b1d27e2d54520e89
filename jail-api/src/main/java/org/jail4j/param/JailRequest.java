package org.jail4j.param;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jail4j.Errno;
import org.jail4j.InvalidJailParameterException;
import org.jail4j.JailException;
import org.jail4j.internal.kernel.KernelCalls;
import org.jail4j.spi.IoVec;
import org.jail4j.spi.JailFlags;
import org.jail4j.spi.JailKernel;
import org.jail4j.spi.KernelParam;
import org.jspecify.annotations.Nullable;

/**
 * One {@code jail_set(2)} or {@code jail_get(2)} call, built from typed parameters: it encodes the
 * values with {@link ParamCodec} and decodes what {@link #get} reads; the call itself (the {@code
 * errmsg} buffer, cleared before every call, libjail's size probes and retries, a failure turned
 * into the matching {@link JailException} with the kernel's message) is made by jail4j's internal
 * kernel-call layer (freebsd-jail-abi.md §2.8, §5).
 *
 * <p>Values are checked and encoded as they are put, so a bad value fails before any call. A
 * parameter put twice keeps the last value (as the kernel does with duplicates, §2.4). {@link
 * JailParam#named(String)} parameters are typed with what the kernel publishes for them ({@link
 * JailKernel#param(String)}) when the call is made; a name the kernel does not know fails with
 * {@code "unknown parameter: NAME"} before the call, as libjail's {@code jailparam_init} does.
 *
 * <pre>{@code
 * int jid = JailRequest.create()
 *     .put(JailParam.NAME, "web").put(JailParam.PERSIST, true)
 *     .set(kernel, JailFlags.CREATE);
 * JailValues v = JailRequest.create()
 *     .put(JailParam.NAME, "web").want(JailParam.HOST_HOSTNAME).want(JailParam.IP4_ADDR)
 *     .get(kernel, 0);
 * }</pre>
 *
 * <p>A request is a mutable builder for one thread; it can be sent more than once.
 */
public final class JailRequest {

  /** One name/value pair as put: typed (encoded now), named (text, typed at call time) or raw. */
  private static final class Entry {
    final String name;
    final @Nullable JailParam<?> param;
    final @Nullable String text;
    final byte @Nullable [] bytes;

    /** The name entry sent (shared for a catalogued name); null for a named parameter. */
    final @Nullable IoVec nameEntry;

    Entry(String name, @Nullable JailParam<?> param, @Nullable String text, byte @Nullable [] b) {
      this.name = name;
      this.param = param;
      this.text = text;
      this.bytes = b;
      this.nameEntry = text == null ? ParamCodec.nameVec(name) : null;
    }
  }

  /** The entries in the order put; arrays rather than lists and maps, as requests are small. */
  private Entry[] entries = new Entry[8];

  private int entryCount;

  /** The parameters asked for, first ask first (asking again replaces, keeping the place). */
  private JailParam<?>[] wants = new JailParam<?>[8];

  private int wantCount;

  /**
   * The typed wants and their read slots, kept from one {@link #get} to the next while the wants
   * and the parameters put stay the same (a listing sends one request per jail); null when they
   * must be built again. Kept only when no want is {@link JailParam#named}, as those are typed by
   * the kernel of each call.
   */
  private JailParam<?> @Nullable [] typedCache;

  private KernelCalls.Slot @Nullable [] slotCache;
  private @Nullable Integer keyJid;
  private @Nullable String keyName;

  private JailRequest() {}

  /** An empty request. */
  public static JailRequest create() {
    return new JailRequest();
  }

  /**
   * Adds a parameter, replacing an earlier value of the same parameter. A false boolean is sent as
   * its {@code no} name.
   *
   * @param param a kernel parameter
   * @param value its value
   * @param <T> its type
   * @return this request
   * @throws InvalidJailParameterException when the value cannot be encoded or the parameter is a
   *     jail(8) pseudo-parameter
   */
  public <T> JailRequest put(JailParam<T> param, T value) {
    if (param == null) {
      throw new InvalidJailParameterException("encode", keyName, "param", "is null");
    }
    if (value == null) {
      throw new InvalidJailParameterException(
          "encode", keyName, param.name(), "has no value (null)");
    }
    Entry e;
    if (param.isNamed()) {
      String text = (String) value;
      if (text.indexOf('\0') >= 0) {
        throw new InvalidJailParameterException(
            "param", keyName, param.name(), "contains a NUL byte");
      }
      e = new Entry(param.name(), param, text, null);
    } else {
      byte[] b = ParamCodec.encode(param, value);
      e = new Entry(ParamCodec.wireName(param, value), param, null, b);
    }
    String name = param.name();
    int kept = 0;
    for (int i = 0; i < entryCount; i++) {
      JailParam<?> old = entries[i].param;
      if (old == null || !old.name().equals(name)) {
        entries[kept++] = entries[i];
      }
    }
    if (kept == entryCount) {
      slotCache = null; // a new parameter: a slot may now be read from its key
    }
    for (int i = kept; i < entryCount; i++) {
      entries[i] = null;
    }
    entryCount = kept;
    add(e);
    if (param.equals(JailParam.JID)) {
      keyJid = (Integer) value;
    } else if (param.equals(JailParam.NAME)) {
      keyName = (String) value;
    }
    return this;
  }

  /**
   * Adds a name with exactly these value bytes, unchecked and never replaced: for tests that send a
   * kernel what a careless C caller could (wrong sizes, duplicates, unknown names). Not API: tests
   * outside this package reach it through {@code org.jail4j.testkit.RawRequests}.
   *
   * @param name the parameter name
   * @param value the value bytes, sent as they are
   * @return this request
   */
  JailRequest putRaw(String name, byte[] value) {
    add(
        new Entry(
            Objects.requireNonNull(name, "name"),
            null,
            null,
            Objects.requireNonNull(value, "value").clone()));
    return this;
  }

  /**
   * Adds a name with a null, zero-length value, as a presence-only boolean is sent ({@code
   * persist}, {@code nopersist}); never replaced. Not API: for this package's tests.
   *
   * @param name the parameter name
   * @return this request
   */
  JailRequest putName(String name) {
    add(new Entry(Objects.requireNonNull(name, "name"), null, null, null));
    return this;
  }

  private void add(Entry e) {
    if (e.param == null) {
      slotCache = null;
    }
    if (entryCount == entries.length) {
      entries = Arrays.copyOf(entries, 2 * entryCount);
    }
    entries[entryCount++] = e;
  }

  /**
   * Asks {@link #get} to read a parameter.
   *
   * @param param a kernel parameter
   * @return this request
   * @throws InvalidJailParameterException for a jail(8) pseudo-parameter
   */
  public JailRequest want(JailParam<?> param) {
    Objects.requireNonNull(param, "param");
    if (!param.isKernel()) {
      throw new InvalidJailParameterException(
          "jail_get",
          keyName,
          param.name(),
          "a jail(8) pseudo-parameter; the kernel has no value for it");
    }
    slotCache = null;
    String name = param.name();
    for (int i = 0; i < wantCount; i++) {
      if (wants[i].name().equals(name)) {
        wants[i] = param;
        return this;
      }
    }
    if (wantCount == wants.length) {
      wants = Arrays.copyOf(wants, 2 * wantCount);
    }
    wants[wantCount++] = param;
    return this;
  }

  /** The parameter names this request sends, in order (without {@code errmsg}). */
  public List<String> names() {
    List<String> out = new ArrayList<>(entryCount);
    for (int i = 0; i < entryCount; i++) {
      out.add(entries[i].name);
    }
    return out;
  }

  /**
   * {@code jail_set(2)} with these parameters.
   *
   * @param kernel the kernel
   * @param flags {@link JailFlags} bits, e.g. {@code JailFlags.CREATE}
   * @return the JID of the jail created or changed
   * @throws JailException the kernel's failure as {@link JailException#fromErrno}, with the
   *     kernel's errmsg; {@link InvalidJailParameterException} for a named parameter the kernel
   *     does not know
   */
  public int set(JailKernel kernel, int flags) {
    Objects.requireNonNull(kernel, "kernel");
    // two more entries for the errmsg pair KernelCalls puts last
    IoVec[] iov = new IoVec[2 * entryCount + 2];
    addEntries(kernel, iov, "jail_set", false);
    return KernelCalls.set(kernel, iov, flags, keyJid, keyName);
  }

  /**
   * {@code jail_get(2)}: reads the wanted parameters of the jail the keys choose ({@code lastjid},
   * else a non-zero {@code jid}, else {@code name}, §3.6). The typed keys are read back too, as the
   * kernel rewrites them. Address lists and strings without a fixed buffer are sized with a probe
   * first; when an address list grew between the probe and the read ({@code EINVAL}), the read is
   * retried up to 5 times with 5 elements of slack, as libjail does.
   *
   * @param kernel the kernel
   * @param flags {@link JailFlags#DYING} to include dying jails, or 0
   * @return the JID and the values read
   * @throws JailException the kernel's failure as {@link JailException#fromErrno}
   */
  public JailValues get(JailKernel kernel, int flags) {
    Objects.requireNonNull(kernel, "kernel");
    IoVec[] keys = new IoVec[2 * entryCount];
    addEntries(kernel, keys, "jail_get", true);

    int n = wantCount;
    JailParam<?>[] typed = typedCache;
    KernelCalls.Slot[] slots = slotCache;
    if (typed == null || slots == null) {
      typed = new JailParam<?>[n];
      slots = new KernelCalls.Slot[n];
      fillSlots(kernel, keys, typed, slots);
    }
    KernelCalls.Read done = KernelCalls.get(kernel, keys, slots, flags, keyJid, keyName);
    int jid = done.jid();
    IoVec[] values = done.values();
    Map<String, JailParam<?>> params = new LinkedHashMap<>(2 * (n + entryCount));
    Map<String, Object> read = new LinkedHashMap<>(2 * (n + entryCount));
    for (int i = 0; i < n; i++) {
      JailParam<?> t = typed[i];
      // a typed want is its own typed parameter; only a named one is looked up by name
      JailParam<?> asked = wants[i].isNamed() ? wanted(t.name()) : wants[i];
      IoVec fromKey = slots[i].fromKey() ? keyValue(keys, t.name()) : null;
      IoVec v = fromKey != null ? fromKey : values[i];
      Object value = ParamCodec.decodeEntry(t, v);
      if (asked != null && asked.isNamed()) {
        value = String.join(",", formatAny(t, value));
        params.put(asked.name(), asked);
      } else {
        params.put(t.name(), t);
      }
      read.put(t.name(), value);
    }
    // Typed keys come back too: the kernel rewrites jid and name (§2.8).
    for (int i = 0; i < entryCount; i++) {
      Entry e = entries[i];
      JailParam<?> p = e.param;
      IoVec v = p == null ? null : keys[2 * i + 1];
      if (p != null
          && v != null
          && e.text == null
          && p.type().kind() != ParamType.Kind.BOOL
          && !read.containsKey(p.name())) {
        params.put(p.name(), p);
        read.put(p.name(), ParamCodec.decodeEntry(p, v));
      }
    }
    return new JailValues(jid, params, read);
  }

  /** Types the wants and sizes their read slots; keeps both when every want is typed. */
  private void fillSlots(
      JailKernel kernel, IoVec[] keys, JailParam<?>[] typed, KernelCalls.Slot[] slots) {
    boolean named = false;
    for (int i = 0; i < typed.length; i++) {
      JailParam<?> w = wants[i];
      named |= w.isNamed();
      JailParam<?> t = w.isNamed() ? resolve(kernel, w.name(), "jail_get").param : w;
      typed[i] = t;
      ParamType<?> type = t.type();
      boolean array =
          type.kind() == ParamType.Kind.IP4_LIST || type.kind() == ParamType.Kind.IP6_LIST;
      slots[i] =
          new KernelCalls.Slot(
              t.name(),
              ParamCodec.nameVec(t.name()),
              keyValue(keys, t.name()) != null,
              fixedSize(type),
              array ? type.size() : 0);
    }
    if (!named) {
      typedCache = typed;
      slotCache = slots;
    }
  }

  /** The parameter asked for under this name, or null. */
  private @Nullable JailParam<?> wanted(String name) {
    for (int i = 0; i < wantCount; i++) {
      if (wants[i].name().equals(name)) {
        return wants[i];
      }
    }
    return null;
  }

  /**
   * The value entry of the key that carries a parameter, or null: the last put entry of that
   * parameter (a put replaces earlier ones, so there is at most one typed one).
   */
  private @Nullable IoVec keyValue(IoVec[] keys, String paramName) {
    for (int i = entryCount - 1; i >= 0; i--) {
      JailParam<?> p = entries[i].param;
      if (p != null && p.name().equals(paramName)) {
        return keys[2 * i + 1];
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static <T> List<String> formatAny(JailParam<T> p, Object value) {
    return ParamText.format(p, (T) value);
  }

  /** The buffer size a type needs without a probe, or 0 when only a probe can tell. */
  private static int fixedSize(ParamType<?> t) {
    switch (t.kind()) {
      case INT:
      case JAILSYS:
      case BOOL:
        return 4; // jail_get answers booleans as a 4-byte int (§4.1)
      case ULONG:
        return 8;
      case STRING:
      case KEY_VALUE:
        return t.size();
      default:
        return 0;
    }
  }

  /**
   * Writes every put entry into {@code iov} from its start, in pairs. A {@code jail_get} ({@code
   * forGet}) writes into its keys' buffers, and a {@code jail_set} into {@code desc}'s, so those
   * get a copy of the encoded bytes; every other {@code jail_set} value is only read and is sent as
   * encoded.
   */
  private void addEntries(JailKernel kernel, IoVec[] iov, String op, boolean forGet) {
    for (int i = 0; i < entryCount; i++) {
      Entry e = entries[i];
      IoVec nameEntry;
      IoVec value;
      if (e.text != null) {
        Resolved r = resolve(kernel, e.name, op);
        Object v = ParamText.parse(r.param, List.of(e.text));
        if (r.inverted) {
          v = !((Boolean) v);
        }
        nameEntry = ParamCodec.nameVec(ParamCodec.wireName(r.param, v));
        value = valueVec(encodeAny(r.param, v));
      } else {
        byte[] b = e.bytes;
        boolean readOnly = !forGet && e.param != null && !e.param.equals(JailParam.DESC);
        nameEntry = Objects.requireNonNull(e.nameEntry);
        value = b == null ? IoVec.empty() : valueVec(readOnly ? b : b.clone());
      }
      iov[2 * i] = nameEntry;
      iov[2 * i + 1] = value;
    }
  }

  private static IoVec valueVec(byte[] bytes) {
    // A presence-only boolean travels as a NULL, zero-length value (§2.6).
    return bytes.length == 0 ? IoVec.empty() : IoVec.of(bytes);
  }

  @SuppressWarnings("unchecked")
  private static <T> byte[] encodeAny(JailParam<T> p, Object value) {
    return ParamCodec.encode(p, (T) value);
  }

  /** A named parameter typed by the kernel; {@code inverted} for a {@code no} boolean name. */
  private static final class Resolved {
    final JailParam<?> param;
    final boolean inverted;

    Resolved(JailParam<?> param, boolean inverted) {
      this.param = param;
      this.inverted = inverted;
    }
  }

  private Resolved resolve(JailKernel kernel, String name, String op) {
    Optional<KernelParam> kp = kernel.param(name);
    if (kp.isPresent()) {
      return new Resolved(JailParam.fromKernel(kp.get()), false);
    }
    // libjail accepts the "no" form of a boolean (JP_NOBOOL, §5).
    Optional<String> plain = JailParam.plainNameOf(name);
    if (plain.isPresent()) {
      Optional<KernelParam> base = kernel.param(plain.get());
      if (base.isPresent() && base.get().isBoolean()) {
        return new Resolved(JailParam.fromKernel(base.get()), true);
      }
    }
    // As libjail's jailparam_init: ENOENT and "unknown parameter: NAME", before any call (§2.7).
    throw new InvalidJailParameterException(
        op, keyJid, keyName, Errno.ENOENT, "unknown parameter: " + name);
  }

  @Override
  public String toString() {
    List<String> wanted = new ArrayList<>(wantCount);
    for (int i = 0; i < wantCount; i++) {
      wanted.add(wants[i].name());
    }
    return "JailRequest" + names() + (wantCount == 0 ? "" : " want " + wanted);
  }
}
