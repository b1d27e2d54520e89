package org.jail4j.param;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.jail4j.InvalidJailParameterException;
import org.jail4j.spi.support.IpLiterals;
import org.junit.jupiter.api.Test;

/** libjail's import/export text rules (freebsd-jail-abi.md §5). */
class ParamTextTest {

  @Test
  void booleansAcceptTrueAndFalseInAnyCase() {
    assertThat(ParamText.parse(JailParam.PERSIST, List.of("TRUE"))).isTrue();
    assertThat(ParamText.parse(JailParam.PERSIST, List.of("False"))).isFalse();
  }

  @Test
  void booleansAcceptIntegersNonZeroBeingTrue() {
    assertThat(ParamText.parse(JailParam.ALLOW_MOUNT, List.of("0"))).isFalse();
    assertThat(ParamText.parse(JailParam.ALLOW_MOUNT, List.of("-3"))).isTrue();
  }

  @Test
  void aBooleanWithoutValueIsTrue() {
    assertThat(ParamText.parse(JailParam.PERSIST, List.of())).isTrue();
  }

  @Test
  void aBooleanOfOtherTextNamesTheParameter() {
    assertThatThrownBy(() -> ParamText.parse(JailParam.PERSIST, List.of("yes")))
        .isInstanceOf(InvalidJailParameterException.class)
        .hasMessageContaining("persist: \"yes\" is not true, false or an integer");
  }

  @Test
  void jailsysAcceptsWordsIntsAndEmptyForNew() {
    assertThat(ParamText.parse(JailParam.VNET, List.of("inherit"))).isEqualTo(JailSys.INHERIT);
    assertThat(ParamText.parse(JailParam.HOST, List.of("NEW"))).isEqualTo(JailSys.NEW);
    assertThat(ParamText.parse(JailParam.SYSVMSG, List.of("0"))).isEqualTo(JailSys.DISABLE);
    assertThat(ParamText.parse(JailParam.SYSVMSG, List.of(""))).isEqualTo(JailSys.NEW);
  }

  @Test
  void jailsysRefusesOtherWords() {
    assertThatThrownBy(() -> ParamText.parse(JailParam.IP4, List.of("on")))
        .isInstanceOf(InvalidJailParameterException.class)
        .hasMessageContaining("ip4: \"on\" is not disable, new, inherit, 0, 1 or 2");
  }

  @Test
  void intsAreBaseTenWithASign() {
    assertThat(ParamText.parse(JailParam.SECURELEVEL, List.of("-1"))).isEqualTo(-1);
    assertThat(ParamText.parse(JailParam.CHILDREN_MAX, List.of("+20"))).isEqualTo(20);
  }

  @Test
  void intsRefuseGarbageAsNonIntegerValues() {
    for (String bad : List.of("0x10", "1 ", "one", "")) {
      assertThatThrownBy(() -> ParamText.parse(JailParam.SECURELEVEL, List.of(bad)))
          .isInstanceOf(InvalidJailParameterException.class)
          .hasMessageContaining("securelevel: non-integer value");
    }
  }

  @Test
  void leadingWhiteSpaceIsSkippedAsStrtolDoes() {
    assertThat(ParamText.parse(JailParam.SECURELEVEL, List.of(" \t2"))).isEqualTo(2);
  }

  @Test
  void intsRefuseValuesBeyondFourBytes() {
    assertThatThrownBy(() -> ParamText.parse(JailParam.DEVFS_RULESET, List.of("2147483648")))
        .isInstanceOf(InvalidJailParameterException.class)
        .hasMessageContaining("outside the range of a 4-byte int");
  }

  @Test
  void aScalarWithoutValueNeedsOne() {
    assertThatThrownBy(() -> ParamText.parse(JailParam.SECURELEVEL, List.of()))
        .isInstanceOf(InvalidJailParameterException.class)
        .hasMessageContaining("securelevel: needs a value");
  }

  @Test
  void unsignedLongsCoverTheWholeUnsignedRange() {
    assertThat(ParamText.parse(JailParam.HOST_HOSTID, List.of("18446744073709551615")))
        .isEqualTo(-1L);
    assertThat(ParamText.format(JailParam.HOST_HOSTID, -1L))
        .containsExactly("18446744073709551615");
    assertThatThrownBy(() -> ParamText.parse(JailParam.HOST_HOSTID, List.of("-1")))
        .isInstanceOf(InvalidJailParameterException.class);
  }

  @Test
  void severalValuesOfAStringAreJoinedWithCommasAsJail8Does() {
    assertThat(ParamText.parse(JailParam.HOST_HOSTNAME, List.of("a", "b"))).isEqualTo("a,b");
  }

  @Test
  void addressListsSplitAtCommas() {
    assertThat(ParamText.parse(JailParam.IP4_ADDR, List.of("10.0.0.1,10.0.0.2", "10.0.0.3")))
        .containsExactly(
            IpLiterals.parse4("10.0.0.1"),
            IpLiterals.parse4("10.0.0.2"),
            IpLiterals.parse4("10.0.0.3"));
  }

  @Test
  void anEmptyOrDashAddressListIsEmpty() {
    assertThat(ParamText.parse(JailParam.IP4_ADDR, List.of(""))).isEmpty();
    assertThat(ParamText.parse(JailParam.IP6_ADDR, List.of("-"))).isEmpty();
    assertThat(ParamText.parse(JailParam.IP6_ADDR, List.of())).isEmpty();
  }

  @Test
  void addressesAreLiteralsNeverHostNames() {
    assertThatThrownBy(() -> ParamText.parse(JailParam.IP4_ADDR, List.of("localhost")))
        .isInstanceOf(InvalidJailParameterException.class)
        .hasMessageContaining("ip4.addr: \"localhost\" is not an IPv4 address");
  }

  @Test
  void spacesAfterCommasAreNotPartOfAnAddressAsInetPtonSays() {
    assertThatThrownBy(() -> ParamText.parse(JailParam.IP4_ADDR, List.of("10.0.0.1, 10.0.0.2")))
        .isInstanceOf(InvalidJailParameterException.class)
        .hasMessageContaining("\" 10.0.0.2\" is not an IPv4 address");
  }

  @Test
  void anIpv4AddressIsNotAnIpv6One() {
    assertThatThrownBy(() -> ParamText.parse(JailParam.IP6_ADDR, List.of("10.0.0.1")))
        .isInstanceOf(InvalidJailParameterException.class)
        .hasMessageContaining("ip6.addr: \"10.0.0.1\" is not an IPv6 address");
  }

  @Test
  void keyValuesComeOnePerValueOrPerLine() {
    assertThat(ParamText.parse(JailParam.META, List.of("a=1", "b=2\nc=")))
        .containsExactly(Map.entry("a", "1"), Map.entry("b", "2"), Map.entry("c", ""));
  }

  @Test
  void aKeyValueItemNeedsAKeyAndAnEqualsSign() {
    assertThatThrownBy(() -> ParamText.parse(JailParam.ENV, List.of("=x")))
        .isInstanceOf(InvalidJailParameterException.class)
        .hasMessageContaining("env: \"=x\" is not key=value");
  }

  @Test
  void jail8ListsKeepTheirValuesAndCommas() {
    assertThat(ParamText.parse(JailParam.EXEC_START, List.of("echo a,b", "/bin/sh /etc/rc")))
        .containsExactly("echo a,b", "/bin/sh /etc/rc");
  }

  @Test
  void formatPrintsWordsAndCanonicalAddresses() {
    assertThat(ParamText.format(JailParam.PERSIST, false)).containsExactly("false");
    assertThat(ParamText.format(JailParam.VNET, JailSys.NEW)).containsExactly("new");
    assertThat(
            ParamText.format(
                JailParam.IP6_ADDR, List.of(IpLiterals.parse6("2001:0db8:0:0:0:0:0:1"))))
        .containsExactly("2001:db8::1");
    assertThat(ParamText.format(JailParam.IP4_ADDR, List.of())).isEmpty();
  }

  @Test
  void aNamedParameterIsPlainText() {
    assertThat(ParamText.parse(JailParam.named("mac.do.rules"), List.of("uid=1001>uid=0")))
        .isEqualTo("uid=1001>uid=0");
  }
}
