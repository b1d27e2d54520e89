package org.jail4j.root;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jail4j.internal.HostPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceInstallTest {
  @TempDir Path tmp;

  @Test
  void runsInstallworldThenDistributionWithDestdir() {
    RecordingHostSystem host = new RecordingHostSystem();
    Path root = tmp.resolve("web");
    SourceInstall.from(Path.of("/usr/src")).install(host, root);
    assertThat(host.commandLines())
        .containsExactly(
            "make -C /usr/src installworld DESTDIR=" + HostPaths.freeBsd(root),
            "make -C /usr/src distribution DESTDIR=" + HostPaths.freeBsd(root));
  }

  @Test
  void passesJobsAndSrcConfAndCanBuildFirst() {
    RecordingHostSystem host = new RecordingHostSystem();
    Path root = tmp.resolve("web");
    SourceInstall.from(Path.of("/usr/src"))
        .jobs(8)
        .srcConf(Path.of("/etc/src-jail.conf"))
        .buildWorld(true)
        .install(host, root);
    assertThat(host.commandLines())
        .containsExactly(
            "make -C /usr/src -j8 buildworld SRCCONF=/etc/src-jail.conf",
            "make -C /usr/src -j8 installworld DESTDIR="
                + HostPaths.freeBsd(root)
                + " SRCCONF=/etc/src-jail.conf",
            "make -C /usr/src distribution DESTDIR="
                + HostPaths.freeBsd(root)
                + " SRCCONF=/etc/src-jail.conf");
  }

  @Test
  void createsTheDevMountPointAndTheKernelLink() throws IOException {
    Path root = tmp.resolve("web");
    JailRoot r = SourceInstall.from(Path.of("/usr/src")).install(new RecordingHostSystem(), root);
    assertThat(root.resolve("dev")).isDirectory();
    assertThat(Files.readSymbolicLink(root.resolve("kernel")).toString()).isEqualTo("dev/null");
    assertThat(r).isEqualTo(JailRoot.full(root));
  }

  @Test
  void aFailedStepCarriesTheCommandAndItsOutput() {
    RecordingHostSystem host =
        new RecordingHostSystem()
            .on(
                "make -C /usr/src installworld",
                new RecordingHostSystem.Reply(
                    2, "--- installworld ---\n", "make[1]: stopped in /usr/src\n"));
    Path root = tmp.resolve("web");
    assertThatThrownBy(() -> SourceInstall.from(Path.of("/usr/src")).install(host, root))
        .isInstanceOf(HostCommandException.class)
        .hasMessageContaining(
            "make -C /usr/src installworld DESTDIR=" + HostPaths.freeBsd(root) + ": exit status 2")
        .hasMessageContaining("make[1]: stopped in /usr/src")
        .satisfies(
            e -> {
              HostCommandException h = (HostCommandException) e;
              assertThat(h.exitStatus()).isEqualTo(2);
              assertThat(h.output())
                  .isEqualTo("--- installworld ---\nmake[1]: stopped in /usr/src\n");
            });
    // distribution never ran, and no link was made
    assertThat(host.commandLines()).hasSize(1);
    assertThat(root.resolve("kernel")).doesNotExist();
  }

  @Test
  void aMissingMakeIsReportedAsNotStarted() {
    RecordingHostSystem host = new RecordingHostSystem().withoutPrograms();
    assertThatThrownBy(
            () -> SourceInstall.from(Path.of("/usr/src")).install(host, tmp.resolve("web")))
        .isInstanceOf(HostCommandException.class)
        .hasMessageContaining(": could not be started");
  }

  @Test
  void jobsMustBePositive() {
    assertThatThrownBy(() -> SourceInstall.from(Path.of("/usr/src")).jobs(0))
        .isInstanceOf(RootException.class)
        .hasMessageContaining("jobs must be at least 1, got 0");
  }
}
