package org.jail4j.spi;

/**
 * The four {@code rctl(4)} system calls the lifecycle uses for resource limits.
 *
 * <pre>{@code
 * kernel.rctl(RctlCall.ADD_RULE, "jail:web:maxproc:deny=100");
 * String usage = kernel.rctl(RctlCall.GET_RACCT, "jail:web");
 * }</pre>
 */
public enum RctlCall {
  /** {@code rctl_add_rule(2)}: add a rule such as {@code jail:web:memoryuse:deny=1g}. */
  ADD_RULE,
  /** {@code rctl_remove_rule(2)}: remove the rules matching a filter such as {@code jail:web}. */
  REMOVE_RULE,
  /** {@code rctl_get_rules(2)}: the rules matching a filter, comma-separated. */
  GET_RULES,
  /** {@code rctl_get_racct(2)}: usage figures for a subject, {@code resource=value} comma list. */
  GET_RACCT
}
