package org.jail4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jail4j.param.JailParam;
import org.junit.jupiter.api.Test;

class JailCopiesTest {

  private final Jail web =
      Jail.builder()
          .name("web")
          .path("/jail/web")
          .hostname("web.example.org")
          .ip4("192.168.1.4")
          .param(JailParam.SECURELEVEL, 3)
          .persist(true)
          .build();

  @Test
  void withCopiesChangeOneAttributeAndLeaveTheOriginal() {
    Jail www = web.withHostname("www.example.org");
    assertThat(www.hostname()).contains("www.example.org");
    assertThat(web.hostname()).contains("web.example.org");
    assertThat(www.name()).isEqualTo(web.name());
    assertThat(www.get(JailParam.SECURELEVEL)).contains(3);
  }

  @Test
  void valuesWithTheSameContentAreEqual() {
    Jail again =
        Jail.builder()
            .name("web")
            .path("/jail/web")
            .hostname("web.example.org")
            .ip4("192.168.1.4")
            .param(JailParam.SECURELEVEL, 3)
            .persist(true)
            .build();
    assertThat(again).isEqualTo(web).hasSameHashCodeAs(web);
    assertThat(web.withPersist(false)).isNotEqualTo(web);
  }

  @Test
  void toStringIsReadable() {
    assertThat(web.toString()).contains("name=web").contains("path=/jail/web");
  }

  @Test
  void withCopiesAreValidatedLikeTheBuilder() {
    assertThatThrownBy(() -> web.withPath("jail/relative"))
        .isInstanceOf(InvalidJailParameterException.class)
        .hasMessageContaining("path");
  }
}
