/**
 * rc.conf(5): read, edit and write keeping comments, order and quoting, as {@code sysrc(8)} does,
 * with typed helpers and {@code checkyesno} semantics.
 */
@NullMarked
package org.jail4j.rc;

import org.jspecify.annotations.NullMarked;
