package org.jail4j.root;

/**
 * The target root already holds files and the caller did not ask to extract over them ({@link
 * RootBuilder#overwrite(boolean)}).
 *
 * <pre>{@code
 * try {
 *   RootBuilder.into(root).sets(sets, "base").populate();
 * } catch (RootNotEmptyException e) {
 *   RootBuilder.into(root).sets(sets, "base").overwrite(true).populate();
 * }
 * }</pre>
 */
public class RootNotEmptyException extends RootException {
  private static final long serialVersionUID = 1L;

  /**
   * A non-empty root.
   *
   * @param root the root directory
   */
  public RootNotEmptyException(String root) {
    super(
        "extract",
        root + ": root is not empty; pass overwrite(true) to extract over existing files",
        null);
  }
}
