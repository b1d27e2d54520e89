package org.jail4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.jail4j.InvalidJailParameterException.Violation;
import org.jail4j.param.JailParam;
import org.jail4j.param.JailSys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input is refused when a {@link Jail} is built, with the field and the rule named (issue 2
 * item 7; the kernel's own checks of freebsd-jail-abi.md §3.1 and §3.4 that need no other jail).
 */
class JailBadInputTest {

  private static JailBuilder base() {
    return Jail.builder().name("web").path("/jail/web");
  }

  private static Arguments bad(
      String rule, UnaryOperator<JailBuilder> change, String field, String ruleText) {
    return Arguments.of(rule, change, field, ruleText);
  }

  @SuppressWarnings({"unchecked", "rawtypes", "NullAway"}) // null values are part of the table
  static Stream<Arguments> badInput() {
    JailParam raw = JailParam.SECURELEVEL;
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 256; i++) {
      many.add("10.0." + (i / 200) + "." + (i % 200 + 1));
    }
    return Stream.of(
        bad("relative path", b -> b.path("jail/web"), "path", "must be absolute"),
        bad("dot-dot in path", b -> b.path("/a/../b"), "path", "must be normalised"),
        bad("double slash in path", b -> b.path("/a//b"), "path", "must be normalised"),
        bad("trailing /. in path", b -> b.path("/a/."), "path", "must be normalised"),
        bad("trailing slash in path", b -> b.path("/jail/web/"), "path", "must be normalised"),
        bad("NUL in name", b -> b.name("we\0b"), "name", "contains a NUL byte"),
        bad("NUL in path", b -> b.path("/jail/w\0"), "path", "contains a NUL byte"),
        bad("NUL in hostname", b -> b.hostname("a\0b"), "host.hostname", "contains a NUL byte"),
        bad(
            "NUL in a string parameter",
            b -> b.param(JailParam.HOST_DOMAINNAME, "ex\0ample"),
            "host.domainname",
            "contains a NUL byte"),
        bad(
            "NUL in a named parameter",
            b -> b.param(JailParam.named("mac.do.rules"), "uid=1\0"),
            "mac.do.rules",
            "contains a NUL byte"),
        bad(
            "NUL in a key-value parameter",
            b -> b.param(JailParam.META, Map.of("k", "v\0")),
            "meta",
            "must not contain a newline or NUL"),
        bad(
            "NUL in an exec command",
            b -> b.execStart(List.of("/bin/sh\0 /etc/rc")),
            "exec.start",
            "contains a NUL byte"),
        bad(
            "NUL in a mount line",
            b -> b.addMounts("/a /jail/web/a nullfs ro\0 0 0"),
            "mount",
            "contains a NUL byte"),
        bad("NUL in exec.jail_user", b -> b.execJailUser("ro\0t"), "exec.jail_user", "NUL"),
        bad("NUL in interface", b -> b.iface("em\0"), "interface", "NUL"),
        bad(
            "hostname of 256 bytes",
            b -> b.hostname("h".repeat(256)),
            "host.hostname",
            "is 256 bytes; at most 255 bytes fit the kernel's 256-byte buffer with the NUL"),
        bad(
            "path of 1024 bytes",
            b -> b.path("/" + "p".repeat(1023)),
            "path",
            "is 1024 bytes; at most 1023 bytes"),
        bad("name of 256 bytes", b -> b.name("n".repeat(256)), "name", "at most 255 bytes"),
        bad(
            "multi-byte hostname over 255 bytes",
            b -> b.hostname("é".repeat(128)),
            "host.hostname",
            "is 256 bytes"),
        bad(
            "osrelease of 32 bytes",
            b -> b.param(JailParam.OSRELEASE, "14.3-RELEASE-p99-with-a-long-tag"),
            "osrelease",
            "at most 30 bytes"),
        bad(
            "numeric name that is not the jid",
            b -> b.name("5").jid(7),
            "name",
            "name cannot be numeric (unless it is the jid): \"5\" is not the jid 7"),
        bad("numeric name with a leading zero", b -> b.name("007"), "name", "canonical form"),
        bad("numeric name 0", b -> b.name("0"), "name", "canonical form"),
        bad("empty name segment", b -> b.name("a..b"), "name", "has an empty component"),
        bad("leading dot in name", b -> b.name(".a"), "name", "has an empty component"),
        bad("trailing dot in name", b -> b.name("a."), "name", "has an empty component"),
        bad("unparsable IPv4", b -> b.ip4("192.168.1"), "ip4.addr", "not an IPv4 address"),
        bad("host name for an address", b -> b.ip4("localhost"), "ip4.addr", "not an IPv4"),
        bad("IPv6 text as IPv4", b -> b.ip4("fe80::1"), "ip4.addr", "is not an IPv4 address"),
        bad("unspecified IPv4", b -> b.ip4("0.0.0.0"), "ip4.addr", "unspecified address"),
        bad("broadcast IPv4", b -> b.ip4("255.255.255.255"), "ip4.addr", "broadcast address"),
        bad("unspecified IPv6", b -> b.ip6("::"), "ip6.addr", "unspecified address"),
        bad("duplicate IPv4", b -> b.ip4("10.0.0.1", "10.0.0.1"), "ip4.addr", "listed twice"),
        bad(
            "duplicate IPv6 in two spellings",
            b -> b.ip6("2001:db8::1", "2001:db8:0:0:0:0:0:1"),
            "ip6.addr",
            "2001:db8::1 is listed twice"),
        bad(
            "256 IPv4 addresses",
            b -> b.ip4(many.toArray(new String[0])),
            "ip4.addr",
            "256 addresses; at most 255 per family"),
        bad(
            "vnet with ip4.addr",
            b -> b.param(JailParam.VNET, JailSys.NEW).ip4("10.0.0.1"),
            "vnet",
            "vnet jails cannot have IP address restrictions"),
        bad(
            "vnet with ip6.addr",
            b -> b.param(JailParam.VNET, JailSys.NEW).ip6("2001:db8::1"),
            "vnet",
            "vnet jails cannot have IP address restrictions"),
        bad(
            "vnet=inherit with ip4=inherit",
            b -> b.param(JailParam.VNET, JailSys.INHERIT).param(JailParam.IP4, JailSys.INHERIT),
            "vnet",
            "vnet jails cannot have IP address restrictions"),
        bad(
            "vnet disable",
            b -> b.param(JailParam.VNET, JailSys.DISABLE),
            "vnet",
            "takes new or inherit"),
        bad(
            "securelevel below -1",
            b -> b.param(JailParam.SECURELEVEL, -2),
            "securelevel",
            "-2 is outside -1..3"),
        bad(
            "securelevel above 3",
            b -> b.param(JailParam.SECURELEVEL, 4),
            "securelevel",
            "4 is outside -1..3"),
        bad(
            "enforce_statfs above 2",
            b -> b.param(JailParam.ENFORCE_STATFS, 3),
            "enforce_statfs",
            "3 is outside 0..2"),
        bad(
            "enforce_statfs below 0",
            b -> b.param(JailParam.ENFORCE_STATFS, -1),
            "enforce_statfs",
            "outside 0..2"),
        bad(
            "devfs_ruleset above 65535",
            b -> b.param(JailParam.DEVFS_RULESET, 65536),
            "devfs_ruleset",
            "65536 is outside 0..65535"),
        bad(
            "negative devfs_ruleset",
            b -> b.param(JailParam.DEVFS_RULESET, -1),
            "devfs_ruleset",
            "outside 0..65535"),
        bad(
            "negative children.max",
            b -> b.param(JailParam.CHILDREN_MAX, -1),
            "children.max",
            "-1 is outside 0..999999"),
        bad("negative jid", b -> b.jid(-1), "jid", "-1 is outside 1..999999"),
        bad("jid above JAIL_MAX", b -> b.jid(1_000_000), "jid", "1000000 is outside 1..999999"),
        bad(
            "jid 0, which the kernel takes as unspecified",
            b -> b.jid(0),
            "jid",
            "0 is outside 1..999999 (the kernel takes jid 0 as \"pick one\"; leave jid out for"
                + " that)"),
        bad(
            "osrelease of 31 bytes: with the NUL it reaches OSRELEASELEN",
            b -> b.param(JailParam.OSRELEASE, "1".repeat(31)),
            "osrelease",
            "is 31 bytes; the kernel refuses a length of 32 or more with the NUL, so at most 30"
                + " bytes (ENAMETOOLONG: osrelease string must be 1-31 bytes long)"),
        bad(
            "a null value put straight into the parameter map",
            b -> b.putParams(JailParam.SECURELEVEL, null),
            "securelevel",
            "has no value (null); leave it out to use the kernel's default"),
        bad(
            "a null value through param()",
            b -> b.param(JailParam.SECURELEVEL, null),
            "securelevel",
            "a value of type null is not"),
        bad(
            "negative osreldate",
            b -> b.param(JailParam.OSRELDATE, -5),
            "osreldate",
            "-5 is negative; osreldate is a __FreeBSD_version number"),
        bad(
            "exec.fib above the highest FIB",
            b -> b.execFib(70_000),
            "exec.fib",
            "70000 is outside 0..65534 (setfib(2) needs fib < net.fibs, at most 65535)"),
        bad("negative exec.fib", b -> b.execFib(-1), "exec.fib", "-1 is outside 0..65534"),
        bad("osreldate 0", b -> b.param(JailParam.OSRELDATE, 0), "osreldate", "cannot be 0"),
        bad(
            "value of the wrong Java type",
            b -> b.param(raw, "3"),
            "securelevel",
            "a value of type String is not a Integer"),
        bad(
            "wrong Java type put in the map directly",
            b -> b.putParams(JailParam.ALLOW_MOUNT, "yes"),
            "allow.mount",
            "a value of type String is not a Boolean"),
        bad(
            "wrong element type in an address list",
            b -> b.param((JailParam) JailParam.IP4_ADDR, List.of("10.0.0.1")),
            "ip4.addr",
            "is not a List<Inet4Address>"),
        bad(
            "pseudo-parameter in the kernel map",
            b -> b.putParams(JailParam.EXEC_START, List.of("/bin/sh /etc/rc")),
            "exec.start",
            "a jail(8) pseudo-parameter cannot be in the kernel parameter map"),
        bad(
            "own attribute in the kernel map",
            b -> b.putParams(JailParam.PERSIST, true),
            "persist",
            "has its own attribute"),
        bad(
            "read-only parameter in the kernel map",
            b -> b.putParams(JailParam.DYING, true),
            "dying",
            "is read-only"),
        bad(
            "a pseudo-parameter by name",
            b -> b.param(JailParam.named("exec.start"), "/bin/sh /etc/rc"),
            "exec.start",
            "is a jail(8) pseudo-parameter; set it with JailParam.EXEC_START"),
        bad(
            "an attribute by name",
            b -> b.param(JailParam.named("host.hostname"), "web"),
            "host.hostname",
            "is held in its own attribute; set it with JailParam.HOST_HOSTNAME"),
        bad(
            "negative stop.timeout",
            b -> b.param(JailParam.STOP_TIMEOUT, -5),
            "stop.timeout",
            "-5 s is negative"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInput")
  void badInputIsRefusedNamingTheFieldAndTheRule(
      String rule, UnaryOperator<JailBuilder> change, String field, String ruleText) {
    JailBuilder builder = change.apply(base());

    assertThatThrownBy(builder::build)
        .isInstanceOfSatisfying(
            InvalidJailParameterException.class,
            e -> {
              assertThat(e.violations())
                  .anySatisfy(
                      v -> {
                        assertThat(v.field()).isEqualTo(field);
                        assertThat(v.rule()).contains(ruleText);
                      });
              assertThat(e.getMessage()).contains(field + ": ");
              assertThat(e.operation()).isEqualTo("build");
              // A kernel rule checked up front gives the kernel's errno; jail4j's own rules none.
              assertThat(e.errno())
                  .isEqualTo(e.violations().stream().flatMap(x -> x.errno().stream()).findFirst());
            });
  }

  @Test
  void aBuilderWithSeveralProblemsReportsThemAllInOneException() {
    JailBuilder builder =
        Jail.builder()
            .name("a..b")
            .path("jail/web")
            .ip4("not-an-address")
            .param(JailParam.SECURELEVEL, 9)
            .param(JailParam.ENFORCE_STATFS, 7);

    assertThatThrownBy(builder::build)
        .isInstanceOfSatisfying(
            InvalidJailParameterException.class,
            e -> {
              assertThat(e.violations())
                  .extracting(Violation::field)
                  .containsExactlyInAnyOrder(
                      "ip4.addr", "name", "path", "securelevel", "enforce_statfs");
              assertThat(e.getMessage()).contains("5 problems: ");
            });
  }

  @Test
  void valuesAtTheEdgesOfEveryRangeAreAccepted() {
    List<String> full = new ArrayList<>();
    for (int i = 1; i <= 255; i++) {
      full.add("10.0.0." + i);
    }
    Jail jail =
        Jail.builder()
            .name("5")
            .jid(5)
            .path("/")
            .hostname("h".repeat(255))
            .ip4(full.toArray(new String[0]))
            .param(JailParam.SECURELEVEL, -1)
            .param(JailParam.ENFORCE_STATFS, 2)
            .param(JailParam.DEVFS_RULESET, 65535)
            .param(JailParam.CHILDREN_MAX, 0)
            .param(JailParam.OSRELEASE, "1".repeat(30))
            .param(JailParam.OSRELDATE, 1)
            .execFib(65534)
            .build();

    assertThat(jail.ip4()).hasSize(255);
    assertThat(jail.get(JailParam.SECURELEVEL)).contains(-1);
  }

  @Test
  void aNumericNameWithoutAJidIsTheJidToBe() {
    assertThat(Jail.builder().name("parent.12").build().name()).contains("parent.12");
  }

  @Test
  void vnetWithoutAddressesIsAccepted() {
    Jail jail =
        base().param(JailParam.VNET, JailSys.NEW).vnetInterfaces(List.of("epair0b")).build();

    assertThat(jail.get(JailParam.VNET)).contains(JailSys.NEW);
  }
}
