package org.jail4j.rc;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jail4j.JailException;
import org.jspecify.annotations.Nullable;

/**
 * An rc.conf(5) text or edit breaks a rule: a file that {@code /bin/sh} could not source (an
 * unterminated quote), a variable name that is not a shell name, a value with a NUL byte, a line
 * that is not an assignment when parsing strictly, a file that cannot be read or written, or an
 * input past one of the documented limits ({@link #limit()}).
 *
 * <p>The message names the file (when known), the line (when the problem is in the text), the
 * variable (when there is one) and the rule, e.g. {@code jail: rc.conf: /etc/rc.conf:21:
 * ifconfig_e0b_@NAME@: not a valid variable name (a name is [A-Za-z_][A-Za-z0-9_]*)}.
 *
 * <pre>{@code
 * try {
 *   RcConf.parse("sshd_enable=\"YES\n");
 * } catch (RcConfException e) {
 *   System.err.println(e.line().orElse(0) + ": " + e.rule()); // 1: unterminated double quote
 * }
 * }</pre>
 */
public final class RcConfException extends JailException {
  private static final long serialVersionUID = 1L;

  private final @Nullable String source;
  private final int line;
  private final @Nullable String variable;
  private final String rule;
  private final @Nullable String limit;
  private final long limitValue;

  /**
   * An error.
   *
   * @param source the file, when the text came from one
   * @param line the 1-based line the problem starts on, or 0 when it concerns no line
   * @param variable the variable concerned, when there is one
   * @param rule the rule broken, in words
   * @param cause the underlying cause, may be null
   */
  public RcConfException(
      @Nullable String source,
      int line,
      @Nullable String variable,
      String rule,
      @Nullable Throwable cause) {
    super("rc.conf", null, null, null, null, describe(source, line, variable, rule), cause);
    this.source = source;
    this.line = line;
    this.variable = variable;
    this.rule = rule;
    this.limit = null;
    this.limitValue = 0;
  }

  private RcConfException(
      @Nullable String source, int line, String rule, String limit, long limitValue) {
    super("rc.conf", null, null, null, null, describe(source, line, null, rule), null);
    this.source = source;
    this.line = line;
    this.variable = null;
    this.rule = rule;
    this.limit = limit;
    this.limitValue = limitValue;
  }

  static RcConfException overLimit(
      @Nullable String source, int line, String limit, long value, String rule) {
    return new RcConfException(source, line, rule, limit, value);
  }

  static RcConfException overLimit(@Nullable String source, String limit, long value, String rule) {
    return new RcConfException(source, 0, rule, limit, value);
  }

  static RcConfException at(@Nullable String source, int line, String rule) {
    return new RcConfException(source, line, null, rule, null);
  }

  static RcConfException forVariable(String variable, String rule) {
    return new RcConfException(null, 0, variable, rule, null);
  }

  private static String describe(
      @Nullable String source, int line, @Nullable String variable, String rule) {
    StringBuilder sb = new StringBuilder();
    if (source != null) {
      sb.append(source).append(line > 0 ? ":" : ": ");
    }
    if (line > 0) {
      sb.append(line).append(": ");
    }
    if (variable != null) {
      sb.append(variable).append(": ");
    }
    return sb.append(rule).toString();
  }

  /** The file the text came from, when known. */
  public Optional<String> source() {
    return Optional.ofNullable(source);
  }

  /** The 1-based line the problem starts on, when the problem is in the text. */
  public OptionalInt line() {
    return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
  }

  /** The variable concerned, when there is one. */
  public Optional<String> variable() {
    return Optional.ofNullable(variable);
  }

  /**
   * The limit the input went past, when the error is a size or depth limit: the name of its
   * constant, e.g. {@code MAX_FILE_BYTES}.
   */
  public Optional<String> limit() {
    return Optional.ofNullable(limit);
  }

  /** The value of the {@link #limit()} that was in force, when there is one. */
  public OptionalLong limitValue() {
    return limit == null ? OptionalLong.empty() : OptionalLong.of(limitValue);
  }

  /** The rule broken, in words, e.g. {@code unterminated double quote}. */
  public String rule() {
    return rule;
  }
}
