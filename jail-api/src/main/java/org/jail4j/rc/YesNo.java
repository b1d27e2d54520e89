package org.jail4j.rc;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer of rc.subr's {@code checkyesno} for one variable: {@code yes}, {@code true}, {@code
 * on} and {@code 1} (any case) are {@link State#YES}; {@code no}, {@code false}, {@code off} and
 * {@code 0} are {@link State#NO}; anything else, the empty string and an unset variable are {@link
 * State#NOT_SET_PROPERLY}, which rc.subr treats as false after printing the warning {@link
 * #warning()}.
 *
 * <p>{@code sendmail_enable="NONE"} is such a value: rc.d/sendmail handles {@code NONE} itself
 * before any {@code checkyesno}, so callers that care test the raw value first.
 *
 * <pre>{@code
 * YesNo sshd = rc.checkYesNo("sshd_enable");
 * if (sshd.isYes()) { ... }
 * sshd.warning().ifPresent(System.err::println); // $sshd_enable is not set properly - see rc.conf(5).
 * }</pre>
 *
 * @param variable the variable asked about
 * @param value its value, empty when it is not set
 * @param state what checkyesno makes of it
 */
public record YesNo(String variable, Optional<String> value, State state) {

  /** The three outcomes of {@code checkyesno}. */
  public enum State {
    /** {@code yes}, {@code true}, {@code on} or {@code 1}: checkyesno returns 0. */
    YES,
    /** {@code no}, {@code false}, {@code off} or {@code 0}: checkyesno returns 1 silently. */
    NO,
    /** Anything else, or unset: checkyesno warns and returns 1. */
    NOT_SET_PROPERLY
  }

  /**
   * The record, checked.
   *
   * @param variable the variable asked about
   * @param value its value, empty when it is not set
   * @param state what checkyesno makes of it
   */
  public YesNo {
    Objects.requireNonNull(variable, "variable");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(state, "state");
  }

  /**
   * What {@code checkyesno} answers for a variable with this value.
   *
   * @param variable the variable's name
   * @param value its value, empty when unset
   * @return the answer
   */
  public static YesNo of(String variable, Optional<String> value) {
    State state =
        value
            .map(
                v ->
                    switch (v.toLowerCase(Locale.ROOT)) {
                      case "yes", "true", "on", "1" -> State.YES;
                      case "no", "false", "off", "0" -> State.NO;
                      default -> State.NOT_SET_PROPERLY;
                    })
            .orElse(State.NOT_SET_PROPERLY);
    return new YesNo(variable, value, state);
  }

  /** True when checkyesno returns 0 (the variable is {@code YES}, {@code TRUE}, {@code ON}, 1). */
  public boolean isYes() {
    return state == State.YES;
  }

  /**
   * The warning rc.subr prints for a value that is neither yes nor no, worded as rc.subr words it:
   * {@code $sshd_enable is not set properly - see rc.conf(5).}
   *
   * @return the warning, or empty for a proper yes or no
   */
  public Optional<String> warning() {
    return state == State.NOT_SET_PROPERLY
        ? Optional.of("$" + variable + " is not set properly - see rc.conf(5).")
        : Optional.empty();
  }
}
