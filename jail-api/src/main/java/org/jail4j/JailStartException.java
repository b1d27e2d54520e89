package org.jail4j;

import org.jspecify.annotations.Nullable;

/**
 * Starting a jail failed at one {@link JailStep}. Everything the start had done before that step
 * (aliases, mounts, the jail itself, rctl rules, interfaces) was undone in reverse order; problems
 * while undoing are attached as suppressed exceptions.
 *
 * <p>A refusal with an errno of its own kind (EEXIST, EPERM, EINVAL, ENOENT) is thrown as that kind
 * ({@link JailExistsException}, ...) carrying the same {@link #failedStep()}; a {@code
 * JailStartException} is every other failure of a start step: a command, a missing directory (with
 * the {@link #errno()} of jail(8)'s check, ENOENT or ENOTDIR), an errno without a kind (EBUSY,
 * EADDRINUSE, ENXIO, ...). Catch {@link JailException} for all of them.
 *
 * <pre>{@code
 * try {
 *   host.start(jail);
 * } catch (JailStartException e) {
 *   FailedStep where = e.failedStep().orElseThrow();
 *   System.err.println(where.step() + ": " + e.getMessage() + "\n" + where.output());
 * }
 * }</pre>
 */
public class JailStartException extends JailException {
  private static final long serialVersionUID = 1L;

  /**
   * A start step that failed.
   *
   * <pre>{@code
   * throw JailStartException.of(FailedStep.ofCommand(step, line, result), jid, "web", line + ": failed (exit status 1)", null);
   * }</pre>
   *
   * @param where the step, and the command with its result when the step ran one
   * @param jid the jail's JID when it had one
   * @param jailName the jail's name when known
   * @param detail what went wrong, worded like jail(8)
   * @param cause the underlying error, may be null; a {@link JailException} cause gives its errno
   *     and kernel message
   * @return the exception
   * @throws IllegalArgumentException when {@code where} is a step of the other phase
   */
  public static JailStartException of(
      FailedStep where,
      @Nullable Integer jid,
      @Nullable String jailName,
      String detail,
      @Nullable Throwable cause) {
    return new JailStartException(
        where,
        where.step().parameter(),
        jid,
        jailName,
        cause instanceof JailException je ? je.errno().orElse(null) : null,
        cause instanceof JailException je2 ? je2.kernelMessage().orElse(null) : null,
        detail,
        cause);
  }

  JailStartException(
      FailedStep where,
      String operation,
      @Nullable Integer jid,
      @Nullable String jailName,
      @Nullable Errno errno,
      @Nullable String kernelMessage,
      @Nullable String detail,
      @Nullable Throwable cause) {
    super(operation, jid, jailName, errno, kernelMessage, detail, cause, checked(where));
  }

  private static FailedStep checked(FailedStep where) {
    if (!where.phase().equals("start")) {
      throw new IllegalArgumentException(
          where.step() + " is a " + where.phase() + " step, not a start step");
    }
    return where;
  }
}
