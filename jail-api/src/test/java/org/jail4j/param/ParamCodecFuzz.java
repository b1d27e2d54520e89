package org.jail4j.param;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.jail4j.InvalidJailParameterException;

/**
 * Fuzzes the decoders: whatever bytes a kernel returns and whatever text a file holds, the codec
 * and the text reader either refuse them with an {@link InvalidJailParameterException} or give a
 * value that survives another round trip. The first input byte picks the parameter. In normal runs
 * Jazzer replays the committed seeds under {@code ParamCodecFuzzInputs/}.
 */
class ParamCodecFuzz {

  /** Every kernel parameter of the catalogue, in a fixed order. */
  private static final List<JailParam<?>> KERNEL =
      JailParam.catalogue().stream().filter(JailParam::isKernel).collect(Collectors.toList());

  private static JailParam<?> pick(byte[] data) {
    return KERNEL.get(Byte.toUnsignedInt(data[0]) % KERNEL.size());
  }

  @FuzzTest
  void kernelBytesAreRefusedOrDecodedToAValueThatRoundTrips(byte[] data) {
    if (data.length == 0) {
      return;
    }
    roundTripBytes(pick(data), Arrays.copyOfRange(data, 1, data.length));
  }

  private static <T> void roundTripBytes(JailParam<T> p, byte[] bytes) {
    T value;
    try {
      value = ParamCodec.decode(p, bytes);
    } catch (InvalidJailParameterException refused) {
      assertThat(refused.violations()).extracting(v -> v.field()).containsOnly(p.name());
      return;
    }
    byte[] again;
    try {
      again = ParamCodec.encode(p, value);
    } catch (InvalidJailParameterException refused) {
      // Only text can grow: invalid UTF-8 read back as U+FFFD may no longer fit its buffer.
      assertThat(p.type().kind()).isIn(ParamType.Kind.STRING, ParamType.Kind.KEY_VALUE);
      return;
    }
    if (p.type().kind() != ParamType.Kind.BOOL) {
      assertThat(ParamCodec.decode(p, again)).isEqualTo(value);
    }
  }

  @FuzzTest
  void textIsRefusedOrParsedToAValueThatRoundTrips(byte[] data) {
    if (data.length == 0) {
      return;
    }
    String text = new String(data, 1, data.length - 1, StandardCharsets.UTF_8);
    roundTripText(pick(data), List.of(text.split("\u0001", -1)));
  }

  private static <T> void roundTripText(JailParam<T> p, List<String> values) {
    T value;
    try {
      value = ParamText.parse(p, values);
    } catch (InvalidJailParameterException refused) {
      assertThat(refused.violations()).extracting(v -> v.field()).containsOnly(p.name());
      return;
    }
    assertThat(ParamText.parse(p, ParamText.format(p, value))).isEqualTo(value);
  }
}
