package org.jail4j.testkit.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.jail4j.Errno;
import org.jail4j.JailLimit;
import org.jail4j.spi.RctlCall;
import org.jail4j.spi.SyscallException;
import org.jspecify.annotations.Nullable;

/**
 * The fake's {@code rctl(4)}: rules {@code subject:id:resource:action[=amount[/per]]} are checked
 * for form, recorded, filtered and removed; usage figures are answered for jails.
 */
final class Rctl {
  /** The resources, in racct order: the same table the API validates limits with. */
  static final List<String> RESOURCES = JailLimit.RESOURCES;

  private static final Set<String> SUBJECTS = Set.of("process", "user", "loginclass", "jail");
  private static final Set<String> ACTIONS = Set.of("deny", "log", "devctl", "throttle");

  private final List<String> rules = new ArrayList<>();

  List<String> rules() {
    return List.copyOf(rules);
  }

  String call(RctlCall call, String argument, Function<String, @Nullable String> usage)
      throws SyscallException {
    return switch (call) {
      case ADD_RULE -> add(argument);
      case REMOVE_RULE -> remove(argument);
      case GET_RULES -> {
        String[] f = parseFilter(argument);
        List<String> out = new ArrayList<>();
        for (String rule : rules) {
          if (matches(rule, f)) {
            out.add(rule);
          }
        }
        yield String.join(",", out);
      }
      case GET_RACCT -> racct(argument, usage);
    };
  }

  private String add(String rule) throws SyscallException {
    String[] r = parseRule(rule);
    String key = r[0] + ":" + r[1] + ":" + r[2] + ":" + r[3];
    rules.removeIf(x -> x.startsWith(key + "=") || x.equals(key));
    rules.add(rule);
    return "";
  }

  private String remove(String filter) throws SyscallException {
    String[] f = parseFilter(filter);
    boolean removed = false;
    for (Iterator<String> it = rules.iterator(); it.hasNext(); ) {
      if (matches(it.next(), f)) {
        it.remove();
        removed = true;
      }
    }
    if (!removed) {
      throw new SyscallException("rctl_remove_rule", Errno.ESRCH);
    }
    return "";
  }

  private static String racct(String subject, Function<String, @Nullable String> usage)
      throws SyscallException {
    String[] f = parseFilter(subject);
    if (!f[0].equals("jail") || f[1].isEmpty()) {
      throw new SyscallException("rctl_get_racct", Errno.EINVAL);
    }
    String figures = usage.apply(f[1]);
    if (figures == null) {
      throw new SyscallException("rctl_get_racct", Errno.ESRCH);
    }
    return figures;
  }

  /** {@code subject, id, resource, action, amount-or-empty}; EINVAL when malformed. */
  private static String[] parseRule(String rule) throws SyscallException {
    String[] parts = rule.split(":", -1);
    if (parts.length != 4) {
      throw new SyscallException("rctl_add_rule", Errno.EINVAL);
    }
    String action = parts[3];
    String amount = "";
    int eq = action.indexOf('=');
    if (eq >= 0) {
      amount = action.substring(eq + 1);
      action = action.substring(0, eq);
    }
    if (!SUBJECTS.contains(parts[0])
        || parts[1].isEmpty()
        || !RESOURCES.contains(parts[2])
        || !(ACTIONS.contains(action) || action.startsWith("sig"))
        || !validAmount(amount)) {
      throw new SyscallException("rctl_add_rule", Errno.EINVAL);
    }
    return new String[] {parts[0], parts[1], parts[2], action, amount};
  }

  private static boolean validAmount(String amount) {
    String a = amount;
    int slash = a.indexOf('/');
    if (slash >= 0) {
      if (!SUBJECTS.contains(a.substring(slash + 1))) {
        return false;
      }
      a = a.substring(0, slash);
    }
    return a.toLowerCase(Locale.ROOT).matches("[0-9]+[kmgtpe]?");
  }

  private static String[] parseFilter(String filter) throws SyscallException {
    String[] parts = filter.split(":", -1);
    if (parts.length > 4 || (!parts[0].isEmpty() && !SUBJECTS.contains(parts[0]))) {
      throw new SyscallException("rctl", Errno.EINVAL);
    }
    String[] out = {"", "", "", ""};
    System.arraycopy(parts, 0, out, 0, parts.length);
    return out;
  }

  private static boolean matches(String rule, String[] filter) {
    String[] parts = rule.split(":", -1);
    for (int i = 0; i < 4; i++) {
      if (filter[i].isEmpty()) {
        continue;
      }
      String part = i == 3 ? parts[3] : parts[i];
      if (i == 3 && !filter[3].contains("=")) {
        int eq = part.indexOf('=');
        part = eq < 0 ? part : part.substring(0, eq);
      }
      if (!part.equals(filter[i])) {
        return false;
      }
    }
    return true;
  }

  /** The {@code rctl -u} figures for a jail with this many processes. */
  static String usage(int processes) {
    StringBuilder sb = new StringBuilder();
    for (String r : RESOURCES) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      long value = r.equals("maxproc") || r.equals("nthr") ? processes : 0;
      sb.append(r).append('=').append(value);
    }
    return sb.toString();
  }
}
