/**
 * jail4j OCI: a {@link org.jail4j.Jail} as an Open Container Initiative runtime configuration
 * ({@code config.json}, runtime-spec 1.3, FreeBSD platform), read back from one, and checked
 * against the specification's JSON schemas.
 *
 * <pre>{@code
 * String json = OciConfig.fromJail(Jail.builder().name("web").path("/jail/web").build()).toJson();
 * Jail back = OciConfig.parse(json).jail();
 * }</pre>
 */
module org.jail4j.oci {
  requires transitive org.jail4j;
  // for javadoc: Jail carries Immutables style annotations
  requires static org.immutables.value.annotations;
  requires com.fasterxml.jackson.databind;
  requires com.networknt.schema;
  requires transitive org.jail4j.root;
  requires com.github.luben.zstd_jni;

  exports org.jail4j.oci;
}
