/** Runnable jail4j programs, including the tour of the whole library. */
module org.jail4j.examples {
  requires org.jail4j;
  requires org.jail4j.root;
  requires org.jail4j.oci;
  requires org.apache.commons.compress;
  requires org.jail4j.testkit;
  requires static org.immutables.value.annotations;
}
