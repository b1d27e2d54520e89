/**
 * Jails as OCI configurations: {@link org.jail4j.oci.OciConfig} converts a jail to and from the
 * runtime specification's {@code config.json}; {@link org.jail4j.oci.OciSchema} validates one.
 */
@NullMarked
package org.jail4j.oci;

import org.jspecify.annotations.NullMarked;
