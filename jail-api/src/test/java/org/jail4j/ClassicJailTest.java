package org.jail4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jail4j.spi.support.IpLiterals;
import org.junit.jupiter.api.Test;

/** The classic form {@code jail path hostname ip command}. */
class ClassicJailTest {

  @Test
  void fieldsGoWhereJailEightPutsThem() {
    Jail j = Jail.classic("/jail/web", "WEB", "192.168.1.4", "/etc/rc");

    assertThat(j.path()).hasValue("/jail/web");
    assertThat(j.hostname()).hasValue("WEB");
    assertThat(j.ip4()).containsExactly(IpLiterals.parse4("192.168.1.4"));
    assertThat(j.command()).containsExactly("/etc/rc");
    assertThat(j.name()).isEmpty();
    assertThat(j.persist()).isFalse();
  }

  @Test
  void addressListMixesFamilies() {
    Jail j = Jail.classic("/jail/web", "WEB", "192.168.1.4,2001:db8::4", "/bin/sh", "/etc/rc");

    assertThat(j.ip4()).hasSize(1);
    assertThat(j.ip6()).hasSize(1);
    assertThat(j.command()).containsExactly("/bin/sh /etc/rc");
  }

  @Test
  void argumentsWithSpacesAreQuotedForTheShell() {
    assertThat(Jail.classic("/j", "h", "10.0.0.1", "/bin/echo", "a b").command())
        .containsExactly("/bin/echo 'a b'");
  }

  @Test
  void hostNamesAreNotAddresses() {
    assertThatThrownBy(() -> Jail.classic("/j", "h", "www.example.org", "/etc/rc"))
        .isInstanceOf(InvalidJailParameterException.class)
        .hasMessageContaining("ip4.addr");
  }

  @Test
  void commandIsRequired() {
    assertThatThrownBy(() -> Jail.classic("/j", "h", "10.0.0.1"))
        .isInstanceOf(InvalidJailParameterException.class)
        .hasMessageContaining("command");
  }
}
