package org.jail4j.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.jail4j.param.JailParam;
import org.jail4j.param.JailRequest;
import org.jail4j.spi.JailFlags;
import org.jail4j.spi.JailKernel;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cases with known outcomes that {@link FreeBsdCheckTest} runs through {@link FreeBsdCheck}: two
 * pass (one leaving a prefixed jail behind, as an interrupted test would), one fails, one is
 * skipped. Not a Surefire class name, and skipped unless a check is running it.
 */
class CheckFixtureCases {
  /** The kernel the check under test cleans up. */
  static volatile @Nullable JailKernel kernel;

  private String prefix = "";

  @BeforeEach
  void onlyInACheck() {
    String p = System.getProperty(FreeBsdCheck.PREFIX_PROPERTY);
    assumeTrue(p != null && kernel != null, "run only by FreeBsdCheckTest through FreeBsdCheck");
    prefix = p;
  }

  @Test
  void passes() {
    assertThat(prefix).startsWith(CheckCleanup.FAMILY);
  }

  @Test
  void leavesAJailBehind() {
    JailKernel k = kernel;
    if (k == null) {
      throw new IllegalStateException("no kernel given");
    }
    int jid =
        JailRequest.create()
            .put(JailParam.NAME, prefix + "left")
            .put(JailParam.PERSIST, true)
            .set(k, JailFlags.CREATE);
    assertThat(jid).isPositive();
  }

  @Test
  void fails() {
    assertThat(prefix).as("the fixture's failing case").isEqualTo("not the prefix");
  }

  @Test
  void isSkipped() {
    assumeTrue(false, "the fixture's skipped case");
  }
}
