package org.jail4j.spi;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * An address added to a host interface for a jail, as jail(8) does with {@code ifconfig IFACE inet
 * ADDR netmask M alias}.
 *
 * <pre>{@code
 * IpAlias a = new IpAlias("em0", InetAddress.getByName("192.168.1.4"), 24);
 * a.ifconfigArgs(); // [em0, inet, 192.168.1.4/24, alias]
 * }</pre>
 *
 * @param iface the interface, e.g. {@code em0} or {@code lo1}
 * @param address the address (a literal, never resolved)
 * @param prefixLength the prefix length; jail(8) uses 32 for IPv4 and 128 for IPv6 when none is
 *     given
 */
public record IpAlias(String iface, InetAddress address, int prefixLength) {

  /** Validates the record. */
  public IpAlias {
    Objects.requireNonNull(iface, "iface");
    Objects.requireNonNull(address, "address");
    int max = address instanceof Inet4Address ? 32 : 128;
    if (prefixLength < 0 || prefixLength > max) {
      throw new org.jail4j.InvalidJailParameterException(
          "alias",
          null,
          "address",
          "prefix length " + prefixLength + " is outside 0.." + max + " for " + address);
    }
  }

  /** True for an IPv4 address. */
  public boolean isIpv4() {
    return address instanceof Inet4Address;
  }

  /** The address as text, without a scope or host name. */
  public String addressText() {
    String s = address.getHostAddress();
    int pct = s.indexOf('%');
    return pct < 0 ? s : s.substring(0, pct);
  }

  /** The ifconfig(8) arguments that add this alias. */
  public java.util.List<String> ifconfigArgs() {
    return java.util.List.of(
        iface, isIpv4() ? "inet" : "inet6", addressText() + "/" + prefixLength, "alias");
  }

  /** The ifconfig(8) arguments that remove this alias. */
  public java.util.List<String> ifconfigRemoveArgs() {
    return java.util.List.of(iface, isIpv4() ? "inet" : "inet6", addressText(), "-alias");
  }
}
