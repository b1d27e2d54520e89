package org.jail4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.jail4j.Errno;
import org.jail4j.Jail;
import org.jail4j.JailException;
import org.jail4j.JailHost;
import org.jail4j.RunningJail;
import org.jail4j.spi.IpAlias;
import org.jail4j.testkit.FakeHostSystem;
import org.jail4j.testkit.FakeJailKernel;
import org.jail4j.testkit.RecordedCommand;
import org.jail4j.testkit.junit.FakeJails;
import org.junit.jupiter.api.Test;

/**
 * What a jail4j user writes: a unit test of their own code (here {@link WebJails}, a small class
 * that starts a customer's web jail) with the testkit's {@code @FakeJails} extension, which hands
 * each test a fresh fake kernel and host and fails it if a jail, mount or alias is left behind.
 */
@FakeJails
class ConsumerExampleTest {

  /** The code under test: the user's own class, which only knows {@link JailHost}. */
  static final class WebJails {
    private final JailHost host;

    WebJails(JailHost host) {
      this.host = host;
    }

    RunningJail start(String customer, String address) {
      return host.start(
          Jail.builder()
              .name("web-" + customer)
              .path("/jails/" + customer)
              .hostname(customer + ".example.org")
              .iface("em0")
              .ip4(address)
              .mountDevfs(true)
              .addExecStart("/bin/sh /etc/rc")
              .persist(true)
              .build());
    }
  }

  // snippet examples-consumer-test spotless:off
  @Test
  void startingAWebJailAddsItsAliasAndRunsRc(JailHost host, FakeHostSystem fake) {
    try (RunningJail web = new WebJails(host).start("acme", "192.0.2.20")) {
      assertThat(fake.aliases())
          .extracting(a -> a.address().getHostAddress())
          .containsExactly("192.0.2.20");
      assertThat(fake.jailCommands(web.jid()))
          .extracting(RecordedCommand::argv)
          .containsExactly(List.of("/bin/sh", "/etc/rc"));
      assertThat(web.info().hostname()).isEqualTo("acme.example.org");
    }
  }
  // end snippet spotless:on

  @Test
  void twoCustomersGetTwoJails(JailHost host) {
    WebJails jails = new WebJails(host);
    try (RunningJail a = jails.start("acme", "192.0.2.20");
        RunningJail b = jails.start("globex", "192.0.2.21")) {
      assertThat(host.list()).extracting(i -> i.name()).containsExactly("web-acme", "web-globex");
    }
  }

  @Test
  void aSecondJailForOneCustomerIsRefusedAndUndone(JailHost host, FakeHostSystem fake) {
    WebJails jails = new WebJails(host);
    try (RunningJail first = jails.start("acme", "192.0.2.20")) {
      assertThatThrownBy(() -> jails.start("acme", "192.0.2.30"))
          .isInstanceOf(JailException.class)
          .satisfies(e -> assertThat(((JailException) e).errno()).contains(Errno.EEXIST));
      assertThat(fake.aliases())
          .extracting(IpAlias::address)
          .extracting(a -> a.getHostAddress())
          .containsExactly("192.0.2.20");
    }
  }

  @Test
  void aFailingMountStopsTheStartWithNothingLeft(
      JailHost host, FakeHostSystem fake, FakeJailKernel kernel) {
    fake.failNextMount(Errno.EBUSY);

    assertThatThrownBy(() -> new WebJails(host).start("acme", "192.0.2.20"))
        .isInstanceOf(JailException.class)
        .satisfies(e -> assertThat(((JailException) e).errno()).contains(Errno.EBUSY));
    assertThat(kernel.jails()).isEmpty();
    assertThat(fake.aliases()).isEmpty();
  }
}
