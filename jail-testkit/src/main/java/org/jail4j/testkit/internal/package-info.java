/**
 * Internals of the fake kernel: the prison table, option parsing on raw iovecs, and the parameter
 * table; not exported.
 */
@NullMarked
package org.jail4j.testkit.internal;

import org.jspecify.annotations.NullMarked;
