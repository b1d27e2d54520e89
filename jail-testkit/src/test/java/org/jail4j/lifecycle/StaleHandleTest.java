package org.jail4j.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jail4j.Jail;
import org.jail4j.JailBuilder;
import org.jail4j.JailGoneException;
import org.jail4j.JailNotFoundException;
import org.jail4j.RunningJail;
import org.jail4j.param.JailParam;
import org.jail4j.spi.IpAlias;
import org.jail4j.testkit.FakeJail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * A handle whose jail was removed behind its back, with the JID then given to a new jail: the
 * handle knows its jail by JID and name, so it refuses to act on the newcomer and leaves it alone.
 */
class StaleHandleTest {

  @TempDir Path root;

  private final FakeRig rig = FakeRig.create();
  private RunningJail stale;
  private RunningJail b;

  private JailBuilder at5(String name) throws Exception {
    return Jail.builder()
        .name(name)
        .jid(5)
        .path(FakeRig.dir(Files.createDirectories(root.resolve(name))))
        .persist(true)
        .iface("em0")
        .ip4("192.0.2.50")
        .addExecStop("/bin/echo stop " + name);
  }

  @BeforeEach
  void jidFiveReused() throws Exception {
    stale = rig.host.start(at5("a").build());
    assertThat(stale.jid()).isEqualTo(5);
    rig.kernel.remove(5); // behind the handle's back, as jail -R would
    b = rig.host.start(at5("b").build());
    assertThat(b.jid()).isEqualTo(5);
  }

  private void assertBUntouched(int journalBefore) {
    assertThat(rig.kernel.jail(5)).map(FakeJail::name).contains("b");
    assertThat(b.isAlive()).isTrue();
    assertThat(rig.fake.aliases()).extracting(IpAlias::addressText).containsExactly("192.0.2.50");
    List<String> journal = rig.fake.journal();
    assertThat(journal.subList(journalBefore, journal.size())).isEmpty();
  }

  private void refused(Executable call, String operation) {
    int before = rig.fake.journal().size();
    assertThatThrownBy(call::execute)
        .isInstanceOf(JailGoneException.class)
        .isInstanceOf(JailNotFoundException.class)
        .hasMessage(
            "jail: a: "
                + operation
                + ": jail 5 is now \"b\", not \"a\": this handle's jail was removed and its JID"
                + " reused; nothing was done")
        .satisfies(
            e -> {
              JailGoneException g = (JailGoneException) e;
              assertThat(g.jid()).hasValue(5);
              assertThat(g.jailName()).contains("a");
              assertThat(g.currentName()).isEqualTo("b");
            });
    assertBUntouched(before);
  }

  @Test
  void closeOfAStaleHandleLeavesTheNewJailAlone() {
    refused(stale::close, "stop");
  }

  @Test
  void stopOfAStaleHandleLeavesTheNewJailAlone() {
    refused(stale::stop, "stop");
  }

  @Test
  void execOfAStaleHandleRunsNothing() {
    refused(() -> stale.exec("/bin/echo", "hi"), "exec");
  }

  @Test
  void removeOfAStaleHandleLeavesTheNewJailAlone() {
    refused(stale::remove, "jail_remove");
  }

  @Test
  void updateOfAStaleHandleChangesNothing() {
    refused(() -> stale.update(JailParam.HOST_HOSTNAME, "evil"), "update");
    assertThat(b.info().hostname()).isNotEqualTo("evil");
  }

  @Test
  void infoOfAStaleHandleDoesNotDescribeTheNewJail() {
    refused(stale::info, "jail_get");
  }

  @Test
  void theCurrentHandleStillStops() {
    b.stop();
    assertThat(rig.kernel.jail(5)).isEmpty();
    assertThat(rig.fake.journal()).contains("exec jail 5: /bin/echo stop b");
  }
}
