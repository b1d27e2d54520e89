package org.jail4j.lifecycle.internal;

import org.jail4j.CommandResult;
import org.jail4j.JailException;
import org.jail4j.JailStartException;
import org.jail4j.JailStep;
import org.jail4j.JailStepException;
import org.jail4j.JailStopException;
import org.jail4j.spi.SyscallException;
import org.jspecify.annotations.Nullable;

/**
 * The step exceptions of the start and stop sequences: a step that failed without a command, a
 * command that failed, and the text of a failed SPI call.
 */
final class StepFailures {
  private StepFailures() {}

  /** A step's work, which may fail in any of the SPI's ways. */
  @FunctionalInterface
  interface Action {
    void run() throws Exception;
  }

  /** A start step that failed without running a command. */
  static JailStartException start(
      JailStep step,
      @Nullable Integer jid,
      @Nullable String name,
      String detail,
      @Nullable Throwable cause) {
    return JailStartException.of(step, jid, name, detail, cause);
  }

  /** A stop step that failed without running a command. */
  static JailStopException stop(
      JailStep step,
      @Nullable Integer jid,
      @Nullable String name,
      String detail,
      @Nullable Throwable cause) {
    return JailStopException.of(step, jid, name, detail, cause);
  }

  /**
   * A command of a start step ({@code starting}) or a stop step that failed; {@code result} is null
   * when it could not be started.
   */
  static JailStepException command(
      boolean starting,
      JailStep step,
      @Nullable Integer jid,
      @Nullable String name,
      String line,
      @Nullable CommandResult result,
      String detail,
      @Nullable Throwable cause) {
    return starting
        ? JailStartException.ofCommand(step, jid, name, line, result, detail, cause)
        : JailStopException.ofCommand(step, jid, name, line, result, detail, cause);
  }

  /** A kernel call that failed, as the jail exception its errno maps to. */
  static JailException kernel(SyscallException e, @Nullable Integer jid, @Nullable String name) {
    return JailException.fromErrno(e.syscall(), jid, name, e.errno(), null);
  }

  /** The text of a failed SPI call for a step exception: the kernel's message or the errno. */
  static String detail(JailException e) {
    return e.kernelMessage().orElse(String.valueOf(e.getMessage()));
  }
}
