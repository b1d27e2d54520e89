package org.jail4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The {@code rctl_get_racct(2)} answer. */
class RacctTextTest {

  @Test
  void pairsKeepTheirOrder() {
    assertThat(RacctText.parse("cputime=3,memoryuse=1048576,maxproc=2\n"))
        .containsExactly(
            java.util.Map.entry("cputime", 3L),
            java.util.Map.entry("memoryuse", 1048576L),
            java.util.Map.entry("maxproc", 2L));
  }

  @Test
  void pairWithoutIntegerIsRefused() {
    assertThatThrownBy(() -> RacctText.parse("cputime=x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an integer: \"cputime=x\"");
  }
}
