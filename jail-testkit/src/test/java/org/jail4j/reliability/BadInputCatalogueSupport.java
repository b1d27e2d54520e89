package org.jail4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import org.jail4j.JailException;
import org.junit.jupiter.api.function.Executable;

/** The one assertion every catalogue row makes: a typed refusal whose message names the rule. */
final class BadInputCatalogueSupport {
  private BadInputCatalogueSupport() {}

  /** Asserts that the action fails with this type and a message holding every fragment. */
  static <E extends JailException> E refused(
      Executable action, Class<E> type, String... fragments) {
    Throwable thrown = null;
    try {
      action.execute();
    } catch (Throwable t) {
      thrown = t;
    }
    assertThat(thrown).as("a typed refusal").isInstanceOf(type);
    for (String f : fragments) {
      assertThat(thrown.getMessage()).contains(f);
    }
    return type.cast(thrown);
  }
}
