package org.jail4j.conf.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** glob(3) as {@code .include} uses it. */
class GlobTest {

  @TempDir Path dir;

  private String expand(String pattern) {
    return String.join(" ", Glob.expand(pattern, p -> dir.resolve(p)));
  }

  private void touch(String... names) throws IOException {
    for (String n : names) {
      Path p = dir.resolve(n);
      Files.createDirectories(p.getParent());
      Files.writeString(p, "");
    }
  }

  @Test
  void magicNeedsAStarAQuestionMarkOrAClosedBracket() {
    assertThat(Glob.isMagic("a/*.conf")).isTrue();
    assertThat(Glob.isMagic("a?.conf")).isTrue();
    assertThat(Glob.isMagic("jail[.]conf")).isTrue();
    assertThat(Glob.isMagic("jail[.conf")).isFalse();
    assertThat(Glob.isMagic("a\\*b")).isFalse();
    assertThat(Glob.isMagic("/etc/jail.conf")).isFalse();
  }

  @Test
  void starAndQuestionMarkMatchWithinAComponentSorted() throws IOException {
    touch("d/b.conf", "d/a.conf", "d/ab.conf", "d/x.txt", "d/.h.conf", "e/a.conf");
    assertThat(expand("d/*.conf")).isEqualTo("d/a.conf d/ab.conf d/b.conf");
    assertThat(expand("d/?.conf")).isEqualTo("d/a.conf d/b.conf");
    assertThat(expand("*/a.conf")).isEqualTo("d/a.conf e/a.conf");
  }

  @Test
  void bracketSetsAndNegation() throws IOException {
    touch("a1", "a2", "a3");
    assertThat(expand("a[12]")).isEqualTo("a1 a2");
    assertThat(expand("a[!12]")).isEqualTo("a3");
    assertThat(expand("a[1-2]")).isEqualTo("a1 a2");
  }

  @Test
  void leadingDotMustBeMatchedExplicitly() throws IOException {
    touch(".hidden.conf", "shown.conf");
    assertThat(expand("*.conf")).isEqualTo("shown.conf");
    assertThat(expand(".*.conf")).isEqualTo(".hidden.conf");
  }

  @Test
  void noMatchIsEmpty() {
    assertThat(Glob.expand("none/*.conf", p -> dir.resolve(p))).isEmpty();
  }
}
