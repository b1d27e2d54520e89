package org.jail4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link HostPaths} on real {@link FileSystem} objects with Windows' and macOS's path rules (Jimfs,
 * in memory), so that a separator mistake fails here on any build machine, not only on Windows.
 */
class HostPathsOnOtherFileSystemsTest {
  private final FileSystem windows = Jimfs.newFileSystem(Configuration.windows());
  private final FileSystem macos = Jimfs.newFileSystem(Configuration.osX());

  @AfterEach
  void close() throws IOException {
    windows.close();
    macos.close();
  }

  @Test
  void aWindowsPathIsSeenByFreeBsdWithSlashesAndTheDriveAsFirstName() {
    assertThat(HostPaths.freeBsd(windows.getPath("C:\\jails\\web"))).isEqualTo("/C:/jails/web");
    assertThat(HostPaths.freeBsd(windows.getPath("C:\\jails").resolve("web").resolve("etc")))
        .isEqualTo("/C:/jails/web/etc");
    assertThat(HostPaths.freeBsd(windows.getPath("C:\\"))).isEqualTo("/C:");
  }

  @Test
  void aRelativeWindowsPathKeepsItsNamesWithSlashesBetweenThem() {
    assertThat(HostPaths.freeBsd(windows.getPath("jails", "web"))).isEqualTo("jails/web");
  }

  @Test
  void aFreeBsdPathNamesTheWindowsFileItCameFrom() throws IOException {
    Path web = Files.createDirectories(windows.getPath("C:\\jails\\web"));
    String jailPath = HostPaths.freeBsd(web);
    assertThat(HostPaths.hostPath(jailPath, windows)).contains(web);
    assertThat(Files.isDirectory(HostPaths.hostPath(jailPath, windows).orElseThrow())).isTrue();
  }

  @Test
  void aFreeBsdNameHoldingABackslashNamesNoWindowsFile() {
    assertThat(HostPaths.hostPath("/C:/jails/we\\b", windows)).isEmpty();
    assertThat(HostPaths.hostPath("jails/web", windows)).isEmpty();
  }

  @Test
  void aFreeBsdNameThatWindowsRefusesNamesNoWindowsFile() {
    // '*' and '?' are reserved in Windows names; the path cannot exist there
    assertThat(HostPaths.hostPath("/C:/jails/w*b", windows)).isEmpty();
  }

  @Test
  void onMacOsAPathIsItsOwnTextAndABackslashIsPartOfAName() throws IOException {
    Path web = Files.createDirectories(macos.getPath("/Users/runner/jails/we\\b"));
    assertThat(HostPaths.freeBsd(web)).isEqualTo("/Users/runner/jails/we\\b");
    assertThat(HostPaths.hostPath("/Users/runner/jails/we\\b", macos)).contains(web);
    assertThat(web.getFileName().toString()).isEqualTo("we\\b");
  }

  @Test
  void aFileOnThisHostIsNamedByItsFreeBsdPath() {
    Path here = Path.of("").toAbsolutePath();
    assertThat(HostPaths.onThisHost(HostPaths.freeBsd(here))).isEqualTo(here);
  }

  @Test
  void aFreeBsdPathThatNamesNoFileOnThisHostIsAnInvalidPath() {
    String bad = "/a\u0000b";
    assertThatThrownBy(() -> HostPaths.onThisHost(bad)).isInstanceOf(InvalidPathException.class);
  }
}
