/**
 * The native FreeBSD provider: {@link org.jail4j.freebsd.FreeBsdJailProvider} reaches the running
 * kernel's jail system calls through jnr-ffi and does jail(8)'s host work with nmount, ifconfig and
 * jexec.
 */
@NullMarked
package org.jail4j.freebsd;

import org.jspecify.annotations.NullMarked;
