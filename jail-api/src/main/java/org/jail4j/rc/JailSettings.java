package org.jail4j.rc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jail4j.Jail;
import org.jail4j.param.JailParam;
import org.jail4j.param.JailSys;

/**
 * Reads a {@link Jail}'s parameters by name, whatever key they were set with: a catalogued {@link
 * JailParam} constant (typed value), a {@link JailParam#named(String)} key (libjail text), or the
 * negated spelling {@code allow.noX}.
 */
final class JailSettings {
  private final Jail jail;

  JailSettings(Jail jail) {
    this.jail = jail;
  }

  Optional<Object> raw(String name) {
    Optional<JailParam<?>> known = JailParam.lookup(name);
    if (known.isPresent()) {
      Optional<?> v = jail.get(known.get());
      if (v.isPresent()) {
        return Optional.of(v.get());
      }
    }
    for (Map.Entry<JailParam<?>, Object> e : jail.params().entrySet()) {
      if (e.getKey().name().equals(name)) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  /** A boolean parameter: its value, the negation of its {@code no} form, or empty. */
  Optional<Boolean> flag(String name) {
    Optional<Object> v = raw(name);
    if (v.isPresent()) {
      return asBoolean(v.get());
    }
    return raw(JailParam.noNameOf(name)).flatMap(JailSettings::asBoolean).map(b -> !b);
  }

  boolean isSet(String name) {
    return flag(name).orElse(false);
  }

  Optional<JailSys> sys(String name) {
    return raw(name)
        .flatMap(
            v -> {
              if (v instanceof JailSys s) {
                return Optional.of(s);
              }
              if (v instanceof Number n) {
                return JailSys.fromValue(n.intValue());
              }
              return JailSys.fromWord(v.toString());
            });
  }

  Optional<Integer> number(String name) {
    return raw(name)
        .flatMap(
            v -> {
              if (v instanceof Number n) {
                return Optional.of(n.intValue());
              }
              try {
                return Optional.of(Integer.parseInt(v.toString().trim()));
              } catch (NumberFormatException e) {
                return Optional.empty();
              }
            });
  }

  /**
   * A list setting that {@link Jail} has as an attribute (e.g. {@code execStart()}) and that may
   * also be read through {@code jail.get(JailParam.EXEC_START)}: the parameter's value when it has
   * one, the attribute otherwise.
   */
  List<String> list(String name, List<String> attribute) {
    Optional<Object> v = raw(name);
    if (v.isPresent() && v.get() instanceof List<?> l && !l.isEmpty()) {
      List<String> out = new ArrayList<>();
      l.forEach(x -> out.add(String.valueOf(x)));
      return out;
    }
    return attribute;
  }

  /** {@code vnet=new}: the jail has its own network stack. */
  boolean vnet() {
    return sys("vnet").orElse(JailSys.INHERIT) == JailSys.NEW;
  }

  /** {@code enforce_statfs}, 2 when unset (the global sysctl's default, §9). */
  int enforceStatfs() {
    return number("enforce_statfs").orElse(2);
  }

  private static Optional<Boolean> asBoolean(Object v) {
    if (v instanceof Boolean b) {
      return Optional.of(b);
    }
    if (v instanceof Number n) {
      return Optional.of(n.intValue() != 0);
    }
    return switch (v.toString().trim().toLowerCase(Locale.ROOT)) {
      case "", "true", "1", "yes", "on" -> Optional.of(true);
      case "false", "0", "no", "off" -> Optional.of(false);
      default -> Optional.empty();
    };
  }

  Jail jail() {
    return jail;
  }
}
