package org.jail4j.testkit.contract;

/**
 * What every topic of the {@link JailKernelContract} needs from the test class that runs it: the
 * context of the current case. {@link JailKernelContract} implements it for all topics at once.
 *
 * <pre>{@code
 * default void renameByJid() {
 *   ContractContext ctx = context();
 *   int jid = ctx.persistent(jailName("old"));
 *   ...
 * }
 * }</pre>
 */
public interface ContractCases {
  /**
   * The context of the current case: its kernel, the jails it made, and the helpers.
   *
   * @return the context
   */
  ContractContext context();
}
