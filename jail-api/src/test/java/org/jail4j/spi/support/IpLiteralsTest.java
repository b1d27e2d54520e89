package org.jail4j.spi.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jail4j.InvalidJailParameterException;
import org.jail4j.JailAddress;
import org.junit.jupiter.api.Test;

class IpLiteralsTest {

  @Test
  void parsesDottedQuadWithoutLookup() {
    assertThat(IpLiterals.parse4("192.168.1.4").getAddress()).containsExactly(192, 168, 1, 4);
  }

  @Test
  void refusesHostNamesInsteadOfResolvingThem() {
    assertThatThrownBy(() -> IpLiterals.parse("localhost"))
        .isInstanceOf(InvalidJailParameterException.class)
        .hasMessageContaining("not an IPv4 address");
  }

  @Test
  void refusesLeadingZerosAndOutOfRangeParts() {
    assertThatThrownBy(() -> IpLiterals.parse4("010.0.0.1"))
        .isInstanceOf(InvalidJailParameterException.class);
    assertThatThrownBy(() -> IpLiterals.parse4("256.0.0.1"))
        .isInstanceOf(InvalidJailParameterException.class);
    assertThatThrownBy(() -> IpLiterals.parse4("1.2.3"))
        .isInstanceOf(InvalidJailParameterException.class);
  }

  @Test
  void parsesCompressedAndEmbeddedIpv6() {
    assertThat(IpLiterals.format(IpLiterals.parse6("fe80:0:0:0:0:0:0:2"))).isEqualTo("fe80::2");
    assertThat(IpLiterals.format(IpLiterals.parse6("::"))).isEqualTo("::");
    assertThat(IpLiterals.parse6("::ffff:1.2.3.4").getAddress())
        .containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 1, 2, 3, 4);
    assertThat(IpLiterals.format(IpLiterals.parse6("2001:db8::1:0:0:1")))
        .isEqualTo("2001:db8::1:0:0:1");
  }

  @Test
  void refusesMalformedIpv6() {
    assertThatThrownBy(() -> IpLiterals.parse6("1::2::3"))
        .isInstanceOf(InvalidJailParameterException.class);
    assertThatThrownBy(() -> IpLiterals.parse6("1:2:3:4:5:6:7:8:9"))
        .isInstanceOf(InvalidJailParameterException.class);
    assertThatThrownBy(() -> IpLiterals.parse6("fe80::1%em0"))
        .isInstanceOf(InvalidJailParameterException.class);
  }

  @Test
  void jailAddressKeepsInterfaceAndTurnsNetmaskIntoPrefix() {
    JailAddress a = JailAddress.parse("em0|192.168.1.4/255.255.255.0");
    assertThat(a.ifaceName()).contains("em0");
    assertThat(a.prefixLength()).hasValue(24);
    assertThat(a).hasToString("em0|192.168.1.4/24");
  }
}
