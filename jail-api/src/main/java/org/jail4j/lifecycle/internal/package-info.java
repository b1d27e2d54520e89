/**
 * The jail(8) lifecycle over the SPI: the start sequence with rollback, the stop sequence, and the
 * mounts, network pieces and exec hooks they share (freebsd-jail-abi.md §6.3). Not exported.
 */
@NullMarked
package org.jail4j.lifecycle.internal;

import org.jspecify.annotations.NullMarked;
