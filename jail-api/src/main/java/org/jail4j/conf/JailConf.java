package org.jail4j.conf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jail4j.Jail;
import org.jail4j.conf.internal.Evaluator;

/**
 * A jail.conf(5) file, parsed and evaluated as FreeBSD's jail(8) does: every non-wildcard jail in
 * file order with its final parameter list, convertible to {@link Jail} values and printable as
 * {@code jail -e} prints it.
 *
 * <p>Parsing fails with a {@link JailConfException} for what makes jail(8) exit before touching any
 * jail (syntax errors, unterminated strings, comments or variables, missing {@code .include}
 * files); a jail whose evaluation fails ({@code cannot redefine parameter}, an unresolved variable)
 * is still listed, with its problems, as {@code jail -e} still prints it.
 *
 * <pre>{@code
 * JailConf conf = JailConf.read(Path.of("/etc/jail.conf"));
 * for (ConfJail j : conf.jails()) {
 *   System.out.println(j.exhibit("|"));
 * }
 * List<Jail> jails = conf.toJails();
 * }</pre>
 */
public final class JailConf {
  private final List<ConfJail> jails;

  JailConf(List<Evaluator.Jail> evaluated) {
    List<ConfJail> js = new ArrayList<>();
    for (Evaluator.Jail e : evaluated) {
      js.add(new ConfJail(e));
    }
    this.jails = List.copyOf(js);
  }

  /**
   * A parser with options (dialect, includes, base directory).
   *
   * @return a parser for the current jail(8)
   */
  public static JailConfParser parser() {
    return new JailConfParser();
  }

  /**
   * Parses text as the current jail(8) does, naming it {@code STDIN} in messages (as {@code jail -f
   * -}); relative {@code .include} files are taken from the working directory.
   *
   * @param text the file's text
   * @return the evaluated file
   * @throws JailConfException when jail(8) would reject the file
   */
  public static JailConf parse(String text) {
    return parser().parse(text);
  }

  /**
   * Reads a file as the current jail(8) does.
   *
   * @param file the file
   * @return the evaluated file
   * @throws JailConfException when jail(8) would reject the file (including a missing file)
   */
  public static JailConf read(Path file) {
    return parser().read(file);
  }

  /** Every non-wildcard jail, in file order (failed ones included). */
  public List<ConfJail> jails() {
    return jails;
  }

  /**
   * A jail by its block name.
   *
   * @param name the full block name, e.g. {@code web} or {@code outer.inner}
   * @return the jail, or empty
   */
  public Optional<ConfJail> jail(String name) {
    return jails.stream().filter(j -> j.name().equals(name)).findFirst();
  }

  /** Every evaluation problem of every jail, in file order. */
  public List<JailConfException.Problem> problems() {
    List<JailConfException.Problem> out = new ArrayList<>();
    jails.forEach(j -> out.addAll(j.problems()));
    return out;
  }

  /**
   * Every jail as a typed value.
   *
   * @return the jails, in file order
   * @throws JailConfException listing the problems of every jail that fails
   */
  public List<Jail> toJails() {
    List<Jail> out = new ArrayList<>();
    List<JailConfException.Problem> problems = new ArrayList<>();
    for (ConfJail j : jails) {
      try {
        out.add(j.toJail());
      } catch (JailConfException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      throw new JailConfException(problems);
    }
    return out;
  }

  /**
   * What {@code jail -f FILE -e SEPARATOR} prints on standard output: one line per jail, each
   * ending in a newline. Problems are not in it; {@link #exhibitProblems()} gives what jail(8)
   * prints on standard error.
   *
   * @param separator the separator
   * @return the text (empty when there are no jails)
   */
  public String exhibit(String separator) {
    StringBuilder b = new StringBuilder();
    for (ConfJail j : jails) {
      b.append(j.exhibit(separator)).append('\n');
    }
    return b.toString();
  }

  /**
   * What {@code jail -f FILE -e SEPARATOR} prints on standard error: every jail's {@link
   * ConfJail#exhibitProblems()}, in file order.
   *
   * @return the lines, each ending in a newline, or the empty string when no jail has a problem
   */
  public String exhibitProblems() {
    StringBuilder b = new StringBuilder();
    for (ConfJail j : jails) {
      b.append(j.exhibitProblems());
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return jails.toString();
  }
}
