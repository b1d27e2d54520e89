package org.jail4j.testkit.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.jail4j.Errno;
import org.jail4j.JailHost;
import org.jail4j.spi.JailFlags;
import org.jail4j.testkit.PathCheck;
import org.jail4j.testkit.RawCall;
import org.jail4j.testkit.junit.FakeJails;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// The example docs/TESTKIT.md shows (DocSnippetsTest checks the text).
// snippet testkit-paths spotless:off
@FakeJails(paths = FakeJails.Paths.REAL_FILE_SYSTEM)
class FakeJailsPathsTest {
  @Test
  void aMissingDirectoryIsRefusedWithEnoent(JailHost host, @TempDir Path dir) {
    RawCall.Result r =
        RawCall.set(host.kernel())
            .param("name", "web")
            .param("path", PathCheck.jailPath(dir.resolve("missing")))
            .flag("persist")
            .flags(JailFlags.CREATE)
            .call();
    assertThat(r.errno()).contains(Errno.ENOENT);
  }
}
// end snippet spotless:on
