package org.jail4j.root;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Distribution set files on disk together with the release {@code MANIFEST} that vouches for them:
 * a release directory (as on a mirror or an install medium) or what {@link SetMirror} fetched into
 * its cache.
 *
 * <pre>{@code
 * DistributionSets sets = DistributionSets.inDirectory(Path.of("/usr/freebsd-dist"));
 * RootBuilder.into(Path.of("/jail/web")).sets(sets, "base", "lib32").populate();
 * }</pre>
 *
 * @param manifest the release MANIFEST
 * @param archives set name ({@code base}) to its {@code .txz} file
 */
public record DistributionSets(Manifest manifest, Map<String, Path> archives) {

  /** Copies the map. */
  public DistributionSets {
    archives = Map.copyOf(archives);
  }

  /**
   * The sets in a release directory: {@code DIR/MANIFEST} and every set it lists whose file is
   * present.
   *
   * @param dir the directory
   * @return the sets
   * @throws RootException when the MANIFEST is missing or malformed
   */
  public static DistributionSets inDirectory(Path dir) {
    Manifest m = Manifest.read(dir.resolve("MANIFEST"));
    Map<String, Path> files = new LinkedHashMap<>();
    for (ManifestEntry e : m.entries()) {
      Path p = dir.resolve(e.file());
      if (Files.isRegularFile(p)) {
        files.put(e.set(), p);
      }
    }
    return new DistributionSets(m, files);
  }

  /**
   * The file of a set.
   *
   * @param set the set's name
   * @return its file, or empty when not present
   */
  public Optional<Path> archive(String set) {
    return Optional.ofNullable(archives.get(set));
  }
}
