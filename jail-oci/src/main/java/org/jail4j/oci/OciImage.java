package org.jail4j.oci;

/**
 * One image of an image layout, chosen for a platform: its manifest's descriptor, the manifest and
 * the image config, all read and checked against their digests. {@link OciImageRoot} builds a jail
 * root from it.
 *
 * <pre>{@code
 * OciImage image = OciImageLayout.open(Path.of("/images/freebsd-base")).image(OciPlatform.freebsd("amd64"));
 * RootReport r = OciImageRoot.into(Path.of("/jail/web")).image(image).populate();
 * }</pre>
 *
 * @param layout the layout holding the image's blobs
 * @param descriptor the manifest's descriptor
 * @param manifest the manifest
 * @param config the image config
 */
public record OciImage(
    OciImageLayout layout, OciDescriptor descriptor, OciManifest manifest, OciImageConfig config) {}
