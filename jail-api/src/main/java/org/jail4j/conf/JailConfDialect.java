package org.jail4j.conf;

/**
 * Which jail(8) parser to follow. The two differ in a few documented ways (jailconf-grammar.md
 * §1.1, §2, §3.1); everything else is the same.
 *
 * <pre>{@code
 * JailConf conf = JailConf.parser().dialect(JailConfDialect.LEGACY).parse(text);
 * }</pre>
 */
public enum JailConfDialect {
  /**
   * The current jail(8): nested jail blocks, {@code .include}, {@code \r} is whitespace (CRLF files
   * work), one global section that collects every top-level statement wherever it is, and a numeric
   * block's {@code name} filled in from the block name.
   */
  CURRENT,

  /**
   * The older jail(8): flat blocks (a block inside a block is a syntax error), no {@code .include}
   * (it is an ordinary parameter), {@code \r} is a syntax error, each run of top-level statements
   * after a jail block starts a new global section at that place, and a numeric block sets only
   * {@code jid} (so {@code $name} is not found).
   */
  LEGACY
}
