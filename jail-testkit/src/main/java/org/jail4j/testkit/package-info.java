/**
 * The jail4j testkit: a fake FreeBSD kernel that enforces the jail ABI rules on the same bytes the
 * native provider sends, with processes, faults, views from inside a jail (kernel and host), one
 * journal of its system calls and host steps, and raw calls for tests.
 */
@NullMarked
package org.jail4j.testkit;

import org.jspecify.annotations.NullMarked;
