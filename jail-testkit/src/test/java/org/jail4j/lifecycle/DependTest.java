package org.jail4j.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.jail4j.Jail;
import org.jail4j.JailException;
import org.jail4j.RunningJail;
import org.junit.jupiter.api.Test;

/** {@code depend}: start after dependencies, stop before them, loops reported. */
class DependTest {

  private final FakeRig rig = FakeRig.create();

  private static Jail jail(String name, String... depend) {
    return Jail.builder().name(name).path("/").persist(true).addDepend(depend).build();
  }

  @Test
  void dependenciesStartFirst() {
    List<RunningJail> started =
        rig.host.startAll(List.of(jail("web", "db"), jail("db", "dns"), jail("dns")));

    assertThat(started).extracting(RunningJail::name).containsExactly("dns", "db", "web");
  }

  @Test
  void stopAllStopsDependentsFirst() {
    List<RunningJail> started = rig.host.startAll(List.of(jail("web", "db"), jail("db")));
    rig.fake.onCommand("true", org.jail4j.CommandResult.exit(0));

    rig.host.stopAll(List.of(started.get(0), started.get(1)));

    assertThat(rig.host.list()).isEmpty();
  }

  @Test
  void loopIsReportedBeforeAnythingStarts() {
    assertThatThrownBy(() -> rig.host.startAll(List.of(jail("a", "b"), jail("b", "a"))))
        .isInstanceOf(JailException.class)
        .hasMessageContaining("dependency loop: a -> b -> a");
    assertThat(rig.kernel.jails()).isEmpty();
  }

  @Test
  void missingDependencyIsReported() {
    assertThatThrownBy(() -> rig.host.startAll(List.of(jail("web", "db"))))
        .hasMessageContaining("depends on \"db\", which is neither being started nor running");
  }

  @Test
  void dependencyAlreadyRunningIsFine() {
    rig.host.start(jail("db"));

    assertThat(rig.host.startAll(List.of(jail("web", "db")))).hasSize(1);
  }

  @Test
  void failureStopsTheJailsStartedSoFar() {
    rig.fake.failNextCommand(spec -> spec.argv().contains("boom"), 1);
    Jail bad = Jail.builder().from(jail("web", "db")).addExecPrestart("echo boom").build();

    assertThatThrownBy(() -> rig.host.startAll(List.of(bad, jail("db"))))
        .isInstanceOf(JailException.class);
    assertThat(rig.host.list()).isEmpty();
  }
}
