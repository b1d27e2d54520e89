package org.jail4j.conf;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.jail4j.JailException;
import org.jspecify.annotations.Nullable;

/**
 * A jail.conf(5) file could not be used: a syntax error, an unterminated string, a missing {@code
 * .include} file, or a jail whose parameters do not evaluate ({@code cannot redefine parameter
 * "name".}, {@code variable "X" not found}, {@code unknown boolean value} ...). Each {@link
 * Problem} is worded as jail(8) words it and carries the file and line.
 *
 * <pre>{@code
 * try {
 *   JailConf.read(Path.of("/etc/jail.conf")).toJails();
 * } catch (JailConfException e) {
 *   for (JailConfException.Problem p : e.problems()) {
 *     System.err.println("jail: " + p.text());   // jail: /etc/jail.conf line 7: exec.stop: syntax error
 *   }
 * }
 * }</pre>
 */
public class JailConfException extends JailException {
  private static final long serialVersionUID = 1L;

  /**
   * One diagnostic.
   *
   * @param file the file it concerns, as jail(8) names it (the path given, or {@code STDIN}), or
   *     null when no file is concerned (e.g. {@code maximum include depth exceeded})
   * @param line the 1-based line, or 0 when jail(8) gives none (e.g. {@code unexpected EOF}); for a
   *     jail's problem, the line of the statement that caused it when known
   * @param jail the jail (its block name) for an evaluation problem, or null for a file problem
   * @param message the message without position or jail prefix, e.g. {@code exec.stop: syntax
   *     error}
   */
  public record Problem(@Nullable String file, int line, @Nullable String jail, String message) {

    /** Validates the record. */
    public Problem {
      Objects.requireNonNull(message, "message");
    }

    /**
     * A problem at a place in a file: {@code FILE line N: MESSAGE}.
     *
     * @param file the file
     * @param line the line
     * @param message the message
     * @return the problem
     */
    public static Problem at(String file, int line, String message) {
      return new Problem(file, line, null, message);
    }

    /**
     * A problem about a whole file: {@code FILE: MESSAGE}.
     *
     * @param file the file
     * @param message the message
     * @return the problem
     */
    public static Problem inFile(String file, String message) {
      return new Problem(file, 0, null, message);
    }

    /**
     * A problem of one jail: {@code JAIL: MESSAGE}.
     *
     * @param jail the jail's block name
     * @param message the message
     * @param file the file of the statement that caused it, or null
     * @param line its line, or 0
     * @return the problem
     */
    public static Problem inJail(String jail, String message, @Nullable String file, int line) {
      return new Problem(file, line, jail, message);
    }

    /** The file, when one is concerned. */
    public Optional<String> fileName() {
      return Optional.ofNullable(file);
    }

    /** The line, when known. */
    public OptionalInt lineNumber() {
      return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
    }

    /** The jail, for an evaluation problem. */
    public Optional<String> jailName() {
      return Optional.ofNullable(jail);
    }

    /**
     * The diagnostic exactly as jail(8) prints it after its {@code jail: } prefix, e.g. {@code
     * /etc/jail.conf line 7: exec.stop: syntax error} or {@code t1: cannot redefine parameter
     * "name".}.
     *
     * @return the text
     */
    public String text() {
      if (jail != null) {
        return jail + ": " + message;
      }
      if (file != null && line > 0) {
        return file + " line " + line + ": " + message;
      }
      if (file != null) {
        return file + ": " + message;
      }
      return message;
    }

    @Override
    public String toString() {
      if (jail != null && file != null && line > 0) {
        return text() + " (" + file + " line " + line + ")";
      }
      return text();
    }
  }

  private final List<Problem> problems;

  /**
   * An exception for one or more problems.
   *
   * @param problems the problems, at least one, in the order found
   */
  public JailConfException(List<Problem> problems) {
    super("jail.conf", firstJail(problems), describe(problems));
    this.problems = List.copyOf(problems);
  }

  private static @Nullable String firstJail(List<Problem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a JailConfException needs at least one problem");
    }
    return problems.get(0).jail();
  }

  private static String describe(List<Problem> problems) {
    return problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
  }

  /** Every problem, in the order found. */
  public List<Problem> problems() {
    return problems;
  }

  /** The file of the first problem. */
  public Optional<String> file() {
    return problems.get(0).fileName();
  }

  /** The line of the first problem. */
  public OptionalInt line() {
    return problems.get(0).lineNumber();
  }

  /**
   * One line per problem, each as jail(8) prints it ({@code jail: FILE line N: ...}); a jail's
   * problem also names the statement's file and line in parentheses.
   */
  @Override
  public String getMessage() {
    return problems.stream().map(p -> "jail: " + p).collect(Collectors.joining("\n"));
  }
}
