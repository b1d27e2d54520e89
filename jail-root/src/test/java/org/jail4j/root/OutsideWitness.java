package org.jail4j.root;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jail4j.root.internal.Sha256;

/**
 * A snapshot of everything in a directory outside a jail root (names, kinds, modes, content hashes,
 * times), to prove an attack changed nothing there.
 */
final class OutsideWitness {
  private final Path dir;
  private final Map<String, String> before;

  private OutsideWitness(Path dir) throws IOException {
    this.dir = dir;
    this.before = state(dir);
  }

  static OutsideWitness of(Path dir) throws IOException {
    return new OutsideWitness(dir);
  }

  Map<String, String> before() {
    return before;
  }

  Map<String, String> now() throws IOException {
    return state(dir);
  }

  private static Map<String, String> state(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        String key = dir.relativize(p).toString();
        String v;
        if (Files.isSymbolicLink(p)) {
          v = "link " + Files.readSymbolicLink(p);
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          v = "dir " + Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        } else {
          v =
              "file "
                  + Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS)
                  + " "
                  + Files.getAttribute(p, "unix:nlink", LinkOption.NOFOLLOW_LINKS)
                  + " "
                  + Sha256.of(p)
                  + " "
                  + Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
        }
        out.put(key, v);
      }
    }
    return out;
  }
}
