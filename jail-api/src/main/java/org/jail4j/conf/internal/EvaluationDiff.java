package org.jail4j.conf.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jail4j.conf.JailConfException;

/**
 * What differs between two evaluations of a file: the jails whose meaning (parameters, values,
 * problems; not the lines they were written on) changed, and the problems that are new.
 *
 * <pre>{@code
 * List<String> changed = EvaluationDiff.changed(before, after); // ["web"]
 * }</pre>
 */
public final class EvaluationDiff {
  private EvaluationDiff() {}

  /** Jail keys (the name, and the occurrence for a name given twice) to their evaluation. */
  private static Map<String, Evaluator.Jail> byKey(List<Evaluator.Jail> jails) {
    Map<String, Evaluator.Jail> out = new LinkedHashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    for (Evaluator.Jail j : jails) {
      int n = seen.merge(j.name(), 1, Integer::sum);
      out.put(j.name() + (n > 1 ? "\0" + n : ""), j);
    }
    return out;
  }

  /** What a jail reads, without where it was written (lines move when a file is edited). */
  private static List<Object> meaning(Evaluator.Jail j) {
    List<Object> out = new ArrayList<>();
    for (Evaluator.Param p : j.params()) {
      out.add(p.name());
      out.add(p.values());
    }
    for (JailConfException.Problem p : j.problems()) {
      out.add(p.text());
    }
    return out;
  }

  /**
   * The jails that read something else, were added or were removed.
   *
   * @param before the old evaluation
   * @param after the new one
   * @return their names (as text), in file order, each once
   */
  public static List<String> changed(List<Evaluator.Jail> before, List<Evaluator.Jail> after) {
    Map<String, Evaluator.Jail> a = byKey(before);
    Map<String, Evaluator.Jail> b = byKey(after);
    Set<String> out = new LinkedHashSet<>();
    for (Map.Entry<String, Evaluator.Jail> e : b.entrySet()) {
      Evaluator.Jail old = a.get(e.getKey());
      if (old == null || !meaning(old).equals(meaning(e.getValue()))) {
        out.add(ByteStrings.toText(e.getValue().name()));
      }
    }
    for (Map.Entry<String, Evaluator.Jail> e : a.entrySet()) {
      if (!b.containsKey(e.getKey())) {
        out.add(ByteStrings.toText(e.getValue().name()));
      }
    }
    return new ArrayList<>(out);
  }

  /**
   * The problems a jail has after that it did not have before.
   *
   * @param before the old evaluation
   * @param after the new one
   * @return their texts
   */
  public static List<String> newProblems(List<Evaluator.Jail> before, List<Evaluator.Jail> after) {
    Map<String, Evaluator.Jail> a = byKey(before);
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Evaluator.Jail> e : byKey(after).entrySet()) {
      Evaluator.Jail old = a.get(e.getKey());
      Set<String> had = new LinkedHashSet<>();
      if (old != null) {
        old.problems().forEach(p -> had.add(p.text()));
      }
      for (JailConfException.Problem p : e.getValue().problems()) {
        if (!had.contains(p.text())) {
          out.add(ByteStrings.toText(p.text()));
        }
      }
    }
    return out;
  }
}
