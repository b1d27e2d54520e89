package org.example.webjail;

import static org.assertj.core.api.Assertions.assertThat;

import org.jail4j.Jail;
import org.jail4j.testkit.junit.FakeJails;
import org.junit.jupiter.api.Test;

// The build asked for one path mode (consumer.pathMode) and JUnit version (consumer.junitVersion):
// this checks the test JVM really runs that way, so a build that quietly fell back to the class
// path, or picked up another JUnit, fails here.
class PathModeTest {
  @Test
  void theTestsRunInThePathModeTheBuildAskedFor() {
    String mode = System.getProperty("consumer.pathMode", "");
    assertThat(mode).isIn("class-path", "module-path");
    if (mode.equals("module-path")) {
      assertThat(PathModeTest.class.getModule().getName()).isEqualTo("org.example.webjail");
      assertThat(Jail.class.getModule().getName()).isEqualTo("org.jail4j");
      assertThat(FakeJails.class.getModule().getName()).isEqualTo("org.jail4j.testkit");
      assertThat(Test.class.getModule().getName()).isEqualTo("org.junit.jupiter.api");
    } else {
      assertThat(PathModeTest.class.getModule().isNamed()).isFalse();
      assertThat(Jail.class.getModule().isNamed()).isFalse();
      assertThat(FakeJails.class.getModule().isNamed()).isFalse();
      assertThat(Test.class.getModule().isNamed()).isFalse();
    }
  }

  @Test
  void theJUnitOnTheTestPathIsTheOneTheBuildAskedFor() {
    String expected = System.getProperty("consumer.junitVersion", "");
    assertThat(expected).isNotEmpty();
    // the jar's name: a named module's packages carry no manifest version
    String jar = Test.class.getProtectionDomain().getCodeSource().getLocation().getPath();
    assertThat(jar).endsWith("/junit-jupiter-api-" + expected + ".jar");
  }
}
