package org.jail4j.param;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.jail4j.InvalidJailParameterException;
import org.jail4j.spi.support.IpLiterals;
import org.junit.jupiter.api.Test;

/** The codec's byte rules and its typed errors (freebsd-jail-abi.md §2.5, §4.1). */
class ParamCodecTest {

  @Test
  void anIntOfTheWrongSizeIsATypedDecodeError() {
    assertThatThrownBy(() -> ParamCodec.decode(JailParam.SECURELEVEL, new byte[] {1, 0, 0}))
        .isInstanceOf(InvalidJailParameterException.class)
        .hasMessageContaining("securelevel: value of 3 bytes; an int is exactly 4 bytes");
  }

  @Test
  void anUnsignedLongMustBeEightBytes() {
    assertThatThrownBy(() -> ParamCodec.decode(JailParam.HOST_HOSTID, new byte[4]))
        .isInstanceOf(InvalidJailParameterException.class)
        .hasMessageContaining("host.hostid: value of 4 bytes; an unsigned long is exactly 8 bytes");
  }

  @Test
  void aJailsysIntOutsideZeroToTwoIsRefused() {
    assertThatThrownBy(() -> ParamCodec.decode(JailParam.VNET, ParamCodec.intBytes(3)))
        .isInstanceOf(InvalidJailParameterException.class)
        .hasMessageContaining("vnet: jailsys value 3 is not 0, 1 or 2");
  }

  @Test
  void anAddressListMustBeAWholeNumberOfAddresses() {
    assertThatThrownBy(() -> ParamCodec.decode(JailParam.IP4_ADDR, new byte[6]))
        .isInstanceOf(InvalidJailParameterException.class)
        .hasMessageContaining("ip4.addr: value of 6 bytes; addresses are 4 bytes each");
    assertThatThrownBy(() -> ParamCodec.decode(JailParam.IP6_ADDR, new byte[20]))
        .isInstanceOf(InvalidJailParameterException.class)
        .hasMessageContaining("addresses are 16 bytes each");
  }

  @Test
  void aStringWithoutItsNulIsRefused() {
    assertThatThrownBy(() -> ParamCodec.decode(JailParam.NAME, new byte[] {'w', 'e', 'b'}))
        .isInstanceOf(InvalidJailParameterException.class)
        .hasMessageContaining("name: value of 3 bytes; a string must end in a NUL byte");
    assertThatThrownBy(() -> ParamCodec.decode(JailParam.NAME, new byte[0]))
        .isInstanceOf(InvalidJailParameterException.class);
  }

  @Test
  void aStringIsReadUpToItsFirstNulAsJailGetLeavesTheBufferLength() {
    byte[] buffer = new byte[256];
    buffer[0] = 'w';
    buffer[1] = 'e';
    buffer[2] = 'b';

    assertThat(ParamCodec.decode(JailParam.NAME, buffer)).isEqualTo("web");
  }

  @Test
  void aStringThatFillsTheBufferExactlyIsAccepted() {
    assertThat(ParamCodec.encode(JailParam.HOST_HOSTNAME, "h".repeat(255))).hasSize(256);
  }

  @Test
  void aStringOneByteOverTheBufferIsRefused() {
    assertThatThrownBy(() -> ParamCodec.encode(JailParam.HOST_HOSTNAME, "h".repeat(256)))
        .isInstanceOf(InvalidJailParameterException.class)
        .hasMessageContaining(
            "host.hostname: is 256 bytes; at most 255 bytes fit the kernel's 256-byte buffer with"
                + " the NUL");
  }

  @Test
  void multiByteCharactersCountInBytes() {
    assertThatThrownBy(() -> ParamCodec.encode(JailParam.HOST_HOSTNAME, "é".repeat(128)))
        .isInstanceOf(InvalidJailParameterException.class)
        .hasMessageContaining("is 256 bytes");
  }

  @Test
  void osreleaseOfThirtyBytesIsTheLongestTheKernelTakes() {
    assertThat(ParamCodec.encode(JailParam.OSRELEASE, "1".repeat(30))).hasSize(31);
  }

  @Test
  void osreleaseOfThirtyOneBytesIsRefusedAsTheKernelDoes() {
    // len (with the NUL) >= OSRELEASELEN (32) gives ENAMETOOLONG, one byte short of the buffer.
    assertThatThrownBy(() -> ParamCodec.encode(JailParam.OSRELEASE, "1".repeat(31)))
        .isInstanceOf(InvalidJailParameterException.class)
        .hasMessageContaining(
            "osrelease: is 31 bytes; the kernel refuses a length of 32 or more with the NUL, so at"
                + " most 30 bytes (ENAMETOOLONG: osrelease string must be 1-31 bytes long)");
  }

  @Test
  @SuppressWarnings("NullAway") // the null is the input under test
  void decodingNullBytesIsATypedError() {
    assertThatThrownBy(() -> ParamCodec.decode(JailParam.SECURELEVEL, null))
        .isInstanceOf(InvalidJailParameterException.class)
        .hasMessageContaining("securelevel: no value bytes (null)");
  }

  @Test
  @SuppressWarnings("NullAway") // the null is the input under test
  void encodingANullValueIsATypedError() {
    assertThatThrownBy(() -> ParamCodec.encode(JailParam.SECURELEVEL, null))
        .isInstanceOf(InvalidJailParameterException.class)
        .hasMessageContaining("securelevel: a value of type null is not");
  }

  @Test
  @SuppressWarnings("NullAway") // the null is the input under test
  void aNullParameterIsATypedError() {
    assertThatThrownBy(() -> ParamCodec.decode(null, new byte[4]))
        .isInstanceOf(InvalidJailParameterException.class)
        .hasMessageContaining("param: is null");
  }

  @Test
  void aNulByteInsideAStringIsRefused() {
    assertThatThrownBy(() -> ParamCodec.encode(JailParam.HOST_HOSTNAME, "a\0b"))
        .isInstanceOf(InvalidJailParameterException.class)
        .hasMessageContaining("host.hostname: contains a NUL byte");
  }

  @Test
  void aBooleanAnswerMustBeAnIntOrNothing() {
    assertThat(ParamCodec.decode(JailParam.PERSIST, new byte[0])).isTrue();
    assertThatThrownBy(() -> ParamCodec.decode(JailParam.PERSIST, new byte[2]))
        .isInstanceOf(InvalidJailParameterException.class)
        .hasMessageContaining("persist: value of 2 bytes");
  }

  @Test
  void addressesAreInNetworkOrder() {
    byte[] b =
        ParamCodec.encode(
            JailParam.IP4_ADDR,
            List.of(IpLiterals.parse4("10.1.2.3"), IpLiterals.parse4("0.0.0.255")));

    assertThat(b).containsExactly(10, 1, 2, 3, 0, 0, 0, 255);
  }

  @Test
  void anIpv4MappedIpv6AddressStaysIpv6() {
    byte[] b = ParamCodec.encode(JailParam.IP6_ADDR, List.of(IpLiterals.parse6("::ffff:10.0.0.1")));

    assertThat(ParamCodec.decode(JailParam.IP6_ADDR, b).get(0).getAddress()).hasSize(16);
  }

  @Test
  void keyValueTextIsKeyEqualsValueLines() {
    byte[] b = ParamCodec.encode(JailParam.META, Map.of("owner", "ops"));

    assertThat(b).containsExactly('o', 'w', 'n', 'e', 'r', '=', 'o', 'p', 's', 0);
  }

  @Test
  void aKeyWithAnEqualsSignIsRefused() {
    assertThatThrownBy(() -> ParamCodec.encode(JailParam.META, Map.of("a=b", "c")))
        .isInstanceOf(InvalidJailParameterException.class)
        .hasMessageContaining("meta: key \"a=b\" must be non-empty without '='");
  }

  @Test
  void aValueWithANewlineIsRefused() {
    assertThatThrownBy(() -> ParamCodec.encode(JailParam.ENV, Map.of("a", "1\n2")))
        .isInstanceOf(InvalidJailParameterException.class)
        .hasMessageContaining("env: value of key \"a\" must not contain a newline or NUL");
  }

  @Test
  void keyValueTextOverFourKilobytesIsRefused() {
    assertThatThrownBy(() -> ParamCodec.encode(JailParam.META, Map.of("k", "v".repeat(4094))))
        .isInstanceOf(InvalidJailParameterException.class)
        .hasMessageContaining("4096-byte buffer");
  }

  @Test
  void aPseudoParameterNeverReachesTheCodec() {
    assertThatThrownBy(() -> ParamCodec.encode(JailParam.MOUNT_DEVFS, true))
        .isInstanceOf(InvalidJailParameterException.class)
        .hasMessageContaining("mount.devfs: a jail(8) pseudo-parameter");
  }

  @Test
  void aNamedParameterMustBeTypedByTheKernelFirst() {
    assertThatThrownBy(() -> ParamCodec.encode(JailParam.named("allow.mount.zfs"), "true"))
        .isInstanceOf(InvalidJailParameterException.class)
        .hasMessageContaining("its type comes from the kernel");
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void aValueOfTheWrongJavaTypeIsRefused() {
    JailParam raw = JailParam.SECURELEVEL;
    assertThatThrownBy(() -> ParamCodec.encode(raw, "3"))
        .isInstanceOf(InvalidJailParameterException.class)
        .hasMessageContaining("securelevel: a value of type String is not a Integer");
  }

  @Test
  void errmsgTextEndsAtItsNul() {
    byte[] buffer = new byte[1024];
    byte[] text = "prison limit exceeded".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    System.arraycopy(text, 0, buffer, 0, text.length);

    assertThat(ParamCodec.cString(buffer)).isEqualTo("prison limit exceeded");
  }
}
