package org.jail4j.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The reader's limits and its answers to malformed input: typed errors, never an Error. */
class OciConfigBoundsTest {

  @Test
  void aConfigOverSixteenMebibytesIsRefusedNamingTheLimit() {
    String big =
        "{\"ociVersion\":\"1.3.0\",\"root\":{\"path\":\"/j\"},\"hostname\":\""
            + "a".repeat(OciConfig.MAX_BYTES)
            + "\"}";
    assertThatThrownBy(() -> OciConfig.parse(big))
        .isInstanceOfSatisfying(
            OciLimitException.class, e -> assertThat(e.limit()).isEqualTo("size"))
        .hasMessageContaining("16 MiB");
  }

  @Test
  void nestingDeeperThanTheLimitIsRefusedNamingTheLimit() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    assertThatThrownBy(() -> OciConfig.parse(deep))
        .isInstanceOfSatisfying(
            OciLimitException.class,
            e -> {
              assertThat(e.limit()).isEqualTo("depth");
              assertThat(e.max()).isEqualTo(OciConfig.MAX_DEPTH);
            });
  }

  @Test
  void malformedJsonIsATypedErrorWithTheLine() {
    assertThatThrownBy(() -> OciConfig.parse("{\"ociVersion\": \n  \"1.3.0\",,}"))
        .isInstanceOfSatisfying(OciException.class, e -> assertThat(e.field()).isEqualTo("config"))
        .hasMessageContaining("malformed JSON at line 2");
  }

  @Test
  void duplicateKeysAreRefused() {
    assertThatThrownBy(() -> OciConfig.parse("{\"ociVersion\":\"1.3.0\",\"ociVersion\":\"1.3.0\"}"))
        .isInstanceOf(OciException.class)
        .hasMessageContaining("Duplicate field");
  }

  @Test
  void trailingTokensAreRefused() {
    assertThatThrownBy(
            () -> OciConfig.parse("{\"ociVersion\":\"1.3.0\",\"root\":{\"path\":\"/j\"}} {}"))
        .isInstanceOf(OciException.class);
  }

  @Test
  void aDocumentThatIsNotAnObjectIsRefused() {
    assertThatThrownBy(() -> OciConfig.parse("[]"))
        .isInstanceOfSatisfying(OciException.class, e -> assertThat(e.field()).isEqualTo("config"));
    assertThatThrownBy(() -> OciConfig.parse("")).isInstanceOf(OciException.class);
  }

  @Test
  void aFieldOfTheWrongTypeIsNamed() {
    assertThatThrownBy(
            () ->
                OciConfig.parse(
                    "{\"ociVersion\":\"1.3.0\",\"root\":{\"path\":\"/j\"},"
                        + "\"freebsd\":{\"jail\":{\"enforceStatfs\":300}}}"))
        .isInstanceOfSatisfying(
            OciException.class, e -> assertThat(e.field()).isEqualTo("freebsd.jail.enforceStatfs"));
  }
}
