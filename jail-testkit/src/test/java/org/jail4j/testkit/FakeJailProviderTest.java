package org.jail4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ServiceLoader;
import org.jail4j.JailHost;
import org.jail4j.UnsupportedHostException;
import org.jail4j.spi.JailProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

class FakeJailProviderTest {

  @Test
  void declinesWithTheReasonThatSaysHowToSelectIt() {
    FakeJailProvider fake = new FakeJailProvider();

    assertThat(fake.support().supported()).isFalse();
    assertThat(fake.support().reason())
        .isEqualTo(
            "a test double: select it with -Djail4j.provider=fake or"
                + " JailHost.using(new FakeJailProvider())");
  }

  @Test
  void isNamedFakeWithPriorityZero() {
    FakeJailProvider fake = new FakeJailProvider();

    assertThat(fake.name()).isEqualTo("fake");
    assertThat(fake.priority()).isZero();
  }

  @Test
  void gettersReturnTheFakesItWasGiven() {
    FakeJailKernel kernel = FakeJailKernel.create();
    FakeHostSystem host = new FakeHostSystem(kernel);
    FakeJailProvider fake = new FakeJailProvider(kernel, host);

    assertThat(fake.fakeKernel()).isSameAs(kernel).isSameAs(fake.kernel());
    assertThat(fake.fakeHost()).isSameAs(host).isSameAs(fake.hostSystem());
  }

  @Test
  void refusesAHostOfAnotherKernel() {
    FakeHostSystem host = new FakeHostSystem(FakeJailKernel.create());

    assertThatThrownBy(() -> new FakeJailProvider(FakeJailKernel.create(), host))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("another FakeJailKernel");
  }

  @Test
  void isRegisteredForServiceLoader() {
    assertThat(ServiceLoader.load(JailProvider.class).stream().map(p -> p.type().getName()))
        .contains(FakeJailProvider.class.getName());
  }

  @Test
  void jailHostUsingTakesTheFake() {
    FakeJailProvider fake = new FakeJailProvider();

    assertThat(JailHost.using(fake).kernel()).isSameAs(fake.fakeKernel());
  }

  @Test
  @ResourceLock("system-property:jail4j.provider")
  void localDoesNotPickTheFakeUnasked() {
    String old = System.clearProperty(JailHost.PROVIDER_PROPERTY);
    try {
      assertThatThrownBy(JailHost::local)
          .isInstanceOf(UnsupportedHostException.class)
          .hasMessageContaining("fake (" + FakeJailProvider.class.getName())
          .hasMessageContaining("a test double");
    } finally {
      restore(old);
    }
  }

  @Test
  @ResourceLock("system-property:jail4j.provider")
  void providerPropertySelectsTheFake() {
    String old = System.setProperty(JailHost.PROVIDER_PROPERTY, "fake");
    try {
      assertThat(JailHost.local().provider()).isInstanceOf(FakeJailProvider.class);
    } finally {
      restore(old);
    }
  }

  private static void restore(@org.jspecify.annotations.Nullable String old) {
    if (old == null) {
      System.clearProperty(JailHost.PROVIDER_PROPERTY);
    } else {
      System.setProperty(JailHost.PROVIDER_PROPERTY, old);
    }
  }
}
