package org.jail4j;

import java.util.ArrayList;
import java.util.List;

/** The rules a {@link Jail} must satisfy before any kernel sees it. */
final class JailRules {
  private JailRules() {}

  static JailAddress parseAddress(String field, String text, boolean v4) {
    JailAddress a;
    try {
      a = JailAddress.parse(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidJailParameterException("build", null, field, String.valueOf(e.getMessage()));
    }
    if (a.isIpv4() != v4) {
      throw new InvalidJailParameterException(
          "build", null, field, "\"" + text + "\" is not an IPv" + (v4 ? "4" : "6") + " address");
    }
    return a;
  }

  static void check(Jail jail) {
    List<InvalidJailParameterException.Violation> v = new ArrayList<>();
    jail.path()
        .ifPresent(
            p -> {
              if (!p.startsWith("/")) {
                v.add(
                    new InvalidJailParameterException.Violation("path", "must be absolute: " + p));
              }
            });
    if (!v.isEmpty()) {
      throw new InvalidJailParameterException("build", jail.name().orElse(null), v);
    }
  }
}
