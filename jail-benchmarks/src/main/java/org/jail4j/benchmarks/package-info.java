/**
 * JMH benchmarks: the codec, the fake kernel's lifecycle against a process spawn, listing,
 * jail.conf parsing and root extraction. Run with {@code ./mvnw -B -Pbench -pl jail-benchmarks -am
 * verify}.
 */
@NullMarked
package org.jail4j.benchmarks;

import org.jspecify.annotations.NullMarked;
