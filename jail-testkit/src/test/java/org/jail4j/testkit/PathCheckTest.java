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
 * The real-file-system check on this machine: a host directory handed to the fake kernel as a jail
 * path is found again (the mapping itself, for every host, is {@code HostPathsTest} in jail-api).
 */
class PathCheckTest {

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
