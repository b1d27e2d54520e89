package org.jail4j.rc;

import java.util.Objects;

/**
 * One assignment statement of an rc.conf file, as written: several may assign the same variable
 * (the last one wins when the file is sourced).
 *
 * <pre>{@code
 * for (RcAssignment a : rc.assignments()) {
 *   System.out.println(a.line() + ": " + a.name() + " = " + a.value() + " (" + a.quoting() + ")");
 * }
 * }</pre>
 *
 * @param name the variable name
 * @param value the value with quotes and backslashes removed and {@code $} references left as text
 * @param quoting how the value is quoted in the file
 * @param line the 1-based line the statement starts on
 */
public record RcAssignment(String name, String value, QuoteStyle quoting, int line) {

  /**
   * The record, checked.
   *
   * @param name the variable name
   * @param value the value
   * @param quoting how it is quoted
   * @param line its line
   */
  public RcAssignment {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(quoting, "quoting");
  }
}
