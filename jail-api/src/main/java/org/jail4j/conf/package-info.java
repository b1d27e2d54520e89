/**
 * jail.conf(5): parse, evaluate to {@link org.jail4j.Jail} values, write, and exhibit ({@code jail
 * -e}), faithful to FreeBSD jail(8).
 */
@NullMarked
package org.jail4j.conf;

import org.jspecify.annotations.NullMarked;
