/**
 * rc.conf(5): read, edit and write keeping comments, order and quoting, as {@code sysrc(8)} does,
 * with typed helpers and {@code checkyesno} semantics: one file ({@link org.jail4j.rc.RcConf}) or
 * the layered defaults and {@code rc_conf_files} ({@link org.jail4j.rc.RcConfFiles}, {@link
 * org.jail4j.rc.RcEdit}).
 */
@NullMarked
package org.jail4j.rc;

import org.jspecify.annotations.NullMarked;
