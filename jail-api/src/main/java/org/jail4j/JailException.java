package org.jail4j;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * The root of every error jail4j reports. Unchecked, and carrying what a person needs to act: the
 * operation that failed, the jail it concerned (JID and/or name), the FreeBSD errno by name, and
 * the kernel's own {@code errmsg} text when the kernel gave one.
 *
 * <p>The message is worded like jail(8): the kernel's text when there is one ({@code "jail: web:
 * prison limit exceeded"}), otherwise the operation and {@code strerror} ({@code "jail: web:
 * jail_set: Operation not permitted"}), then the errno once ({@code "(EPERM)"}). A failure whose
 * detail is its cause's own message says it once, in the cause's words.
 *
 * <p>One failure has one shape wherever it is caught. A kernel refusal is thrown as its kind
 * ({@link JailNotFoundException} for {@code ENOENT}, {@link JailExistsException} for {@code
 * EEXIST}, {@link JailPermissionException} for {@code EPERM}, {@link InvalidJailParameterException}
 * for {@code EINVAL} and {@code ENAMETOOLONG}) whether it came from a {@link
 * org.jail4j.param.JailRequest}, a {@link RunningJail#update}, a builder's up-front check of a
 * kernel rule or a step of {@link JailHost#start}; during a start or stop it also says where
 * ({@link #failedStep()}). {@link JailStartException} and {@link JailStopException} are the step
 * failures of no such kind: a failing command, a missing directory, an errno without a kind.
 *
 * <pre>{@code
 * try {
 *   host.start(jail);
 * } catch (JailExistsException e) {
 *   System.err.println(e.errno().orElseThrow() + " at " + e.failedStep().orElseThrow().step());
 * }
 * }</pre>
 *
 * <p>Subclasses name what callers branch on: {@link JailNotFoundException}, {@link
 * JailExistsException}, {@link JailPermissionException}, {@link InvalidJailParameterException},
 * {@link UnsupportedHostException}, {@link JailStartException}, {@link JailStopException}.
 */
public class JailException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String operation;
  private final @Nullable Integer jid;
  private final @Nullable String jailName;
  private final @Nullable Errno errno;
  private final @Nullable String kernelMessage;
  private final @Nullable FailedStep failedStep;
  private final @Nullable String detail;

  /**
   * An error with every detail given.
   *
   * @param operation what was being done, e.g. {@code jail_set}, {@code start}, {@code mount}
   * @param jid the jail's JID when known
   * @param jailName the jail's name when known
   * @param errno the FreeBSD errno when the failure came from a system call
   * @param kernelMessage the kernel's {@code errmsg} text when it wrote one
   * @param detail extra text for the message when there is no kernel text (may be null)
   * @param cause the underlying cause, may be null
   */
  public JailException(
      String operation,
      @Nullable Integer jid,
      @Nullable String jailName,
      @Nullable Errno errno,
      @Nullable String kernelMessage,
      @Nullable String detail,
      @Nullable Throwable cause) {
    this(operation, jid, jailName, errno, kernelMessage, detail, cause, null);
  }

  /** The public constructor's error, with where a start or stop failed. */
  JailException(
      String operation,
      @Nullable Integer jid,
      @Nullable String jailName,
      @Nullable Errno errno,
      @Nullable String kernelMessage,
      @Nullable String detail,
      @Nullable Throwable cause,
      @Nullable FailedStep failedStep) {
    this(
        format(operation, jid, jailName, errno, kernelMessage, detail, cause),
        operation,
        jid,
        jailName,
        errno,
        kernelMessage,
        cause,
        failedStep,
        detail);
  }

  /** An error whose message is already worded (the builder's list of violations). */
  JailException(
      String message,
      String operation,
      @Nullable Integer jid,
      @Nullable String jailName,
      @Nullable Errno errno,
      @Nullable String kernelMessage,
      @Nullable Throwable cause,
      @Nullable FailedStep failedStep) {
    this(message, operation, jid, jailName, errno, kernelMessage, cause, failedStep, null);
  }

  private JailException(
      String message,
      String operation,
      @Nullable Integer jid,
      @Nullable String jailName,
      @Nullable Errno errno,
      @Nullable String kernelMessage,
      @Nullable Throwable cause,
      @Nullable FailedStep failedStep,
      @Nullable String detail) {
    super(message, cause);
    this.detail = detail;
    this.operation = operation;
    this.jid = jid;
    this.jailName = jailName;
    this.errno = errno;
    this.kernelMessage = emptyToNull(kernelMessage);
    this.failedStep = failedStep;
  }

  /**
   * An error that did not come from a system call.
   *
   * @param operation what was being done
   * @param jailName the jail's name when known
   * @param detail what went wrong
   */
  public JailException(String operation, @Nullable String jailName, String detail) {
    this(operation, null, jailName, null, null, detail, null);
  }

  private static @Nullable String emptyToNull(@Nullable String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private static String format(
      String operation,
      @Nullable Integer jid,
      @Nullable String jailName,
      @Nullable Errno errno,
      @Nullable String kernelMessage,
      @Nullable String detail,
      @Nullable Throwable cause) {
    String prefix = prefix(jid, jailName);
    if (cause instanceof JailException je
        && detail != null
        && detail.equals(je.getMessage())
        && Objects.equals(errno, je.errno)) {
      // The detail is the cause's own message: say each fact once, in the cause's words.
      String causePrefix = prefix(je.jid, je.jailName);
      return prefix
          + (detail.startsWith(causePrefix) ? detail.substring(causePrefix.length()) : detail);
    }
    StringBuilder sb = new StringBuilder(prefix);
    String km = emptyToNull(kernelMessage);
    if (km != null) {
      sb.append(km);
    } else if (detail != null && errno == null) {
      sb.append(operation).append(": ").append(detail);
    } else {
      sb.append(operation);
      if (errno != null) {
        sb.append(": ").append(errno.message());
      }
      if (detail != null) {
        sb.append(": ").append(detail);
      }
    }
    if (errno != null) {
      sb.append(" (").append(errno.name()).append(')');
    }
    return sb.toString();
  }

  static String prefix(@Nullable Integer jid, @Nullable String jailName) {
    if (jailName != null && !jailName.isEmpty()) {
      return "jail: " + jailName + ": ";
    } else if (jid != null) {
      return "jail: " + jid + ": ";
    }
    return "jail: ";
  }

  /** What was being done when the error happened, e.g. {@code jail_set} or {@code start}. */
  public String operation() {
    return operation;
  }

  /** The JID of the jail concerned, when known. */
  public OptionalInt jid() {
    return jid == null ? OptionalInt.empty() : OptionalInt.of(jid);
  }

  /** The name of the jail concerned, when known. */
  public Optional<String> jailName() {
    return Optional.ofNullable(jailName);
  }

  /** The FreeBSD errno, when the failure came from a system call. */
  public Optional<Errno> errno() {
    return Optional.ofNullable(errno);
  }

  /** The kernel's {@code errmsg} text, when it wrote one (many errors carry none). */
  public Optional<String> kernelMessage() {
    return Optional.ofNullable(kernelMessage);
  }

  /**
   * Where a start or stop failed, when this error happened during one: the step, and the command
   * with its exit status and output when the step ran one. Always present on a {@link
   * JailStartException} and a {@link JailStopException}.
   *
   * @return the failed step, or empty outside a start or stop
   */
  public Optional<FailedStep> failedStep() {
    return Optional.ofNullable(failedStep);
  }

  /**
   * The most specific exception for a failed system call: {@link JailNotFoundException} for {@code
   * ENOENT}, {@link JailExistsException} for {@code EEXIST}, {@link JailPermissionException} for
   * {@code EPERM}, {@link InvalidJailParameterException} for {@code EINVAL} and {@code
   * ENAMETOOLONG}, a plain {@code JailException} otherwise.
   *
   * @param operation the system call or step, e.g. {@code jail_set}
   * @param jid the jail's JID when known
   * @param jailName the jail's name when known
   * @param errno the errno the call reported
   * @param kernelMessage the kernel's errmsg, may be null or empty
   * @return the exception to throw
   */
  public static JailException fromErrno(
      String operation,
      @Nullable Integer jid,
      @Nullable String jailName,
      Errno errno,
      @Nullable String kernelMessage) {
    switch (errno) {
      case ENOENT:
        return new JailNotFoundException(operation, jid, jailName, errno, kernelMessage);
      case EEXIST:
        return new JailExistsException(operation, jid, jailName, errno, kernelMessage);
      case EPERM:
        return new JailPermissionException(operation, jid, jailName, errno, kernelMessage);
      case EINVAL:
      case ENAMETOOLONG:
        return new InvalidJailParameterException(operation, jid, jailName, errno, kernelMessage);
      default:
        return new JailException(operation, jid, jailName, errno, kernelMessage, null, null);
    }
  }

  /**
   * The exception for a step of a start or stop that failed with an errno: its kind when the errno
   * has one (as {@link #fromErrno(String, Integer, String, Errno, String)} maps it), otherwise a
   * {@link JailStartException} or {@link JailStopException} by the step's phase; either way
   * carrying {@code where}. A {@code JailException} cause with the same errno lends its kind (an
   * {@code ENOENT} "unknown parameter" of libjail stays an {@link InvalidJailParameterException})
   * and, where none is given, its kernel message and detail.
   *
   * <pre>{@code
   * throw JailException.fromErrno(
   *     FailedStep.of(JailStep.CREATE), "jail_set", null, "web", Errno.EEXIST, null, null, null);
   * }</pre>
   *
   * @param where the step that failed
   * @param operation the system call, e.g. {@code jail_set} or {@code nmount}
   * @param jid the jail's JID when known
   * @param jailName the jail's name when known
   * @param errno the errno the call reported
   * @param kernelMessage the kernel's errmsg, may be null or empty
   * @param detail jail(8)'s words for what was being done when there is no kernel text (e.g. the
   *     mount point), may be null
   * @param cause the underlying error, may be null
   * @return the exception to throw
   */
  public static JailException fromErrno(
      FailedStep where,
      String operation,
      @Nullable Integer jid,
      @Nullable String jailName,
      Errno errno,
      @Nullable String kernelMessage,
      @Nullable String detail,
      @Nullable Throwable cause) {
    if (cause instanceof JailException je && je.errno == errno) {
      String km = kernelMessage != null ? kernelMessage : je.kernelMessage;
      String d = detail != null ? detail : je.detail;
      if (je instanceof InvalidJailParameterException) {
        return new InvalidJailParameterException(
            operation, jid, jailName, errno, km, d, cause, where);
      } else if (je instanceof JailNotFoundException) {
        return new JailNotFoundException(operation, jid, jailName, errno, km, d, cause, where);
      } else if (je instanceof JailExistsException) {
        return new JailExistsException(operation, jid, jailName, errno, km, d, cause, where);
      } else if (je instanceof JailPermissionException) {
        return new JailPermissionException(operation, jid, jailName, errno, km, d, cause, where);
      }
      kernelMessage = km;
      detail = d;
    }
    switch (errno) {
      case ENOENT:
        return new JailNotFoundException(
            operation, jid, jailName, errno, kernelMessage, detail, cause, where);
      case EEXIST:
        return new JailExistsException(
            operation, jid, jailName, errno, kernelMessage, detail, cause, where);
      case EPERM:
        return new JailPermissionException(
            operation, jid, jailName, errno, kernelMessage, detail, cause, where);
      case EINVAL:
      case ENAMETOOLONG:
        return new InvalidJailParameterException(
            operation, jid, jailName, errno, kernelMessage, detail, cause, where);
      default:
        return where.phase().equals("start")
            ? new JailStartException(
                where, operation, jid, jailName, errno, kernelMessage, detail, cause)
            : new JailStopException(
                where, operation, jid, jailName, errno, kernelMessage, detail, cause);
    }
  }
}
