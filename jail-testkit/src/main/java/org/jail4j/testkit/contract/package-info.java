/**
 * The contract every jail4j provider's kernel must pass: JUnit 5 test interfaces, one per topic of
 * the jail system calls, run together by {@link org.jail4j.testkit.contract.JailKernelContract}.
 */
@NullMarked
package org.jail4j.testkit.contract;

import org.jspecify.annotations.NullMarked;
