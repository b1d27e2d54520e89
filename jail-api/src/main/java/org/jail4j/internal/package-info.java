/**
 * Internals shared by the API packages; exported only to {@code org.jail4j.root} and {@code
 * org.jail4j.testkit}, not API.
 */
@NullMarked
package org.jail4j.internal;

import org.jspecify.annotations.NullMarked;
