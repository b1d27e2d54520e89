package org.jail4j.oci;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the image index and manifest readers on raw bytes: they throw nothing but {@link
 * OciException}, and what they read writes back and reads again to the same value. In normal builds
 * this runs the committed seeds in {@code OciImageLayoutFuzzInputs}.
 */
class OciImageLayoutFuzz {

  @FuzzTest(maxDuration = "60s")
  void indexAndManifestReadersThrowOnlyTheirOwnError(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    try {
      OciIndex index = OciIndex.parse("index.json", text);
      assertThat(OciIndex.parse("index.json", index.toJson())).isEqualTo(index);
    } catch (OciLimitException e) {
      assertThat(e.limit()).isIn("size", "depth");
    } catch (OciException e) {
      assertThat(e.field()).startsWith("index.json");
    }
    try {
      OciManifest m = OciManifest.parse("manifest", text);
      assertThat(OciManifest.parse("manifest", m.toJson())).isEqualTo(m);
    } catch (OciLimitException e) {
      assertThat(e.limit()).isIn("size", "depth");
    } catch (OciException e) {
      assertThat(e.field()).startsWith("manifest");
    }
  }
}
