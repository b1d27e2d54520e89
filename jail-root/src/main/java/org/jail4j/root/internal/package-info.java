/**
 * Internals of the roots package: entry-name rules, the streaming extractor, tree copy and delete,
 * host command runs. Not exported and not API.
 */
@NullMarked
package org.jail4j.root.internal;

import org.jspecify.annotations.NullMarked;
