package org.jail4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import org.jail4j.spi.JailProvider;
import org.jail4j.spi.ProviderSupport;
import org.junit.jupiter.api.Test;

/**
 * {@link JailHost#local()} discovery: providers registered by the tests in their own {@code
 * META-INF/services} files, priority order, the {@code jail4j.provider} override, and the "no
 * provider" report.
 */
class JailHostDiscoveryTest {

  /** A class loader that sees the services file under this test-resource folder. */
  private static ClassLoader providersIn(String folder) {
    URL root =
        JailHostDiscoveryTest.class.getClassLoader().getResource("org/jail4j/" + folder + "/");
    assertThat(root).as("test resource folder " + folder).isNotNull();
    return new URLClassLoader(new URL[] {root}, JailHostDiscoveryTest.class.getClassLoader());
  }

  @Test
  void theSupportedProviderWithTheHighestPriorityWins() {
    JailHost host = JailHost.local(providersIn("providers"), null);

    assertThat(host.provider().name()).isEqualTo("high");
    assertThat(host.toString()).isEqualTo("JailHost[high]");
  }

  @Test
  void aDecliningProviderIsSkippedWhateverItsPriority() {
    JailHost host = JailHost.local(providersIn("providers"), null);

    assertThat(host.provider()).isNotInstanceOf(TestProviders.Declining.class);
  }

  @Test
  void thePropertyNamesAProviderByName() {
    JailHost host = JailHost.local(providersIn("providers"), "low");

    assertThat(host.provider()).isInstanceOf(TestProviders.SupportedLow.class);
  }

  @Test
  void thePropertyNamesAProviderByClassName() {
    JailHost host =
        JailHost.local(providersIn("providers"), TestProviders.SupportedLow.class.getName());

    assertThat(host.provider().name()).isEqualTo("low");
  }

  @Test
  void thePropertySelectsEvenAProviderThatDeclines() {
    JailHost host = JailHost.local(providersIn("providers"), "declining");

    assertThat(host.provider().name()).isEqualTo("declining");
  }

  @Test
  void aPropertyNamingNoProviderListsTheProvidersFound() {
    assertThatThrownBy(() -> JailHost.local(providersIn("providers"), "native"))
        .isInstanceOf(UnsupportedHostException.class)
        .hasMessageContaining(
            "the system property jail4j.provider=native names no provider on the class path;"
                + " providers found:")
        .hasMessageContaining("- high (org.jail4j.TestProviders$SupportedHigh, priority 100)");
  }

  @Test
  void whenNoProviderFitsTheMessageNamesEachOneWhyAndTheModuleToAdd() {
    String os = System.getProperty("os.name");

    assertThatThrownBy(() -> JailHost.local(providersIn("declining-only"), null))
        .isInstanceOf(UnsupportedHostException.class)
        .hasMessage(
            "jail: JailHost.local: no jail provider supports this host (os.name="
                + os
                + "); providers found:\n"
                + "  - declining (org.jail4j.TestProviders$Declining, priority 200): declined,"
                + " not FreeBSD (os.name is Linux)\n"
                + "  - failing (org.jail4j.TestProviders$Failing, priority 50): declined,"
                + " support check failed: java.lang.IllegalStateException: native library"
                + " missing\n"
                + "To run jails on FreeBSD, add org.jail4j:jail-native-freebsd (module"
                + " org.jail4j.freebsd). To test anywhere, add org.jail4j:jail-testkit (module"
                + " org.jail4j.testkit) and select its fake with -Djail4j.provider=fake or"
                + " JailHost.using(new FakeJailProvider()).");
  }

  /** A provider that declines under the given name, as jail4j's own modules name theirs. */
  private static JailProvider declining(String name) {
    return new TestProviders.Base() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public int priority() {
        return 0;
      }

      @Override
      public ProviderSupport support() {
        return ProviderSupport.no(name + " declines here");
      }
    };
  }

  @Test
  void theAdviceDoesNotAskToAddTheTestkitWhenItsFakeIsListedAsDeclined() {
    assertThatThrownBy(() -> JailHost.select(List.of(declining("fake")), null))
        .isInstanceOf(UnsupportedHostException.class)
        .hasMessageContaining(": declined, fake declines here\n")
        .hasMessageEndingWith(
            "To run jails on FreeBSD, add org.jail4j:jail-native-freebsd (module"
                + " org.jail4j.freebsd). To test anywhere, select the fake (it is on the class"
                + " path) with -Djail4j.provider=fake or JailHost.using(new FakeJailProvider()).")
        .message()
        .doesNotContain("jail-testkit");
  }

  @Test
  void theAdviceDoesNotAskToAddTheNativeModuleWhenItIsListedAsDeclined() {
    assertThatThrownBy(
            () -> JailHost.select(List.of(declining("freebsd"), declining("fake")), null))
        .isInstanceOf(UnsupportedHostException.class)
        .hasMessageContaining("freebsd declines here")
        .hasMessageEndingWith(
            "fake declines here\nTo test anywhere, select the fake (it is on the class path)"
                + " with -Djail4j.provider=fake or JailHost.using(new FakeJailProvider()).")
        .message()
        .doesNotContain("add org.jail4j");
  }

  @Test
  void withOnlyJailApiOnTheClassPathLocalSaysNoProviderWasFound() {
    String saved = System.getProperty(JailHost.PROVIDER_PROPERTY);
    System.clearProperty(JailHost.PROVIDER_PROPERTY);
    try {
      assertThatThrownBy(JailHost::local)
          .isInstanceOf(UnsupportedHostException.class)
          .hasMessageContaining("no jail provider supports this host")
          .hasMessageContaining("providers found: none")
          .hasMessageContaining("org.jail4j:jail-native-freebsd");
    } finally {
      if (saved != null) {
        System.setProperty(JailHost.PROVIDER_PROPERTY, saved);
      }
    }
  }

  @Test
  void usingTakesAProviderWhateverItsAnswer() {
    JailProvider declining = new TestProviders.Declining();

    assertThat(JailHost.using(declining).provider()).isSameAs(declining);
  }

  @Test
  void equalPrioritiesKeepTheServiceLoaderOrder() {
    JailProvider a = new TestProviders.SupportedLow();
    JailProvider b = new TestProviders.SupportedLow();

    assertThat(JailHost.select(List.of(a, b), null).provider()).isSameAs(a);
  }

  @Test
  void aBrokenRegistrationIsOneMoreDeclinedLine() {
    // the services file names a missing class, a working provider and a class of the wrong type
    JailHost host = JailHost.local(providersIn("broken-providers"), null);

    assertThat(host.provider()).isInstanceOf(TestProviders.SupportedLow.class);
  }

  @Test
  void brokenRegistrationsAreNamedWhenNothingElseSupportsTheHost() {
    ClassLoader loader = providersIn("broken-providers");

    assertThatThrownBy(() -> JailHost.local(loader, "nosuch"))
        .isInstanceOf(UnsupportedHostException.class)
        .hasMessageContaining("unloadable provider registration: declined")
        .hasMessageContaining("org.jail4j.NoSuchProvider")
        .hasMessageContaining("org.jail4j.TestProviders");
  }
}
