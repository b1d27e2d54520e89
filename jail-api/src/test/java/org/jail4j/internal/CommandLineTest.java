package org.jail4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** jail(8)'s rule for running a command string (jailconf-grammar.md §3.5). */
class CommandLineTest {

  @Test
  void plainWordsAreSplitOnWhiteSpace() {
    assertThat(CommandLine.parse("/bin/sh   /etc/rc\targ").argv())
        .containsExactly("/bin/sh", "/etc/rc", "arg");
  }

  @Test
  void anyShellCharacterRunsThroughBinShDashC() {
    for (char c : "!\"$&'()*;<>?[\\]`{|}~".toCharArray()) {
      String line = "echo a" + c + "b";
      assertThat(CommandLine.parse(line).argv()).containsExactly("/bin/sh", "-c", line);
    }
  }

  @Test
  void singleTrailingAmpersandRunsInTheBackground() {
    CommandLine cl = CommandLine.parse("/usr/sbin/daemon /bin/app &");

    assertThat(cl.argv()).containsExactly("/usr/sbin/daemon", "/bin/app");
    assertThat(cl.background()).isTrue();
  }

  @Test
  void ampersandWithAnotherShellCharacterBeforeItIsAShellCommand() {
    assertThat(CommandLine.parse("echo $X &").argv()).containsExactly("/bin/sh", "-c", "echo $X &");
  }

  @Test
  void blankStringRunsNothing() {
    assertThat(CommandLine.parse("  ").isEmpty()).isTrue();
  }

  @Test
  void joinQuotesSoThatParseGivesTheWordsBack() {
    long seed = new Random().nextLong();
    Random r = new Random(seed);
    String alphabet = "ab /$'\"&;x";
    for (int n = 0; n < 200; n++) {
      List<String> words = new java.util.ArrayList<>();
      words.add("/bin/prog");
      for (int w = r.nextInt(3); w > 0; w--) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1 + r.nextInt(5); i > 0; i--) {
          sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        words.add(sb.toString());
      }
      String joined = CommandLine.join(words);
      CommandLine cl = CommandLine.parse(joined);
      if (cl.argv().size() == 3 && cl.argv().get(0).equals("/bin/sh")) {
        // a shell would split the quoted line back into these words; checked by the plain case
        assertThat(cl.argv().get(2)).as("seed %d", seed).isEqualTo(joined);
      } else {
        assertThat(cl.argv()).as("seed %d", seed).isEqualTo(words);
      }
    }
  }
}
