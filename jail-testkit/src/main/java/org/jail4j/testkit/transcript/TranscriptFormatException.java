package org.jail4j.testkit.transcript;

import org.jail4j.JailException;

/**
 * A transcript text breaks a rule of the format ({@code docs/TRANSCRIPTS.md}): the message names
 * the line, the field and the rule, e.g. {@code transcript: line 12: errno: unknown errno EFOO}.
 *
 * <pre>{@code
 * try {
 *   Transcript.parse(text);
 * } catch (TranscriptFormatException e) {
 *   System.err.println(e.line() + " " + e.field() + ": " + e.rule());
 * }
 * }</pre>
 */
public final class TranscriptFormatException extends JailException {
  private static final long serialVersionUID = 1L;

  private final int line;
  private final String field;
  private final String rule;

  /**
   * An error.
   *
   * @param line the 1-based line, or 0 for the text as a whole
   * @param field the field (the key of the line, e.g. {@code errno}, {@code in}); an empty key (a
   *     line starting with a blank or a colon) is named {@code line}
   * @param rule the rule broken, in words
   */
  public TranscriptFormatException(int line, String field, String rule) {
    super("transcript", null, "line " + line + ": " + named(field) + ": " + rule);
    this.line = line;
    this.field = named(field);
    this.rule = rule;
  }

  /** The 1-based line of the problem, or 0 when it concerns the whole text. */
  public int line() {
    return line;
  }

  /** The field, e.g. {@code errno}. */
  public String field() {
    return field;
  }

  /** The rule broken. */
  public String rule() {
    return rule;
  }

  private static String named(String field) {
    return field.isEmpty() ? "line" : field;
  }
}
