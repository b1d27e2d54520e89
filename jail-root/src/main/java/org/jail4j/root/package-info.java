/**
 * Jail root trees: fat roots from FreeBSD distribution sets or a source tree, thin roots over
 * nullfs, ZFS clones, and first-start files, all written without escaping the root. This package is
 * the {@code jail-root} artifact (module {@code org.jail4j.root}), beside {@code jail-api}.
 */
@NullMarked
package org.jail4j.root;

import org.jspecify.annotations.NullMarked;
