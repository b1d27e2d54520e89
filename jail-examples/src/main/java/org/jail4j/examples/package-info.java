/**
 * Runnable jail4j programs: the tour of the whole library, a parallel build server, starting a jail
 * from jail.conf, and small clones of jls(8) and jexec(8).
 */
@NullMarked
package org.jail4j.examples;

import org.jspecify.annotations.NullMarked;
