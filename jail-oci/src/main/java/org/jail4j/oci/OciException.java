package org.jail4j.oci;

import org.jail4j.JailException;
import org.jspecify.annotations.Nullable;

/**
 * An OCI configuration jail4j cannot read or write: malformed JSON, a field of the wrong type, a
 * value the specification forbids, or a setting one side cannot say. The message names the JSON
 * field (dotted, with array indexes, e.g. {@code freebsd.jail.vnet} or {@code mounts[2].type}) and
 * the rule.
 *
 * <pre>{@code
 * try {
 *   OciConfig.parse(json);
 * } catch (OciException e) {
 *   System.err.println(e.field() + ": " + e.rule());
 * }
 * }</pre>
 */
public class OciException extends JailException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final String rule;

  /**
   * A problem with one field.
   *
   * @param field the JSON field, dotted ({@code config} for the document as a whole)
   * @param rule what is wrong, in words
   */
  public OciException(String field, String rule) {
    this(field, rule, null);
  }

  /**
   * A problem with one field, caused by another exception.
   *
   * @param field the JSON field, dotted ({@code config} for the document as a whole)
   * @param rule what is wrong, in words
   * @param cause the underlying exception, or null
   */
  public OciException(String field, String rule, @Nullable Throwable cause) {
    super("oci", null, null, null, null, field + ": " + rule, cause);
    this.field = field;
    this.rule = rule;
  }

  /** The JSON field, dotted, e.g. {@code freebsd.jail.vnet}; {@code config} for the whole. */
  public String field() {
    return field;
  }

  /** What is wrong with it. */
  public String rule() {
    return rule;
  }
}
