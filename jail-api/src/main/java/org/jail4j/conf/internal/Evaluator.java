package org.jail4j.conf.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jail4j.conf.JailConfDialect;
import org.jail4j.conf.JailConfException.Problem;
import org.jail4j.conf.internal.Ast.Section;
import org.jail4j.conf.internal.Ast.Statement;
import org.jail4j.conf.internal.Ast.Value;
import org.jail4j.conf.internal.Ast.VarRef;
import org.jail4j.internal.NoNames;
import org.jspecify.annotations.Nullable;

/**
 * config.c {@code load_config()}: for every non-wildcard jail, in file order, the implied {@code
 * name} or {@code jid}, the wildcard and global sections before the block, the block's own
 * statements, the wildcard sections after it, the {@code name} backfill, and then variable
 * resolution per jail ({@code $x}, {@code ${x}}, parameters as variables, list splicing, loops).
 *
 * <pre>{@code
 * List<Evaluator.Jail> jails = Evaluator.evaluate(sections, JailConfDialect.CURRENT);
 * }</pre>
 */
public final class Evaluator {
  private Evaluator() {}

  /** A jail4j bound on the bytes variable expansion may produce for one jail (jail(8) has none). */
  public static final int MAX_EXPANSION = 8 * 1024 * 1024;

  /**
   * One parameter of an evaluated jail.
   *
   * @param name the name as spelled last
   * @param values the values, as bytes one per char
   * @param file the file of the statement that set it last ({@code null} when implied)
   * @param line its line (0 when implied)
   */
  public record Param(String name, List<String> values, @Nullable String file, int line) {
    /** Copies the list. */
    public Param {
      values = List.copyOf(values);
    }
  }

  /**
   * Where one entry of a jail's list (a parameter or a variable) got its final value: the statement
   * that last replaced it and every {@code +=} after that, in the order applied.
   *
   * @param name the name as spelled last
   * @param variable true for a variable
   * @param statements the statements (the very objects of the parsed sections)
   */
  public record Origin(String name, boolean variable, List<Statement> statements) {
    /** Copies the list. */
    public Origin {
      statements = List.copyOf(statements);
    }
  }

  /**
   * One evaluated jail.
   *
   * @param name the block's full name
   * @param params its final parameter list, variables removed, in jail(8)'s order
   * @param problems what made it fail (empty when it did not)
   * @param origins where each parameter and variable set by a statement got its value
   */
  public record Jail(
      String name, List<Param> params, List<Problem> problems, List<Origin> origins) {
    /** Copies the lists. */
    public Jail {
      params = List.copyOf(params);
      problems = List.copyOf(problems);
      origins = List.copyOf(origins);
    }
  }

  /**
   * Evaluates every jail.
   *
   * @param sections the parser's sections
   * @param dialect which jail(8) to follow (the {@code name} backfill is current only)
   * @return the jails, in file order
   */
  public static List<Jail> evaluate(List<Section> sections, JailConfDialect dialect) {
    List<Section> wild = new ArrayList<>();
    List<Integer> wildSeq = new ArrayList<>();
    List<Section> jails = new ArrayList<>();
    List<Integer> jailSeq = new ArrayList<>();
    for (int i = 0; i < sections.size(); i++) {
      Section s = sections.get(i);
      if (wildName(s.name())) {
        wild.add(s);
        wildSeq.add(i + 1);
      } else {
        jails.add(s);
        jailSeq.add(i + 1);
      }
    }
    List<Jail> out = new ArrayList<>();
    for (int k = 0; k < jails.size(); k++) {
      Section j = jails.get(k);
      int seq = jailSeq.get(k);
      JailState st = new JailState(j.name());
      st.addImplied(ParamNames.numericBlockName(j.name()) ? "jid" : "name", j.name());
      boolean didSelf = false;
      for (int w = 0; w < wild.size(); w++) {
        if (seq < wildSeq.get(w) && !didSelf) {
          j.statements().forEach(st::add);
          didSelf = true;
        }
        if (wildMatch(j.name(), wild.get(w).name())) {
          wild.get(w).statements().forEach(st::add);
        }
      }
      if (!didSelf) {
        j.statements().forEach(st::add);
      }
      // config.c: "We only backfill if it's the name that wasn't set" (current jail(8) only)
      if (dialect == JailConfDialect.CURRENT && st.nameParam == null) {
        st.addImplied("name", j.name());
      }
      st.resolve();
      out.add(st.result());
    }
    return out;
  }

  /**
   * config.c {@code wild_jail_name()}: a {@code *} that is a whole dot-separated component.
   *
   * @param name a block name
   * @return true for {@code *}, {@code foo.*}, {@code *.bar}
   */
  public static boolean wildName(String name) {
    for (int i = name.indexOf('*'); i >= 0; i = name.indexOf('*', i + 1)) {
      boolean startOk = i == 0 || name.charAt(i - 1) == '.';
      boolean endOk = i + 1 == name.length() || name.charAt(i + 1) == '.';
      if (startOk && endOk) {
        return true;
      }
    }
    return false;
  }

  /**
   * config.c {@code wild_jail_match()}: a {@code *} in the middle matches one component, a final
   * {@code *} one or more.
   *
   * @param jname a jail name
   * @param wname a wildcard name
   * @return true when the wildcard applies to the jail
   */
  public static boolean wildMatch(String jname, String wname) {
    int jc = 0;
    int wc = 0;
    while (true) {
      int jd = jname.indexOf('.', jc);
      if (jd < 0) {
        break;
      }
      int wd = wname.indexOf('.', wc);
      if (wd < 0) {
        break;
      }
      String jcomp = jname.substring(jc, jd + 1);
      boolean same = wname.startsWith(jcomp, wc);
      if (!same && !wname.startsWith("*.", wc)) {
        return false;
      }
      jc = jd + 1;
      wc = wd + 1;
    }
    return jname.substring(jc).equals(wname.substring(wc)) || wname.substring(wc).equals("*");
  }

  /** A value during resolution: text plus the references still to splice in. */
  /**
   * A value being resolved: its text without the references, and the references (name and position
   * in that text, ascending) still to substitute, first to last. Substituted text is appended as
   * the references are reached, so each substitution costs its own length, not the value's.
   */
  private static final class Str {
    private final String source;
    private final StringBuilder done = new StringBuilder();
    private int copied;
    private final List<String> refNames = new ArrayList<>();
    private final List<Integer> refPos = new ArrayList<>();
    private int next;

    Str(String text) {
      this.source = text;
    }

    Str(Value v) {
      this(v.text());
      for (VarRef r : v.refs()) {
        refNames.add(r.name());
        refPos.add(r.pos());
      }
    }

    boolean hasRefs() {
      return next < refNames.size();
    }

    /** The references not yet substituted or dropped, the next one included. */
    int refsLeft() {
      return refNames.size() - next;
    }

    String nextRef() {
      return refNames.get(next);
    }

    /** Puts a value where the next reference stands. */
    void substitute(String value) {
      int pos = refPos.get(next);
      done.append(source, copied, pos).append(value);
      copied = pos;
    }

    /** Goes past the next reference, substituted or not. */
    void skipRef() {
      next++;
    }

    int length() {
      return done.length() + source.length() - copied;
    }

    String text() {
      return done.length() == 0 ? source.substring(copied) : done + source.substring(copied);
    }
  }

  private static final class P {
    String name;
    final List<Str> values = new ArrayList<>();
    final boolean var;
    boolean immutable;
    int gen;
    boolean bad;
    @Nullable String file;
    int line;
    final List<Statement> from = new ArrayList<>();

    P(String name, boolean var) {
      this.name = name;
      this.var = var;
    }
  }

  private static final class JailState {
    final String jail;
    final List<P> params = new ArrayList<>();

    /** {@link #params} by {@link NoNames#stem}, in the order they were added. */
    private final Map<String, List<P>> byStem = new HashMap<>();

    final List<Problem> problems = new ArrayList<>();
    @Nullable P nameParam;
    long budget = MAX_EXPANSION;

    JailState(String jail) {
      this.jail = jail;
    }

    void problem(String message, @Nullable String file, int line) {
      problems.add(Problem.inJail(jail, message, file, line));
    }

    /** add_param(j, NULL, KP_NAME or KP_JID, value). */
    void addImplied(String name, String value) {
      P p = new P(name, false);
      p.values.add(new Str(value));
      p.immutable = true;
      params.add(p);
      byStem.computeIfAbsent(NoNames.stem(name), k -> new ArrayList<>(1)).add(p);
      if (name.equals("name")) {
        nameParam = p;
      }
    }

    /** add_param(j, p, 0, NULL) for a statement. */
    void add(Statement s) {
      String name = s.name();
      List<Str> nss = new ArrayList<>();
      for (Value v : s.values()) {
        nss.add(new Str(v));
      }
      P dp = null;
      // names of one slot share a stem: only those are compared, in the order they were added
      List<P> sameStem = byStem.computeIfAbsent(NoNames.stem(name), k -> new ArrayList<>(1));
      for (P q : sameStem) {
        if (ParamNames.sameSlot(q.name, name)) {
          dp = q;
          break;
        }
      }
      if (dp != null) {
        if (dp.var != s.variable()) {
          problem(
              "variable \"$" + name + "\" cannot have the same name as a parameter.",
              s.file(),
              s.line());
          return;
        }
        if (dp.immutable) {
          problem("cannot redefine parameter \"" + dp.name + "\".", s.file(), s.line());
          return;
        }
        dp.name = name;
        if (!s.append() || nss.isEmpty()) {
          dp.values.clear();
          dp.from.clear();
        }
        dp.values.addAll(nss);
        dp.from.add(s);
        dp.file = s.file();
        dp.line = s.line();
        return;
      }
      P np = new P(name, s.variable());
      np.values.addAll(nss);
      np.from.add(s);
      np.file = s.file();
      np.line = s.line();
      params.add(np);
      sameStem.add(np);
      for (ParamNames.Known k : ParamNames.TABLE) {
        if (ParamNames.sameSlot(name, k.name())) {
          if (s.variable()) {
            // config.c leaves the variable in the list and fails the jail
            problem(
                "variable \"$" + name + "\" cannot have the same name as a parameter.",
                s.file(),
                s.line());
            return;
          }
          np.immutable = k.immutable();
          if (k.name().equals("name")) {
            nameParam = np;
          }
          break;
        }
      }
    }

    /** The variable resolution loop of load_config(), including its parameter moves. */
    void resolve() {
      // names are unique: add() merges every statement of one slot into one parameter
      Map<String, P> byName = new HashMap<>(2 * params.size());
      for (P q : params) {
        byName.putIfAbsent(q.name, q);
      }
      int pgen = 0;
      for (int i = 0; i < params.size(); i++) {
        P p = params.get(i);
        p.gen = ++pgen;
        boolean restart;
        do {
          restart = false;
          for (int si = 0; si < p.values.size() && !restart; si++) {
            Str s = p.values.get(si);
            while (s.hasRefs()) {
              String vname = s.nextRef();
              P vp = byName.get(vname);
              boolean bad = false;
              if (vp == null || vp.values.isEmpty()) {
                problem(p.name + ": variable \"" + vname + "\" not found", p.file, p.line);
                bad = true;
              } else if (vp.bad) {
                bad = true;
              } else if (vp.gen == pgen) {
                problem(vname + ": variable loop", p.file, p.line);
                bad = true;
              } else if (hasRefs(vp)) {
                // resolve the referenced parameter first: move it in front of this one
                vp.gen = pgen;
                params.remove(vp);
                params.add(i, vp);
                p = vp;
                restart = true;
                break;
              } else if (vp.values.size() > 1 && (s.length() > 0 || s.refsLeft() > 1)) {
                problem(p.name + ": array cannot be substituted inline", p.file, p.line);
                bad = true;
              } else if (!splice(p, si, s, vp)) {
                bad = true;
              }
              if (bad) {
                for (P q : params) {
                  if (q.gen == pgen) {
                    q.bad = true;
                  }
                }
              }
              s.skipRef();
            }
          }
        } while (restart);
      }
    }

    private static boolean hasRefs(P p) {
      for (Str s : p.values) {
        if (s.hasRefs()) {
          return true;
        }
      }
      return false;
    }

    private boolean splice(P p, int si, Str s, P vp) {
      List<Str> vals = vp.values;
      long cost = 0;
      for (Str v : vals) {
        cost += v.length() + 1;
      }
      budget -= cost;
      if (budget < 0) {
        problem(
            p.name + ": variable expansion exceeds " + MAX_EXPANSION + " bytes", p.file, p.line);
        return false;
      }
      s.substitute(vals.get(0).text());
      for (int k = 1; k < vals.size(); k++) {
        p.values.add(si + k, new Str(vals.get(k).text()));
      }
      return true;
    }

    Jail result() {
      List<Param> out = new ArrayList<>();
      List<Origin> origins = new ArrayList<>();
      for (P p : params) {
        if (!p.from.isEmpty()) {
          origins.add(new Origin(p.name, p.var, p.from));
        }
        if (p.var) {
          continue;
        }
        List<String> vals = new ArrayList<>();
        for (Str s : p.values) {
          vals.add(s.text());
        }
        out.add(new Param(p.name, vals, p.file, p.line));
      }
      return new Jail(jail, out, problems, origins);
    }
  }
}
