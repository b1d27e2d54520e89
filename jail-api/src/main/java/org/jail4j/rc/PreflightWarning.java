package org.jail4j.rc;

import java.util.Objects;

/**
 * One thing a jail's configuration asks for that the jail cannot do: the rc.conf variable or jail
 * parameter concerned, the problem and the fix.
 *
 * <pre>{@code
 * for (PreflightWarning w : Preflight.check(jail, rc)) {
 *   System.err.println(w); // openvpn_enable=YES needs a tun device: use vnet=new and a devfs ruleset that exposes tun
 * }
 * }</pre>
 *
 * @param rule the rule that found it
 * @param origin where the setting lives
 * @param setting the rc.conf variable or jail parameter, e.g. {@code openvpn_enable}
 * @param value its value as written, e.g. {@code YES}; empty when the warning is about its absence
 * @param problem what the jail cannot do, e.g. {@code needs a tun device}
 * @param fix what to change, e.g. {@code use vnet=new and a devfs ruleset that exposes tun}
 */
public record PreflightWarning(
    PreflightRule rule, Origin origin, String setting, String value, String problem, String fix) {

  /** Where a setting lives. */
  public enum Origin {
    /** A variable of the jail's rc.conf. */
    RC_CONF,
    /** A parameter or setting of the {@link org.jail4j.Jail}. */
    JAIL
  }

  /**
   * The record, checked.
   *
   * @param rule the rule
   * @param origin where the setting lives
   * @param setting the variable or parameter
   * @param value its value
   * @param problem the problem
   * @param fix the fix
   */
  public PreflightWarning {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(setting, "setting");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(fix, "fix");
  }

  /** The sentence: {@code SETTING=VALUE PROBLEM: FIX}. */
  @Override
  public String toString() {
    return setting + (value.isEmpty() ? "" : "=" + value) + " " + problem + ": " + fix;
  }
}
