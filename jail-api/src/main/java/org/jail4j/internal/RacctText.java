package org.jail4j.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The text {@code rctl_get_racct(2)} returns: {@code resource=value} pairs separated by commas,
 * e.g. {@code cputime=0,datasize=12288,...,pcpu=0}.
 *
 * <pre>{@code
 * RacctText.parse("maxproc=3,memoryuse=1048576"); // {maxproc=3, memoryuse=1048576}
 * }</pre>
 */
public final class RacctText {
  private RacctText() {}

  /**
   * Parses the figures, in the order given.
   *
   * @param text the kernel's answer
   * @return resource name to amount
   * @throws IllegalArgumentException for a pair that is not {@code name=integer}
   */
  public static Map<String, Long> parse(String text) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (String pair : text.strip().split(",", -1)) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("racct: not resource=value: \"" + pair + "\"");
      }
      String value = pair.substring(eq + 1).strip();
      try {
        out.put(pair.substring(0, eq).strip(), Long.parseLong(value));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("racct: not an integer: \"" + pair + "\"", e);
      }
    }
    return out;
  }
}
