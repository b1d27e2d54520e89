package org.jail4j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Compares two extracted trees entry by entry: names, kinds, permission bits (set-id and sticky
 * included), owners (when asked: only root can give files to others), modification times, link
 * counts, symbolic link targets and file contents. The top directories themselves are not compared
 * (each tool was given a fresh one).
 *
 * <pre>{@code
 * List<String> d = ExtractedTrees.differences(jail4jTree, bsdtarTree, true);
 * }</pre>
 */
final class ExtractedTrees {
  /** At most this many differences are listed. */
  static final int MAX_LISTED = 20;

  private ExtractedTrees() {}

  /**
   * The differences between two trees, at most {@link #MAX_LISTED}; empty when they are the same.
   *
   * @param a one tree
   * @param b the other tree
   * @param owners compare numeric owners too
   * @return one line per difference, naming the entry and what differs
   * @throws IOException when a tree cannot be read
   */
  static List<String> differences(Path a, Path b, boolean owners) throws IOException {
    Map<String, Path> left = entries(a);
    Map<String, Path> right = entries(b);
    List<String> out = new ArrayList<>();
    for (String name : left.keySet()) {
      if (!right.containsKey(name)) {
        out.add(name + ": only in " + a);
      }
    }
    for (String name : right.keySet()) {
      if (!left.containsKey(name)) {
        out.add(name + ": only in " + b);
      }
    }
    for (Map.Entry<String, Path> e : left.entrySet()) {
      Path other = right.get(e.getKey());
      if (other != null && out.size() < MAX_LISTED) {
        String d = difference(e.getValue(), other, owners);
        if (!d.isEmpty()) {
          out.add(e.getKey() + ": " + d);
        }
      }
    }
    return out.size() > MAX_LISTED ? out.subList(0, MAX_LISTED) : out;
  }

  private static Map<String, Path> entries(Path tree) throws IOException {
    Map<String, Path> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(tree)) {
      walk.filter(p -> !p.equals(tree)).forEach(p -> out.put(tree.relativize(p).toString(), p));
    }
    return out;
  }

  private static String difference(Path x, Path y, boolean owners) throws IOException {
    Map<String, Object> ax = Files.readAttributes(x, "unix:*", LinkOption.NOFOLLOW_LINKS);
    Map<String, Object> ay = Files.readAttributes(y, "unix:*", LinkOption.NOFOLLOW_LINKS);
    List<String> d = new ArrayList<>();
    String kx = kind(x);
    String ky = kind(y);
    if (!kx.equals(ky)) {
      return "a " + kx + " and a " + ky;
    }
    int mx = (Integer) Objects.requireNonNull(ax.get("mode")) & 07777;
    int my = (Integer) Objects.requireNonNull(ay.get("mode")) & 07777;
    if (!kx.equals("link") && mx != my) {
      d.add("mode " + Integer.toOctalString(mx) + " vs " + Integer.toOctalString(my));
    }
    if (owners
        && (!Objects.equals(ax.get("uid"), ay.get("uid"))
            || !Objects.equals(ax.get("gid"), ay.get("gid")))) {
      d.add(
          "owner "
              + ax.get("uid")
              + ":"
              + ax.get("gid")
              + " vs "
              + ay.get("uid")
              + ":"
              + ay.get("gid"));
    }
    if (!kx.equals("link")
        && !Objects.equals(ax.get("lastModifiedTime"), ay.get("lastModifiedTime"))) {
      d.add("mtime " + ax.get("lastModifiedTime") + " vs " + ay.get("lastModifiedTime"));
    }
    switch (kx) {
      case "link" -> {
        Path tx = Files.readSymbolicLink(x);
        Path ty = Files.readSymbolicLink(y);
        if (!tx.equals(ty)) {
          d.add("target " + tx + " vs " + ty);
        }
      }
      case "file" -> {
        if (!Objects.equals(ax.get("nlink"), ay.get("nlink"))) {
          d.add("links " + ax.get("nlink") + " vs " + ay.get("nlink"));
        }
        if (Files.mismatch(x, y) >= 0) {
          d.add("content differs");
        }
      }
      default -> {}
    }
    return String.join(", ", d);
  }

  private static String kind(Path p) {
    if (Files.isSymbolicLink(p)) {
      return "link";
    }
    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      return "directory";
    }
    return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? "file" : "special file";
  }
}
