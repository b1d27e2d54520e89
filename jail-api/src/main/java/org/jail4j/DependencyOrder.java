package org.jail4j;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The order jail(8) starts jails with {@code depend}: every jail after the jails it depends on,
 * otherwise in the order given; stopping goes the other way.
 */
final class DependencyOrder {
  private DependencyOrder() {}

  /**
   * The start order.
   *
   * @param jails the jails
   * @param runningElsewhere whether a dependency that is not in the list is already running
   * @return the jails, dependencies first
   * @throws JailException for a dependency loop or an unknown dependency
   */
  static List<Jail> startOrder(List<Jail> jails, Predicate<String> runningElsewhere) {
    Map<String, Jail> byName = new LinkedHashMap<>();
    for (Jail j : jails) {
      j.name().ifPresent(n -> byName.put(n, j));
    }
    for (Jail j : jails) {
      for (String d : j.depend()) {
        if (!byName.containsKey(d) && !runningElsewhere.test(d)) {
          throw new JailException(
              "depend",
              j.name().orElse(null),
              "depends on \"" + d + "\", which is neither being started nor running");
        }
      }
    }
    List<Jail> out = new ArrayList<>();
    Map<Jail, Boolean> done = new HashMap<>();
    for (Jail j : jails) {
      visit(j, byName, done, new ArrayList<>(), out);
    }
    return out;
  }

  private static void visit(
      Jail j,
      Map<String, Jail> byName,
      Map<Jail, Boolean> done,
      List<String> path,
      List<Jail> out) {
    Boolean state = done.get(j);
    String name = j.name().orElse("?");
    if (Boolean.TRUE.equals(state)) {
      return;
    }
    if (Boolean.FALSE.equals(state)) {
      int from = path.indexOf(name);
      List<String> loop = new ArrayList<>(path.subList(Math.max(from, 0), path.size()));
      loop.add(name);
      throw new JailException(
          "depend", loop.get(0), "dependency loop: " + String.join(" -> ", loop));
    }
    done.put(j, false);
    path.add(name);
    for (String d : j.depend()) {
      Jail dep = byName.get(d);
      if (dep != null) {
        visit(dep, byName, done, path, out);
      }
    }
    path.remove(path.size() - 1);
    done.put(j, true);
    out.add(j);
  }
}
