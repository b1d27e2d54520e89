/**
 * jail4j OCI: a {@link org.jail4j.Jail} as an Open Container Initiative runtime configuration
 * ({@code config.json}, runtime-spec 1.3, FreeBSD platform), read back from one, and checked
 * against the specification's JSON schemas; images pulled from an OCI registry into an image layout
 * ({@code org.jail4j.oci.registry}).
 *
 * <pre>{@code
 * String json = OciConfig.fromJail(Jail.builder().name("web").path("/jail/web").build()).toJson();
 * Jail back = OciConfig.parse(json).jail();
 * RegistryClient.builder(URI.create("https://registry.example.org")).build()
 *     .pull("freebsd/base", "14.3", Path.of("/var/oci/base"));
 * }</pre>
 */
module org.jail4j.oci {
  requires transitive org.jail4j;
  // for javadoc: Jail carries Immutables style annotations
  requires static org.immutables.value.annotations;
  requires com.fasterxml.jackson.databind;
  requires com.networknt.schema;
  requires java.net.http;
  requires transitive org.jail4j.root;
  requires com.github.luben.zstd_jni;

  exports org.jail4j.oci;
  exports org.jail4j.oci.registry;
}
