package org.jail4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The build's logging configuration for tests: quiet unless {@code -Djail4j.test.log=true}. */
class TestLoggingTest {

  @Test
  void infoAndWarningAreOffDuringTestsUnlessAskedFor() {
    assumeFalse(Boolean.getBoolean("jail4j.test.log"), "-Djail4j.test.log=true asks for the log");
    Logger logger = Logger.getLogger("org.jail4j.freebsd.internal.NativeHostSystem");
    assertThat(logger.isLoggable(Level.INFO)).isFalse();
    assertThat(logger.isLoggable(Level.WARNING)).isFalse();
    assertThat(logger.isLoggable(Level.SEVERE)).isTrue();
  }
}
