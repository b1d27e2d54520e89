package org.jail4j.spi.support;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import org.jail4j.InvalidJailParameterException;

/**
 * IP address literals parsed without any name lookup: {@link InetAddress#getByName(String)} would
 * resolve a host name through DNS, which a jail parameter must never do.
 *
 * <pre>{@code
 * Inet4Address a = IpLiterals.parse4("192.168.1.4");
 * Inet6Address b = IpLiterals.parse6("fe80::2");
 * }</pre>
 */
public final class IpLiterals {
  private IpLiterals() {}

  /**
   * Parses an IPv4 dotted-quad or IPv6 literal (no zone, no brackets, no host names).
   *
   * @param text the literal
   * @return the address
   * @throws InvalidJailParameterException when the text is not a literal
   */
  public static InetAddress parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.indexOf(':') >= 0) {
      return parse6(text);
    }
    return parse4(text);
  }

  /**
   * Parses a dotted-quad IPv4 literal ({@code inet_pton} rules: exactly four decimal parts).
   *
   * @param text the literal
   * @return the address
   * @throws InvalidJailParameterException when the text is not an IPv4 literal
   */
  public static Inet4Address parse4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      throw invalid("not an IPv4 address: \"" + text + "\"");
    }
    byte[] b = new byte[4];
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw invalid("not an IPv4 address: \"" + text + "\"");
      }
      if (p.length() > 1 && p.charAt(0) == '0') {
        throw invalid("not an IPv4 address (leading zero): \"" + text + "\"");
      }
      int v = Integer.parseInt(p);
      if (v > 255) {
        throw invalid("not an IPv4 address: \"" + text + "\"");
      }
      b[i] = (byte) v;
    }
    return (Inet4Address) fromBytes(b);
  }

  /**
   * Parses an IPv6 literal, including the embedded-IPv4 form ({@code ::ffff:1.2.3.4}).
   *
   * @param text the literal, without brackets or zone
   * @return the address
   * @throws InvalidJailParameterException when the text is not an IPv6 literal
   */
  public static Inet6Address parse6(String text) {
    if (text.isEmpty() || text.indexOf('%') >= 0 || !text.matches("[0-9A-Fa-f:.]+")) {
      throw invalid("not an IPv6 address: \"" + text + "\"");
    }
    String s = text;
    int lastColon = s.lastIndexOf(':');
    if (s.indexOf('.') >= 0) {
      byte[] v4 = parse4(s.substring(lastColon + 1)).getAddress();
      s =
          s.substring(0, lastColon + 1)
              + Integer.toHexString(((v4[0] & 0xff) << 8) | (v4[1] & 0xff))
              + ":"
              + Integer.toHexString(((v4[2] & 0xff) << 8) | (v4[3] & 0xff));
    }
    int dbl = s.indexOf("::");
    if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
      throw invalid("not an IPv6 address: \"" + text + "\"");
    }
    String head = dbl >= 0 ? s.substring(0, dbl) : s;
    String rest = dbl >= 0 ? s.substring(dbl + 2) : "";
    int[] h = groups(head, text);
    int[] r = groups(rest, text);
    int fill = 8 - h.length - r.length;
    if (dbl >= 0 ? fill < 1 : fill != 0) {
      throw invalid("not an IPv6 address: \"" + text + "\"");
    }
    byte[] b = new byte[16];
    int pos = 0;
    for (int g : h) {
      b[pos++] = (byte) (g >> 8);
      b[pos++] = (byte) g;
    }
    pos += fill * 2;
    for (int g : r) {
      b[pos++] = (byte) (g >> 8);
      b[pos++] = (byte) g;
    }
    InetAddress a = fromBytes(b);
    if (a instanceof Inet6Address v6) {
      return v6;
    }
    // Java maps ::ffff:a.b.c.d to an Inet4Address; keep the IPv6 form the kernel uses.
    try {
      return Inet6Address.getByAddress(null, b, -1);
    } catch (UnknownHostException e) {
      throw invalid("not an IPv6 address: \"" + text + "\"", e);
    }
  }

  private static InvalidJailParameterException invalid(String rule) {
    return new InvalidJailParameterException("parse", null, "address", rule);
  }

  private static InvalidJailParameterException invalid(String rule, Throwable cause) {
    InvalidJailParameterException e = invalid(rule);
    e.initCause(cause);
    return e;
  }

  private static int[] groups(String s, String text) {
    if (s.isEmpty()) {
      return new int[0];
    }
    String[] parts = s.split(":", -1);
    int[] out = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 4 || !p.matches("[0-9A-Fa-f]+")) {
        throw invalid("not an IPv6 address: \"" + text + "\"");
      }
      out[i] = Integer.parseInt(p, 16);
    }
    return out;
  }

  private static InetAddress fromBytes(byte[] b) {
    try {
      return InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      throw invalid("bad address length " + b.length, e);
    }
  }

  /**
   * The canonical text of an address: dotted quad, or RFC 5952 compressed IPv6 as inet_ntop(3)
   * prints it.
   *
   * @param address the address
   * @return the text
   */
  public static String format(InetAddress address) {
    if (address instanceof Inet4Address) {
      return address.getHostAddress();
    }
    byte[] b = address.getAddress();
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLen = 0;
    for (int i = 0; i < 8; ) {
      if (g[i] == 0) {
        int j = i;
        while (j < 8 && g[j] == 0) {
          j++;
        }
        if (j - i > bestLen && j - i >= 2) {
          bestStart = i;
          bestLen = j - i;
        }
        i = j;
      } else {
        i++;
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]));
    }
    return sb.toString();
  }
}
