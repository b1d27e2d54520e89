package org.jail4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The tour's own host-path logic (which jails, mounts and roots are its own, and how it prints
 * them) on file systems with Windows' and macOS's rules (Jimfs, in memory): the jail paths it
 * receives are FreeBSD paths on every host.
 */
class TourPathsTest {

  @Test
  void onWindowsTheTourFindsItsJailsByTheirFreeBsdPaths() throws IOException {
    try (FileSystem windows = Jimfs.newFileSystem(Configuration.windows())) {
      Path work = Files.createDirectories(windows.getPath("C:\\Temp\\jail4j-tour-1"));

      assertThat(Tour.under(work, "/C:/Temp/jail4j-tour-1/jails/web")).isTrue();
      assertThat(Tour.under(work, "/C:/Temp/jail4j-tour-1/jails/web/../../x")).isTrue();
      assertThat(Tour.under(work, "/C:/Temp/other/jails/web")).isFalse();
      assertThat(Tour.under(work, "/D:/Temp/jail4j-tour-1/jails/web")).isFalse();
      // the host's own text is no FreeBSD path
      assertThat(Tour.under(work, "C:\\Temp\\jail4j-tour-1\\jails\\web")).isFalse();
      assertThat(Tour.under(work, "/jails/web")).isFalse();
    }
  }

  @Test
  void onWindowsTheTourPrintsItsPathsWithSlashes() throws IOException {
    try (FileSystem windows = Jimfs.newFileSystem(Configuration.windows())) {
      Path work = Files.createDirectories(windows.getPath("C:\\Temp\\jail4j-tour-1"));

      assertThat(Tour.relative(work, "/C:/Temp/jail4j-tour-1/jails/web")).isEqualTo("./jails/web");
      assertThat(Tour.relative(work, work.resolve("jails").resolve("pkgbuilder")))
          .isEqualTo("./jails/pkgbuilder");
      assertThat(Tour.relative(work, "/usr/local")).isEqualTo("/usr/local");
    }
  }

  @Test
  void onMacOsABackslashStaysInTheName() throws IOException {
    try (FileSystem macos = Jimfs.newFileSystem(Configuration.osX())) {
      Path work = Files.createDirectories(macos.getPath("/private/var/folders/t/jail4j-tour-1"));

      assertThat(Tour.under(work, "/private/var/folders/t/jail4j-tour-1/jails/we\\b")).isTrue();
      assertThat(Tour.relative(work, "/private/var/folders/t/jail4j-tour-1/jails/we\\b"))
          .isEqualTo("./jails/we\\b");
    }
  }
}
