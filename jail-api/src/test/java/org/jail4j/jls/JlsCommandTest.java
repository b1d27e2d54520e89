package org.jail4j.jls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.jail4j.JailInfo;
import org.junit.jupiter.api.Test;

class JlsCommandTest {

  private static JailInfo jail(int jid, String name) {
    return new JailInfo(jid, name, "/jail/" + name, name, List.of(), 0, false, Map.of());
  }

  @Test
  void dashJTakesTheRestOfItsWordOrTheNextWord() {
    assertThat(JlsCommand.parse("-nj", "web", "name").jail()).contains("web");
    assertThat(JlsCommand.parse("-jweb").jail()).contains("web");
    assertThat(JlsCommand.parse("-n", "name").jail()).isEmpty();
  }

  @Test
  void selectKeepsTheJailDashJNamesByJidOrName() {
    List<JailInfo> jails = List.of(jail(1, "web"), jail(2, "db"));
    assertThat(JlsCommand.parse("-j", "db").select(jails))
        .extracting(JailInfo::jid)
        .containsExactly(2);
    assertThat(JlsCommand.parse("-j", "1").select(jails))
        .extracting(JailInfo::jid)
        .containsExactly(1);
    assertThat(JlsCommand.parse("-j", "mail").select(jails)).isEmpty();
    assertThat(JlsCommand.parse().select(jails)).hasSize(2);
  }

  @Test
  void libxoJsonAndDashDAreRead() {
    JlsCommand c = JlsCommand.parse("--libxo", "json", "-d", "name");
    assertThat(c.json()).isTrue();
    assertThat(c.dying()).isTrue();
    assertThat(c.params()).containsExactly("name");
    assertThat(JlsCommand.parse("--libxo=text").json()).isFalse();
  }

  @Test
  void doubleDashEndsTheOptions() {
    assertThat(JlsCommand.parse("-n", "--", "-v").params()).containsExactly("-v");
  }

  @Test
  void badCommandLinesAreWordedLikeJls() {
    assertThatThrownBy(() -> JlsCommand.parse("-x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("illegal option -- x");
    assertThatThrownBy(() -> JlsCommand.parse("-j"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("option requires an argument -- j");
    assertThatThrownBy(() -> JlsCommand.parse("--libxo"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--libxo needs a format");
    assertThatThrownBy(() -> JlsCommand.parse("--libxo", "xml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--libxo xml: this jls prints text or json");
  }

  @Test
  void renderRefusesDashJAndLibxo() {
    JailListing ls = JailListing.of(List.of(jail(1, "web")));
    assertThatThrownBy(() -> ls.render("-j", "web")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ls.render("--libxo", "json"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ls.print(JlsCommand.parse("--libxo", "json", "-n", "name")))
        .isEqualTo(ls.json("-n", "name"));
  }
}
