package org.jail4j.param;

import java.util.Locale;
import java.util.Optional;

/**
 * The three values of a "jailsys" parameter ({@code host}, {@code ip4}, {@code ip6}, {@code vnet},
 * {@code sysvmsg}, {@code linux}, ...), sent to the kernel as a 4-byte int (freebsd-jail-abi.md
 * §1.2).
 *
 * <pre>{@code
 * Jail.builder().name("db").param(JailParam.SYSVSHM, JailSys.NEW).persist(true).build();
 * }</pre>
 */
public enum JailSys {
  /**
   * {@code disable} (0): the feature is off in the jail. Not valid for {@code host} or {@code
   * vnet}.
   */
  DISABLE(0),
  /** {@code new} (1): the jail gets its own instance. */
  NEW(1),
  /** {@code inherit} (2): the jail shares its parent's instance. */
  INHERIT(2);

  private final int value;

  JailSys(int value) {
    this.value = value;
  }

  /** The int the kernel uses ({@code JAIL_SYS_*}). */
  public int value() {
    return value;
  }

  /** The word jail(8) and jls(8) use: {@code disable}, {@code new} or {@code inherit}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The value for a kernel int.
   *
   * @param value 0, 1 or 2
   * @return the jailsys value, or empty for any other int
   */
  public static Optional<JailSys> fromValue(int value) {
    for (JailSys j : values()) {
      if (j.value == value) {
        return Optional.of(j);
      }
    }
    return Optional.empty();
  }

  /**
   * The value for a word as libjail imports it: {@code disable}, {@code new}, {@code inherit} (any
   * case) or their ints; the empty string means {@code new}.
   *
   * @param word the text
   * @return the jailsys value, or empty when the text is none of those
   */
  public static Optional<JailSys> fromWord(String word) {
    String w = word.trim().toLowerCase(Locale.ROOT);
    if (w.isEmpty()) {
      return Optional.of(NEW);
    }
    for (JailSys j : values()) {
      if (j.word().equals(w) || Integer.toString(j.value).equals(w)) {
        return Optional.of(j);
      }
    }
    return Optional.empty();
  }
}
