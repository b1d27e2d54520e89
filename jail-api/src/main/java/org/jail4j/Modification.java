package org.jail4j;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jail4j.param.JailParam;
import org.jail4j.param.JailRequest;
import org.jail4j.param.ParamText;
import org.jail4j.spi.JailFlags;
import org.jail4j.spi.JailKernel;

/**
 * {@code jail -m} against a running jail: which differences need a restart (create-only, {@code
 * CTLFLAG_RDTUN} parameters, freebsd-jail-abi.md §4.2) and the update request for the rest.
 */
final class Modification {
  private Modification() {}

  /** True when the configuration asks for a create-only value the running jail does not have. */
  static boolean needsRestart(Jail jail, JailInfo info) {
    if (jail.path().isPresent() && !jail.path().get().equals(info.path())) {
      return true;
    }
    for (Map.Entry<JailParam<?>, Object> e : jail.params().entrySet()) {
      JailParam<?> p = e.getKey();
      if (!p.isKernel() || p.access() != JailParam.Access.CREATE_ONLY) {
        continue;
      }
      String wanted = text(p, e.getValue());
      Optional<String> have = Optional.ofNullable(info.params().get(p.name()));
      if (have.isEmpty() || !sameValue(p, wanted, have.get())) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code ip4} / {@code ip6} read back as {@code disable} whenever the jail is restricted, and
   * never as {@code new} (§3.6): the two words mean the same running jail.
   */
  private static boolean sameValue(JailParam<?> p, String wanted, String have) {
    if (wanted.equals(have)) {
      return true;
    }
    boolean ipPolicy = p.name().equals("ip4") || p.name().equals("ip6");
    return ipPolicy
        && (wanted.equals("new") || wanted.equals("disable"))
        && (have.equals("new") || have.equals("disable"));
  }

  /** Sets every writable kernel value the configuration gives, by JID. */
  static void update(JailKernel kernel, Jail jail, JailInfo info) {
    JailRequest r = JailRequest.create().put(JailParam.JID, info.jid());
    jail.hostname().ifPresent(h -> r.put(JailParam.HOST_HOSTNAME, h));
    if (jail.vnetBridge().isEmpty()) {
      if (!jail.ip4().isEmpty()) {
        r.put(JailParam.IP4_ADDR, jail.ip4());
      }
      if (!jail.ip6().isEmpty()) {
        r.put(JailParam.IP6_ADDR, jail.ip6());
      }
    }
    if (jail.persist()) {
      r.put(JailParam.PERSIST, true);
    }
    for (Map.Entry<JailParam<?>, Object> e : jail.params().entrySet()) {
      JailParam<?> p = e.getKey();
      if (p.isKernel() && p.access() == JailParam.Access.WRITABLE) {
        put(r, p, e.getValue());
      }
    }
    r.set(kernel, JailFlags.UPDATE);
  }

  @SuppressWarnings("unchecked")
  private static <T> void put(JailRequest r, JailParam<T> p, Object value) {
    r.put(p, (T) value);
  }

  @SuppressWarnings("unchecked")
  private static <T> String text(JailParam<T> p, Object value) {
    List<String> words = ParamText.format(p, (T) value);
    return String.join(",", words);
  }
}
