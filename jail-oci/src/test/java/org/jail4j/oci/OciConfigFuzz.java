package org.jail4j.oci;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the config reader on raw bytes: it never throws anything but {@link OciException}, and
 * whatever it reads writes back and reads again to the same configuration. In normal builds this
 * runs the committed seeds in {@code OciConfigFuzzInputs}.
 */
class OciConfigFuzz {

  @FuzzTest(maxDuration = "60s")
  void readingNeverThrowsAnythingButItsOwnError(byte[] data) {
    OciConfig c;
    try {
      c =
          OciConfig.parse(
              new String(data, StandardCharsets.UTF_8), "fuzz", java.nio.file.Path.of("/b"));
    } catch (OciException e) {
      assertThat(e.getMessage()).startsWith("jail: ");
      return;
    }
    String json;
    try {
      json = c.toJson();
    } catch (OciException e) {
      return; // e.g. a jail rule only the writer's last check sees
    }
    assertThat(OciConfig.parse(json, "fuzz", null)).isEqualTo(c);
  }
}
