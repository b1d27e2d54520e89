package org.jail4j;

/**
 * A {@link RunningJail} handle's jail is gone and its JID now belongs to another jail: the jail was
 * removed behind the handle's back (by {@code jail -r}, another handle, or its last process
 * exiting) and a new jail was created with the same JID. The handle refuses to stop, remove, update
 * or run commands in the newcomer, and touches nothing.
 *
 * <p>A handle knows its jail by JID and name: JIDs are reused (a configuration may fix one), names
 * are unique among live jails, so a JID whose jail has another name is not the handle's jail.
 *
 * <pre>{@code
 * try {
 *   stale.stop();
 * } catch (JailGoneException e) {
 *   System.err.println(e.getMessage()); // jail: web: stop: jail 5 is now "db", not "web" ...
 * }
 * }</pre>
 */
public class JailGoneException extends JailNotFoundException {
  private static final long serialVersionUID = 1L;

  private final String currentName;

  /**
   * The handle's jail is gone and its JID holds another jail.
   *
   * @param operation what the handle was asked to do ({@code stop}, {@code exec}, ...)
   * @param jid the handle's JID
   * @param jailName the name the handle's jail was started with
   * @param currentName the name of the jail that now has the JID
   */
  public JailGoneException(String operation, int jid, String jailName, String currentName) {
    super(
        operation,
        jid,
        jailName,
        "jail "
            + jid
            + " is now \""
            + currentName
            + "\", not \""
            + jailName
            + "\": this handle's jail was removed and its JID reused; nothing was done");
    this.currentName = currentName;
  }

  /** The name of the jail that now holds the JID. */
  public String currentName() {
    return currentName;
  }
}
