package org.jail4j.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.jail4j.Jail;
import org.jail4j.RunningJail;
import org.jail4j.UnsupportedHostException;
import org.jail4j.param.JailParam;
import org.jail4j.param.JailSys;
import org.jail4j.testkit.FakeJailKernel;
import org.jail4j.testkit.RecordedCommand;
import org.junit.jupiter.api.Test;

/** Bridged vnet jails: an epair named after the jail, one end on the bridge, one end inside. */
class VnetTest {

  private static Jail vweb() {
    return Jail.builder()
        .name("vweb")
        .path("/")
        .param(JailParam.VNET, JailSys.NEW)
        .vnetBridge("bridge0")
        .vnetAddress("192.0.2.50/24")
        .persist(true)
        .build();
  }

  private static FakeRig rigWithBridge() {
    FakeRig rig = FakeRig.create();
    rig.fake.createInterface("bridge", null);
    rig.baseline();
    return rig;
  }

  @Test
  void epairJoinsTheBridgeAndItsOtherEndIsConfiguredInside() {
    FakeRig rig = rigWithBridge();

    RunningJail r = rig.host.start(vweb());

    assertThat(rig.fake.bridgeMembers("bridge0")).containsExactly("evweb_a");
    assertThat(rig.fake.interfacesIn(r.jid())).containsExactly("evweb_b");
    assertThat(rig.fake.jailCommands(r.jid()))
        .extracting(RecordedCommand::argv)
        .contains(List.of("/sbin/ifconfig", "evweb_b", "inet", "192.0.2.50/24", "alias"));
    assertThat(rig.fake.aliases()).isEmpty();
  }

  @Test
  void stopDestroysTheEpair() {
    FakeRig rig = rigWithBridge();

    rig.host.start(vweb()).stop();

    assertThat(rig.fake.interfaces()).doesNotContain("evweb_a", "evweb_b");
    assertThat(rig.leftovers()).isEmpty();
  }

  @Test
  void restartReusesTheNamesWithoutAlreadyExists() {
    FakeRig rig = rigWithBridge();
    RunningJail first = rig.host.start(vweb());

    RunningJail second = first.restart();

    assertThat(second.jid()).isNotEqualTo(first.jid());
    assertThat(rig.fake.interfacesIn(second.jid())).containsExactly("evweb_b");
  }

  @Test
  void staleEpairFromACrashIsDestroyedFirst() {
    FakeRig rig = rigWithBridge();
    rig.fake.createInterface("epair", "evweb_a");

    RunningJail r = rig.host.start(vweb());

    assertThat(rig.fake.interfacesIn(r.jid())).containsExactly("evweb_b");
    assertThat(rig.fake.ifconfigCalls()).contains(List.of("evweb_a", "destroy"));
  }

  @Test
  void vnetInterfacesAreMovedIn() {
    FakeRig rig = FakeRig.create();
    rig.fake.addHostInterface("tap3");

    RunningJail r =
        rig.host.start(
            Jail.builder()
                .name("v")
                .path("/")
                .param(JailParam.VNET, JailSys.NEW)
                .addVnetInterfaces("tap3")
                .persist(true)
                .build());

    assertThat(rig.fake.interfacesIn(r.jid())).containsExactly("tap3");
    r.stop();
    assertThat(rig.fake.interfaces()).contains("tap3");
  }

  @Test
  void vnetOnAHostWithoutVimageFailsWithTheReason() {
    FakeRig rig = FakeRig.of(FakeJailKernel.builder().vimage(false).build());

    assertThatThrownBy(() -> rig.host.start(vweb()))
        .isInstanceOf(UnsupportedHostException.class)
        .hasMessageContaining("VIMAGE");
    assertThat(rig.kernel.jails()).isEmpty();
  }

  @Test
  void longNamesGiveShortInterfaceNames() {
    FakeRig rig = rigWithBridge();

    RunningJail r =
        rig.host.start(Jail.builder().from(vweb()).name("a-very-long-jail-name").build());

    assertThat(rig.fake.interfacesIn(r.jid()))
        .singleElement()
        .satisfies(n -> assertThat(n.length()).isLessThan(16));
  }

  @Test
  void vnetAddressesWithoutABridgeAreRefusedBeforeAnythingIsDone() {
    FakeRig rig = FakeRig.create();
    Jail jail =
        Jail.builder()
            .name("v")
            .path("/")
            .param(JailParam.VNET, JailSys.NEW)
            .vnetAddress("192.0.2.51/24")
            .persist(true)
            .build();

    assertThatThrownBy(() -> rig.host.start(jail))
        .isInstanceOf(org.jail4j.InvalidJailParameterException.class)
        .hasMessageContaining("vnet.addresses");
    assertThat(rig.kernel.jails()).isEmpty();
  }
}
