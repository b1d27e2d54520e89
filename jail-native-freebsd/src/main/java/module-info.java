/**
 * The native FreeBSD provider: jnr-ffi bindings to the jail system calls, sysctl type discovery,
 * mounts and jexec.
 */
module org.jail4j.freebsd {
  requires transitive org.jail4j;
  requires org.jnrproject.ffi;
  requires org.jnrproject.constants;

  exports org.jail4j.freebsd;

  provides org.jail4j.spi.JailProvider with
      org.jail4j.freebsd.FreeBsdJailProvider;
}
