package org.jail4j.examples;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line text progress bar. On a terminal it redraws its line in place; otherwise (a pipe, a
 * log, a test) it prints each finished line once, so captured output stays readable.
 *
 * <pre>{@code
 * ProgressBar bar = new ProgressBar(System.out, System.console() != null);
 * bar.update("base", 0.5, "120 entries");
 * bar.done();
 * }</pre>
 */
final class ProgressBar {
  private static final int WIDTH = 30;

  private final PrintStream out;
  private final boolean interactive;
  private String label = "";
  private String line = "";
  private boolean open;

  ProgressBar(PrintStream out, boolean interactive) {
    this.out = out;
    this.interactive = interactive;
  }

  /**
   * True when standard output is a terminal. Up to JDK 21 a console exists only then; from JDK 22
   * one always exists and {@code Console.isTerminal()} (looked up by name, as the build targets 17)
   * tells.
   */
  @SuppressWarnings("SystemConsoleNull") // null is the answer up to JDK 21, isTerminal after
  static boolean terminal() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // before JDK 22: a console is a terminal
    }
  }

  /** The bar's text for a fraction between 0 and 1. */
  static String bar(double fraction) {
    double f = Math.max(0, Math.min(1, fraction));
    int filled = (int) Math.round(f * WIDTH);
    return "["
        + "#".repeat(filled)
        + ".".repeat(WIDTH - filled)
        + "]"
        + String.format(Locale.ROOT, " %3.0f%%", 100 * f);
  }

  /**
   * Shows progress for one item; a new label finishes the previous item's line.
   *
   * @param what the item, e.g. a set's name
   * @param fraction how far, 0 to 1
   * @param detail text after the bar
   */
  synchronized void update(String what, double fraction, String detail) {
    if (open && !what.equals(label)) {
      done();
    }
    label = what;
    line = String.format(Locale.ROOT, "  %-8s %s  %s", what, bar(fraction), detail);
    open = true;
    if (interactive) {
      out.print("\r" + line);
      out.flush();
    }
  }

  /** Ends the current line (printing it when not interactive). */
  synchronized void done() {
    if (!open) {
      return;
    }
    if (interactive) {
      out.println();
    } else {
      out.println(line);
    }
    open = false;
  }
}
