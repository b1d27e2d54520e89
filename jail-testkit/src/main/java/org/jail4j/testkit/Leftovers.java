package org.jail4j.testkit;

import java.util.ArrayList;
import java.util.List;
import org.jail4j.spi.IpAlias;
import org.jail4j.spi.MountRequest;

/**
 * What a test left behind on a fake host: live jails, mounts, interface aliases and cloned
 * interfaces. The {@code @FakeJails} extension checks this after each test.
 *
 * <pre>{@code
 * Leftovers left = host.leftovers();
 * if (!left.isEmpty()) System.err.println(left.describe());
 * }</pre>
 *
 * @param jails live jails, as {@code name (jid N)}
 * @param mounts mounts still in the table
 * @param aliases aliases still on interfaces
 * @param interfaces cloned interfaces (epair, bridge, ...) not destroyed
 */
public record Leftovers(
    List<String> jails, List<MountRequest> mounts, List<IpAlias> aliases, List<String> interfaces) {

  /** Copies the lists. */
  public Leftovers {
    jails = List.copyOf(jails);
    mounts = List.copyOf(mounts);
    aliases = List.copyOf(aliases);
    interfaces = List.copyOf(interfaces);
  }

  /** True when nothing is left behind. */
  public boolean isEmpty() {
    return jails.isEmpty() && mounts.isEmpty() && aliases.isEmpty() && interfaces.isEmpty();
  }

  /**
   * What is in this set and not in {@code before}: what was left behind since then.
   *
   * @param before an earlier snapshot
   * @return the difference
   */
  public Leftovers since(Leftovers before) {
    return new Leftovers(
        minus(jails, before.jails),
        minus(mounts, before.mounts),
        minus(aliases, before.aliases),
        minus(interfaces, before.interfaces));
  }

  private static <T> List<T> minus(List<T> now, List<T> before) {
    List<T> rest = new ArrayList<>(now);
    for (T t : before) {
      rest.remove(t);
    }
    return rest;
  }

  /** A report for a test failure: one line per leftover, grouped by kind. */
  public String describe() {
    if (isEmpty()) {
      return "nothing left behind";
    }
    StringBuilder sb = new StringBuilder("left behind:");
    for (String j : jails) {
      sb.append("\n  jail ").append(j);
    }
    for (MountRequest m : mounts) {
      sb.append("\n  mount ").append(m.toFstabLine());
    }
    for (IpAlias a : aliases) {
      sb.append("\n  alias ")
          .append(a.addressText())
          .append('/')
          .append(a.prefixLength())
          .append(" on ")
          .append(a.iface());
    }
    for (String i : interfaces) {
      sb.append("\n  interface ").append(i);
    }
    return sb.toString();
  }
}
