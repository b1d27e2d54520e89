package org.jail4j.testkit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jail4j.spi.IoVec;
import org.jail4j.spi.JailFlags;

/**
 * Builds the name/value iovecs of one jail_set / jail_get call for tests, with the errmsg buffer
 * libjail always appends, and reads the values back.
 */
final class Iov {
  private final List<IoVec> list = new ArrayList<>();
  private final Map<String, IoVec> values = new LinkedHashMap<>();
  private final IoVec errmsg = IoVec.buffer(JailFlags.ERRMSG_LEN);
  private boolean withErrmsg = true;

  static Iov of() {
    return new Iov();
  }

  static byte[] intBytes(int v) {
    return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(v).array();
  }

  static byte[] longBytes(long v) {
    return ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(v).array();
  }

  static byte[] addrs(String... ips) {
    List<byte[]> raw = new ArrayList<>();
    for (String ip : ips) {
      try {
        raw.add(InetAddress.getByName(ip).getAddress());
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException(ip, e);
      }
    }
    int size = raw.stream().mapToInt(a -> a.length).sum();
    ByteBuffer b = ByteBuffer.allocate(size);
    for (byte[] a : raw) {
      b.put(a);
    }
    return b.array();
  }

  /** A pair with exactly this value entry. */
  Iov put(String name, IoVec value) {
    list.add(IoVec.name(name));
    list.add(value);
    values.put(name, value);
    return this;
  }

  Iov str(String name, String value) {
    return put(name, IoVec.string(value));
  }

  Iov i32(String name, int value) {
    return put(name, IoVec.of(intBytes(value)));
  }

  Iov i64(String name, long value) {
    return put(name, IoVec.of(longBytes(value)));
  }

  /** A presence-only boolean: the name with no value. */
  Iov flag(String name) {
    return put(name, IoVec.empty());
  }

  Iov ip(String name, String... ips) {
    return put(name, IoVec.of(addrs(ips)));
  }

  /** A jail_get output buffer. */
  Iov out(String name, int capacity) {
    return put(name, IoVec.buffer(capacity));
  }

  /** A jail_get size probe (NULL, length 0). */
  Iov probe(String name) {
    return put(name, IoVec.empty());
  }

  Iov noErrmsg() {
    withErrmsg = false;
    return this;
  }

  IoVec[] array() {
    List<IoVec> all = new ArrayList<>(list);
    if (withErrmsg) {
      all.add(IoVec.name("errmsg"));
      all.add(errmsg);
    }
    return all.toArray(new IoVec[0]);
  }

  String errmsg() {
    byte[] b = errmsg.base();
    int n = 0;
    while (b != null && n < b.length && b[n] != 0) {
      n++;
    }
    return b == null ? "" : new String(b, 0, n, StandardCharsets.UTF_8);
  }

  IoVec value(String name) {
    IoVec v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException(name);
    }
    return v;
  }

  int intValue(String name) {
    return ByteBuffer.wrap(value(name).bytes()).order(ByteOrder.nativeOrder()).getInt();
  }

  long longValue(String name) {
    return ByteBuffer.wrap(value(name).bytes()).order(ByteOrder.nativeOrder()).getLong();
  }

  String stringValue(String name) {
    byte[] b = value(name).bytes();
    int n = 0;
    while (n < b.length && b[n] != 0) {
      n++;
    }
    return new String(b, 0, n, StandardCharsets.UTF_8);
  }

  List<String> ipValue(String name, int size) {
    byte[] b = value(name).bytes();
    List<String> out = new ArrayList<>();
    for (int i = 0; i + size <= b.length; i += size) {
      byte[] one = new byte[size];
      System.arraycopy(b, i, one, 0, size);
      try {
        out.add(InetAddress.getByAddress(one).getHostAddress());
      } catch (UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }
}
