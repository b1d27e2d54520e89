package org.jail4j;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jail4j.spi.support.IpLiterals;
import org.jspecify.annotations.Nullable;

/**
 * One address of a jail, optionally with the interface and prefix jail(8) uses to add it as an
 * alias on the host: the {@code IFACE|ADDR/MASK} form of {@code ip4.addr} / {@code ip6.addr}.
 *
 * <pre>{@code
 * JailAddress a = JailAddress.parse("em0|192.168.1.4/24");
 * a.iface();          // Optional[em0]
 * a.prefixLength();   // OptionalInt[24]
 * }</pre>
 *
 * @param address the address, parsed as a literal (never resolved through DNS)
 * @param iface the interface to add it to, or null (then the jail's {@code interface}, if any)
 * @param prefix the prefix length, or null (jail(8): 32 for IPv4, 128 for IPv6)
 */
public record JailAddress(InetAddress address, @Nullable String iface, @Nullable Integer prefix) {

  /** Validates the record. */
  public JailAddress {
    Objects.requireNonNull(address, "address");
    int max = address instanceof Inet4Address ? 32 : 128;
    if (prefix != null && (prefix < 0 || prefix > max)) {
      throw new InvalidJailParameterException(
          "parse",
          null,
          "address",
          "prefix length " + prefix + " is outside 0.." + max + " for " + address.getHostAddress());
    }
    if (iface != null && (iface.isEmpty() || !iface.matches("[A-Za-z0-9_.:-]{1,15}"))) {
      throw new InvalidJailParameterException(
          "parse", null, "address", "not an interface name: \"" + iface + "\"");
    }
  }

  /**
   * Parses {@code ADDR}, {@code ADDR/PREFIX}, {@code ADDR/NETMASK} or {@code IFACE|ADDR[/MASK]}.
   * The address must be a literal; host names are refused, never resolved.
   *
   * @param text the text
   * @return the address
   * @throws InvalidJailParameterException when the text is not of that form
   */
  public static JailAddress parse(String text) {
    Objects.requireNonNull(text, "text");
    String rest = text.trim();
    String iface = null;
    int bar = rest.indexOf('|');
    if (bar >= 0) {
      iface = rest.substring(0, bar);
      rest = rest.substring(bar + 1);
    }
    int space = rest.indexOf(' ');
    if (space >= 0) {
      rest = rest.substring(0, space);
    }
    Integer prefix = null;
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      String mask = rest.substring(slash + 1);
      rest = rest.substring(0, slash);
      prefix = parseMask(mask, text);
    }
    InetAddress address = IpLiterals.parse(rest);
    return new JailAddress(address, iface, prefix);
  }

  private static int parseMask(String mask, String text) {
    if (mask.matches("[0-9]{1,3}")) {
      return Integer.parseInt(mask);
    }
    if (mask.contains(".")) {
      InetAddress m = IpLiterals.parse(mask);
      byte[] b = m.getAddress();
      int bits = 0;
      boolean zeroSeen = false;
      for (byte x : b) {
        for (int i = 7; i >= 0; i--) {
          boolean one = ((x >> i) & 1) == 1;
          if (one && zeroSeen) {
            throw new InvalidJailParameterException(
                "parse", null, "address", "netmask is not contiguous in \"" + text + "\"");
          }
          if (one) {
            bits++;
          } else {
            zeroSeen = true;
          }
        }
      }
      return bits;
    }
    throw new InvalidJailParameterException(
        "parse", null, "address", "not a prefix length or netmask in \"" + text + "\"");
  }

  /** True for an IPv4 address. */
  public boolean isIpv4() {
    return address instanceof Inet4Address;
  }

  /** True for an IPv6 address. */
  public boolean isIpv6() {
    return address instanceof Inet6Address;
  }

  /** The interface named with {@code IFACE|}, if any. */
  public Optional<String> ifaceName() {
    return Optional.ofNullable(iface);
  }

  /** The prefix length given, if any. */
  public OptionalInt prefixLength() {
    return prefix == null ? OptionalInt.empty() : OptionalInt.of(prefix);
  }

  /** The address as jail.conf writes it: {@code IFACE|ADDR/P} with the parts that were given. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    if (iface != null) {
      sb.append(iface).append('|');
    }
    sb.append(IpLiterals.format(address));
    if (prefix != null) {
      sb.append('/').append(prefix);
    }
    return sb.toString();
  }
}
