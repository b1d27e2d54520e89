/**
 * The test module: the application's module again, open (JUnit reads the test classes
 * reflectively), with the testkit, JUnit and AssertJ added. Its name is the application's, so the
 * tests see the application's package as their own.
 */
// snippet testkit-module-info spotless:off
open module org.example.webjail {
  requires org.jail4j;
  requires org.jail4j.testkit;
  requires org.junit.jupiter.api;
  requires org.assertj.core; // what your tests use besides

  exports org.example.webjail;
}
// end snippet spotless:on
