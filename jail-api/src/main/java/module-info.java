/**
 * The jail4j API: jail values, typed parameters, the codec to the kernel's bytes, the jail(8)
 * lifecycle, jail.conf and rc.conf, and the provider SPI. Jail roots are the {@code jail-root}
 * artifact (module {@code org.jail4j.root}).
 *
 * <pre>{@code
 * RunningJail web = Jail.builder().name("web").path("/jail/web").ip4("192.168.1.4").persist(true).start();
 * }</pre>
 */
module org.jail4j {
  requires static org.immutables.value.annotations;
  requires transitive org.jspecify;

  exports org.jail4j;
  exports org.jail4j.spi;
  exports org.jail4j.spi.support;
  exports org.jail4j.param;
  exports org.jail4j.jls;
  exports org.jail4j.conf;
  exports org.jail4j.rc;
  // the output drain the roots module runs host commands through, and the host path text FreeBSD
  // sees (HostPaths) that roots, OCI bundles and the fake's PathCheck share; not API
  exports org.jail4j.internal to
      org.jail4j.root,
      org.jail4j.oci,
      org.jail4j.testkit;

  // the testkit's RawRequests reaches the test-only JailRequest.putRaw and JailParam.kernelParam
  opens org.jail4j.param to
      org.jail4j.testkit;

  uses org.jail4j.spi.JailProvider;
}
