package org.jail4j.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jail4j.Jail;
import org.jail4j.RunningJail;
import org.jail4j.UnsupportedHostException;
import org.jail4j.testkit.FakeJailKernel;
import org.junit.jupiter.api.Test;

/** Resource limits as rctl rules: added right after creation, removed on stop; racct usage. */
class LimitsTest {

  private static Jail limited() {
    return Jail.builder()
        .name("build")
        .path("/")
        .persist(true)
        .limit("memoryuse", "4g", "deny")
        .limit("maxproc", "200", "deny")
        .build();
  }

  @Test
  void limitsAreAddedAfterCreationAndRemovedOnStop() {
    FakeRig rig = FakeRig.create();

    RunningJail r = rig.host.start(limited());

    assertThat(rig.kernel.rctlRules())
        .containsExactly("jail:build:memoryuse:deny=4g", "jail:build:maxproc:deny=200");
    r.stop();
    assertThat(rig.kernel.rctlRules()).isEmpty();
  }

  @Test
  void usageParsesRacctFigures() {
    FakeRig rig = FakeRig.create();
    RunningJail r = rig.host.start(limited());

    assertThat(r.usage())
        .containsKeys("maxproc", "memoryuse")
        .allSatisfy((k, v) -> assertThat(v).isNotNegative());
  }

  @Test
  void limitsOnAHostWithoutRacctFailBeforeAnythingIsDone() {
    FakeRig rig = FakeRig.of(FakeJailKernel.builder().racct(false).build());

    assertThatThrownBy(() -> rig.host.start(limited()))
        .isInstanceOf(UnsupportedHostException.class)
        .hasMessageContaining("kern.racct.enable");
    assertThat(rig.kernel.jails()).isEmpty();
    assertThat(rig.fake.commands()).isEmpty();
  }
}
