package org.jail4j.rc;

/**
 * How the value of an rc.conf assignment is written. {@link RcConf#set(String, String)} keeps the
 * style of the line it replaces, falling back to {@link #DOUBLE} when the value cannot be written
 * in that style (an empty or unsafe unquoted value, a single quote inside single quotes).
 *
 * <pre>{@code
 * rc.set("hostname", "web", QuoteStyle.SINGLE); // hostname='web'
 * }</pre>
 */
public enum QuoteStyle {
  /** No quotes: {@code jail_enable=YES}; only for non-empty values of shell-safe characters. */
  NONE,
  /** Single quotes: {@code syslogd_flags='-ss'}; everything inside is literal. */
  SINGLE,
  /**
   * Double quotes, what sysrc(8) writes: {@code sshd_enable="YES"}; {@code \}, {@code "}, {@code $}
   * and {@code `} are escaped with a backslash when jail4j writes a value.
   */
  DOUBLE,
  /** Several quoted and unquoted pieces, e.g. {@code a="x"'y'z}; only ever read, never written. */
  MIXED
}
