package org.jail4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.jail4j.root.SafeRootWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TourTest {

  /** One run of the tour, shared by the tests that read its output. */
  private static int status;

  private static String printed = "";
  private static String errors = "";

  @BeforeAll
  static void runTheTourOnTheFake() {
    assumeFalse(
        System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("freebsd"),
        "on FreeBSD the tour may run on the native provider; these tests check the fake's output");
    assumeTrue(
        SafeRootWriter.supported(Path.of(System.getProperty("java.io.tmpdir"))),
        "the tour builds jail roots, which jail4j writes only through openat(2)"
            + " (SecureDirectoryStream, docs/ROOTS.md \"On Windows\"); this platform's Java has"
            + " none (TourWithoutRootsTest runs the tour without roots)");
    Output out = new Output();
    Output err = new Output();
    status = Tour.run(new String[0], out.stream, err.stream);
    printed = out.text();
    errors = err.text();
  }

  @Test
  void tourExitsZeroAndPrintsEveryStep() {
    assertThat(status).as(errors).isZero();
    String text = printed;
    for (String step :
        new String[] {
          "[1/11] Provider",
          "[2/11] Distribution sets",
          "[3/11] Package-builder fat root from the sets",
          "[4/11] Web jail: thin root, rc.conf, preflight",
          "[5/11] Start web the classic way",
          "[6/11] List jails as jls(8) does",
          "[7/11] Run a command inside, as jexec(8) does",
          "[8/11] What the jail refuses",
          "[9/11] Stop web",
          "[10/11] OCI: image layout to jail root to bundle",
          "[11/11] Nothing left behind"
        }) {
      assertThat(text).contains(step);
    }
    assertThat(text).contains("Tour finished in").doesNotContain("FAIL");
  }

  @Test
  void tourSaysItFellBackToTheFakeAndWhy() {
    assertThat(printed)
        .contains("provider: fake (org.jail4j.testkit.FakeJailProvider)")
        .contains("no jail provider supports this host");
  }

  @Test
  void tourBuildsTheRootWithAProgressBarAndWritesRcConf() {
    assertThat(printed)
        .contains("  base     [##############################] 100%")
        .contains("  lib32    [##############################] 100%")
        .contains("    | lighttpd_enable=\"YES\"")
        .contains("    | mysql_enable=\"YES\"")
        .contains("    | kern_securelevel_enable=\"YES\"")
        .contains("    | kern_securelevel=\"3\"")
        .contains("    | clear_tmp_enable=\"YES\"")
        .contains("preflight:");
  }

  @Test
  void tourStartsWithAliasMountsAndEtcRcAndListsAndExecs() {
    assertThat(printed)
        .contains("alias:  ifconfig em0 inet 192.0.2.80/32 alias")
        .contains("mount:  devfs devfs on ./jails/web/dev ruleset 4")
        .contains("exec.start: /bin/sh /etc/rc (exit 0)")
        .containsPattern("\\n\\s+1  192\\.0\\.2\\.80\\s+web\\.tour\\.example\\s+/")
        .contains(
            "name=web host.hostname=web.tour.example ip4.addr=192.0.2.80 securelevel=3"
                + " children.max=1")
        .contains("$ jexec web hostname\n  web.tour.example\n  (exit 0)");
  }

  @Test
  void tourShowsTheKernelsRefusals() {
    assertThat(printed)
        .contains("refused: jail: 1: jail 1 not found (ENOENT)")
        .contains("refused: jail: low: jail_set: Operation not permitted (EPERM)")
        .contains("created: children.max=1 allows one child")
        .contains("refused: jail: build2: prison limit exceeded (EPERM)");
  }

  @Test
  void tourLeavesNothingBehind() {
    assertThat(printed)
        .contains("jails:   none under ./")
        .contains("mounts:  none under ./")
        .contains("aliases: no 192.0.2.80")
        .contains("fake host leftovers: none");
  }

  @Test
  void tourTakesRealSetsFromADirectoryArgument(@TempDir Path dist) throws Exception {
    Tour.generateSets(dist);
    Output out = new Output();
    Output err = new Output();

    int status = Tour.run(new String[] {dist.toString()}, out.stream, err.stream);

    assertThat(status).as(err.text()).isZero();
    assertThat(out.text())
        .contains("using the release sets in " + dist)
        .doesNotContain("wrote two small ones");
  }

  @Test
  void aDirectoryWithoutManifestIsABadArgument(@TempDir Path empty) {
    Output err = new Output();

    int status = Tour.run(new String[] {empty.toString()}, new Output().stream, err.stream);

    assertThat(status).isEqualTo(2);
    assertThat(err.text()).contains(empty + ": no MANIFEST there");
  }

  @Test
  void anOptionIsABadArgument() {
    Output err = new Output();

    int status = Tour.run(new String[] {"-x"}, new Output().stream, err.stream);

    assertThat(status).isEqualTo(2);
    assertThat(err.text()).startsWith("usage: Tour [DIR]");
  }
}
