/**
 * The parts of the fake host: the mount table, the network (ifconfig(8) on interfaces and aliases),
 * scripted commands, one-shot faults and the journal; {@code FakeHostSystem} is their facade. Not
 * exported.
 */
@NullMarked
package org.jail4j.testkit.host;

import org.jspecify.annotations.NullMarked;
