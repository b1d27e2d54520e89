package org.jail4j.root;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One line of a FreeBSD release {@code MANIFEST}: the set's file, its SHA-256, how many entries it
 * holds, its name, a description and whether bsdinstall selects it by default. Fields are separated
 * by tabs:
 *
 * <pre>{@code
 * base.txz	3b1f...e2	31245	base	"Base system (MANDATORY)"	on
 * ManifestEntry e = ManifestEntry.parse("base.txz\t" + sha + "\t31245\tbase\t\"Base system\"\ton");
 * }</pre>
 *
 * @param file the set's file name, e.g. {@code base.txz}
 * @param sha256 the SHA-256 of the file, 64 lower-case hex digits
 * @param entries the number of archive entries, or -1 when the line does not say
 * @param set the set's name, e.g. {@code base}
 * @param description the description, without quotes (empty when absent)
 * @param selected true when the set is selected by default ({@code on})
 */
public record ManifestEntry(
    String file, String sha256, long entries, String set, String description, boolean selected) {

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern FILE = Pattern.compile("[A-Za-z0-9._+-]+");

  /** Validates. */
  public ManifestEntry {
    sha256 = sha256.toLowerCase(Locale.ROOT);
    if (!FILE.matcher(file).matches()) {
      throw new RootException(
          "MANIFEST", "file name \"" + file + "\" must be a plain file name", null);
    }
    if (!SHA256.matcher(sha256).matches()) {
      throw new RootException(
          "MANIFEST", file + ": sha256 must be 64 hex digits, got \"" + sha256 + "\"", null);
    }
    if (set.isEmpty()) {
      set = file.endsWith(".txz") ? file.substring(0, file.length() - 4) : file;
    }
  }

  /**
   * Parses one MANIFEST line (at least the file name and the SHA-256).
   *
   * @param line the line, tab-separated
   * @return the entry
   * @throws RootException naming the rule the line breaks
   */
  public static ManifestEntry parse(String line) {
    String[] f = line.split("\t", -1);
    if (f.length < 2) {
      throw new RootException(
          "MANIFEST", "expected tab-separated file name and sha256, got \"" + line + "\"", null);
    }
    long entries = -1;
    if (f.length > 2 && !f[2].isEmpty()) {
      try {
        entries = Long.parseLong(f[2].trim());
      } catch (NumberFormatException e) {
        throw new RootException(
            "MANIFEST", f[0] + ": entry count must be a number, got \"" + f[2] + "\"", e);
      }
    }
    String set = f.length > 3 ? f[3].trim() : "";
    String description = f.length > 4 ? unquote(f[4].trim()) : "";
    boolean selected = f.length > 5 && f[5].trim().equals("on");
    return new ManifestEntry(f[0].trim(), f[1].trim(), entries, set, description, selected);
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
        ? s.substring(1, s.length() - 1)
        : s;
  }

  /** This entry as a MANIFEST line (without the newline). */
  public String toLine() {
    return file
        + '\t'
        + sha256
        + '\t'
        + (entries < 0 ? "" : Long.toString(entries))
        + '\t'
        + set
        + '\t'
        + '"'
        + description
        + '"'
        + '\t'
        + (selected ? "on" : "off");
  }
}
