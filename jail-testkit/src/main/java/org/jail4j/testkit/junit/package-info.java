/**
 * The JUnit 5 layer over the testkit: {@link org.jail4j.testkit.junit.FakeJails} gives each test a
 * fresh fake kernel, host and {@code JailHost}, and reports what the test left behind.
 */
@NullMarked
package org.jail4j.testkit.junit;

import org.jspecify.annotations.NullMarked;
