/**
 * The jail4j testkit: a fake FreeBSD jail kernel and host that follow FreeBSD's rules on the same
 * bytes, a JUnit 5 extension, and the contract test kit every provider must pass.
 */
module org.jail4j.testkit {
  requires transitive org.jail4j;
  requires static org.immutables.value.annotations;
  requires static org.junit.jupiter.api;

  exports org.jail4j.testkit;
  exports org.jail4j.testkit.contract;
  exports org.jail4j.testkit.junit;
  exports org.jail4j.testkit.transcript;

  // JUnit runs the contract's cases and lifecycle methods from consumers' test classes
  opens org.jail4j.testkit.contract to
      org.junit.platform.commons;

  provides org.jail4j.spi.JailProvider with
      org.jail4j.testkit.FakeJailProvider;
}
