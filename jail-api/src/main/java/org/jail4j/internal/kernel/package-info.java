/**
 * The kernel-call layer under {@code JailRequest}: the {@code errmsg} buffer, libjail's size probes
 * and retries, and the errno of a failed call mapped to its jail4j exception (freebsd-jail-abi.md
 * §1.4, §2.8, §5). Not exported.
 */
@NullMarked
package org.jail4j.internal.kernel;

import org.jspecify.annotations.NullMarked;
