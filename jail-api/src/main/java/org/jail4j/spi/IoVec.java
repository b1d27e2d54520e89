package org.jail4j.spi;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * One {@code struct iovec} of a {@code jail_set(2)} / {@code jail_get(2)} call: a base buffer
 * (possibly {@code null}) and a length. Mutable on purpose: like the kernel, {@code jail_get}
 * writes values into {@link #base()} and rewrites {@link #length()}.
 *
 * <p>A request is an array of these in name/value pairs: {@code iov[2k]} is a parameter name whose
 * length counts its NUL, {@code iov[2k+1]} its value (freebsd-jail-abi.md §1.1, §2).
 *
 * <pre>{@code
 * IoVec[] iov = {IoVec.name("name"), IoVec.string("web"), IoVec.name("persist"), IoVec.empty()};
 * int jid = kernel.set(iov, JailFlags.CREATE);
 * }</pre>
 */
public final class IoVec {
  private byte @Nullable [] base;
  private int length;

  private IoVec(byte @Nullable [] base, int length) {
    this.base = base;
    this.length = length;
  }

  /**
   * An entry with the given buffer and length, exactly as a C caller could pass them (the length
   * may disagree with the buffer, which a kernel must treat as a fault).
   *
   * @param base the buffer, or null
   * @param length the {@code iov_len}
   * @return the entry
   */
  public static IoVec raw(byte @Nullable [] base, int length) {
    return new IoVec(base, length);
  }

  /**
   * An entry whose base and length are exactly these bytes.
   *
   * @param bytes the value bytes (not copied)
   * @return the entry
   */
  public static IoVec of(byte[] bytes) {
    return new IoVec(bytes, bytes.length);
  }

  /**
   * A {@code NULL}, zero-length entry: a valueless boolean, or a size probe on {@code jail_get}.
   */
  public static IoVec empty() {
    return new IoVec(null, 0);
  }

  /**
   * A writable buffer of the given capacity, for {@code jail_get} results or {@code errmsg}.
   *
   * @param capacity buffer size in bytes
   * @return the entry
   */
  public static IoVec buffer(int capacity) {
    return new IoVec(new byte[capacity], capacity);
  }

  /**
   * A parameter name as the kernel wants it: UTF-8 bytes followed by NUL, the NUL counted.
   *
   * @param name the parameter name
   * @return the entry
   */
  public static IoVec name(String name) {
    return string(name);
  }

  /**
   * A NUL-terminated string value, the NUL counted in the length.
   *
   * @param value the string
   * @return the entry
   */
  public static IoVec string(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    byte[] withNul = Arrays.copyOf(utf8, utf8.length + 1);
    return new IoVec(withNul, withNul.length);
  }

  /** The buffer, or null ({@code iov_base}). */
  public byte @Nullable [] base() {
    return base;
  }

  /** The length ({@code iov_len}). */
  public int length() {
    return length;
  }

  /**
   * Rewrites the length, as {@code jail_get} does for each value it returns.
   *
   * @param length the new {@code iov_len}
   */
  public void setLength(int length) {
    this.length = length;
  }

  /**
   * Replaces the buffer, as a caller does when retrying a {@code jail_get} with a larger one.
   *
   * @param base the new buffer, or null
   * @param length the new {@code iov_len}
   */
  public void reset(byte @Nullable [] base, int length) {
    this.base = base;
    this.length = length;
  }

  /**
   * The first {@link #length()} bytes of the buffer (a copy); empty for a null buffer.
   *
   * @return the bytes
   */
  public byte[] bytes() {
    byte[] b = base;
    if (b == null) {
      return new byte[0];
    }
    return Arrays.copyOf(b, Math.min(Math.max(length, 0), b.length));
  }

  @Override
  public String toString() {
    byte[] b = base;
    return "IoVec[" + (b == null ? "null" : b.length + " bytes") + ", len=" + length + "]";
  }
}
