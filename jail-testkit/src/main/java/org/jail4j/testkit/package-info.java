/**
 * The jail4j testkit: a fake FreeBSD kernel that enforces the jail ABI rules on the same bytes the
 * native provider sends, with processes, faults, and views from inside a jail.
 */
@NullMarked
package org.jail4j.testkit;

import org.jspecify.annotations.NullMarked;
