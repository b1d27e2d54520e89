/**
 * jail4j roots: jail root trees from FreeBSD distribution sets or a source tree, thin roots over
 * nullfs, ZFS clones, and first-start files, all written without escaping the root.
 *
 * <pre>{@code
 * RootReport r = RootBuilder.into(Path.of("/jail/web")).sets(DistributionSets.inDirectory(dist), "base").populate();
 * }</pre>
 */
module org.jail4j.root {
  requires transitive org.jail4j;
  requires static org.immutables.value.annotations;
  requires transitive org.jspecify;
  requires transitive java.net.http;
  requires org.apache.commons.compress;
  requires org.tukaani.xz;

  exports org.jail4j.root;
  // jail-oci applies image layers with the same extraction, limits and whiteout rules
  exports org.jail4j.root.internal to
      org.jail4j.oci;
}
