package org.jail4j.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How jail(8) turns one {@code exec.*} / {@code command} string into an argv (jailconf-grammar.md
 * §3.5): a string holding any of {@code ! " $ & ' ( ) * ; < > ? [ \ ] ` { | } ~} runs as {@code
 * /bin/sh -c STRING}; otherwise it is split on white space and exec'd directly, and a single
 * trailing {@code &} runs it in the background.
 *
 * <pre>{@code
 * CommandLine.parse("/bin/sh /etc/rc").argv();   // [/bin/sh, /etc/rc]
 * CommandLine.parse("echo $JID").argv();         // [/bin/sh, -c, echo $JID]
 * CommandLine.parse("/usr/sbin/daemon x &").background(); // true
 * }</pre>
 *
 * @param argv the program and its arguments; empty for a blank string (nothing to run)
 * @param background true when the command is started and not waited for
 */
public record CommandLine(List<String> argv, boolean background) {

  private static final String SHELL_CHARS = "!\"$&'()*;<>?[\\]`{|}~";

  /** Copies the argv. */
  public CommandLine {
    argv = List.copyOf(argv);
  }

  /**
   * Applies jail(8)'s rule to one command string.
   *
   * @param line the command string from {@code exec.start} and friends
   * @return the argv to run
   */
  public static CommandLine parse(String line) {
    Objects.requireNonNull(line, "line");
    int special = -1;
    for (int i = 0; i < line.length(); i++) {
      if (SHELL_CHARS.indexOf(line.charAt(i)) >= 0) {
        special = i;
        break;
      }
    }
    boolean trailingAmpersand = special >= 0 && special == line.length() - 1 && line.endsWith("&");
    if (special >= 0 && !trailingAmpersand) {
      return new CommandLine(List.of("/bin/sh", "-c", line), false);
    }
    String rest = trailingAmpersand ? line.substring(0, special) : line;
    List<String> words = new ArrayList<>();
    for (String w : rest.split("[ \\t\\f\\u000B\\r\\n]+", -1)) {
      if (!w.isEmpty()) {
        words.add(w);
      }
    }
    return new CommandLine(words, trailingAmpersand);
  }

  /** True when there is nothing to run. */
  public boolean isEmpty() {
    return argv.isEmpty();
  }

  /**
   * Quotes words for {@code /bin/sh} so that joining them with spaces and applying {@link #parse}
   * gives the same argv back.
   *
   * @param words the argv
   * @return one command string
   */
  public static String join(List<String> words) {
    StringBuilder sb = new StringBuilder();
    for (String w : words) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      boolean plain = !w.isEmpty();
      for (int i = 0; i < w.length() && plain; i++) {
        char c = w.charAt(i);
        plain = SHELL_CHARS.indexOf(c) < 0 && !Character.isWhitespace(c);
      }
      sb.append(plain ? w : "'" + w.replace("'", "'\\''") + "'");
    }
    return sb.toString();
  }
}
