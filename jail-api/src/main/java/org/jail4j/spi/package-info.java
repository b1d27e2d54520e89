/**
 * The provider SPI: what a jail kernel ({@code jail_set(2)} and friends, at the byte level) and a
 * host system (mounts, aliases, commands, jexec) must do. Providers implement it; everything else
 * is shared.
 */
@NullMarked
package org.jail4j.spi;

import org.jspecify.annotations.NullMarked;
