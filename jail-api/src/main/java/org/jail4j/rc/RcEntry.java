package org.jail4j.rc;

import java.util.List;

/**
 * One statement of an rc.conf file with its exact text (every physical line it covers, each with
 * its newline). Joining the texts of all entries gives back the file byte for byte.
 */
abstract class RcEntry {
  private String text;

  RcEntry(String text) {
    this.text = text;
  }

  final String text() {
    return text;
  }

  final void text(String newText) {
    this.text = newText;
  }

  /** A blank line, a comment line, or any other shell statement, kept verbatim. */
  static final class Verbatim extends RcEntry {
    enum Kind {
      BLANK,
      COMMENT,
      SHELL
    }

    final Kind kind;

    Verbatim(String text, Kind kind) {
      super(text);
      this.kind = kind;
    }
  }

  /** {@code NAME=WORD [# comment]}: the value word spans {@code [valueStart, valueEnd)}. */
  static final class Assignment extends RcEntry {
    final String name;
    final int valueStart;
    final int valueEnd;
    final RcWord word;

    Assignment(String text, String name, int valueStart, int valueEnd, RcWord word) {
      super(text);
      this.name = name;
      this.valueStart = valueStart;
      this.valueEnd = valueEnd;
      this.word = word;
    }

    String value() {
      return word.text();
    }

    /** A copy of this statement with a new value word, keeping indent, comment and newline. */
    Assignment withWord(String rawWord, RcWord newWord) {
      String t = text();
      String newText = t.substring(0, valueStart) + rawWord + t.substring(valueEnd);
      return new Assignment(newText, name, valueStart, valueStart + rawWord.length(), newWord);
    }
  }

  /** The parsed value of a word: literal text and {@code $}/backquote expressions. */
  record RcWord(List<Part> parts, QuoteStyle style) {
    String text() {
      StringBuilder sb = new StringBuilder();
      for (Part p : parts) {
        sb.append(p.text());
      }
      return sb.toString();
    }
  }

  /**
   * A piece of a value: literal text, or an expression ({@code $name}, {@code ${...}}, {@code
   * $(...)}, {@code `...`}) that the shell would expand, kept as written.
   */
  record Part(String text, boolean expression) {}
}
