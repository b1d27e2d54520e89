/** Internals shared by the API packages; not exported and not API. */
@NullMarked
package org.jail4j.internal;

import org.jspecify.annotations.NullMarked;
