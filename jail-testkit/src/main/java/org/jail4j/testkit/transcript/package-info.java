/**
 * Transcripts of jail system calls: a recorder that wraps any {@link org.jail4j.spi.JailKernel} and
 * writes every call and its answer as text, the parser for that text, and its replay on the fake.
 *
 * <p>The format is described in {@code docs/TRANSCRIPTS.md}.
 */
@NullMarked
package org.jail4j.testkit.transcript;

import org.jspecify.annotations.NullMarked;
