package org.jail4j.freebsd;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Collects the outcome of every test (and every skipped container) of a JUnit run, named as the
 * transcripts name cases: the simple name of the class or topic interface that declares the method,
 * a dot, the method.
 */
public final class CaseResults implements TestExecutionListener {

  /** How a case ended. */
  public enum Outcome {
    /** It passed. */
    PASSED,
    /** It failed (an assertion or an exception). */
    FAILED,
    /** It was skipped (an assumption or a disabled container), with the reason. */
    SKIPPED
  }

  /**
   * One case.
   *
   * @param name {@code Topic.method}
   * @param outcome how it ended
   * @param detail the failure's message or the reason for skipping; empty when it passed
   */
  public record Case(String name, Outcome outcome, String detail) {}

  private final List<Case> cases = Collections.synchronizedList(new ArrayList<>());

  /**
   * The cases, in the order they ended.
   *
   * @return a copy
   */
  public List<Case> cases() {
    synchronized (cases) {
      return List.copyOf(cases);
    }
  }

  static String nameOf(TestIdentifier id) {
    return id.getSource()
        .filter(MethodSource.class::isInstance)
        .map(MethodSource.class::cast)
        .map(m -> declaringName(m) + "." + m.getMethodName())
        .orElse(id.getDisplayName());
  }

  private static String declaringName(MethodSource m) {
    try {
      return m.getJavaMethod().getDeclaringClass().getSimpleName();
    } catch (RuntimeException e) {
      String c = m.getClassName();
      return c.substring(c.lastIndexOf('.') + 1);
    }
  }

  @Override
  public void executionSkipped(TestIdentifier id, String reason) {
    cases.add(new Case(nameOf(id), Outcome.SKIPPED, reason));
  }

  @Override
  public void executionFinished(TestIdentifier id, TestExecutionResult result) {
    String message = result.getThrowable().map(CaseResults::firstLine).orElse("");
    switch (result.getStatus()) {
      case SUCCESSFUL -> {
        if (id.isTest()) {
          cases.add(new Case(nameOf(id), Outcome.PASSED, ""));
        }
      }
      case ABORTED -> cases.add(new Case(nameOf(id), Outcome.SKIPPED, message));
      case FAILED -> cases.add(new Case(nameOf(id), Outcome.FAILED, message));
    }
  }

  private static String firstLine(Throwable t) {
    String m = t.getMessage();
    String text = t.getClass().getSimpleName() + (m == null ? "" : ": " + m.strip());
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl) + " ...";
  }
}
