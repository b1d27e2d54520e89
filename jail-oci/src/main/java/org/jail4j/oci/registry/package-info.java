/**
 * Pulling OCI images from a registry (the OCI distribution API) into an image layout on disk, and
 * pushing blobs and manifests to one: {@link org.jail4j.oci.registry.RegistryClient}.
 */
@NullMarked
package org.jail4j.oci.registry;

import org.jspecify.annotations.NullMarked;
