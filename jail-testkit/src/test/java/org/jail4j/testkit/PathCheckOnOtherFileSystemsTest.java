package org.jail4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jail4j.Errno;
import org.jail4j.FailedStep;
import org.jail4j.Jail;
import org.jail4j.JailHost;
import org.jail4j.JailStartException;
import org.jail4j.JailStep;
import org.jail4j.RunningJail;
import org.jail4j.spi.JailFlags;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fake's path lookup on file systems with Windows' and macOS's rules (Jimfs, in memory): a jail
 * path is a FreeBSD path on every host, so a separator mistake in {@link PathCheck} or in what the
 * lifecycle hands it fails here on any build machine.
 */
class PathCheckOnOtherFileSystemsTest {
  private final FileSystem windows = Jimfs.newFileSystem(Configuration.windows());
  private final FileSystem macos = Jimfs.newFileSystem(Configuration.osX());

  @AfterEach
  void close() throws IOException {
    windows.close();
    macos.close();
  }

  @Test
  void aWindowsDirectoryIsFoundByItsFreeBsdPath() throws IOException {
    Path web = Files.createDirectories(windows.getPath("C:\\jails\\web"));
    Files.createFile(windows.getPath("C:\\jails\\file"));
    PathCheck check = PathCheck.fileSystem(windows);

    assertThat(PathCheck.jailPath(web)).isEqualTo("/C:/jails/web");
    assertThat(check.check("/C:/jails/web")).isEmpty();
    assertThat(check.check("/C:/jails/file")).isEqualTo(Optional.of(Errno.ENOTDIR));
    assertThat(check.check("/C:/jails/none")).isEqualTo(Optional.of(Errno.ENOENT));
    assertThat(PathCheck.hostPath("/C:/jails/web", windows)).contains(web);
  }

  @Test
  void theWindowsTextOfAPathIsNoFreeBsdPath() throws IOException {
    Files.createDirectories(windows.getPath("C:\\jails\\web"));
    PathCheck check = PathCheck.fileSystem(windows);

    // a backslash is part of a FreeBSD name, so these name no Windows file
    assertThat(check.check("C:\\jails\\web")).isEqualTo(Optional.of(Errno.ENOENT));
    assertThat(check.check("/C:/jails\\web")).isEqualTo(Optional.of(Errno.ENOENT));
  }

  @Test
  void onMacOsABackslashIsPartOfAName() throws IOException {
    Path odd = Files.createDirectories(macos.getPath("/Users/runner/we\\b"));
    PathCheck check = PathCheck.fileSystem(macos);

    assertThat(PathCheck.jailPath(odd)).isEqualTo("/Users/runner/we\\b");
    assertThat(check.check("/Users/runner/we\\b")).isEmpty();
    assertThat(check.check("/Users/runner/we")).isEqualTo(Optional.of(Errno.ENOENT));
  }

  @Test
  void aJailStartsOnAWindowsDirectoryNamedByItsFreeBsdPath() throws IOException {
    Path web = Files.createDirectories(windows.getPath("C:\\jails\\web"));
    FakeJailKernel kernel = FakeJailKernel.builder().paths(PathCheck.fileSystem(windows)).build();
    JailHost host = JailHost.using(new FakeJailProvider(kernel));

    RunningJail running =
        host.start(Jail.builder().name("web").path(PathCheck.jailPath(web)).persist(true).build());

    assertThat(running.info().path()).isEqualTo("/C:/jails/web");
    running.remove();
  }

  @Test
  void theKernelAloneRefusesAMissingWindowsDirectoryWithEnoent() throws IOException {
    Files.createDirectories(windows.getPath("C:\\jails"));
    FakeJailKernel kernel = FakeJailKernel.builder().paths(PathCheck.fileSystem(windows)).build();

    RawCall.Result r =
        RawCall.set(kernel)
            .param("name", "web")
            .param("path", PathCheck.jailPath(windows.getPath("C:\\jails\\web")))
            .flag("persist")
            .flags(JailFlags.CREATE)
            .call();

    assertThat(r.errno()).contains(Errno.ENOENT);
  }

  @Test
  void startingAJailOnAMissingWindowsDirectoryFailsWithEnoent() throws IOException {
    Files.createDirectories(windows.getPath("C:\\jails"));
    FakeJailKernel kernel = FakeJailKernel.builder().paths(PathCheck.fileSystem(windows)).build();
    JailHost host = JailHost.using(new FakeJailProvider(kernel));
    String missing = PathCheck.jailPath(windows.getPath("C:\\jails\\web"));

    Throwable thrown =
        catchThrowable(
            () -> host.start(Jail.builder().name("web").path(missing).persist(true).build()));

    assertThat(thrown)
        .isExactlyInstanceOf(JailStartException.class)
        .hasMessageContaining("path /C:/jails/web: No such file or directory");
    JailStartException e = (JailStartException) thrown;
    assertThat(e.errno()).contains(Errno.ENOENT);
    assertThat(e.failedStep().map(FailedStep::step)).contains(JailStep.CREATE);
    assertThat(kernel.jails()).isEmpty();
  }
}
