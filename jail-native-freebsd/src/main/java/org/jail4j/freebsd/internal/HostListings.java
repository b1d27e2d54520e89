package org.jail4j.freebsd.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.jail4j.spi.IpAlias;
import org.jail4j.spi.MountRequest;
import org.jail4j.spi.support.IpLiterals;

/**
 * Readers for what FreeBSD's tools print: {@code mount -p} (fstab lines) and {@code ifconfig -a}
 * (addresses per interface).
 *
 * <pre>{@code
 * List<MountRequest> mounts = HostListings.mounts("devfs /jail/web/dev devfs rw 0 0\n");
 * List<IpAlias> aliases = HostListings.aliases(ifconfigOutput);
 * }</pre>
 */
public final class HostListings {
  private static final Pattern BLANKS = Pattern.compile("[ \t]+");
  private static final Pattern WHITESPACE = Pattern.compile("[ \t\n]+");
  private static final Pattern COMMA = Pattern.compile(",");

  private HostListings() {}

  /**
   * The mount table from {@code mount -p} output: {@code SOURCE TARGET FSTYPE OPTIONS DUMP PASS}
   * per line, fields separated by blanks, spaces inside names written as {@code \040}.
   *
   * @param text the output
   * @return the mounts, in order
   */
  public static List<MountRequest> mounts(String text) {
    List<MountRequest> out = new ArrayList<>();
    for (String line : text.lines().toList()) {
      String[] f = BLANKS.split(line.trim(), -1);
      if (f.length < 4 || f[0].startsWith("#")) {
        continue;
      }
      List<String> options =
          f[3].equals("rw") ? List.of() : Arrays.asList(COMMA.split(unescape(f[3]), -1));
      out.add(new MountRequest(unescape(f[2]), unescape(f[0]), unescape(f[1]), options, null));
    }
    return out;
  }

  private static String unescape(String field) {
    return field.replace("\\040", " ").replace("\\011", "\t");
  }

  /**
   * The addresses of every interface from {@code ifconfig -a} output. IPv4 netmasks are printed in
   * hex ({@code netmask 0xffffff00}), IPv6 prefixes as {@code prefixlen 64}; zone suffixes ({@code
   * %lo0}) are dropped.
   *
   * @param text the output
   * @return one alias per address
   */
  public static List<IpAlias> aliases(String text) {
    List<IpAlias> out = new ArrayList<>();
    String iface = null;
    for (String line : text.lines().toList()) {
      if (line.isEmpty()) {
        continue;
      }
      if (!Character.isWhitespace(line.charAt(0))) {
        int colon = line.indexOf(':');
        iface = colon > 0 ? line.substring(0, colon) : null;
        continue;
      }
      if (iface == null) {
        continue;
      }
      String[] f = BLANKS.split(line.trim(), -1);
      if (f.length < 2) {
        continue;
      }
      if (f[0].equals("inet")) {
        int prefix = 32;
        for (int i = 2; i + 1 < f.length; i++) {
          if (f[i].equals("netmask")) {
            prefix = Long.bitCount(Long.decode(f[i + 1]) & 0xffffffffL);
          }
        }
        out.add(new IpAlias(iface, IpLiterals.parse4(f[1]), prefix));
      } else if (f[0].equals("inet6")) {
        String addr = f[1];
        int pct = addr.indexOf('%');
        if (pct >= 0) {
          addr = addr.substring(0, pct);
        }
        int prefix = 128;
        for (int i = 2; i + 1 < f.length; i++) {
          if (f[i].equals("prefixlen")) {
            prefix = Integer.parseInt(f[i + 1]);
          }
        }
        out.add(new IpAlias(iface, IpLiterals.parse6(addr), prefix));
      }
    }
    return out;
  }

  /**
   * The interface names from {@code ifconfig -l} output.
   *
   * @param text the output
   * @return the names
   */
  public static List<String> interfaces(String text) {
    String t = text.trim();
    return t.isEmpty() ? List.of() : List.of(WHITESPACE.split(t));
  }
}
