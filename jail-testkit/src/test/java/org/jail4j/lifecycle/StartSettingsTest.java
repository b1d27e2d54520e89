package org.jail4j.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.jail4j.InvalidJailParameterException;
import org.jail4j.Jail;
import org.jail4j.JailBuilder;
import org.jail4j.RunningJail;
import org.jail4j.UnsupportedHostException;
import org.jail4j.testkit.RecordedCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jail(8) settings the lifecycle carries out specially, or refuses before doing anything. */
class StartSettingsTest {

  @TempDir Path root;

  private final FakeRig rig = FakeRig.create();

  private JailBuilder web() {
    return Jail.builder().name("web").path(FakeRig.dir(root)).persist(true);
  }

  @Test
  void execFibRunsInJailCommandsUnderSetfib() {
    try (RunningJail running =
        rig.host.start(web().execFib(2).addExecStart("/bin/sh /etc/rc").build())) {
      assertThat(rig.fake.jailCommands(running.jid()))
          .extracting(RecordedCommand::argv)
          .containsExactly(List.of("/usr/sbin/setfib", "2", "/bin/sh", "/etc/rc"));
    }
  }

  @Test
  void ipHostnameIsRefusedBecauseNamesAreNeverResolved() {
    assertThatThrownBy(() -> rig.host.start(web().ipHostname(true).build()))
        .isInstanceOf(InvalidJailParameterException.class)
        .hasMessageContaining("ip_hostname")
        .hasMessageContaining("never resolves");
    assertThat(rig.kernel.jails()).isEmpty();
    assertThat(rig.fake.journal()).isEmpty();
  }

  @Test
  void zfsDatasetIsRefusedBeforeAnythingIsDone() {
    assertThatThrownBy(() -> rig.host.start(web().addZfsDatasets("tank/web").build()))
        .isInstanceOf(UnsupportedHostException.class)
        .hasMessageContaining("zfs.dataset");
    assertThat(rig.kernel.jails()).isEmpty();
    assertThat(rig.fake.journal()).isEmpty();
  }

  @Test
  void allowDyingIsRefusedBeforeAnythingIsDone() {
    assertThatThrownBy(() -> rig.host.start(web().allowDying(true).build()))
        .isInstanceOf(InvalidJailParameterException.class)
        .hasMessageContaining("allow.dying");
    assertThat(rig.kernel.jails()).isEmpty();
  }
}
