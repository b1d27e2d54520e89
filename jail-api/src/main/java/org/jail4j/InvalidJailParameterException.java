package org.jail4j;

import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A parameter value is not acceptable: refused by the kernel ({@code EINVAL}, {@code ENAMETOOLONG})
 * or, before any system call, by jail4j's own checks when a value is built.
 *
 * <p>A builder with several problems reports all of them in one exception; {@link #violations()}
 * lists each with the field and the rule it breaks.
 *
 * <pre>{@code
 * try {
 *   Jail.builder().name("a..b").path("jail/web").build();
 * } catch (InvalidJailParameterException e) {
 *   e.violations().forEach(v -> System.err.println(v.field() + ": " + v.rule()));
 * }
 * }</pre>
 */
public class InvalidJailParameterException extends JailException {
  private static final long serialVersionUID = 1L;

  /**
   * One problem with one field.
   *
   * @param field the parameter or setting, as jail(8) names it (e.g. {@code ip4.addr})
   * @param rule the rule it breaks, in words
   */
  public record Violation(String field, String rule) {
    @Override
    public String toString() {
      return field + ": " + rule;
    }
  }

  private final List<Violation> violations;

  /**
   * An error reported by a system call.
   *
   * @param operation the system call or step
   * @param jid the jail's JID when known
   * @param jailName the jail's name when known
   * @param errno the errno reported
   * @param kernelMessage the kernel's errmsg, may be null
   */
  public InvalidJailParameterException(
      String operation,
      @Nullable Integer jid,
      @Nullable String jailName,
      @Nullable Errno errno,
      @Nullable String kernelMessage) {
    super(operation, jid, jailName, errno, kernelMessage, null, null);
    this.violations = List.of();
  }

  /**
   * Problems found by jail4j itself, before any system call.
   *
   * @param operation what was being done, e.g. {@code build}
   * @param jailName the jail's name when known
   * @param violations every problem found; at least one
   */
  public InvalidJailParameterException(
      String operation, @Nullable String jailName, List<Violation> violations) {
    super(operation, null, jailName, null, null, describe(violations), null);
    this.violations = List.copyOf(violations);
  }

  /**
   * A single problem found by jail4j itself.
   *
   * @param operation what was being done
   * @param jailName the jail's name when known
   * @param field the parameter or setting
   * @param rule the rule it breaks
   */
  public InvalidJailParameterException(
      String operation, @Nullable String jailName, String field, String rule) {
    this(operation, jailName, List.of(new Violation(field, rule)));
  }

  private static String describe(List<Violation> violations) {
    if (violations.size() == 1) {
      return violations.get(0).toString();
    }
    return violations.size()
        + " problems: "
        + violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
  }

  /**
   * The rules broken, without the operation and jail prefix of {@link #getMessage()}: the
   * violations joined by {@code "; "}, or the kernel's text.
   *
   * @return the text, for wrapping in another error about the same field
   */
  public String ruleText() {
    if (!violations.isEmpty()) {
      return violations.stream().map(Violation::rule).collect(Collectors.joining("; "));
    }
    return kernelMessage().orElse(String.valueOf(getMessage()));
  }

  /** Every problem found before any system call; empty when the kernel refused the value. */
  public List<Violation> violations() {
    return violations;
  }
}
