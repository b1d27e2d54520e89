package org.jail4j;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A parameter value is not acceptable: refused by the kernel ({@code EINVAL}, {@code ENAMETOOLONG})
 * or, before any system call, by jail4j's own checks when a value is built. A check that stands in
 * for a kernel rule (a numeric name, a create-only parameter in an update, ...) gives the kernel's
 * errno and errmsg, so {@link #errno()} is the same whether jail4j or the kernel refused.
 *
 * <p>A builder with several problems reports all of them in one exception, in the order their
 * fields were first set; {@link #violations()} lists each with the field and the rule it breaks.
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
   * <pre>{@code
   * Violation v = Violation.ofKernel(
   *     "name", Errno.EINVAL, "name cannot be numeric (unless it is the jid)", "\"007\" has leading zeros");
   * v.rule(); // name cannot be numeric (unless it is the jid): "007" has leading zeros
   * }</pre>
   *
   * @param field the parameter or setting, as jail(8) names it (e.g. {@code ip4.addr})
   * @param rule the rule it breaks, in words; for a kernel rule the kernel's errmsg first
   * @param errno the errno the kernel gives for this rule, empty for jail4j's own rules
   * @param kernelMessage the errmsg the kernel writes for this rule, empty when it writes none or
   *     the rule is jail4j's own
   */
  public record Violation(
      String field, String rule, Optional<Errno> errno, Optional<String> kernelMessage) {

    /** Validates the record. */
    public Violation {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(errno, "errno");
      Objects.requireNonNull(kernelMessage, "kernelMessage");
    }

    /**
     * A rule of jail4j's own, with no kernel errno.
     *
     * @param field the parameter or setting
     * @param rule the rule it breaks
     */
    public Violation(String field, String rule) {
      this(field, rule, Optional.empty(), Optional.empty());
    }

    /**
     * A kernel rule checked before the kernel: the kernel's errno and errmsg, then jail4j's
     * explanation when there is one.
     *
     * @param field the parameter
     * @param errno the errno the kernel gives
     * @param kernelMessage the kernel's errmsg, or empty when it writes none
     * @param explanation jail4j's explanation, or empty
     * @return the violation
     */
    public static Violation ofKernel(
        String field, Errno errno, String kernelMessage, String explanation) {
      String rule;
      if (kernelMessage.isEmpty()) {
        rule = explanation.isEmpty() ? errno.message() : explanation;
      } else {
        rule = explanation.isEmpty() ? kernelMessage : kernelMessage + ": " + explanation;
      }
      return new Violation(
          field,
          rule,
          Optional.of(errno),
          kernelMessage.isEmpty() ? Optional.empty() : Optional.of(kernelMessage));
    }

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
   * A refusal during a start or stop, built by {@link JailException#fromErrno(FailedStep, String,
   * Integer, String, Errno, String, String, Throwable)}.
   */
  InvalidJailParameterException(
      String operation,
      @Nullable Integer jid,
      @Nullable String jailName,
      @Nullable Errno errno,
      @Nullable String kernelMessage,
      @Nullable String detail,
      @Nullable Throwable cause,
      FailedStep where) {
    super(operation, jid, jailName, errno, kernelMessage, detail, cause, where);
    this.violations = List.of();
  }

  /**
   * Problems found by jail4j itself, before any system call. When one of them stands in for a
   * kernel rule, {@link #errno()} and {@link #kernelMessage()} are the first such violation's.
   *
   * @param operation what was being done, e.g. {@code build}
   * @param jailName the jail's name when known
   * @param violations every problem found; at least one
   */
  public InvalidJailParameterException(
      String operation, @Nullable String jailName, List<Violation> violations) {
    super(
        message(operation, jailName, violations),
        operation,
        null,
        jailName,
        firstKernel(violations).flatMap(Violation::errno).orElse(null),
        firstKernel(violations).flatMap(Violation::kernelMessage).orElse(null),
        null,
        null);
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

  private static Optional<Violation> firstKernel(List<Violation> violations) {
    return violations.stream().filter(v -> v.errno().isPresent()).findFirst();
  }

  /**
   * {@code jail: NAME: OPERATION: FIELD: RULE (ERRNO)}: every violation once, then the errno once
   * when one of them is a kernel rule.
   */
  private static String message(
      String operation, @Nullable String jailName, List<Violation> violations) {
    String list =
        violations.size() == 1
            ? violations.get(0).toString()
            : violations.size()
                + " problems: "
                + violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
    StringBuilder sb =
        new StringBuilder(prefix(null, jailName)).append(operation).append(": ").append(list);
    firstKernel(violations)
        .flatMap(Violation::errno)
        .ifPresent(e -> sb.append(" (").append(e.name()).append(')'));
    return sb.toString();
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
