package org.jail4j.freebsd.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The binding itself against the libc of the machine the tests run on: jnr-ffi generates the {@link
 * LibC} stub (every signature and type annotation accepted), {@code @SaveError} saves a real errno,
 * and a symbol the libc lacks fails at the call, not at load (which the descriptor calls turn into
 * {@code ENOSYS}).
 */
class LibcBindingTest {
  private static final String OS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);

  private static LibcBinding load() {
    assumeTrue(
        OS.startsWith("linux") || OS.startsWith("freebsd"),
        "needs a libc jnr-ffi can load as \"c\" (Linux or FreeBSD), os.name is " + OS);
    return LibcBinding.load();
  }

  @Test
  void theBindingLoadsAndSavesErrnoAtTheCall() {
    LibcBinding b = load();

    int rc = b.libc().close(-1);

    assertThat(rc).isEqualTo(-1);
    assertThat(b.runtime().getLastError()).isEqualTo(9); // EBADF on Linux and FreeBSD
    assertThat(b.real()).isTrue();
  }

  @Test
  void aSymbolTheLibcLacksFailsAtTheCallNotAtLoad() {
    assumeTrue(OS.startsWith("linux"), "only Linux's libc surely lacks jail_remove_jd");
    LibcBinding b = load();

    assertThatThrownBy(() -> b.libc().jail_remove_jd(3)).isInstanceOf(UnsatisfiedLinkError.class);
  }

  @Test
  void theProcesssOwnLibcNeverAttaches() {
    LibcBinding b = load();

    assertThatThrownBy(() -> b.kernel().attach(1))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
