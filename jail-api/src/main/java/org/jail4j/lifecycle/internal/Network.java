package org.jail4j.lifecycle.internal;

import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;
import org.jail4j.Jail;
import org.jail4j.JailAddress;
import org.jail4j.spi.HostSystem;
import org.jail4j.spi.IpAlias;

/** The network pieces of the sequences: the aliases jail(8) adds and the epair of a vnet bridge. */
final class Network {
  private Network() {}

  /**
   * The aliases jail(8) adds: an address with {@code IFACE|} or any address when {@code interface}
   * is set.
   */
  static List<IpAlias> aliasesOf(Jail jail) {
    List<IpAlias> out = new ArrayList<>();
    for (JailAddress a : jail.addresses()) {
      Optional<String> iface = a.ifaceName().or(jail::iface);
      if (iface.isPresent()) {
        out.add(new IpAlias(iface.get(), a.address(), prefixOf(a)));
      }
    }
    return out;
  }

  /** jail(8): netmask 255.255.255.255 / prefixlen 128 when none is given. */
  static int prefixOf(JailAddress a) {
    return a.prefixLength().orElse(a.address() instanceof Inet4Address ? 32 : 128);
  }

  /** The epair of a bridged vnet jail. */
  record Epair(String hostEnd, String jailEnd) {}

  /**
   * The epair names for a bridged vnet jail, derived from its name so that a restart (new JID) or a
   * crash finds and reuses the same names: {@code e<name>_a} / {@code e<name>_b}, or a CRC of the
   * name when it is long or has characters interface names cannot hold (IFNAMSIZ is 16).
   */
  static Optional<Epair> epairOf(Jail jail, String jailName) {
    if (jail.vnetBridge().isEmpty()) {
      return Optional.empty();
    }
    String token = jailName;
    if (!token.matches("[A-Za-z0-9]{1,11}")) {
      CRC32 crc = new CRC32();
      crc.update(jailName.getBytes(StandardCharsets.UTF_8));
      token = String.format(Locale.ROOT, "%08x", crc.getValue());
    }
    return Optional.of(new Epair("e" + token + "_a", "e" + token + "_b"));
  }

  /** Destroys an epair left by a crashed run (either end destroys both). */
  static void removeStale(HostSystem sys, Epair e) {
    List<String> present = sys.interfaces();
    if (present.contains(e.hostEnd())) {
      sys.destroyInterface(e.hostEnd());
    } else if (present.contains(e.jailEnd())) {
      sys.destroyInterface(e.jailEnd());
    }
  }
}
