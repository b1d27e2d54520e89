package org.jail4j.root;

import org.jspecify.annotations.Nullable;

/**
 * A write into a jail root was refused because it would leave the root: an archive entry named with
 * {@code ..} or an absolute path, a path through a symbolic link (planted by the archive or already
 * in the root), a hard link to something that is not a regular file inside the root. The jail's
 * root user controls that tree, so the host never follows a link inside it.
 *
 * <pre>{@code
 * try {
 *   SafeRootWriter.of(root).writeString("/etc/rc.conf", text);
 * } catch (UnsafePathException e) {
 *   // etc is a symbolic link planted by the jail: nothing was written
 *   System.err.println(e.path() + ": " + e.getMessage());
 * }
 * }</pre>
 */
public class UnsafePathException extends RootException {
  private static final long serialVersionUID = 1L;

  private final String path;

  /**
   * A refused path.
   *
   * @param operation what was being done, e.g. {@code extract} or {@code write}
   * @param path the path or archive entry name as given
   * @param rule the rule it breaks, e.g. {@code "a component is a symbolic link: etc"}
   * @param cause the underlying error, may be null
   */
  public UnsafePathException(
      String operation, String path, String rule, @Nullable Throwable cause) {
    super(operation, "refusing " + quote(path) + ": " + rule, cause);
    this.path = path;
  }

  private static String quote(String s) {
    return '"' + s.replace("\0", "\\0") + '"';
  }

  /** The path or entry name that was refused, as given. */
  public String path() {
    return path;
  }
}
