package org.jail4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jail4j.Errno;
import org.jspecify.annotations.Nullable;

/**
 * The rule for every error message: each fact once, in jail(8)'s words, then the errno once. A
 * message is split into its clauses (jail(8) separates them with {@code ": "}, jail4j's lists with
 * {@code "; "}); no clause, no {@code strerror} text and no {@code (ERRNO)} may appear twice.
 */
final class SaidOnce {
  private SaidOnce() {}

  private static final Pattern ERRNO = Pattern.compile("\\(E[A-Z0-9]+\\)");

  static void assertSaidOnce(@Nullable String said) {
    assertThat(said).isNotNull();
    String message = java.util.Objects.requireNonNull(said);
    Matcher m = ERRNO.matcher(message);
    int errnos = 0;
    while (m.find()) {
      errnos++;
    }
    assertThat(errnos).as("errno said at most once in: %s", message).isLessThanOrEqualTo(1);
    if (errnos == 1) {
      assertThat(message)
          .as("the errno comes last: %s", message)
          .matches("(?s).* \\(E[A-Z0-9]+\\)");
    }
    for (Errno e : Errno.values()) {
      String text = e.message();
      int first = message.indexOf(text);
      assertThat(first == -1 || message.indexOf(text, first + 1) == -1)
          .as("\"%s\" said twice in: %s", text, message)
          .isTrue();
    }
    String body = ERRNO.matcher(message).replaceAll("").trim();
    List<String> clauses = new ArrayList<>();
    for (String c : body.split(": |; ", -1)) {
      String t = c.trim();
      if (t.length() >= 3) {
        clauses.add(t);
      }
    }
    Set<String> seen = new HashSet<>();
    for (String c : clauses) {
      assertThat(seen.add(c)).as("clause \"%s\" said twice in: %s", c, message).isTrue();
    }
  }
}
