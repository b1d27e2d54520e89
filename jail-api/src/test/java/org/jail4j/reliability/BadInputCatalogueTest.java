package org.jail4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jail4j.InvalidJailParameterException;
import org.jail4j.Jail;
import org.jail4j.JailAddress;
import org.jail4j.JailBuilder;
import org.jail4j.JailException;
import org.jail4j.JailInfo;
import org.jail4j.JailLimit;
import org.jail4j.conf.JailConf;
import org.jail4j.conf.JailConfException;
import org.jail4j.jls.JailListing;
import org.jail4j.param.JailParam;
import org.jail4j.param.JailRequest;
import org.jail4j.param.ParamCodec;
import org.jail4j.param.ParamText;
import org.jail4j.rc.RcConf;
import org.jail4j.rc.RcConfException;
import org.jail4j.rc.YesNo;
import org.jail4j.spi.support.IpLiterals;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rows of {@code docs/BAD-INPUT.md} whose entry point needs nothing but the api module: the
 * {@link Jail} builder, addresses, limits, the codec, the text reader, jail.conf and rc.conf (the
 * rows on jail roots are {@code BadInputCatalogueOnRootsTest} in jail-root). Each test is one row,
 * named by its id; each hostile value must be refused with the typed error the catalogue names,
 * with the field and the rule in its message.
 */
class BadInputCatalogueTest {

  @TempDir Path tmp;

  /** Asserts that the action fails with exactly this type and a message holding every fragment. */
  static <E extends JailException> E refused(
      Executable action, Class<E> type, String... fragments) {
    Throwable thrown = null;
    try {
      action.execute();
    } catch (Throwable t) {
      thrown = t;
    }
    assertThat(thrown).as("a typed refusal").isInstanceOf(type);
    for (String f : fragments) {
      assertThat(thrown.getMessage()).contains(f);
    }
    return type.cast(thrown);
  }

  private static JailBuilder web() {
    return Jail.builder().name("web").path("/jail/web").persist(true);
  }

  // ------------------------------------------------------------------ Jail values

  @Test
  @DisplayName("B01 name with a NUL byte")
  void b01() {
    refused(
        () -> Jail.builder().name("we\0b").persist(true).build(),
        InvalidJailParameterException.class,
        "name",
        "NUL byte");
  }

  @Test
  @DisplayName("B02 name of 256 bytes")
  void b02() {
    refused(
        () -> Jail.builder().name("w".repeat(256)).persist(true).build(),
        InvalidJailParameterException.class,
        "name",
        "256 bytes");
  }

  @Test
  @DisplayName("B03 numeric name that is not the jid")
  void b03() {
    refused(
        () -> Jail.builder().name("12").jid(7).persist(true).build(),
        InvalidJailParameterException.class,
        "name",
        "name cannot be numeric (unless it is the jid): \"12\" is not the jid 7 (EINVAL)");
  }

  @Test
  @DisplayName("B04 name with an empty component")
  void b04() {
    refused(
        () -> Jail.builder().name("a..b").persist(true).build(),
        InvalidJailParameterException.class,
        "name",
        "empty component");
  }

  @Test
  @DisplayName("B05 jid past JAIL_MAX and negative")
  void b05() {
    refused(
        () -> web().jid(1_000_000).build(), InvalidJailParameterException.class, "jid", "outside");
    refused(() -> web().jid(-1).build(), InvalidJailParameterException.class, "jid", "outside");
  }

  @Test
  @DisplayName("B06 relative path")
  void b06() {
    refused(
        () -> web().path("jail/web").build(),
        InvalidJailParameterException.class,
        "path",
        "must be absolute");
  }

  @Test
  @DisplayName("B07 path with dot-dot components")
  void b07() {
    refused(
        () -> web().path("/jail/../etc").build(),
        InvalidJailParameterException.class,
        "path",
        "must be normalised");
  }

  @Test
  @DisplayName("B08 path of 1025 bytes")
  void b08() {
    refused(
        () -> web().path("/" + "p".repeat(1024)).build(),
        InvalidJailParameterException.class,
        "path",
        "1025 bytes");
  }

  @Test
  @DisplayName("B09 hostname with a NUL byte")
  void b09() {
    refused(
        () -> web().hostname("web\0.example.org").build(),
        InvalidJailParameterException.class,
        "host.hostname",
        "NUL byte");
  }

  @Test
  @DisplayName("B10 hostname of 300 bytes")
  void b10() {
    refused(
        () -> web().hostname("h".repeat(300)).build(),
        InvalidJailParameterException.class,
        "host.hostname",
        "300 bytes");
  }

  @Test
  @DisplayName("B11 IPv4 address with an octet over 255")
  void b11() {
    refused(
        () -> web().ip4("192.0.2.256").build(), InvalidJailParameterException.class, "192.0.2.256");
  }

  @Test
  @DisplayName("B12 host name where an IPv4 literal belongs (never resolved)")
  void b12() {
    refused(() -> web().ip4("localhost").build(), InvalidJailParameterException.class, "localhost");
  }

  @Test
  @DisplayName("B13 malformed IPv6 address")
  void b13() {
    refused(
        () -> web().ip6("2001:db8:::1").build(),
        InvalidJailParameterException.class,
        "2001:db8:::1");
  }

  @Test
  @DisplayName("B14 unspecified and broadcast addresses")
  void b14() {
    refused(
        () -> web().ip4("0.0.0.0").build(),
        InvalidJailParameterException.class,
        "unspecified address");
    refused(
        () -> web().ip4("255.255.255.255").build(),
        InvalidJailParameterException.class,
        "broadcast address");
  }

  @Test
  @DisplayName("B15 256 IPv4 addresses (over jail_max_af_ips)")
  void b15() {
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 256; i++) {
      many.add("10.0." + (i / 250) + "." + (1 + i % 250));
    }
    refused(
        () -> web().ip4(many.toArray(new String[0])).build(),
        InvalidJailParameterException.class,
        "ip4.addr",
        "at most 255");
  }

  @Test
  @DisplayName("B16 address text with an IPv4 prefix of 33")
  void b16() {
    refused(
        () -> JailAddress.parse("em0|192.0.2.1/33"),
        InvalidJailParameterException.class,
        "prefix length 33 is outside 0..32");
  }

  @Test
  @DisplayName("B17 securelevel outside -1..3 and children.max negative")
  void b17() {
    refused(
        () -> web().param(JailParam.SECURELEVEL, 4).build(),
        InvalidJailParameterException.class,
        "securelevel",
        "outside");
    refused(
        () -> web().param(JailParam.CHILDREN_MAX, -1).build(),
        InvalidJailParameterException.class,
        "children.max",
        "outside");
  }

  @Test
  @DisplayName("B18 devfs_ruleset past 65535")
  void b18() {
    refused(
        () -> web().param(JailParam.DEVFS_RULESET, 70_000).build(),
        InvalidJailParameterException.class,
        "devfs_ruleset",
        "outside");
  }

  @Test
  @DisplayName("B19 read-only parameter set by a caller")
  void b19() {
    refused(
        () -> web().param(JailParam.CHILDREN_CUR, 1).build(),
        InvalidJailParameterException.class,
        "children.cur",
        "read-only");
  }

  @Test
  @DisplayName("B20 exec hook with a NUL byte")
  void b20() {
    refused(
        () -> web().addExecStart("/bin/sh /etc/rc\0; rm -rf /").build(),
        InvalidJailParameterException.class,
        "exec.start",
        "NUL byte");
  }

  @Test
  @DisplayName("B21 negative exec.timeout")
  void b21() {
    refused(
        () -> web().execTimeout(Duration.ofSeconds(-1)).build(),
        InvalidJailParameterException.class,
        "exec.timeout");
  }

  @Test
  @DisplayName("B22 run-time parameter name that is empty or holds a NUL byte")
  void b22() {
    refused(() -> JailParam.named(""), InvalidJailParameterException.class);
    refused(() -> JailParam.named("allow.\0mount"), InvalidJailParameterException.class);
  }

  @Test
  @DisplayName("B23 rctl limit with an unknown resource")
  void b23() {
    refused(
        () -> new JailLimit("nosuchresource", "1", "deny"),
        InvalidJailParameterException.class,
        "unknown rctl resource \"nosuchresource\"");
  }

  // ------------------------------------------------------------------ codec and text

  @Test
  @DisplayName("B24 decode a 3-byte int")
  void b24() {
    refused(
        () -> ParamCodec.decode(JailParam.SECURELEVEL, new byte[3]),
        InvalidJailParameterException.class,
        "securelevel");
  }

  @Test
  @DisplayName("B25 decode a string without its NUL")
  void b25() {
    refused(
        () -> ParamCodec.decode(JailParam.HOST_HOSTNAME, "web".getBytes(StandardCharsets.UTF_8)),
        InvalidJailParameterException.class,
        "host.hostname");
  }

  @Test
  @DisplayName("B26 decode an IPv4 list of 5 bytes")
  void b26() {
    refused(
        () -> ParamCodec.decode(JailParam.IP4_ADDR, new byte[5]),
        InvalidJailParameterException.class,
        "ip4.addr");
  }

  @Test
  @DisplayName("B27 encode a string with a NUL byte")
  void b27() {
    refused(
        () -> ParamCodec.encode(JailParam.HOST_HOSTNAME, "a\0b"),
        InvalidJailParameterException.class,
        "host.hostname",
        "NUL");
  }

  @Test
  @DisplayName("B28 text boolean, int and jailsys that are none")
  void b28() {
    refused(
        () -> ParamText.parse(JailParam.PERSIST, List.of("maybe")),
        InvalidJailParameterException.class,
        "persist");
    refused(
        () -> ParamText.parse(JailParam.SECURELEVEL, List.of("99999999999")),
        InvalidJailParameterException.class,
        "securelevel");
    refused(
        () -> ParamText.parse(JailParam.VNET, List.of("sometimes")),
        InvalidJailParameterException.class,
        "vnet");
  }

  @Test
  @DisplayName("B29 meta text over its buffer and with a NUL byte")
  void b29() {
    refused(
        () -> ParamCodec.encode(JailParam.META, Map.of("k", "v".repeat(5000))),
        InvalidJailParameterException.class,
        "meta");
    refused(
        () -> ParamCodec.encode(JailParam.META, Map.of("k", "a\0b")),
        InvalidJailParameterException.class,
        "meta");
  }

  @Test
  @DisplayName("B92 jid 0, which the kernel takes as unspecified")
  void b92() {
    refused(
        () -> web().jid(0).build(),
        InvalidJailParameterException.class,
        "jid: 0 is outside 1..999999");
  }

  @Test
  @DisplayName("B93 osrelease of 31 bytes, refused by the kernel with its NUL")
  void b93() {
    String rule = "osrelease: is 31 bytes; the kernel refuses a length of 32 or more with the NUL";
    refused(
        () -> web().param(JailParam.OSRELEASE, "1".repeat(31)).build(),
        InvalidJailParameterException.class,
        rule);
    refused(
        () -> ParamCodec.encode(JailParam.OSRELEASE, "1".repeat(31)),
        InvalidJailParameterException.class,
        rule);
  }

  @Test
  @DisplayName("B94 a null parameter value in the builder")
  @SuppressWarnings("NullAway") // the null is the input under test
  void b94() {
    refused(
        () -> web().putParams(JailParam.SECURELEVEL, null).build(),
        InvalidJailParameterException.class,
        "securelevel: has no value (null)");
    refused(
        () -> web().param(JailParam.SECURELEVEL, null).build(),
        InvalidJailParameterException.class,
        "securelevel: a value of type null");
  }

  @Test
  @DisplayName("B95 negative osreldate")
  void b95() {
    refused(
        () -> web().param(JailParam.OSRELDATE, -5).build(),
        InvalidJailParameterException.class,
        "osreldate: -5 is negative");
  }

  @Test
  @DisplayName("B96 exec.fib past the highest FIB")
  void b96() {
    refused(
        () -> web().execFib(70_000).build(),
        InvalidJailParameterException.class,
        "exec.fib: 70000 is outside 0..65534");
    refused(() -> web().execFib(-1).build(), InvalidJailParameterException.class, "exec.fib: -1");
  }

  @Test
  @DisplayName("B97 decode of null bytes or a null parameter")
  @SuppressWarnings("NullAway") // the nulls are the input under test
  void b97() {
    refused(
        () -> ParamCodec.decode(JailParam.SECURELEVEL, null),
        InvalidJailParameterException.class,
        "securelevel: no value bytes (null)");
    refused(
        () -> ParamCodec.decode(null, new byte[4]),
        InvalidJailParameterException.class,
        "param: is null");
    refused(
        () -> JailRequest.create().put(JailParam.SECURELEVEL, null),
        InvalidJailParameterException.class,
        "securelevel: has no value (null)");
  }

  @Test
  @DisplayName("B91 jls text of a host name that holds a forged row")
  void b91() {
    String host = "evil\n   998  192.0.2.99      root.example.org              /";
    JailInfo j =
        new JailInfo(
            4,
            "evil",
            "/jail/evil",
            host,
            List.of(),
            0,
            false,
            Map.of("name", "evil", "host.hostname", host));
    String out = JailListing.of(List.of(j)).render();
    assertThat(out.lines()).hasSize(2).noneMatch(line -> line.startsWith("   998"));
    assertThat(out).contains("evil\\n   998");
    assertThat(JailListing.of(List.of(j)).render("-n", "host.hostname").lines()).hasSize(1);
  }

  // ------------------------------------------------------------------ jail.conf

  @Test
  @DisplayName("B30 jail.conf with an unclosed block")
  void b30() {
    refused(
        () -> JailConf.parse("web {\n  path = /jail/web;\n"),
        JailConfException.class,
        "STDIN: unexpected EOF");
  }

  @Test
  @DisplayName("B31 jail.conf with an unterminated quote")
  void b31() {
    refused(
        () -> JailConf.parse("web {\n  host.hostname = \"web;\n}\n"),
        JailConfException.class,
        "line");
  }

  @Test
  @DisplayName("B32 jail.conf with an undefined variable")
  void b32() {
    refused(
        () -> JailConf.parse("web {\n  path = /jail/$nosuch;\n}\n").toJails(),
        JailConfException.class,
        "nosuch");
  }

  @Test
  @DisplayName("B33 jail.conf with a NUL byte")
  void b33() {
    refused(
        () -> JailConf.parse("web {\n  path = /jail/we\0b;\n  persist;\n}\n").toJails(),
        JailConfException.class,
        "STDIN: unexpected EOF");
  }

  @Test
  @DisplayName("B34 jail.conf with a parameter value the type refuses")
  void b34() {
    refused(
        () -> JailConf.parse("web {\n  path = /j;\n  securelevel = lots;\n}\n").toJails(),
        JailConfException.class,
        "securelevel");
  }

  @Test
  @DisplayName("B35 jail.conf nested 1,000 blocks deep")
  void b35() {
    // Nested blocks are legal (they name child jails): the file parses, without a stack
    // overflow, and the 2,000-byte dotted name is refused when the jails are made.
    String deep = "a {\n".repeat(1_000) + "persist;\n" + "}\n".repeat(1_000);
    JailConf conf = JailConf.parse(deep);
    refused(conf::toJails, JailConfException.class, "a.a.a.a");
  }

  // ------------------------------------------------------------------ rc.conf

  @Test
  @DisplayName("B36 rc.conf with an unterminated quote (strict)")
  void b36() {
    refused(
        () -> RcConf.parseStrict("sshd_enable=\"YES\nhostname=web\n"),
        RcConfException.class,
        "rc.conf: 1: unterminated double quote");
  }

  @Test
  @DisplayName("B37 rc.conf variable name that is not a shell name")
  void b37() {
    refused(() -> RcConf.empty().set("1bad-name", "YES"), RcConfException.class, "1bad-name");
  }

  @Test
  @DisplayName("B38 rc.conf value with a NUL byte")
  void b38() {
    refused(() -> RcConf.empty().set("hostname", "web\0evil"), RcConfException.class, "hostname");
  }

  @Test
  @DisplayName("B39 rc.conf YES/NO variable with another word")
  void b39() {
    // Not an error: rc.subr's checkyesno warns "is not set properly" and treats it as NO.
    assertThat(RcConf.parse("sshd_enable=\"maybe\"\n").checkYesNo("sshd_enable").state())
        .isEqualTo(YesNo.State.NOT_SET_PROPERLY);
  }

  @Test
  @DisplayName("B40 rc.conf read from a file that is not there")
  void b40() {
    refused(() -> RcConf.read(tmp.resolve("missing/rc.conf")), RcConfException.class);
  }

  // ------------------------------------------------------------------ more address text

  @Test
  @DisplayName("B73 address text with a NUL byte in the interface")
  void b73() {
    refused(() -> JailAddress.parse("em\0|192.0.2.1"), InvalidJailParameterException.class);
  }

  @Test
  @DisplayName("B74 IPv4 literal with three parts")
  void b74() {
    refused(() -> IpLiterals.parse4("1.2.3"), InvalidJailParameterException.class, "1.2.3");
  }

  @Test
  @DisplayName("B75 rctl limit with a negative amount")
  void b75() {
    refused(
        () -> new JailLimit("maxproc", "-5", "deny"), InvalidJailParameterException.class, "-5");
  }

  @Test
  @DisplayName("B76 builder ip4 with a prefix of 33")
  void b76() {
    refused(
        () -> web().ip4("em0|192.0.2.1/33").build(),
        InvalidJailParameterException.class,
        "ip4.addr",
        "prefix length 33 is outside 0..32");
  }

  @Test
  @DisplayName("B77 rc.conf raw value that is not one shell word")
  void b77() {
    refused(
        () -> RcConf.empty().setRaw("hostname", "\"web; rm -rf /"),
        RcConfException.class,
        "hostname");
  }

  @Test
  @DisplayName("B78 jail.conf read from a file that is not there")
  void b78() {
    refused(
        () -> JailConf.read(tmp.resolve("missing.conf")), JailConfException.class, "missing.conf");
  }

  @Test
  @DisplayName("B79 rc.conf securelevel outside -1..3")
  void b79() {
    refused(() -> RcConf.empty().securelevel(7), RcConfException.class, "7");
  }
}
