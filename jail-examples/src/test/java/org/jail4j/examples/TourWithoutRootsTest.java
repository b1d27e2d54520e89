package org.jail4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tour as it runs where Java has no {@code openat(2)} (Windows): {@code -Dtour.roots=false}
 * makes any machine take that path, so the steps that do not need a jail root are checked to work
 * without one, and the ones that do to say why they are skipped.
 */
class TourWithoutRootsTest {
  private static int status;
  private static String printed = "";
  private static String errors = "";

  @BeforeAll
  static void runTheTourWithoutRoots() {
    assumeFalse(
        System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("freebsd"),
        "on FreeBSD the tour may run on the native provider; these tests check the fake's output");
    String before = System.getProperty(Tour.ROOTS_PROPERTY);
    System.setProperty(Tour.ROOTS_PROPERTY, "false");
    try {
      Output out = new Output();
      Output err = new Output();
      status = Tour.run(new String[0], out.stream, err.stream);
      printed = out.text();
      errors = err.text();
    } finally {
      if (before == null) {
        System.clearProperty(Tour.ROOTS_PROPERTY);
      } else {
        System.setProperty(Tour.ROOTS_PROPERTY, before);
      }
    }
  }

  @Test
  void everyStepRunsAndTheTourFinishes() {
    assertThat(status).as(errors).isZero();
    for (int i = 1; i <= Tour.STEPS; i++) {
      assertThat(printed).contains("[" + i + "/" + Tour.STEPS + "] ");
    }
    assertThat(printed).contains("Tour finished in");
  }

  @Test
  void theStepsThatWriteRootsSayWhyTheyAreSkipped() {
    assertThat(printed)
        .contains("roots:    not written: jail4j writes into a jail root only through openat(2)")
        .contains("skipped: extracting needs openat(2); ./jails/pkgbuilder stays empty")
        .contains("plain directory ./jails/web")
        .contains("    | kern_securelevel=\"3\"")
        .contains("skipped: an image's layers are extracted into a jail root")
        .doesNotContain("base     [")
        .doesNotContain("thin root ");
  }

  @Test
  void theWebJailStillStartsRunsAndStopsOnItsPlainDirectory() {
    assertThat(printed)
        .contains("alias:  ifconfig em0 inet 192.0.2.80/32 alias")
        .contains("mount:  devfs devfs on ./jails/web/dev ruleset 4")
        .contains("exec.start: /bin/sh /etc/rc (exit 0)")
        .contains("$ jexec web hostname\n  web.tour.example\n  (exit 0)")
        .contains("refused: jail: build2: prison limit exceeded (EPERM)")
        .contains("jails:   none under ./")
        .contains("mounts:  none under ./")
        .contains("fake host leftovers: none");
  }
}
