package org.jail4j.root.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jail4j.root.UnsafePathException;

/**
 * The naming rules for paths inside a jail root. An archive entry or a host-side write names a
 * place below the root by its components; {@code ..}, NUL bytes and (for archive entries) absolute
 * names are refused before anything touches the disk, because the tree belongs to the jail's root
 * user (freebsd-jail-abi.md section 8: jailed root has full VFS privileges inside its chroot).
 */
public final class RootNames {
  /**
   * The longest name of a place in a root, in UTF-8 bytes: FreeBSD's {@code PATH_MAX} is 1024 with
   * the NUL, so a deeper file could not be opened by its path inside the jail. The bound also keeps
   * a hostile name of 100,000 components from costing a directory per component.
   */
  public static final int MAX_NAME_BYTES = 1023;

  private RootNames() {}

  /**
   * The components of an archive entry name: {@code ./} prefixes, empty and {@code .} components
   * dropped; an empty list names the root itself.
   *
   * @param operation for the error, e.g. {@code extract}
   * @param name the entry name
   * @return the components
   * @throws UnsafePathException for an absolute name, a {@code ..} component or a NUL byte
   */
  public static List<String> archiveComponents(String operation, String name) {
    if (name.startsWith("/")) {
      throw new UnsafePathException(operation, name, "absolute entry name", null);
    }
    return components(operation, name);
  }

  /**
   * The components of a path inside a root as host code names it: a leading {@code /} means the
   * root ({@code /etc/rc.conf} is {@code ROOT/etc/rc.conf}).
   *
   * @param operation for the error, e.g. {@code write}
   * @param path the path inside the root
   * @return the components; empty for the root itself
   * @throws UnsafePathException for a {@code ..} component or a NUL byte
   */
  public static List<String> rootComponents(String operation, String path) {
    return components(operation, path);
  }

  private static List<String> components(String operation, String name) {
    if (name.indexOf('\0') >= 0) {
      throw new UnsafePathException(operation, name, "name contains a NUL byte", null);
    }
    // a char is 1 to 3 UTF-8 bytes: count only when the length alone does not decide
    long bytes =
        name.length() > MAX_NAME_BYTES || name.length() * 3L <= MAX_NAME_BYTES
            ? name.length()
            : name.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_NAME_BYTES) {
      throw new UnsafePathException(
          operation,
          name.length() > 100 ? name.substring(0, 100) + "..." : name,
          "name is longer than MAX_NAME_BYTES ("
              + MAX_NAME_BYTES
              + " bytes: FreeBSD's PATH_MAX of 1024 with the NUL)",
          null);
    }
    List<String> out = new ArrayList<>();
    int start = 0;
    int n = name.length();
    while (start <= n) {
      int slash = name.indexOf('/', start);
      int end = slash < 0 ? n : slash;
      String c = name.substring(start, end);
      if (c.equals("..")) {
        throw new UnsafePathException(operation, name, "name contains a \"..\" component", null);
      }
      if (!c.isEmpty() && !c.equals(".")) {
        out.add(c);
      }
      if (slash < 0) {
        break;
      }
      start = slash + 1;
    }
    return out;
  }
}
