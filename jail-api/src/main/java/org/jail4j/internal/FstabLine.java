package org.jail4j.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jail4j.spi.MountRequest;

/**
 * One fstab(5) line as jail(8) reads it for {@code mount} and {@code mount.fstab}: white-space
 * separated fields {@code device mountpoint type [options]}; the dump and pass fields are ignored.
 * A blank line (or a {@code #} comment) mounts nothing; fewer than three fields is jail(8)'s {@code
 * missing information} error (jailconf-grammar.md §3.5).
 *
 * <pre>{@code
 * FstabLine.parse("/jails/base /jail/web nullfs ro 0 0").orElseThrow().toMountRequest();
 * }</pre>
 *
 * @param device the fstab "device" field (the source)
 * @param mountPoint the mount point
 * @param type the file system type
 * @param options the options, empty when the field is absent
 */
public record FstabLine(String device, String mountPoint, String type, List<String> options) {

  /** Copies the options. */
  public FstabLine {
    options = List.copyOf(options);
  }

  /**
   * Parses a line.
   *
   * @param line the text
   * @return the entry, or empty for a blank or comment line
   * @throws IllegalArgumentException with the text {@code LINE: missing information} for a line of
   *     one or two fields
   */
  public static Optional<FstabLine> parse(String line) {
    String text = line.strip();
    if (text.isEmpty() || text.startsWith("#")) {
      return Optional.empty();
    }
    String[] f = text.split("[ \\t\\f\\u000B\\r\\n]+", -1);
    if (f.length < 3) {
      throw new IllegalArgumentException(line + ": missing information");
    }
    List<String> opts = new ArrayList<>();
    if (f.length >= 4) {
      opts.addAll(Arrays.asList(f[3].split(",")));
      opts.removeIf(String::isEmpty);
    }
    return Optional.of(new FstabLine(f[0], f[1], f[2], opts));
  }

  /** The mount this line asks for. */
  public MountRequest toMountRequest() {
    List<String> opts = options.equals(List.of("rw")) ? List.of() : options;
    return new MountRequest(type, device, mountPoint, opts, null);
  }
}
