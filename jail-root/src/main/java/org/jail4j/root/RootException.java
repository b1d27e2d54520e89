package org.jail4j.root;

import org.jail4j.JailException;
import org.jspecify.annotations.Nullable;

/**
 * A jail root could not be built, fetched or written: the operation ({@code extract}, {@code
 * fetch}, {@code write}, {@code installworld}, {@code zfs clone}, ...) and what went wrong. Nothing
 * is left half-done: a failed extraction into an empty root removes what it wrote, a failed write
 * leaves the old file in place.
 *
 * <pre>{@code
 * try {
 *   RootBuilder.into(Path.of("/jail/web")).sets(sets, "base").populate();
 * } catch (RootException e) {
 *   System.err.println(e.operation() + ": " + e.getMessage());
 * }
 * }</pre>
 */
public class RootException extends JailException {
  private static final long serialVersionUID = 1L;

  /**
   * An error building or writing a root.
   *
   * @param operation what was being done, e.g. {@code extract}
   * @param detail what went wrong, naming the file or entry
   * @param cause the underlying error, may be null
   */
  public RootException(String operation, String detail, @Nullable Throwable cause) {
    super(operation, null, null, null, null, detail, cause);
  }
}
