package org.jail4j.conf.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * glob(3) as {@code .include} uses it (no {@code GLOB_BRACE}, no tilde): {@code *}, {@code ?} and
 * bracket sets ({@code [abc]}, {@code [!a-z]}) within one path component, a leading dot matched
 * only explicitly, results sorted.
 *
 * <pre>{@code
 * List<String> files = Glob.expand("/etc/jail.conf.d/*.conf", Path::of);
 * }</pre>
 */
public final class Glob {
  private Glob() {}

  /**
   * Whether glob(3) sets {@code GLOB_MAGCHAR} for this pattern: it has a {@code *}, a {@code ?} or
   * a {@code [} with a {@code ]} after it.
   *
   * @param pattern the pattern
   * @return true when the pattern is a glob
   */
  public static boolean isMagic(String pattern) {
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '*' || c == '?') {
        return true;
      } else if (c == '[' && pattern.indexOf(']', i + 2) > 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Every existing path the pattern matches, sorted, written like the pattern.
   *
   * @param pattern the pattern
   * @param resolve turns a path written like the pattern into a file system path
   * @return the matches; empty when none
   */
  public static List<String> expand(String pattern, Function<String, Path> resolve) {
    List<String> prefixes = new ArrayList<>();
    prefixes.add(pattern.startsWith("/") ? "/" : "");
    String[] parts = pattern.split("/", -1);
    for (int k = 0; k < parts.length; k++) {
      String part = parts[k];
      if (part.isEmpty()) {
        continue;
      }
      boolean last = k == parts.length - 1;
      List<String> next = new ArrayList<>();
      for (String prefix : prefixes) {
        if (!isMagic(part)) {
          next.add(prefix + unescape(part) + (last ? "" : "/"));
          continue;
        }
        Pattern re = toRegex(part);
        Path dir = resolve.apply(prefix.isEmpty() ? "." : prefix);
        if (!Files.isDirectory(dir)) {
          continue;
        }
        List<String> names = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
          entries.forEach(
              p -> {
                Path fn = p.getFileName();
                String name = fn == null ? "" : fn.toString();
                if (name.startsWith(".") && !part.startsWith(".")) {
                  return;
                }
                if (re.matcher(name).matches()) {
                  names.add(name);
                }
              });
        } catch (IOException | RuntimeException e) {
          continue;
        }
        for (String name : names) {
          next.add(prefix + name + (last ? "" : "/"));
        }
      }
      prefixes = next;
    }
    List<String> out = new ArrayList<>();
    for (String p : prefixes) {
      if (!p.isEmpty() && Files.exists(resolve.apply(p))) {
        out.add(p);
      }
    }
    out.sort(null);
    return out;
  }

  private static String unescape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        c = s.charAt(++i);
      }
      b.append(c);
    }
    return b.toString();
  }

  private static Pattern toRegex(String part) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (c == '\\' && i + 1 < part.length()) {
        re.append(Pattern.quote(String.valueOf(part.charAt(++i))));
      } else if (c == '*') {
        re.append(".*");
      } else if (c == '?') {
        re.append('.');
      } else if (c == '[' && part.indexOf(']', i + 2) > 0) {
        int end = part.indexOf(']', i + 2);
        String set = part.substring(i + 1, end);
        boolean negate = set.startsWith("!");
        if (negate) {
          set = set.substring(1);
        }
        re.append('[');
        if (negate) {
          re.append('^');
        }
        for (int k = 0; k < set.length(); k++) {
          char s = set.charAt(k);
          if (s == '-' && k > 0 && k < set.length() - 1) {
            re.append('-');
          } else {
            re.append("\\x{").append(Integer.toHexString(s)).append('}');
          }
        }
        re.append(']');
        i = end;
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }
}
