package org.jail4j.param;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Reads the {@code added_in} text of a catalogue entry into {@link JailParam.Release} facts. */
final class ReleaseText {
  private ReleaseText() {}

  /**
   * The forms of {@code added_in} in jail-params.tsv: {@code 8.0}, {@code 8.x}, {@code <=12},
   * {@code 14.0? (unverified; ...)}, {@code 14.x (unverified; renamed in 15.0)}, {@code 14.0
   * (inferred)}, {@code 8.0 (VIMAGE in GENERIC since 12.0)}.
   */
  private static final Pattern ADDED_IN =
      Pattern.compile("(<=)?(\\d+)(?:\\.(\\d+|x))?(\\?)?(?: \\((.*)\\))?");

  private static final Pattern RENAMED_IN = Pattern.compile("renamed in (\\d+)\\.(\\d+)");

  /** The facts of one {@code added_in} text. */
  record Read(
      JailParam.@Nullable Release since, JailParam.@Nullable Release removedIn, boolean verified) {}

  static Read read(String name, String addedIn) {
    if (addedIn.isEmpty()) {
      return new Read(null, null, false);
    }
    Matcher m = ADDED_IN.matcher(addedIn);
    if (!m.matches()) {
      throw new IllegalArgumentException(name + ": unreadable release \"" + addedIn + "\"");
    }
    String minor = m.group(3);
    JailParam.Release since =
        new JailParam.Release(
            Integer.parseInt(m.group(2)),
            minor == null || minor.equals("x") ? 0 : Integer.parseInt(minor));
    String note = m.group(5) == null ? "" : m.group(5);
    Matcher renamed = RENAMED_IN.matcher(note);
    JailParam.Release removedIn =
        renamed.find()
            ? new JailParam.Release(
                Integer.parseInt(renamed.group(1)), Integer.parseInt(renamed.group(2)))
            : null;
    boolean verified =
        m.group(4) == null && !note.contains("unverified") && !note.contains("inferred");
    return new Read(since, removedIn, verified);
  }
}
