package org.jail4j.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jail4j.Errno;
import org.jail4j.FailedStep;
import org.jail4j.Jail;
import org.jail4j.JailBuilder;
import org.jail4j.JailException;
import org.jail4j.JailPermissionException;
import org.jail4j.JailStartException;
import org.jail4j.JailStep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failure messages say each fact once, in jail(8)'s words, then the errno once. */
class FailureMessageTest {

  @TempDir Path root;

  private final FakeRig rig = FakeRig.create();

  private JailBuilder web() {
    return Jail.builder().name("web").path(FakeRig.dir(root)).hostname("web.example.org");
  }

  private JailException startFailure(Jail jail) {
    return catchThrowableOfType(JailException.class, () -> rig.host.start(jail));
  }

  @Test
  void epermWithoutKernelMessageReadsLikeJailEight() {
    rig.kernel.failNext("jail_set", Errno.EPERM);
    JailException e = startFailure(web().build());
    assertThat(e).isInstanceOf(JailPermissionException.class);
    assertThat(e.failedStep().orElseThrow().step()).isEqualTo(JailStep.CREATE);
    assertThat(e).hasMessage("jail: web: jail_set: Operation not permitted (EPERM)");
    assertThat(e.errno()).contains(Errno.EPERM);
  }

  @Test
  void noFactTwiceAndOneErrnoAcrossFailures() {
    List<String> messages = new ArrayList<>();

    rig.kernel.failNext("jail_set", Errno.EPERM);
    messages.add(startFailure(web().build()).getMessage());

    rig.kernel.failNext("jail_set", Errno.EEXIST);
    messages.add(startFailure(web().build()).getMessage());

    JailException einval =
        JailException.fromErrno("jail_set", null, "web", Errno.EINVAL, "unknown parameter: foo");
    messages.add(einval.getMessage());
    messages.add(
        JailStartException.of(
                FailedStep.of(JailStep.CREATE),
                null,
                "web",
                einval.kernelMessage().orElseThrow(),
                einval)
            .getMessage());

    rig.fake.failNextMount(m -> m.fsType().equals("devfs"), Errno.EPERM);
    JailException mount = startFailure(web().mountDevfs(true).build());
    assertThat(mount.getCause()).isNotNull();
    messages.add(mount.getMessage());

    assertThat(messages).hasSize(5);
    for (String m : messages) {
      assertThat(m).startsWith("jail: web: ");
      assertThat(m.split("\\(E", -1)).as(m).hasSize(2);
      for (int i = 0; i + 12 <= m.length(); i++) {
        String fragment = m.substring(i, i + 12);
        assertThat(m.indexOf(fragment))
            .as("%s repeats in %s", fragment, m)
            .isEqualTo(m.lastIndexOf(fragment));
      }
    }
    assertThat(messages.get(1)).isEqualTo("jail: web: jail_set: File exists (EEXIST)");
    assertThat(messages.get(3)).isEqualTo("jail: web: unknown parameter: foo (EINVAL)");
  }
}
