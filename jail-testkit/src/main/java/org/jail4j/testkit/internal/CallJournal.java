package org.jail4j.testkit.internal;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.jail4j.Errno;
import org.jail4j.param.JailParam;
import org.jail4j.param.JailSys;
import org.jail4j.param.ParamCodec;
import org.jail4j.spi.IoVec;
import org.jail4j.spi.SyscallException;
import org.jail4j.testkit.Journal;
import org.jspecify.annotations.Nullable;

/**
 * Writes the fake kernel's system calls into a {@link Journal}, their parameters decoded with the
 * catalogue's one codec ({@link ParamCodec}). Only a kernel built with a journal has one of these;
 * without it {@link CallerView} calls the kernel directly and nothing is copied or decoded.
 * Recording never fails a call: an entry it cannot decode is shown as bytes.
 */
public final class CallJournal {

  /** A {@code jail_set} or {@code jail_get}. */
  public interface IovCall {
    /** Makes the call. */
    int run() throws SyscallException;
  }

  /** A call with one int argument. */
  public interface ArgCall {
    /** Makes the call. */
    void run() throws SyscallException;
  }

  private final Consumer<Journal.Entry> sink;

  /**
   * A recorder that hands each call to {@code sink}.
   *
   * @param sink where the calls go
   */
  public CallJournal(Consumer<Journal.Entry> sink) {
    this.sink = sink;
  }

  /**
   * Makes a {@code jail_set} or {@code jail_get} and records it with its answer.
   *
   * @param op {@code jail_set} or {@code jail_get}
   * @param caller the caller, as the journal names it
   * @param iov the entries (read before and after the call)
   * @param flags the flags
   * @param call the call itself
   * @return what the call returned
   * @throws SyscallException as the call fails (recorded)
   */
  public int iov(String op, String caller, IoVec[] iov, int flags, IovCall call)
      throws SyscallException {
    int n = iov == null ? 0 : iov.length;
    byte[][] before = new byte[n][];
    int[] lengths = new int[n];
    for (int i = 0; i < n; i++) {
      IoVec v = iov[i];
      byte[] b = v == null ? null : v.base();
      before[i] = b == null ? null : b.clone();
      lengths[i] = v == null ? 0 : v.length();
    }
    int rc;
    Errno errno = null;
    try {
      rc = call.run();
    } catch (SyscallException e) {
      rc = -1;
      errno = e.errno();
      record(op, caller, iov, flags, before, lengths, rc, errno);
      throw e;
    }
    record(op, caller, iov, flags, before, lengths, rc, errno);
    return rc;
  }

  private void record(
      String op,
      String caller,
      IoVec[] iov,
      int flags,
      byte[][] before,
      int[] lengths,
      int rc,
      @Nullable Errno errno) {
    List<Journal.Param> in = new ArrayList<>();
    List<Journal.Param> out = new ArrayList<>();
    String errmsg = "";
    for (int i = 0; i + 1 < before.length; i += 2) {
      String name = text(before[i], lengths[i]);
      IoVec value = iov[i + 1];
      byte[] nowBase = value == null ? null : value.base();
      int nowLength = value == null ? 0 : value.length();
      if (name.equals("errmsg")) {
        errmsg = text(nowBase, nowLength);
        continue;
      }
      in.add(new Journal.Param(name, decode(name, before[i + 1], lengths[i + 1])));
      if (nowLength != lengths[i + 1] || !Arrays.equals(nowBase, before[i + 1])) {
        out.add(new Journal.Param(name, decode(name, nowBase, nowLength)));
      }
    }
    sink.accept(new Journal.KernelCall(op, caller, flags, -1, in, out, rc, errno, errmsg));
  }

  /**
   * Makes a call with one int argument and records it with its answer.
   *
   * @param op e.g. {@code jail_remove}
   * @param caller the caller, as the journal names it
   * @param arg the JID or descriptor
   * @param call the call itself
   * @throws SyscallException as the call fails (recorded)
   */
  public void arg(String op, String caller, int arg, ArgCall call) throws SyscallException {
    try {
      call.run();
    } catch (SyscallException e) {
      sink.accept(
          new Journal.KernelCall(op, caller, -1, arg, List.of(), List.of(), -1, e.errno(), ""));
      throw e;
    }
    sink.accept(new Journal.KernelCall(op, caller, -1, arg, List.of(), List.of(), 0, null, ""));
  }

  /** The bytes of an entry up to its first NUL (or its length) as UTF-8. */
  public static String text(byte @Nullable [] base, int length) {
    if (base == null) {
      return "";
    }
    int max = Math.min(Math.max(length, 0), base.length);
    int end = 0;
    while (end < max && base[end] != 0) {
      end++;
    }
    return new String(base, 0, end, StandardCharsets.UTF_8);
  }

  /** The value's text: by the catalogued type when it decodes, else as bytes. */
  public static String decode(String name, byte @Nullable [] base, int length) {
    if (base == null) {
      return "";
    }
    byte[] bytes = Arrays.copyOf(base, Math.min(Math.max(length, 0), base.length));
    if (bytes.length == 0) {
      return "";
    }
    Optional<JailParam<?>> param = JailParam.lookup(name);
    if (param.isPresent() && param.get().isKernel()) {
      try {
        return render(ParamCodec.decode(param.get(), bytes));
      } catch (RuntimeException notThatType) {
        // shown as bytes below: a test may send anything
      }
    }
    return raw(bytes);
  }

  private static String render(Object value) {
    if (value instanceof List<?> list) {
      StringBuilder b = new StringBuilder();
      for (Object o : list) {
        b.append(b.length() == 0 ? "" : ",").append(render(o));
      }
      return b.toString();
    }
    if (value instanceof InetAddress a) {
      return a.getHostAddress();
    }
    if (value instanceof JailSys s) {
      return s.word();
    }
    return String.valueOf(value);
  }

  private static String raw(byte[] bytes) {
    if (bytes.length == 4) {
      return Integer.toString(ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder()).getInt());
    }
    int end = 0;
    while (end < bytes.length && bytes[end] >= 0x20 && bytes[end] < 0x7f) {
      end++;
    }
    boolean zerosAfter = end < bytes.length;
    for (int i = end; i < bytes.length; i++) {
      zerosAfter &= bytes[i] == 0;
    }
    if (zerosAfter) {
      return new String(bytes, 0, end, StandardCharsets.US_ASCII);
    }
    StringBuilder b = new StringBuilder("0x");
    for (byte x : bytes) {
      b.append(String.format(Locale.ROOT, "%02x", x & 0xff));
    }
    return b.toString();
  }
}
