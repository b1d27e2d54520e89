package org.jail4j.oci.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.jail4j.oci.OciDigest;

/**
 * Fuzzes what a registry sends that jail4j parses: a manifest body and a {@code WWW-Authenticate}
 * challenge. The manifest reader throws nothing but {@link RegistryException} naming the reference,
 * and what it reads has the digest of the bytes and valid descriptors. In normal builds this runs
 * the committed seeds in {@code RegistryManifestFuzzInputs}.
 */
class RegistryManifestFuzz {

  @FuzzTest(maxDuration = "60s")
  void readingAManifestNeverThrowsAnythingButItsOwnError(byte[] data) {
    RegistryManifest m;
    try {
      m = RegistryManifest.parse("fuzz/x:1", data, null);
    } catch (RegistryException e) {
      assertThat(e.field()).startsWith("fuzz/x:1");
      return;
    }
    assertThat(m.digest()).isEqualTo(OciDigest.sha256(data));
    assertThat(MediaType.MANIFESTS).contains(m.mediaType());
    if (m.isIndex()) {
      assertThat(m.layers()).isEmpty();
      m.manifests().forEach(d -> assertThat(d.size()).isNotNegative());
    } else {
      assertThat(m.config().size()).isNotNegative();
      m.layers().forEach(d -> assertThat(d.size()).isNotNegative());
    }
  }

  @FuzzTest(maxDuration = "60s")
  void aChallengeAlwaysSplitsIntoParameters(byte[] data) {
    assertThat(Transport.params(new String(data, StandardCharsets.UTF_8)))
        .allSatisfy((k, v) -> assertThat(k).isNotEmpty());
  }
}
