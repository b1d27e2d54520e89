package org.jail4j.param;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every parameter type round-trips through the codec for random values, edge values included, and
 * has the byte shape of freebsd-jail-abi.md §2 and §4.1. QuickTheories prints the seed of a failing
 * run.
 */
class ParamCodecProperties {

  @Test
  void intsRoundTripAsFourNativeOrderBytes() {
    qt().forAll(ParamGenerators.ints())
        .checkAssert(
            i -> {
              byte[] b = ParamCodec.encode(JailParam.SECURELEVEL, i);
              assertThat(b).hasSize(4);
              assertThat(ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).getInt()).isEqualTo(i);
              assertThat(ParamCodec.decode(JailParam.SECURELEVEL, b)).isEqualTo(i);
            });
  }

  @Test
  void unsignedLongsRoundTripAsEightNativeOrderBytes() {
    qt().forAll(ParamGenerators.ulongs())
        .checkAssert(
            l -> {
              byte[] b = ParamCodec.encode(JailParam.HOST_HOSTID, l);
              assertThat(b).hasSize(8);
              assertThat(ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).getLong()).isEqualTo(l);
              assertThat(ParamCodec.decode(JailParam.HOST_HOSTID, b)).isEqualTo(l);
            });
  }

  @Test
  void jailsysValuesRoundTripAsTheirKernelInts() {
    qt().forAll(arbitrary().enumValues(JailSys.class))
        .checkAssert(
            s -> {
              byte[] b = ParamCodec.encode(JailParam.SYSVSHM, s);
              assertThat(b).isEqualTo(ParamCodec.intBytes(s.value()));
              assertThat(ParamCodec.decode(JailParam.SYSVSHM, b)).isEqualTo(s);
            });
  }

  @Test
  void booleansTravelInTheNameAndComeBackAsKernelInts() {
    qt().forAll(booleans().all())
        .checkAssert(
            v -> {
              assertThat(ParamCodec.encode(JailParam.ALLOW_RAW_SOCKETS, v)).isEmpty();
              assertThat(ParamCodec.wireName(JailParam.ALLOW_RAW_SOCKETS, v))
                  .isEqualTo(v ? "allow.raw_sockets" : "allow.noraw_sockets");
              byte[] answer = ParamCodec.intBytes(v ? 1 : 0);
              assertThat(ParamCodec.decode(JailParam.ALLOW_RAW_SOCKETS, answer)).isEqualTo(v);
            });
  }

  @Test
  void stringsRoundTripWithTheirNulCountedForEveryStringSize() {
    for (JailParam<String> p :
        List.of(
            JailParam.NAME,
            JailParam.PATH,
            JailParam.OSRELEASE,
            JailParam.HOST_HOSTUUID,
            JailParam.LINUX_OSNAME)) {
      // osrelease: the kernel refuses a length (with the NUL) of OSRELEASELEN or more, one byte
      // short of its buffer (§3.1).
      int size = p.equals(JailParam.OSRELEASE) ? p.type().size() - 1 : p.type().size();
      qt().forAll(ParamGenerators.strings(size))
          .checkAssert(
              s -> {
                byte[] b = ParamCodec.encode(p, s);
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                assertThat(b).hasSize(utf8.length + 1).endsWith((byte) 0);
                assertThat(b.length).isLessThanOrEqualTo(size);
                assertThat(ParamCodec.decode(p, b)).isEqualTo(s);
              });
    }
  }

  @Test
  void ipv4ListsRoundTripAsFourNetworkOrderBytesEach() {
    qt().withExamples(300)
        .forAll(ParamGenerators.addressLists(ParamGenerators.ip4()))
        .checkAssert(
            l -> {
              byte[] b = ParamCodec.encode(JailParam.IP4_ADDR, l);
              assertThat(b).hasSize(4 * l.size());
              if (!l.isEmpty()) {
                assertThat(b).startsWith(l.get(0).getAddress());
              }
              assertThat(ParamCodec.decode(JailParam.IP4_ADDR, b)).isEqualTo(l);
            });
  }

  @Test
  void ipv6ListsRoundTripAsSixteenNetworkOrderBytesEach() {
    qt().withExamples(200)
        .forAll(ParamGenerators.addressLists(ParamGenerators.ip6()))
        .checkAssert(
            l -> {
              byte[] b = ParamCodec.encode(JailParam.IP6_ADDR, l);
              assertThat(b).hasSize(16 * l.size());
              assertThat(ParamCodec.decode(JailParam.IP6_ADDR, b)).isEqualTo(l);
            });
  }

  @Test
  void keyValueMapsRoundTripAsNewlineSeparatedText() {
    qt().forAll(ParamGenerators.keyValues())
        .checkAssert(
            m -> {
              byte[] b = ParamCodec.encode(JailParam.META, m);
              assertThat(b).endsWith((byte) 0);
              assertThat(b.length).isLessThanOrEqualTo(4096);
              assertThat(ParamCodec.decode(JailParam.META, b)).containsExactlyEntriesOf(m);
            });
  }

  @Test
  void textRoundTripsForEveryType() {
    qt().forAll(ParamGenerators.ints())
        .checkAssert(
            i ->
                assertThat(
                        ParamText.parse(
                            JailParam.SECURELEVEL, ParamText.format(JailParam.SECURELEVEL, i)))
                    .isEqualTo(i));
    qt().forAll(ParamGenerators.ulongs())
        .checkAssert(
            l ->
                assertThat(
                        ParamText.parse(
                            JailParam.HOST_HOSTID, ParamText.format(JailParam.HOST_HOSTID, l)))
                    .isEqualTo(l));
    qt().forAll(ParamGenerators.strings(256))
        .checkAssert(
            s ->
                assertThat(
                        ParamText.parse(
                            JailParam.HOST_HOSTNAME, ParamText.format(JailParam.HOST_HOSTNAME, s)))
                    .isEqualTo(s));
    qt().forAll(ParamGenerators.addressLists(ParamGenerators.ip4()))
        .checkAssert(
            l ->
                assertThat(
                        ParamText.parse(
                            JailParam.IP4_ADDR, ParamText.format(JailParam.IP4_ADDR, l)))
                    .isEqualTo(l));
    qt().withExamples(100)
        .forAll(ParamGenerators.addressLists(ParamGenerators.ip6()))
        .checkAssert(
            l ->
                assertThat(
                        ParamText.parse(
                            JailParam.IP6_ADDR, ParamText.format(JailParam.IP6_ADDR, l)))
                    .isEqualTo(l));
    qt().forAll(ParamGenerators.keyValues())
        .checkAssert(
            m ->
                assertThat(ParamText.parse(JailParam.ENV, ParamText.format(JailParam.ENV, m)))
                    .containsExactlyEntriesOf(m));
    qt().forAll(arbitrary().enumValues(JailSys.class))
        .checkAssert(
            s ->
                assertThat(ParamText.parse(JailParam.VNET, ParamText.format(JailParam.VNET, s)))
                    .isEqualTo(s));
    qt().forAll(booleans().all())
        .checkAssert(
            b ->
                assertThat(
                        ParamText.parse(JailParam.PERSIST, ParamText.format(JailParam.PERSIST, b)))
                    .isEqualTo(b));
  }
}
