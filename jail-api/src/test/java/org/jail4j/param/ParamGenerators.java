package org.jail4j.param;

import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.maps;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.quicktheories.core.Gen;

/** QuickTheories generators for parameter values, edge values mixed in. */
final class ParamGenerators {
  private ParamGenerators() {}

  static Gen<Integer> ints() {
    return integers()
        .all()
        .mix(arbitrary().pick(0, -1, 1, Integer.MIN_VALUE, Integer.MAX_VALUE), 30);
  }

  static Gen<Long> ulongs() {
    return longs().all().mix(arbitrary().pick(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE), 30);
  }

  /** Any Unicode scalar value but NUL (surrogate code points cannot be UTF-8 encoded). */
  static Gen<Integer> codePoints() {
    return integers()
        .between(1, 0x10FFFF)
        .map(cp -> cp >= 0xD800 && cp <= 0xDFFF ? cp - 0x800 : cp)
        .mix(integers().between(0x20, 0x7E), 50);
  }

  /**
   * Strings whose UTF-8 form with its NUL fits {@code size} bytes; empty and full ones mixed in.
   */
  static Gen<String> strings(int size) {
    Gen<String> any =
        lists().of(codePoints()).ofSizeBetween(0, size - 1).map(cps -> fit(cps, size - 1));
    return any.mix(arbitrary().pick("", "x".repeat(size - 1), "é".repeat((size - 1) / 2)), 20);
  }

  private static String fit(List<Integer> cps, int maxBytes) {
    StringBuilder sb = new StringBuilder();
    int bytes = 0;
    for (int cp : cps) {
      int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + n > maxBytes) {
        break;
      }
      sb.appendCodePoint(cp);
      bytes += n;
    }
    return sb.toString();
  }

  static Gen<Inet4Address> ip4() {
    return integers()
        .all()
        .map(
            i -> {
              byte[] b = {(byte) (i >>> 24), (byte) (i >>> 16), (byte) (i >>> 8), (byte) (int) i};
              return ip4(b);
            })
        .mix(arbitrary().pick(ip4(new byte[4]), ip4(new byte[] {-1, -1, -1, -1})), 20);
  }

  static Inet4Address ip4(byte[] b) {
    try {
      return (Inet4Address) InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  static Gen<Inet6Address> ip6() {
    return lists()
        .of(integers().between(0, 255))
        .ofSize(16)
        .map(
            l -> {
              byte[] b = new byte[16];
              for (int i = 0; i < 16; i++) {
                b[i] = (byte) (int) l.get(i);
              }
              return ip6(b);
            })
        .mix(arbitrary().pick(ip6(new byte[16]), ip6(filled16())), 20);
  }

  private static byte[] filled16() {
    byte[] b = new byte[16];
    java.util.Arrays.fill(b, (byte) -1);
    return b;
  }

  static Inet6Address ip6(byte[] b) {
    try {
      return Inet6Address.getByAddress(null, b, -1);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  /** Address lists of 0 to 255 entries, the empty and the full list mixed in. */
  static <A> Gen<List<A>> addressLists(Gen<A> one) {
    return lists()
        .of(one)
        .ofSizeBetween(0, 255)
        .mix(lists().of(one).ofSize(0), 10)
        .mix(lists().of(one).ofSize(255), 10);
  }

  static Gen<Map<String, String>> keyValues() {
    Gen<String> keys =
        lists().of(integers().between('a', 'z')).ofSizeBetween(1, 12).map(l -> fit(l, 40));
    Gen<String> values =
        lists()
            .of(codePoints().map(cp -> cp == '\n' ? (int) ' ' : cp))
            .ofSizeBetween(0, 40)
            .map(l -> fit(l, 160));
    return maps().of(keys, values).ofSizeBetween(0, 12);
  }
}
