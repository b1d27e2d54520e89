package org.jail4j.conf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jail4j.Jail;
import org.jail4j.conf.internal.ByteStrings;
import org.jail4j.conf.internal.Evaluator;
import org.jail4j.conf.internal.JailConversion;
import org.jail4j.conf.internal.Quoting;

/**
 * One jail of a jail.conf file after evaluation: its final parameter list exactly as jail(8) builds
 * it (implied {@code name}/{@code jid}, globals and wildcards in file order, later wins, {@code no}
 * twins in one slot, variables expanded and removed), and the problems that make it fail.
 *
 * <pre>{@code
 * ConfJail www = JailConf.read(Path.of("/etc/jail.conf")).jail("www").orElseThrow();
 * www.values("ip4.addr");     // Optional[[95.179.223.82]]
 * Jail jail = www.toJail();   // typed; throws JailConfException when the jail fails
 * }</pre>
 */
public final class ConfJail {
  private final Evaluator.Jail evaluated;
  private final Map<String, List<String>> params;

  ConfJail(Evaluator.Jail evaluated) {
    this.evaluated = evaluated;
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (Evaluator.Param p : evaluated.params()) {
      List<String> vs = new ArrayList<>();
      for (String v : p.values()) {
        vs.add(ByteStrings.toText(v));
      }
      m.put(ByteStrings.toText(p.name()), List.copyOf(vs));
    }
    this.params = Collections.unmodifiableMap(m);
  }

  /**
   * The block's full name as written (dotted for nested blocks), e.g. {@code web} or {@code 5309}.
   */
  public String name() {
    return ByteStrings.toText(evaluated.name());
  }

  /**
   * The final parameter list in jail(8)'s order: name as spelled last to values (an empty list for
   * a valueless parameter such as {@code persist;}). Includes {@code jid}; never variables.
   */
  public Map<String, List<String>> params() {
    return params;
  }

  /**
   * The values of one parameter.
   *
   * @param name the name exactly as spelled last (e.g. {@code allow.nomount})
   * @return the values, or empty when the jail does not have it
   */
  public Optional<List<String>> values(String name) {
    return Optional.ofNullable(params.get(name));
  }

  /** The evaluation problems ({@code cannot redefine parameter}, unresolved variables ...). */
  public List<JailConfException.Problem> problems() {
    return evaluated.problems();
  }

  /** True when evaluation failed: jail(8) would refuse to create or change this jail. */
  public boolean failed() {
    return !evaluated.problems().isEmpty();
  }

  /**
   * The jail as a typed value.
   *
   * @return the jail
   * @throws JailConfException listing every problem: evaluation problems, {@code unknown boolean
   *     value}, {@code non-integer value}, addresses that are not addresses, rules of {@link Jail}
   */
  public Jail toJail() {
    return JailConversion.toJail(evaluated);
  }

  /**
   * The line {@code jail -e SEPARATOR} prints for this jail: {@code name=value} pairs in list order
   * without {@code jid}, lists joined with {@code ,}, valueless parameters bare, values quoted as
   * jail(8) quotes them.
   *
   * <p>The line is what jail(8) prints on standard output; a failed jail's problems are not in it
   * (an unresolved {@code $nosuch} exhibits as {@code ""}). Print {@link #exhibitProblems()} next
   * to it, as jail(8) prints them on standard error:
   *
   * <pre>{@code
   * System.out.println(web.exhibit("|"));       // name=web|host.hostname=""
   * System.err.print(web.exhibitProblems());    // jail: web: host.hostname: variable "nosuch" not found (FILE line 2)
   * }</pre>
   *
   * @param separator the separator, e.g. {@code |}
   * @return the line, without a newline
   */
  public String exhibit(String separator) {
    StringBuilder b = new StringBuilder();
    for (Evaluator.Param p : evaluated.params()) {
      if (p.name().equals("jid")) {
        continue;
      }
      if (b.length() > 0) {
        b.append(ByteStrings.fromText(separator));
      }
      b.append(p.name());
      if (p.values().isEmpty()) {
        continue;
      }
      b.append('=');
      for (int i = 0; i < p.values().size(); i++) {
        if (i > 0) {
          b.append(',');
        }
        b.append(Quoting.exhibit(p.values().get(i)));
      }
    }
    return ByteStrings.toText(b.toString());
  }

  /**
   * What jail(8) prints on standard error next to {@link #exhibit(String)}: one line per {@link
   * #problems() problem}, {@code jail: JAIL: MESSAGE (FILE line N)}, each ending in a newline.
   *
   * @return the lines, or the empty string when the jail evaluated without problems
   */
  public String exhibitProblems() {
    StringBuilder b = new StringBuilder();
    for (JailConfException.Problem p : problems()) {
      b.append("jail: ").append(p).append('\n');
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return name() + " " + params;
  }
}
