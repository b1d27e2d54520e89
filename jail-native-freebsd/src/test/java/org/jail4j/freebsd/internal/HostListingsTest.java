package org.jail4j.freebsd.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jail4j.spi.IpAlias;
import org.jail4j.spi.MountRequest;
import org.jail4j.spi.support.IpLiterals;
import org.junit.jupiter.api.Test;

/** Reading mount -p and ifconfig output. */
class HostListingsTest {

  @Test
  void mountDashPLinesBecomeMountRequests() {
    String text =
        """
        /dev/ada0p2 / ufs rw 1 1
        devfs /dev devfs rw,multilabel 0 0
        /jails/base /jail/web\\040one nullfs ro 0 0
        """;

    List<MountRequest> mounts = HostListings.mounts(text);

    assertThat(mounts).hasSize(3);
    assertThat(mounts.get(0))
        .isEqualTo(new MountRequest("ufs", "/dev/ada0p2", "/", List.of(), null));
    assertThat(mounts.get(1).options()).containsExactly("rw", "multilabel");
    assertThat(mounts.get(2).target()).isEqualTo("/jail/web one");
    assertThat(mounts.get(2).options()).containsExactly("ro");
  }

  @Test
  void ifconfigAddressesBecomeAliasesWithPrefixLengths() {
    String text =
        """
        em0: flags=8863<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST> metric 0 mtu 1500
        \toptions=481009b<RXCSUM,TXCSUM>
        \tinet 192.168.1.10 netmask 0xffffff00 broadcast 192.168.1.255
        \tinet 192.168.1.4 netmask 0xffffffff broadcast 192.168.1.4
        lo0: flags=8049<UP,LOOPBACK,RUNNING,MULTICAST> metric 0 mtu 16384
        \tinet6 ::1 prefixlen 128
        \tinet6 fe80::1%lo0 prefixlen 64 scopeid 0x2
        \tinet 127.0.0.1 netmask 0xff000000
        """;

    List<IpAlias> aliases = HostListings.aliases(text);

    assertThat(aliases)
        .containsExactly(
            new IpAlias("em0", IpLiterals.parse("192.168.1.10"), 24),
            new IpAlias("em0", IpLiterals.parse("192.168.1.4"), 32),
            new IpAlias("lo0", IpLiterals.parse("::1"), 128),
            new IpAlias("lo0", IpLiterals.parse("fe80::1"), 64),
            new IpAlias("lo0", IpLiterals.parse("127.0.0.1"), 8));
  }

  @Test
  void ifconfigDashLListsInterfaces() {
    assertThat(HostListings.interfaces("em0 lo0 epair0a\n"))
        .containsExactly("em0", "lo0", "epair0a");
    assertThat(HostListings.interfaces("\n")).isEmpty();
  }
}
