package org.jail4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jail4j.Errno;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jail paths are FreeBSD paths on every host: the mapping to host paths for a {@code /} host and a
 * Windows ({@code \}) host, tested here whatever this machine is, and the real-file-system check
 * over it on this machine.
 */
class HostPathsTest {
  private static final String WINDOWS = "\\";

  @Test
  void onASlashHostAJailPathIsTheHostPathAndABackslashIsPartOfAName() {
    assertThat(HostPaths.toHost("/jail/web", "/")).contains("/jail/web");
    assertThat(HostPaths.toHost("/jail/we\\b", "/")).contains("/jail/we\\b");
    assertThat(HostPaths.toHost("/C:/Users", "/")).contains("/C:/Users");
    assertThat(HostPaths.toJail("/tmp/j4j/web", "/")).isEqualTo("/tmp/j4j/web");
  }

  @Test
  void onWindowsADriveLetterIsTheFirstNameOfTheJailPath() {
    assertThat(HostPaths.toJail("C:\\Users\\runner\\Temp\\web", WINDOWS))
        .isEqualTo("/C:/Users/runner/Temp/web");
    assertThat(HostPaths.toHost("/C:/Users/runner/Temp/web", WINDOWS))
        .contains("C:\\Users\\runner\\Temp\\web");
    assertThat(HostPaths.toJail("d:\\", WINDOWS)).isEqualTo("/d:");
    assertThat(HostPaths.toHost("/d:", WINDOWS)).contains("d:\\");
    assertThat(HostPaths.toHost("/d:/", WINDOWS)).contains("d:\\");
    assertThat(HostPaths.toJail("C:\\a\\b\\", WINDOWS)).isEqualTo("/C:/a/b");
  }

  @Test
  void onWindowsForwardSlashesInAHostPathAreSeparatorsToo() {
    assertThat(HostPaths.toJail("C:/Users\\runner/web", WINDOWS)).isEqualTo("/C:/Users/runner/web");
  }

  @Test
  void onWindowsUncAndDriveRelativePathsKeepTheirForm() {
    assertThat(HostPaths.toJail("\\\\server\\share\\web", WINDOWS)).isEqualTo("//server/share/web");
    assertThat(HostPaths.toHost("//server/share/web", WINDOWS)).contains("\\\\server\\share\\web");
    assertThat(HostPaths.toHost("/tmp/web", WINDOWS)).contains("\\tmp\\web");
  }

  @Test
  void onWindowsAJailPathNameHoldingABackslashNamesNoHostFile() {
    // a legal FreeBSD name; read as a Windows path it would silently name C:\Users\x instead
    assertThat(HostPaths.toHost("/C:/Users\\x", WINDOWS)).isEmpty();
    assertThat(HostPaths.toHost("/jail/a\\..\\b", WINDOWS)).isEmpty();
  }

  @Test
  void onWindowsARelativeJailPathNamesNoHostFile() {
    assertThat(HostPaths.toHost("jail/web", WINDOWS)).isEmpty();
    assertThat(HostPaths.toHost("C:/jail/web", WINDOWS)).isEmpty();
  }

  @Test
  void everyWindowsHostPathComesBackFromItsJailPath() {
    for (String host :
        new String[] {"C:\\", "C:\\Users", "C:\\Users\\runner\\AppData\\Local\\Temp\\j4j1\\web"}) {
      assertThat(HostPaths.toHost(HostPaths.toJail(host, WINDOWS), WINDOWS)).contains(host);
    }
  }

  @Test
  void jailPathsAlwaysUseSlashAndTheRealCheckFindsTheHostDirectoryAgain(@TempDir Path dir)
      throws IOException {
    Path web = Files.createDirectory(dir.resolve("web"));
    Path file = Files.createFile(dir.resolve("file"));
    String jailPath = PathCheck.jailPath(web);

    assertThat(jailPath).startsWith("/").doesNotContain("\\");
    assertThat(PathCheck.hostPath(jailPath)).contains(web.toAbsolutePath());
    assertThat(PathCheck.realFileSystem().check(jailPath)).isEmpty();
    assertThat(PathCheck.realFileSystem().check(PathCheck.jailPath(file)))
        .isEqualTo(Optional.of(Errno.ENOTDIR));
    assertThat(PathCheck.realFileSystem().check(PathCheck.jailPath(dir.resolve("none"))))
        .isEqualTo(Optional.of(Errno.ENOENT));
  }
}
