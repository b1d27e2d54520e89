/**
 * Jail root trees: fat roots from FreeBSD distribution sets or a source tree, thin roots over
 * nullfs, ZFS clones, and first-start files, all written without escaping the root.
 */
@NullMarked
package org.jail4j.root;

import org.jspecify.annotations.NullMarked;
