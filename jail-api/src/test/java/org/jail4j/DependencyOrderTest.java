package org.jail4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code depend} ordering without a kernel. */
class DependencyOrderTest {

  private static Jail jail(String name, String... depend) {
    return Jail.builder().name(name).addDepend(depend).build();
  }

  @Test
  void independentJailsKeepTheirOrder() {
    assertThat(DependencyOrder.startOrder(List.of(jail("b"), jail("a")), n -> false))
        .extracting(j -> j.name().orElseThrow())
        .containsExactly("b", "a");
  }

  @Test
  void dependencyComesFirst() {
    assertThat(DependencyOrder.startOrder(List.of(jail("web", "db"), jail("db")), n -> false))
        .extracting(j -> j.name().orElseThrow())
        .containsExactly("db", "web");
  }

  @Test
  void selfDependencyIsALoop() {
    assertThatThrownBy(() -> DependencyOrder.startOrder(List.of(jail("a", "a")), n -> false))
        .hasMessageContaining("dependency loop: a -> a");
  }

  @Test
  void threeJailLoopNamesEveryJail() {
    assertThatThrownBy(
            () ->
                DependencyOrder.startOrder(
                    List.of(jail("a", "b"), jail("b", "c"), jail("c", "a")), n -> false))
        .hasMessageContaining("dependency loop: a -> b -> c -> a");
  }
}
