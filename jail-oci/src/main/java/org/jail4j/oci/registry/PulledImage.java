package org.jail4j.oci.registry;

import java.nio.file.Path;
import java.util.List;
import org.jail4j.oci.OciDescriptor;

/**
 * What a pull wrote: the image layout folder, the manifest or index the reference named (now an
 * entry of the layout's {@code index.json}), the image manifests under it, and how many blobs came
 * from the network and how many were already on disk.
 *
 * <pre>{@code
 * PulledImage p = client.pull("freebsd/base", "14.3", Path.of("/var/cache/oci/base"));
 * p.layout();      // oci-layout, index.json, blobs/sha256/...
 * p.descriptor();  // the index (or manifest) pulled
 * p.images();      // its image manifests, e.g. freebsd/amd64 and freebsd/arm64
 * }</pre>
 *
 * @param layout the OCI image layout folder
 * @param descriptor the manifest or index the reference resolved to
 * @param images the image manifests pulled (the descriptor itself for a single image)
 * @param fetched blobs and manifests transferred from the registry
 * @param cached blobs and manifests already present (in the layout or the cache)
 */
public record PulledImage(
    Path layout, OciDescriptor descriptor, List<OciDescriptor> images, int fetched, int cached) {
  /** Copies the list. */
  public PulledImage {
    images = List.copyOf(images);
  }
}
