package org.jail4j.testkit;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jail4j.Errno;
import org.jail4j.spi.IoVec;
import org.jail4j.spi.JailFlags;
import org.jail4j.spi.JailKernel;
import org.jail4j.spi.KernelParam;
import org.jail4j.spi.SyscallException;
import org.jail4j.testkit.internal.CallJournal;

/**
 * One raw system call for a test, on any {@link JailKernel} (the fake, a view of it, or a real
 * one): the name/value entries built for you (native-order ints, NUL-terminated strings, output
 * buffers sized from the kernel's {@code security.jail.param} table, the {@code errmsg} buffer
 * libjail appends), and an answer that never throws, with the errno, the {@code errmsg} and each
 * value decoded as the {@link Journal} decodes it. Any bytes can still be sent: {@link
 * #param(String, byte[])} for a value, {@link #raw(IoVec)} for an entry of any shape.
 *
 * <pre>{@code
 * RawCall.Result r = RawCall.get(kernel).param("jid", jid).want("securelevel").want("name").call();
 * assertThat(r.errno()).isEmpty();
 * assertThat(r.intValue("securelevel")).isEqualTo(2);
 *
 * RawCall.Result bad = RawCall.set(kernel).param("name", "web").flag("persist")
 *     .param("no.such.param", 1).flags(JailFlags.CREATE).call();
 * assertThat(bad.errno()).contains(Errno.EINVAL);
 * assertThat(bad.errmsg()).isEqualTo("unknown parameter: no.such.param");
 * }</pre>
 *
 * <p>A call is made once; the builder is not safe for concurrent use.
 */
public final class RawCall {

  /** The buffer {@link #want(String)} gives a name the kernel does not publish. */
  public static final int DEFAULT_CAPACITY = 1024;

  private final JailKernel kernel;
  private final String op;
  private final List<IoVec> entries = new ArrayList<>();
  private int flags;
  private boolean errmsg = true;

  private RawCall(JailKernel kernel, String op) {
    this.kernel = Objects.requireNonNull(kernel, "kernel");
    this.op = op;
  }

  /**
   * A {@code jail_get(2)} on this kernel (flags 0 unless {@link #flags(int)} says otherwise).
   *
   * @param kernel the kernel, e.g. {@code kernel.asProcessIn(jid)} for a jailed caller
   * @return the call to fill in
   */
  public static RawCall get(JailKernel kernel) {
    return new RawCall(kernel, "jail_get");
  }

  /**
   * A {@code jail_set(2)} on this kernel (flags 0 unless {@link #flags(int)} says otherwise).
   *
   * @param kernel the kernel
   * @return the call to fill in
   */
  public static RawCall set(JailKernel kernel) {
    return new RawCall(kernel, "jail_set");
  }

  /**
   * Makes a {@code jail_remove(2)}.
   *
   * @param kernel the kernel
   * @param jid the JID
   * @return the answer: rc 0, or -1 with the errno
   */
  public static Result remove(JailKernel kernel, int jid) {
    return argCall(kernel, "jail_remove", jid, () -> kernel.remove(jid));
  }

  /**
   * Makes a {@code jail_attach(2)}.
   *
   * @param kernel the kernel
   * @param jid the JID
   * @return the answer: rc 0, or -1 with the errno
   */
  public static Result attach(JailKernel kernel, int jid) {
    return argCall(kernel, "jail_attach", jid, () -> kernel.attach(jid));
  }

  private static Result argCall(JailKernel kernel, String op, int jid, CallJournal.ArgCall call) {
    Objects.requireNonNull(kernel, "kernel");
    Journal.KernelCall[] seen = new Journal.KernelCall[1];
    try {
      new CallJournal(e -> seen[0] = (Journal.KernelCall) e).arg(op, callerOf(kernel), jid, call);
    } catch (SyscallException expected) {
      // the answer carries the errno
    }
    return new Result(Objects.requireNonNull(seen[0]), new IoVec[0]);
  }

  /** {@code root} for a fake kernel's host root, else what the kernel says it is. */
  private static String callerOf(JailKernel kernel) {
    return kernel instanceof FakeJailKernel ? "root" : kernel.toString();
  }

  /**
   * The flags of the call.
   *
   * @param flags e.g. {@code JailFlags.CREATE | JailFlags.ATTACH}
   * @return this call
   */
  public RawCall flags(int flags) {
    this.flags = flags;
    return this;
  }

  /**
   * A pair with a 4-byte native-order int value ({@code jid}, {@code lastjid}, {@code securelevel},
   * an {@code allow.*} boolean as 0 or 1, ...).
   *
   * @param name the parameter name
   * @param value the value
   * @return this call
   */
  public RawCall param(String name, int value) {
    return param(name, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array());
  }

  /**
   * A pair with an 8-byte native-order value ({@code host.hostid} and other {@code LU} parameters).
   *
   * @param name the parameter name
   * @param value the value
   * @return this call
   */
  public RawCall param(String name, long value) {
    return param(
        name, ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(value).array());
  }

  /**
   * A pair with a NUL-terminated string value, the NUL counted.
   *
   * @param name the parameter name
   * @param value the value
   * @return this call
   */
  public RawCall param(String name, String value) {
    entries.add(IoVec.name(name));
    entries.add(IoVec.string(value));
    return this;
  }

  /**
   * A pair whose value is exactly these bytes, whatever the parameter's type.
   *
   * @param name the parameter name
   * @param value the value bytes (not copied)
   * @return this call
   */
  public RawCall param(String name, byte[] value) {
    entries.add(IoVec.name(name));
    entries.add(IoVec.of(value));
    return this;
  }

  /**
   * A pair with a {@code NULL} value of length 0: a presence-only boolean such as {@code persist}
   * or {@code allow.noraw_sockets} on {@code jail_set}, a size probe on {@code jail_get}.
   *
   * @param name the parameter name
   * @return this call
   */
  public RawCall flag(String name) {
    entries.add(IoVec.name(name));
    entries.add(IoVec.empty());
    return this;
  }

  /**
   * A pair asking {@code jail_get} for a value, with a buffer the size the kernel publishes for the
   * name (4 for ints and booleans, 8 for {@code LU}, the string size, 255 addresses), or {@link
   * #DEFAULT_CAPACITY} bytes for a name it does not publish.
   *
   * @param name the parameter name
   * @return this call
   */
  public RawCall want(String name) {
    Optional<KernelParam> published = kernel.param(name);
    int capacity = published.map(RawCall::capacityOf).orElse(DEFAULT_CAPACITY);
    return want(name, capacity);
  }

  /**
   * A pair asking {@code jail_get} for a value, with a buffer of this size.
   *
   * @param name the parameter name
   * @param capacity the buffer size (0 for a {@code NULL} size probe)
   * @return this call
   * @throws IllegalArgumentException when negative
   */
  public RawCall want(String name, int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must be 0 or more: " + capacity);
    }
    entries.add(IoVec.name(name));
    entries.add(capacity == 0 ? IoVec.empty() : IoVec.buffer(capacity));
    return this;
  }

  private static int capacityOf(KernelParam p) {
    switch (p.ctlType()) {
      case KernelParam.CTLTYPE_INT:
        return 4;
      case KernelParam.CTLTYPE_ULONG:
        return 8;
      case KernelParam.CTLTYPE_STRUCT:
        return p.size() > 0 ? p.size() * JailFlags.MAX_AF_IPS : DEFAULT_CAPACITY;
      default:
        return p.size() > 0 ? p.size() : DEFAULT_CAPACITY;
    }
  }

  /**
   * One entry exactly as given, name or value, for requests no well-formed pair can express (an odd
   * count, a length that disagrees with its buffer, a name without its NUL).
   *
   * @param entry the entry
   * @return this call
   */
  public RawCall raw(IoVec entry) {
    entries.add(Objects.requireNonNull(entry, "entry"));
    return this;
  }

  /**
   * Leaves out the {@code errmsg} pair ({@link JailFlags#ERRMSG_LEN} bytes) appended by default.
   *
   * @return this call
   */
  public RawCall noErrmsg() {
    this.errmsg = false;
    return this;
  }

  /**
   * Makes the call.
   *
   * @return the answer; a failure is an answer with an errno, not an exception
   */
  public Result call() {
    List<IoVec> all = new ArrayList<>(entries);
    if (errmsg) {
      all.add(IoVec.name("errmsg"));
      all.add(IoVec.buffer(JailFlags.ERRMSG_LEN));
    }
    IoVec[] iov = all.toArray(new IoVec[0]);
    Journal.KernelCall[] seen = new Journal.KernelCall[1];
    CallJournal recorder = new CallJournal(e -> seen[0] = (Journal.KernelCall) e);
    try {
      recorder.iov(
          op,
          callerOf(kernel),
          iov,
          flags,
          () -> op.equals("jail_set") ? kernel.set(iov, flags) : kernel.get(iov, flags));
    } catch (SyscallException expected) {
      // the answer carries the errno
    }
    return new Result(Objects.requireNonNull(seen[0]), iov);
  }

  @Override
  public String toString() {
    return op + "(" + Journal.flagNames(flags) + ") with " + entries.size() + " entries";
  }

  /**
   * What a raw call did: its return value, errno and {@code errmsg}, and every value it sent or got
   * back, as bytes or decoded.
   */
  public static final class Result {
    private final Journal.KernelCall call;
    private final IoVec[] iov;

    Result(Journal.KernelCall call, IoVec[] iov) {
      this.call = call;
      this.iov = iov;
    }

    /** The call as the {@link Journal} records it (decoded parameters and answers). */
    public Journal.KernelCall call() {
      return call;
    }

    /** The return value: the JID for {@code jail_set}/{@code jail_get}, 0, or -1 on failure. */
    public int rc() {
      return call.rc();
    }

    /**
     * The JID the call returned.
     *
     * @return the JID
     * @throws IllegalStateException when the call failed, naming its errno and errmsg
     */
    public int jid() {
      if (call.failed()) {
        throw new IllegalStateException("the call failed: " + call);
      }
      return call.rc();
    }

    /** The errno of a failed call, or empty. */
    public Optional<Errno> errno() {
      return Optional.ofNullable(call.errno());
    }

    /** What the kernel wrote into {@code errmsg}, up to its NUL; empty when nothing. */
    public String errmsg() {
      return call.errmsg();
    }

    /** The entries as the kernel left them (the {@code errmsg} pair last, when sent). */
    public List<IoVec> entries() {
      return List.of(iov);
    }

    /**
     * The value bytes of the first pair with this name, as the kernel left them (its first {@code
     * iov_len} bytes).
     *
     * @param name the parameter name
     * @return a copy of the bytes
     * @throws IllegalArgumentException when the call had no such pair
     */
    public byte[] bytes(String name) {
      return valueOf(name).bytes();
    }

    /**
     * The value of the first pair with this name as text, decoded as the {@link Journal} decodes it
     * (after the call: what {@code jail_get} wrote, or what was sent).
     *
     * @param name the parameter name
     * @return the text
     * @throws IllegalArgumentException when the call had no such pair
     */
    public String value(String name) {
      IoVec v = valueOf(name);
      return CallJournal.decode(name, v.base(), v.length());
    }

    /**
     * The value of the first pair with this name as a native-order int.
     *
     * @param name the parameter name
     * @return the int
     * @throws IllegalArgumentException when there is no such pair or it does not hold 4 bytes
     */
    public int intValue(String name) {
      byte[] b = sized(name, 4);
      return ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).getInt();
    }

    /**
     * The value of the first pair with this name as a native-order 8-byte value.
     *
     * @param name the parameter name
     * @return the value
     * @throws IllegalArgumentException when there is no such pair or it does not hold 8 bytes
     */
    public long longValue(String name) {
      byte[] b = sized(name, 8);
      return ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).getLong();
    }

    /**
     * The value of the first pair with this name as a string, up to its first NUL.
     *
     * @param name the parameter name
     * @return the string
     * @throws IllegalArgumentException when the call had no such pair
     */
    public String stringValue(String name) {
      IoVec v = valueOf(name);
      return CallJournal.text(v.base(), v.length());
    }

    private byte[] sized(String name, int size) {
      byte[] b = bytes(name);
      if (b.length != size) {
        throw new IllegalArgumentException(
            name + " holds " + b.length + " bytes, not " + size + ": " + Arrays.toString(b));
      }
      return b;
    }

    private IoVec valueOf(String name) {
      for (int i = 0; i + 1 < iov.length; i += 2) {
        IoVec n = iov[i];
        if (n != null && CallJournal.text(n.base(), n.length()).equals(name)) {
          return iov[i + 1];
        }
      }
      throw new IllegalArgumentException("the call had no pair named " + name);
    }

    /** The call and its answer in one line ({@link Journal.KernelCall#toString()}). */
    @Override
    public String toString() {
      return call.toString();
    }
  }
}
