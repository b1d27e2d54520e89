package org.jail4j.param;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.jail4j.spi.IoVec;
import org.junit.jupiter.api.Test;

/**
 * {@link ParamCodec#paramOf}: the catalogued parameter of a name entry (freebsd-jail-abi.md §2.2).
 */
class ParamCodecNameIndexTest {

  @Test
  void everyCataloguedKernelNameAndNoNameIsFound() {
    for (JailParam<?> p : JailParam.catalogue()) {
      if (!p.isKernel()) {
        continue;
      }
      assertThat(ParamCodec.paramOf(IoVec.name(p.name()))).as(p.name()).isSameAs(p);
      if (p.type().kind() == ParamType.Kind.BOOL) {
        assertThat(ParamCodec.paramOf(IoVec.name(p.noName()))).as(p.noName()).isSameAs(p);
      }
    }
  }

  @Test
  void theSharedEntryARequestSendsIsFound() {
    assertThat(ParamCodec.paramOf(ParamCodec.nameVec("host.hostname")))
        .isSameAs(JailParam.HOST_HOSTNAME);
    assertThat(ParamCodec.paramOf(ParamCodec.nameVec("allow.noraw_sockets")))
        .isSameAs(JailParam.ALLOW_RAW_SOCKETS);
  }

  @Test
  void aNameInsideALargerBufferIsFoundByItsLength() {
    byte[] buffer = new byte[64];
    byte[] name = "securelevel".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(name, 0, buffer, 0, name.length);

    assertThat(ParamCodec.paramOf(IoVec.raw(buffer, name.length + 1)))
        .isSameAs(JailParam.SECURELEVEL);
  }

  @Test
  void aNameNotInTheCatalogueIsNull() {
    assertThat(ParamCodec.paramOf(IoVec.name("allow.nosuchthing"))).isNull();
    assertThat(ParamCodec.paramOf(IoVec.name("host.hostnam"))).isNull();
    assertThat(ParamCodec.paramOf(IoVec.name("nosecurelevel"))).isNull();
  }

  @Test
  void aPseudoParameterIsNotAKernelName() {
    assertThat(ParamCodec.paramOf(IoVec.name(JailParam.EXEC_START.name()))).isNull();
  }

  @Test
  void aNameWithoutItsNulIsMalformed() {
    byte[] noNul = "persist".getBytes(StandardCharsets.US_ASCII);

    assertThat(ParamCodec.paramOf(IoVec.of(noNul))).isNull();
  }

  @Test
  void aLengthThatStopsShortOfTheNameIsMalformed() {
    IoVec entry = IoVec.name("persist");
    entry.setLength(4);

    assertThat(ParamCodec.paramOf(entry)).isNull();
  }

  @Test
  void aNulBeforeTheLastCountedByteIsNotTheName() {
    byte[] bytes = "persist\0x\0".getBytes(StandardCharsets.US_ASCII);

    assertThat(ParamCodec.paramOf(IoVec.of(bytes))).isNull();
  }

  @Test
  void aNullBufferAnEmptyEntryAndALengthPastTheBufferAreMalformed() {
    assertThat(ParamCodec.paramOf(IoVec.empty())).isNull();
    assertThat(ParamCodec.paramOf(IoVec.raw(null, 8))).isNull();
    assertThat(ParamCodec.paramOf(IoVec.raw(new byte[] {0}, 1))).isNull();
    assertThat(ParamCodec.paramOf(IoVec.raw("name\0".getBytes(StandardCharsets.US_ASCII), 9)))
        .isNull();
    assertThat(ParamCodec.paramOf(IoVec.raw("name\0".getBytes(StandardCharsets.US_ASCII), -1)))
        .isNull();
  }
}
