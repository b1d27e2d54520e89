package org.jail4j.examples;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What the documentation snippets that need more than the fake assume, said when they skip. */
final class Snippets {
  private Snippets() {}

  /** A snippet on {@code JailHost.local()}: runs on FreeBSD as root with jail-native-freebsd. */
  static void assumeFreeBsdRoot() {
    boolean freebsd =
        System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("freebsd");
    assumeTrue(
        freebsd && "root".equals(System.getProperty("user.name")),
        "this documentation snippet starts jails on JailHost.local(): it runs on FreeBSD as root");
  }

  /** A snippet over files of a real host, e.g. an image layout under {@code /images}. */
  static void assumeExists(Path path, String what) {
    assumeTrue(Files.exists(path), "this documentation snippet needs " + what + " at " + path);
  }
}
