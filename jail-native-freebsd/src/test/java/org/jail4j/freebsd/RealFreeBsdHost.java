package org.jail4j.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jail4j.spi.ProviderSupport;
import org.jspecify.annotations.Nullable;

/**
 * The gate for tests that run against a real FreeBSD kernel: they run only when {@code
 * -Djail4j.it.freebsd=true} is given, on FreeBSD, as root, and are skipped otherwise with the
 * reason (a JUnit assumption, never silently). Once enabled, a provider that does not support the
 * host is a failure, not a skip.
 */
public final class RealFreeBsdHost {
  /** The system property that enables the tests. */
  public static final String PROPERTY = "jail4j.it.freebsd";

  private static volatile @Nullable FreeBsdJailProvider checked;

  private RealFreeBsdHost() {}

  /**
   * The native provider for this host, or a skipped test with the reason.
   *
   * @return the provider, supported
   */
  public static FreeBsdJailProvider provider() {
    assumeTrue(
        Boolean.getBoolean(PROPERTY),
        "runs against the real FreeBSD kernel only with -D"
            + PROPERTY
            + "=true (as root on a FreeBSD 13/14/15 host; see docs/FREEBSD.md)");
    String os = System.getProperty("os.name", "");
    assumeTrue(
        os.toLowerCase(Locale.ROOT).startsWith("freebsd"),
        "-D" + PROPERTY + "=true was given, but this is not FreeBSD (os.name is " + os + ")");
    assumeTrue(
        isRoot(),
        "-D" + PROPERTY + "=true was given, but jail_set(2) needs root; run the tests as root");
    FreeBsdJailProvider provider = checked;
    if (provider == null) {
      provider = new FreeBsdJailProvider();
      ProviderSupport support = provider.support();
      assertThat(support.supported())
          .as("native provider on this FreeBSD host: %s", support.reason())
          .isTrue();
      checked = provider;
    }
    return provider;
  }

  static boolean isRoot() {
    try {
      Process p = new ProcessBuilder("/usr/bin/id", "-u").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return p.waitFor() == 0 && out.equals("0");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
