/**
 * The jail4j API: jail values ({@link org.jail4j.Jail}), the host they live on ({@link
 * org.jail4j.JailHost}), running jails, the jail(8) lifecycle with rollback, and the error types.
 */
@NullMarked
package org.jail4j;

import org.jspecify.annotations.NullMarked;
