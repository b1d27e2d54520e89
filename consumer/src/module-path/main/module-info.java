/** The application's module: it uses the jail4j API only. */
module org.example.webjail {
  requires org.jail4j;

  exports org.example.webjail;
}
