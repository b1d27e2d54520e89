package org.jail4j.conf;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jail4j.JailException;
import org.jspecify.annotations.Nullable;

/**
 * A {@link JailConfDocument} edit was refused; the document is unchanged. {@link #reason()} says
 * why; for an edit that would change what other jails read, {@link #affectedJails()} names them and
 * {@link #section()} the section (<code>*</code> for the globals, a wildcard such as {@code foo.*},
 * or an included file) the value comes from.
 *
 * <pre>{@code
 * try {
 *   doc.set("web", "exec.start", "/bin/sh /etc/rc.web");
 * } catch (JailConfEditException e) {
 *   if (e.reason() == JailConfEditException.Reason.SHARED) {
 *     // e.affectedJails() == [db, mail]: choose Scope.OVERRIDE_IN_JAIL or Scope.EDIT_SHARED
 *   }
 * }
 * }</pre>
 */
public class JailConfEditException extends JailException {
  private static final long serialVersionUID = 1L;

  /** Why an edit was refused. */
  public enum Reason {
    /** No block of that name in the file. */
    NO_SUCH_JAIL,
    /** More than one block of that name in the file. */
    AMBIGUOUS,
    /** A jail of that name exists already. */
    DUPLICATE_JAIL,
    /** The jail or the statement to edit is in an included file, which a document does not edit. */
    INCLUDED_FILE,
    /**
     * The value comes from, or the edit is in, a section other jails read (the globals or a
     * wildcard): the caller chooses {@link JailConfDocument.Scope#OVERRIDE_IN_JAIL} or {@link
     * JailConfDocument.Scope#EDIT_SHARED}.
     */
    SHARED,
    /** A section after the jail's block sets the parameter again, so the edit would not show. */
    OVERRIDDEN,
    /** The parameter or variable is not set where the edit looks. */
    NOT_SET,
    /** The edit would make the jail fail to evaluate (for example a variable that is not found). */
    BREAKS_JAIL,
    /** The jail has nested blocks, which removing it would remove too. */
    NESTED_JAILS,
    /** A name or value that jail.conf cannot hold, or a wildcard where a jail is needed. */
    INVALID,
    /** The edited file would be larger than jail.conf's bound. */
    TOO_LARGE
  }

  private final Reason reason;
  private final @Nullable String parameter;
  private final @Nullable String section;
  private final List<String> affectedJails;

  /**
   * A refused edit.
   *
   * @param operation the edit, e.g. {@code set}
   * @param jail the jail or section edited (<code>*</code> for the globals)
   * @param parameter the parameter or variable, when one is concerned
   * @param reason why
   * @param section the section the value comes from, when that is why
   * @param affectedJails the other jails the edit would change
   * @param detail the explanation
   */
  public JailConfEditException(
      String operation,
      String jail,
      @Nullable String parameter,
      Reason reason,
      @Nullable String section,
      List<String> affectedJails,
      String detail) {
    super("jail.conf " + operation, jail, detail);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.parameter = parameter;
    this.section = section;
    this.affectedJails = List.copyOf(affectedJails);
  }

  /** Why the edit was refused. */
  public Reason reason() {
    return reason;
  }

  /** The parameter or variable concerned. */
  public Optional<String> parameter() {
    return Optional.ofNullable(parameter);
  }

  /** The section the value comes from: <code>*</code>, a wildcard name, or an included file. */
  public Optional<String> section() {
    return Optional.ofNullable(section);
  }

  /** The other jails the edit would change, in file order. */
  public List<String> affectedJails() {
    return affectedJails;
  }
}
