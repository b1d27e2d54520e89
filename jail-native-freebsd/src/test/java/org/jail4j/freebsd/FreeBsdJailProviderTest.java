package org.jail4j.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ServiceLoader;
import jnr.ffi.Runtime;
import org.jail4j.FreeBsdVersion;
import org.jail4j.JailHost;
import org.jail4j.UnsupportedHostException;
import org.jail4j.freebsd.internal.EmulatedLibc;
import org.jail4j.freebsd.internal.LibcBinding;
import org.jail4j.freebsd.internal.ScriptedKernel;
import org.jail4j.spi.JailProvider;
import org.jail4j.spi.ProviderSupport;
import org.junit.jupiter.api.Test;

/** Host detection and lazy native loading. */
class FreeBsdJailProviderTest {

  private static LibcBinding mustNotLoad() {
    throw new AssertionError("libc must not be loaded off FreeBSD");
  }

  @Test
  void itIsNamedFreebsdWithPriorityHundred() {
    FreeBsdJailProvider p = new FreeBsdJailProvider();

    assertThat(p.name()).isEqualTo("freebsd");
    assertThat(p.priority()).isEqualTo(100);
  }

  @Test
  void offFreeBsdItDeclinesWithTheReasonAndLoadsNothing() {
    FreeBsdJailProvider p = new FreeBsdJailProvider("Linux", FreeBsdJailProviderTest::mustNotLoad);

    ProviderSupport s = p.support();

    assertThat(s.supported()).isFalse();
    assertThat(s.reason()).contains("not FreeBSD").contains("Linux");
    assertThat(p.nativeLoaded()).isFalse();
  }

  @Test
  void offFreeBsdTheKernelIsAnUnsupportedHost() {
    FreeBsdJailProvider p =
        new FreeBsdJailProvider("Mac OS X", FreeBsdJailProviderTest::mustNotLoad);

    assertThatThrownBy(p::kernel)
        .isInstanceOf(UnsupportedHostException.class)
        .hasMessageContaining("Mac OS X");
    assertThat(p.nativeLoaded()).isFalse();
  }

  @Test
  void onFreeBsdALoadFailureIsANoWithTheCause() {
    FreeBsdJailProvider p =
        new FreeBsdJailProvider(
            "FreeBSD",
            () -> {
              throw new UnsatisfiedLinkError("could not locate stub library");
            });

    ProviderSupport s = p.support();

    assertThat(s.supported()).isFalse();
    assertThat(s.reason()).contains("jnr-ffi").contains("could not locate stub library");
  }

  @Test
  void onFreeBsdItSaysYesWithTheRunningVersion() {
    ScriptedKernel kernel = new ScriptedKernel();
    kernel.version = FreeBsdVersion.V15;
    FreeBsdJailProvider p =
        new FreeBsdJailProvider(
            "FreeBSD", () -> new EmulatedLibc(kernel, Runtime.getSystemRuntime()).binding());

    ProviderSupport s = p.support();

    assertThat(s.supported()).isTrue();
    assertThat(s.reason())
        .isEqualTo(
            "FreeBSD 15.3-RELEASE (kern.osreldate 1503000, FreeBSD 15 behaviour, jail descriptors)");
    assertThat(p.nativeLoaded()).isTrue();
  }

  @Test
  void serviceLoaderFindsIt() {
    assertThat(ServiceLoader.load(JailProvider.class).stream().map(ServiceLoader.Provider::type))
        .contains(FreeBsdJailProvider.class);
  }

  @Test
  void theDefaultConstructorDeclinesOnThisHostUnlessItIsFreeBsd() {
    boolean freebsd =
        System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).startsWith("freebsd");
    FreeBsdJailProvider p = new FreeBsdJailProvider();

    assertThat(p.support().supported()).isEqualTo(freebsd);
    if (!freebsd) {
      assertThat(p.nativeLoaded()).isFalse();
      assertThatThrownBy(JailHost::local)
          .isInstanceOf(UnsupportedHostException.class)
          .hasMessageContaining("freebsd");
    }
  }
}
