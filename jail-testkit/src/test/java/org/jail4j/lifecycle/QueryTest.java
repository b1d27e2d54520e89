package org.jail4j.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.jail4j.Jail;
import org.jail4j.JailInfo;
import org.jail4j.JailNotFoundException;
import org.jail4j.RunningJail;
import org.jail4j.jls.JailListing;
import org.jail4j.param.JailParam;
import org.jail4j.spi.support.IpLiterals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jls(8)-style queries: list by lastjid, find, get, info, and the renderings on real readings. */
class QueryTest {

  @TempDir Path root;

  private final FakeRig rig = FakeRig.create();

  private RunningJail start(String name, String ip) {
    return rig.host.start(
        Jail.builder()
            .name(name)
            .path(FakeRig.dir(root))
            .hostname(name + ".example.org")
            .ip4(ip)
            .persist(true)
            .build());
  }

  @Test
  void listWalksEveryJailInJidOrder() {
    RunningJail a = start("a", "192.0.2.1");
    RunningJail b = start("b", "192.0.2.2");

    assertThat(rig.host.list()).extracting(JailInfo::jid).containsExactly(a.jid(), b.jid());
  }

  @Test
  void listLeavesOutDyingJailsUnlessAsked() {
    RunningJail a = start("a", "192.0.2.1");
    rig.kernel.hold(a.jid());
    a.remove();

    assertThat(rig.host.list()).isEmpty();
    assertThat(rig.host.list(true)).singleElement().satisfies(i -> assertThat(i.dying()).isTrue());
    rig.kernel.release(a.jid());
  }

  @Test
  void infoCarriesTheJailsValues() {
    RunningJail a = start("a", "192.0.2.1");

    JailInfo info = a.info();

    assertThat(info.jid()).isEqualTo(a.jid());
    assertThat(info.name()).isEqualTo("a");
    assertThat(info.path()).isEqualTo(FakeRig.dir(root));
    assertThat(info.hostname()).isEqualTo("a.example.org");
    assertThat(info.addresses()).containsExactly(IpLiterals.parse("192.0.2.1"));
    assertThat(info.parent()).isZero();
    assertThat(info.dying()).isFalse();
    assertThat(info.param("persist")).hasValue("true");
    assertThat(info.get(JailParam.PERSIST)).hasValue(true);
    assertThat(info.params()).containsKeys("securelevel", "enforce_statfs", "children.max");
  }

  @Test
  void findByNameAndByNumericText() {
    RunningJail a = start("a", "192.0.2.1");

    assertThat(rig.host.find("a")).hasValueSatisfying(j -> assertThat(j.jid()).isEqualTo(a.jid()));
    assertThat(rig.host.find(Integer.toString(a.jid())))
        .hasValueSatisfying(j -> assertThat(j.name()).isEqualTo("a"));
    assertThat(rig.host.find("nosuch")).isEmpty();
  }

  @Test
  void getOfAMissingJidIsNotFound() {
    assertThatThrownBy(() -> rig.host.get(4711))
        .isInstanceOf(JailNotFoundException.class)
        .hasMessageContaining("jail 4711 not found");
  }

  @Test
  void defaultListingShowsTheReadValues() {
    RunningJail a = start("a", "192.0.2.1");

    String out = JailListing.of(rig.host.list()).render();

    assertThat(out)
        .isEqualTo(
            "   JID  IP Address      Hostname                      Path\n"
                + String.format(
                    "%6d  %-15s %-29s %s%n",
                    a.jid(), "192.0.2.1", "a.example.org", FakeRig.dir(root)));
  }

  @Test
  void nameValueListingOfOneParameterIsBare() {
    RunningJail a = start("a", "192.0.2.1");

    assertThat(JailListing.of(java.util.List.of(a.info())).render("jid")).isEqualTo(a.jid() + "\n");
  }
}
