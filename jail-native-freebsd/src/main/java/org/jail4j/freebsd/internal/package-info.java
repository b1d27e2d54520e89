/**
 * The provider's internals: the libc binding, the iovec array in native memory, sysctl type
 * discovery and the host operations. Not exported; nothing here encodes parameter values.
 */
@NullMarked
package org.jail4j.freebsd.internal;

import org.jspecify.annotations.NullMarked;
