/**
 * Typed jail parameters and the one codec between Java values and the kernel's bytes
 * (freebsd-jail-abi.md §2, §4.1).
 */
@NullMarked
package org.jail4j.param;

import org.jspecify.annotations.NullMarked;
