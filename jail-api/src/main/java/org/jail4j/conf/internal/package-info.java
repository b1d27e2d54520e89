/**
 * The jail.conf(5) machinery behind {@link org.jail4j.conf.JailConf}: a lexer and parser that
 * follow FreeBSD's jaillex.l and jailparse.y, the per-jail evaluation of config.c, and quoting.
 */
@NullMarked
package org.jail4j.conf.internal;

import org.jspecify.annotations.NullMarked;
