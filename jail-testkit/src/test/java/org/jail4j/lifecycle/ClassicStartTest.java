package org.jail4j.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.jail4j.Jail;
import org.jail4j.RunningJail;
import org.jail4j.testkit.RecordedCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jail path hostname ip command}: the classic one-line form started on the fake. */
class ClassicStartTest {

  @TempDir Path root;

  @Test
  void classicJailRunsItsCommandAndDiesWithIt() {
    FakeRig rig = FakeRig.create();
    Jail web = Jail.classic(FakeRig.dir(root), "WEB", "192.168.1.4", "/bin/sh", "/etc/rc");

    RunningJail r = rig.host.start(web);

    assertThat(r.name()).isEqualTo(Integer.toString(r.jid()));
    assertThat(rig.fake.jailCommands(r.jid()))
        .extracting(RecordedCommand::argv)
        .containsExactly(List.of("/bin/sh", "/etc/rc"));
    assertThat(r.isAlive()).isFalse();
  }
}
