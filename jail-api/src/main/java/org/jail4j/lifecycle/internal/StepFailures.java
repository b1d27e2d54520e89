package org.jail4j.lifecycle.internal;

import org.jail4j.CommandResult;
import org.jail4j.FailedStep;
import org.jail4j.JailException;
import org.jail4j.JailStartException;
import org.jail4j.JailStep;
import org.jail4j.JailStopException;
import org.jail4j.spi.SyscallException;
import org.jspecify.annotations.Nullable;

/**
 * The exceptions of the start and stop sequences: a step that failed without a command, a command
 * that failed, and a step whose SPI call failed (thrown as its errno's kind, carrying the step).
 */
final class StepFailures {
  private StepFailures() {}

  /** A step's work, which may fail in any of the SPI's ways. */
  @FunctionalInterface
  interface Action {
    void run() throws Exception;
  }

  /** A start step that failed without running a command and without an errno. */
  static JailStartException start(
      JailStep step,
      @Nullable Integer jid,
      @Nullable String name,
      String detail,
      @Nullable Throwable cause) {
    return JailStartException.of(FailedStep.of(step), jid, name, detail, cause);
  }

  /** A stop step that failed without running a command and without an errno. */
  static JailStopException stop(
      JailStep step,
      @Nullable Integer jid,
      @Nullable String name,
      String detail,
      @Nullable Throwable cause) {
    return JailStopException.of(FailedStep.of(step), jid, name, detail, cause);
  }

  /**
   * A command of a start step ({@code starting}) or a stop step that failed; {@code result} is null
   * when it could not be started.
   */
  static JailException command(
      boolean starting,
      JailStep step,
      @Nullable Integer jid,
      @Nullable String name,
      String line,
      @Nullable CommandResult result,
      String detail,
      @Nullable Throwable cause) {
    FailedStep where = FailedStep.ofCommand(step, line, result);
    return starting
        ? JailStartException.of(where, jid, name, detail, cause)
        : JailStopException.of(where, jid, name, detail, cause);
  }

  /**
   * What a step's failed work is thrown as: a kernel or host refusal with an errno of its own kind
   * as that kind (so that {@code catch (JailExistsException e)} around a start catches it),
   * anything else as the phase's step exception; both carry the step.
   */
  static JailException failure(
      JailStep step, @Nullable Integer jid, @Nullable String name, Exception e) {
    FailedStep where = FailedStep.of(step);
    if (e instanceof JailException k) {
      if (k.failedStep().isPresent()) {
        return k; // already says where (a nested step)
      }
      if (k.errno().isPresent()) {
        return JailException.fromErrno(
            where,
            k.operation(),
            jid,
            name,
            k.errno().get(),
            k.kernelMessage().orElse(null),
            null,
            k);
      }
      return plain(where, jid, name, detail(k), k);
    }
    if (e instanceof SyscallException s) {
      return JailException.fromErrno(where, s.syscall(), jid, name, s.errno(), null, null, s);
    }
    return plain(where, jid, name, String.valueOf(e), e);
  }

  private static JailException plain(
      FailedStep where,
      @Nullable Integer jid,
      @Nullable String name,
      String detail,
      @Nullable Throwable cause) {
    return where.phase().equals("start")
        ? JailStartException.of(where, jid, name, detail, cause)
        : JailStopException.of(where, jid, name, detail, cause);
  }

  /** The text of a failed SPI call for a step exception: the kernel's message or the errno. */
  static String detail(JailException e) {
    return e.kernelMessage().orElse(String.valueOf(e.getMessage()));
  }
}
