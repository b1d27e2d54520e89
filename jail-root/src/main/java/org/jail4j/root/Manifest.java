package org.jail4j.root;

import java.io.IOException;
import java.io.InputStream;
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
  /**
   * The largest MANIFEST {@link #read(Path)} accepts: 1 MiB (a release's MANIFEST is under 2 KiB);
   * raise it with {@link #read(Path, long)}.
   */
  public static final long DEFAULT_MAX_BYTES = 1 << 20;

  /** The longest MANIFEST line accepted, in characters. */
  public static final int MAX_LINE_LENGTH = 4096;

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
   * @throws RootLimitException when a line is longer than {@link #MAX_LINE_LENGTH}
   */
  public static Manifest parse(String text) {
    List<ManifestEntry> out = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.length() > MAX_LINE_LENGTH) {
        throw new RootLimitException(
            "MANIFEST",
            "line " + (i + 1),
            "MAX_LINE_LENGTH",
            MAX_LINE_LENGTH,
            line.length(),
            "a MANIFEST with shorter lines");
      }
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
   * Reads and parses a MANIFEST file of at most {@link #DEFAULT_MAX_BYTES}.
   *
   * @param file the file; must be a regular file
   * @return the manifest
   * @throws RootLimitException when the file is larger
   * @throws RootException when it is not a regular file, cannot be read or parsed
   */
  public static Manifest read(Path file) {
    return read(file, DEFAULT_MAX_BYTES);
  }

  /**
   * Reads and parses a MANIFEST file of at most {@code maxBytes}. A device, FIFO or directory is
   * refused before it is opened (reading {@code /dev/zero} would never end), and reading stops one
   * byte past the bound, so a file that grows while it is read is refused too.
   *
   * @param file the file; must be a regular file
   * @param maxBytes the largest size accepted, at least 0
   * @return the manifest
   * @throws RootLimitException when the file is larger
   * @throws RootException when it is not a regular file, cannot be read or parsed
   */
  public static Manifest read(Path file, long maxBytes) {
    if (maxBytes < 0 || maxBytes > Integer.MAX_VALUE - 8) {
      throw new RootException(
          "MANIFEST",
          "maxBytes: must be 0.." + (Integer.MAX_VALUE - 8) + ", got " + maxBytes,
          null);
    }
    if (!Files.isRegularFile(file)) {
      throw new RootException(
          "MANIFEST",
          file + ": " + (Files.exists(file) ? "not a regular file" : "no such file"),
          null);
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes((int) maxBytes + 1);
    } catch (IOException e) {
      throw new RootException("MANIFEST", file + ": " + e.getMessage(), e);
    }
    if (bytes.length > maxBytes) {
      throw new RootLimitException(
          "MANIFEST",
          file.toString(),
          "maxBytes",
          maxBytes,
          bytes.length,
          "Manifest.read(Path, long)");
    }
    return parse(new String(bytes, StandardCharsets.UTF_8));
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
