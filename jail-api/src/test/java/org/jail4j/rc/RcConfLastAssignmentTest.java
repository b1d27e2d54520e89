package org.jail4j.rc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@code get} and {@code set} find a variable's last assignment through an index, not a scan of the
 * file; seeded runs of edits show the answers are what the file's text says: after every step, each
 * variable reads the same from the document as from its re-parsed text, and as the model of "last
 * assignment wins".
 */
class RcConfLastAssignmentTest {

  @Test
  void editsOnAFileWithRepeatedAssignmentsReadAsTheirTextSays() {
    for (long seed = 1; seed <= 30; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      StringBuilder text = new StringBuilder("# header\n");
      Map<String, String> model = new HashMap<>();
      for (int i = 0; i < 40; i++) {
        String name = "v" + r.nextInt(12);
        String value = "x" + i;
        text.append(name).append("=\"").append(value).append("\"\n");
        if (r.nextInt(4) == 0) {
          text.append("# comment ").append(i).append('\n');
        }
        model.put(name, value);
      }
      RcConf rc = RcConf.parse(text.toString());
      for (int step = 0; step < 200; step++) {
        String name = "v" + r.nextInt(16);
        switch (r.nextInt(4)) {
          case 0, 1 -> {
            String value = "s" + step;
            rc.set(name, value);
            model.put(name, value);
          }
          case 2 -> {
            assertThat(rc.remove(name)).isEqualTo(model.remove(name) != null);
          }
          default ->
              assertThat(rc.get(name)).isEqualTo(java.util.Optional.ofNullable(model.get(name)));
        }
        RcConf reparsed = RcConf.parse(rc.toString());
        for (int v = 0; v < 16; v++) {
          String n = "v" + v;
          assertThat(rc.get(n)).as("seed %d step %d %s", seed, step, n).isEqualTo(reparsed.get(n));
          assertThat(rc.get(n)).isEqualTo(java.util.Optional.ofNullable(model.get(n)));
        }
      }
    }
  }

  @Test
  void aSetAfterARemoveAppendsAndIsFoundAgain() {
    RcConf rc = RcConf.parse("a=1\nb=2\na=3\nc=4\n");
    assertThat(rc.get("a")).hasValue("3");
    rc.set("a", "5");
    assertThat(rc.toString()).isEqualTo("a=1\nb=2\na=5\nc=4\n");
    assertThat(rc.remove("b")).isTrue();
    rc.set("c", "6");
    rc.set("d", "7");
    rc.set("d", "8");
    assertThat(rc.toString()).isEqualTo("a=1\na=5\nc=6\nd=\"8\"\n");
  }
}
