package org.jail4j.oci.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.jail4j.oci.OciDigest;
import org.jail4j.oci.OciException;
import org.jail4j.oci.OciIndex;
import org.jail4j.oci.OciManifest;
import org.junit.jupiter.api.Test;

/** The values and parsers of the registry client that need no server. */
class RegistryValuesTest {
  @Test
  void aBearerChallengeSplitsIntoItsQuotedParameters() {
    assertThat(
            Transport.params(
                "realm=\"https://auth.example.org/token\",service=\"registry.example.org\","
                    + "scope=\"repository:freebsd/base:pull,push\""))
        .containsEntry("realm", "https://auth.example.org/token")
        .containsEntry("service", "registry.example.org")
        .containsEntry("scope", "repository:freebsd/base:pull,push");
  }

  @Test
  void challengeParametersMayBeUnquotedOrEscaped() {
    assertThat(Transport.params("Realm=basic, error=\"a \\\"b\\\"\""))
        .containsEntry("realm", "basic")
        .containsEntry("error", "a \"b\"");
  }

  @Test
  void aDigestIsAlgorithmColonLowerCaseHexOfItsLength() {
    OciDigest d = OciDigest.sha256("abc".getBytes(StandardCharsets.UTF_8));
    assertThat(d.toString())
        .isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(OciDigest.parse(d.toString())).isEqualTo(d);
    assertThat(d.of("abc".getBytes(StandardCharsets.UTF_8))).isEqualTo(d);
    assertThatThrownBy(() -> OciDigest.parse("sha256:BA7816BF"))
        .isInstanceOfSatisfying(OciException.class, e -> assertThat(e.field()).isEqualTo("digest"))
        .hasMessageContaining("64 lower-case hex digits");
    assertThatThrownBy(() -> OciDigest.parse("md5:" + "0".repeat(32)))
        .hasMessageContaining("algorithm \"md5\" is not supported");
    assertThatThrownBy(() -> OciDigest.parse("latest")).hasMessageContaining("ALGORITHM:HEX");
  }

  @Test
  void aManifestOfAnUnknownMediaTypeIsRefusedNamingIt() {
    byte[] schema1 =
        "{\"schemaVersion\":1,\"mediaType\":\"application/vnd.docker.distribution.manifest.v1+json\"}"
            .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> RegistryManifest.parse("r/x:1", schema1, null))
        .isInstanceOfSatisfying(
            RegistryException.class, e -> assertThat(e.field()).isEqualTo("r/x:1"))
        .hasMessageContaining("manifest.v1+json");
  }

  @Test
  void aDockerManifestListIsAnIndexAndItsTypeMayComeFromTheHeader() {
    byte[] list =
        ("{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\""
                + OciManifest.DOCKER_MEDIA_TYPE
                + "\",\"digest\":\""
                + OciDigest.sha256(new byte[0])
                + "\",\"size\":2,\"platform\":{\"os\":\"freebsd\",\"architecture\":\"arm64\","
                + "\"variant\":\"v8\"}}]}")
            .getBytes(StandardCharsets.UTF_8);
    RegistryManifest m =
        RegistryManifest.parse("r/x:1", list, OciIndex.DOCKER_MEDIA_TYPE + "; charset=utf-8");
    assertThat(m.isIndex()).isTrue();
    assertThat(m.manifests())
        .singleElement()
        .satisfies(d -> assertThat(String.valueOf(d.platform())).isEqualTo("freebsd/arm64/v8"));
    assertThat(m.digest()).isEqualTo(OciDigest.sha256(list));
  }

  @Test
  void aDescriptorWithoutASizeIsRefusedNamingItsPlace() {
    byte[] bad =
        ("{\"mediaType\":\""
                + OciManifest.MEDIA_TYPE
                + "\",\"config\":{\"mediaType\":\"x\","
                + "\"digest\":\""
                + OciDigest.sha256(new byte[0])
                + "\"},\"layers\":[]}")
            .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> RegistryManifest.parse("r/x:1", bad, null))
        .isInstanceOfSatisfying(
            RegistryException.class, e -> assertThat(e.field()).isEqualTo("r/x:1 config"))
        .hasMessageContaining("integer size");
  }
}
