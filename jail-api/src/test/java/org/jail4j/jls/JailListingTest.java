package org.jail4j.jls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jail4j.JailInfo;
import org.jail4j.spi.support.IpLiterals;
import org.junit.jupiter.api.Test;

/** jls(8) layouts (freebsd-jail-abi.md §7; column widths from jls.c). */
class JailListingTest {

  private static JailInfo web() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("jid", "3");
    p.put("name", "web");
    p.put("path", "/jail/web");
    p.put("host.hostname", "web.example.org");
    p.put("host", "new");
    p.put("persist", "true");
    p.put("dying", "false");
    p.put("allow.mount", "false");
    p.put("ip4.addr", "192.168.1.4,192.168.1.5");
    p.put("ip4", "disable");
    p.put("cpuset.id", "4");
    p.put("meta", "a b c");
    p.put("env", "");
    p.put("ip6.addr", "");
    return new JailInfo(
        3,
        "web",
        "/jail/web",
        "web.example.org",
        List.of(IpLiterals.parse("192.168.1.4"), IpLiterals.parse("192.168.1.5")),
        0,
        false,
        p);
  }

  private final JailListing ls = JailListing.of(List.of(web()));

  @Test
  void defaultLayout() {
    assertThat(ls.render())
        .isEqualTo(
            "   JID  IP Address      Hostname                      Path\n"
                + "     3  192.168.1.4     web.example.org               /jail/web\n");
  }

  @Test
  void nameColumnLayout() {
    assertThat(ls.render("-N"))
        .isEqualTo(
            " JID             IP Address      Hostname                      Path\n"
                + " web             192.168.1.4     web.example.org               /jail/web\n");
  }

  @Test
  void verboseLayout() {
    assertThat(ls.render("-v"))
        .isEqualTo(
            "   JID  Hostname                      Path\n"
                + "        Name                          State\n"
                + "        CPUSetID\n"
                + "        IP Address(es)\n"
                + "     3  web.example.org               /jail/web\n"
                + "        web                           ACTIVE\n"
                + "        4\n"
                + "        192.168.1.4\n"
                + "        192.168.1.5\n");
  }

  @Test
  void nameValuePrintsBooleansAsNameOrNoname() {
    assertThat(ls.render("-n", "persist", "allow.mount", "dying"))
        .isEqualTo("persist allow.nomount nodying\n");
  }

  @Test
  void headerLineThenValues() {
    assertThat(ls.render("-h", "jid", "name")).isEqualTo("jid name\n3 web\n");
  }

  @Test
  void quotedValueWithSpaces() {
    assertThat(ls.render("-q", "meta")).isEqualTo("\"a b c\"\n");
    assertThat(ls.render("meta")).isEqualTo("a b c\n");
  }

  @Test
  void emptyStringIsTwoDoubleQuotesEvenUnquoted() {
    assertThat(ls.render("env")).isEqualTo("\"\"\n");
  }

  @Test
  void emptyArrayIsDashPlainAndQuotesWithQ() {
    assertThat(ls.render("ip6.addr")).isEqualTo("-\n");
    assertThat(ls.render("-q", "ip6.addr")).isEqualTo("\"\"\n");
    assertThat(ls.render("-n", "ip6.addr")).isEqualTo("ip6.addr=\n");
  }

  @Test
  void settableSkipsReadOnlyAndChildrenOfNonNewJailsys() {
    String out = ls.render("-s", "name", "dying", "cpuset.id", "host.hostname", "ip4.addr");

    assertThat(out).isEqualTo("name=web host.hostname=web.example.org\n");
  }

  @Test
  void allSortsTopLevelNamesFirst() {
    String header = ls.render("-h").lines().findFirst().orElseThrow();

    assertThat(header)
        .isEqualTo(
            "dying env host ip4 jid meta name path persist"
                + " allow.mount cpuset.id host.hostname ip4.addr ip6.addr");
  }

  @Test
  void jsonShapeMatchesLibxo() {
    assertThat(ls.json("name", "meta"))
        .isEqualTo(
            "{\"__version\": \"2\", \"jail-information\": {\"jail\": [{\"name\":\"web\",\"meta\":\"a b c\"}]}}\n");
  }

  @Test
  void jsonListsAddresses() {
    assertThat(ls.json("ip4.addr")).contains("\"ip4.addr\":[\"192.168.1.4\",\"192.168.1.5\"]");
  }

  @Test
  void jsonDefaultLayoutHasJidAsNumber() {
    assertThat(ls.json())
        .isEqualTo(
            "{\"__version\": \"2\", \"jail-information\": {\"jail\": [{\"jid\":3,\"ipv4\":\"192.168.1.4\","
                + "\"hostname\":\"web.example.org\",\"path\":\"/jail/web\"}]}}\n");
  }

  @Test
  void jsonEscapesControlCharacters() {
    assertThat(JailListing.quote("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"");
  }

  private static JailInfo forger() {
    String host = "evil\n   998  192.0.2.99      root.example.org              /";
    Map<String, String> p = new LinkedHashMap<>();
    p.put("jid", "4");
    p.put("name", "evil");
    p.put("path", "/jail/evil");
    p.put("host.hostname", host);
    p.put("meta", "a\tb\\n\u001b[2J\u0085");
    return new JailInfo(
        4, "evil", "/jail/evil", host, List.of(IpLiterals.parse("192.0.2.4")), 0, false, p);
  }

  @Test
  void aNewlineInAHostNameCannotForgeARow() {
    String out = JailListing.of(List.of(forger())).render();
    assertThat(out.lines()).hasSize(2);
    assertThat(out)
        .isEqualTo(
            "   JID  IP Address      Hostname                      Path\n"
                + "     4  192.0.2.4       evil\\n   998  192.0.2.99      /jail/evil\n");
  }

  @Test
  void everyLayoutKeepsOneLinePerJail() {
    JailListing evil = JailListing.of(List.of(forger()));
    assertThat(evil.render("-v").lines()).hasSize(4 + 4);
    assertThat(evil.render("-N").lines()).hasSize(2);
    assertThat(evil.render("-n", "host.hostname").lines()).hasSize(1);
    assertThat(evil.render("-h", "host.hostname", "meta").lines()).hasSize(2);
  }

  @Test
  void controlCharactersPrintAsVisEscapes() {
    JailListing evil = JailListing.of(List.of(forger()));
    assertThat(evil.render("-nq", "meta")).isEqualTo("meta=a\\tb\\\\n\\033[2J\\302\\205\n");
    assertThat(evil.render("-n", "host.hostname"))
        .isEqualTo(
            "host.hostname=evil\\n   998  192.0.2.99      root.example.org              /\n");
  }

  @Test
  void plainValuesPrintAsJlsPrintsThem() {
    assertThat(JailListing.visible("web.example.org \"x\" 'y'"))
        .isEqualTo("web.example.org \"x\" 'y'");
  }

  @Test
  void jsonStillEscapesTheJsonWay() {
    assertThat(JailListing.of(List.of(forger())).json("host.hostname"))
        .contains("\"host.hostname\":\"evil\\n   998");
  }
}
