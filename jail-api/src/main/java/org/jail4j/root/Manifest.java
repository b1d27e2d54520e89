package org.jail4j.root;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A FreeBSD release {@code MANIFEST}: the SHA-256 of every distribution set, which extraction and
 * fetching check before they trust a set.
 *
 * <pre>{@code
 * Manifest m = Manifest.read(Path.of("/var/cache/freebsd/14.3-RELEASE/MANIFEST"));
 * String sha = m.entry("base").orElseThrow().sha256();
 * }</pre>
 */
public final class Manifest {
  private final List<ManifestEntry> entries;

  private Manifest(List<ManifestEntry> entries) {
    this.entries = List.copyOf(entries);
  }

  /**
   * A manifest of these entries.
   *
   * @param entries the entries, in order
   * @return the manifest
   */
  public static Manifest of(List<ManifestEntry> entries) {
    return new Manifest(entries);
  }

  /**
   * Parses MANIFEST text: one tab-separated entry per line; blank lines and {@code #} comments are
   * ignored.
   *
   * @param text the file's text
   * @return the manifest
   * @throws RootException naming the line that breaks the format
   */
  public static Manifest parse(String text) {
    List<ManifestEntry> out = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      try {
        out.add(ManifestEntry.parse(line));
      } catch (RootException e) {
        throw new RootException("MANIFEST", "line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return new Manifest(out);
  }

  /**
   * Reads and parses a MANIFEST file.
   *
   * @param file the file
   * @return the manifest
   * @throws RootException when it cannot be read or parsed
   */
  public static Manifest read(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new RootException("MANIFEST", file + ": " + e.getMessage(), e);
    }
  }

  /** The entries, in file order. */
  public List<ManifestEntry> entries() {
    return entries;
  }

  /**
   * The entry of a set.
   *
   * @param setOrFile the set's name ({@code base}) or file name ({@code base.txz})
   * @return the entry, or empty when the MANIFEST does not list it
   */
  public Optional<ManifestEntry> entry(String setOrFile) {
    for (ManifestEntry e : entries) {
      if (e.file().equals(setOrFile) || e.set().equals(setOrFile)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /** The MANIFEST text, one line per entry, each ending in a newline. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (ManifestEntry e : entries) {
      sb.append(e.toLine()).append('\n');
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Manifest m && m.entries.equals(entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }
}
