package org.jail4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jail paths are FreeBSD paths on every host: the mapping to host paths for a {@code /} host and a
 * Windows ({@code \}) host, tested here whatever this machine is, and the text of this machine's
 * own paths.
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
  void onWindowsARelativeHostPathKeepsItsNamesWithSlashes() {
    assertThat(HostPaths.toJail("jails\\web\\etc", WINDOWS)).isEqualTo("jails/web/etc");
    assertThat(HostPaths.toJail("jails/web", "/")).isEqualTo("jails/web");
  }

  @Test
  void aHostPathOfThisMachineIsRenderedWithSlashesBetweenItsNames(@TempDir Path dir) {
    // on Windows Path.toString() would give backslashes here; the kernel and jail.conf need slashes
    Path web = dir.resolve("jails").resolve("web");
    String text = HostPaths.freeBsd(web);
    assertThat(text).startsWith("/").endsWith("/jails/web").doesNotContain("\\");
    assertThat(HostPaths.freeBsd(Path.of("jails", "web"))).isEqualTo("jails/web");
  }

  @Test
  void aRootedHostPathWithoutADriveIsTheSameFreeBsdPathOnEveryHost() {
    // the path's own text on a / host; read back from backslashes on Windows
    assertThat(HostPaths.freeBsd(Path.of("/jails/web/usr/local")))
        .isEqualTo("/jails/web/usr/local");
  }
}
