package org.jail4j.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jail4j.InvalidJailParameterException;
import org.jail4j.Jail;
import org.jail4j.JailBuilder;
import org.jail4j.RunningJail;
import org.jail4j.param.JailParam;
import org.jail4j.param.JailSys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jail -cmr} through {@code JailHost.apply}, and {@code jail -m} through update. */
class ApplyTest {

  @TempDir Path root;

  private final FakeRig rig = FakeRig.create();

  private JailBuilder web() {
    return Jail.builder().name("web").path(FakeRig.dir(root)).persist(true);
  }

  @Test
  void writableChangeModifiesTheRunningJailInPlace() {
    RunningJail first = rig.host.start(web().hostname("old").build());

    RunningJail applied =
        rig.host.apply(web().hostname("new").param(JailParam.SECURELEVEL, 2).build());

    assertThat(applied.jid()).isEqualTo(first.jid());
    assertThat(applied.info().hostname()).isEqualTo("new");
    assertThat(applied.info().get(JailParam.SECURELEVEL)).hasValue(2);
  }

  @Test
  void createOnlyChangeRestartsTheJail() throws Exception {
    RunningJail first = rig.host.start(web().build());
    Path other = Files.createDirectory(root.resolve("other"));

    RunningJail applied = rig.host.apply(web().path(FakeRig.dir(other)).build());

    assertThat(applied.jid()).isNotEqualTo(first.jid());
    assertThat(applied.info().path()).isEqualTo(FakeRig.dir(other));
  }

  @Test
  void ipPolicyReadBackAsDisableIsNotAChange() {
    RunningJail first =
        rig.host.start(web().param(JailParam.IP4, JailSys.NEW).ip4("192.0.2.70").build());

    RunningJail applied =
        rig.host.apply(web().param(JailParam.IP4, JailSys.NEW).ip4("192.0.2.70").build());

    assertThat(applied.jid()).isEqualTo(first.jid());
  }

  @Test
  void updateChangesOneParameter() {
    RunningJail r = rig.host.start(web().build());

    r.update(JailParam.HOST_HOSTNAME, "changed");

    assertThat(r.info().hostname()).isEqualTo("changed");
  }

  @Test
  void updateOfACreateOnlyParameterIsRefusedBeforeTheKernel() {
    RunningJail r = rig.host.start(web().build());

    assertThatThrownBy(() -> r.update(JailParam.PATH, "/"))
        .isInstanceOf(InvalidJailParameterException.class)
        .hasMessageContaining("path")
        .hasMessageContaining("can only be set when the jail is created");
  }

  @Test
  void stopByConfigurationFindsTheJailByName() {
    rig.host.start(web().addExecPrestop("echo STOP").build());

    rig.host.stop(web().addExecPrestop("echo STOP").build());

    assertThat(rig.host.list()).isEmpty();
    assertThat(rig.hostCommandLines()).contains("echo STOP");
  }
}
