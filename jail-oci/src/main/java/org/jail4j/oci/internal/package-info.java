/**
 * The JSON side of jail4j OCI: the bounded reader, the config writer and reader, and the
 * annotations that carry what OCI has no field for. Not exported.
 */
@NullMarked
package org.jail4j.oci.internal;

import org.jspecify.annotations.NullMarked;
