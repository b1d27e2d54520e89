package org.jail4j.oci;

import com.github.luben.zstd.ZstdInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.jail4j.root.ExtractionReport;
import org.jail4j.root.JailRoot;
import org.jail4j.root.OwnerPolicy;
import org.jail4j.root.ProgressListener;
import org.jail4j.root.RootBuilder;
import org.jail4j.root.RootException;
import org.jail4j.root.RootNotEmptyException;
import org.jail4j.root.RootReport;
import org.jail4j.root.internal.SetExtractor;
import org.jail4j.root.internal.Trees;
import org.jspecify.annotations.Nullable;

/**
 * Builds a full jail root from an OCI image: the image's layers applied in order with the OCI
 * whiteout rules ({@code .wh.NAME} removes {@code NAME} of the lower layers, {@code .wh..wh..opq}
 * empties a directory of them), by the same extraction as {@link RootBuilder} with the same safety
 * and bounds:
 *
 * <ul>
 *   <li>every layer blob is checked against its descriptor's size and digest before anything is
 *       written ({@link OciBlobException});
 *   <li>no entry writes outside the root: {@code ..} and absolute names, paths through symbolic
 *       links (planted by a layer or already in the root) and hard links to anything but a regular
 *       file inside the root are refused ({@link org.jail4j.root.UnsafePathException}); device
 *       nodes and FIFOs are skipped (devfs provides {@code /dev}); a whiteout never follows a link;
 *   <li>each layer may hold at most {@link #maxEntries(long)} entries and unpack to at most {@link
 *       #maxUnpackedBytes(long)} bytes ({@link org.jail4j.root.RootLimitException});
 *   <li>when building into an empty or new root fails, what was written is removed again.
 * </ul>
 *
 * <p>Layer types: tar, tar+gzip, tar+zstd ({@link OciLayerType}); a zstd frame asking for a window
 * over 128 MiB is refused by the decoder. The result is a {@link JailRoot} of kind {@code FULL},
 * used by {@code ThinRoot}, {@code FirstStart} and the lifecycle like any other.
 *
 * <pre>{@code
 * OciImage image = OciImageLayout.open(Path.of("/images/freebsd-base")).image(OciPlatform.freebsd("amd64"));
 * RootReport r = OciImageRoot.into(Path.of("/jail/web")).image(image)
 *     .progress(p -> System.out.printf("\r%s %3.0f%%", p.set(), 100 * p.fraction()))
 *     .populate();
 * Jail web = r.root().applyTo(Jail.builder().name("web").persist(true).build());
 * }</pre>
 */
public final class OciImageRoot {
  private static final String OP = "extract";

  private final Path root;
  private @Nullable OciImage image;
  private boolean overwrite;
  private OwnerPolicy owners = OwnerPolicy.AUTO;
  private ProgressListener listener = ProgressListener.none();
  private long maxEntries = RootBuilder.DEFAULT_MAX_ENTRIES;
  private long maxUnpackedBytes = RootBuilder.DEFAULT_MAX_UNPACKED_BYTES;

  private OciImageRoot(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /**
   * A builder for the root at this directory (created when missing).
   *
   * @param root the root directory on the host
   * @return the builder
   */
  public static OciImageRoot into(Path root) {
    return new OciImageRoot(root);
  }

  /**
   * The image whose layers make the root.
   *
   * @param image an image of a layout ({@link OciImageLayout#image(OciPlatform)})
   * @return this builder
   */
  public OciImageRoot image(OciImage image) {
    this.image = image;
    return this;
  }

  /**
   * Allows building over a root that already holds files; existing files are replaced as a layer
   * would replace a lower layer's.
   *
   * @param overwrite true to build over existing files
   * @return this builder
   */
  public OciImageRoot overwrite(boolean overwrite) {
    this.overwrite = overwrite;
    return this;
  }

  /**
   * What to do with numeric owners; {@link OwnerPolicy#AUTO} by default.
   *
   * @param owners the policy
   * @return this builder
   */
  public OciImageRoot owners(OwnerPolicy owners) {
    this.owners = owners;
    return this;
  }

  /**
   * The most entries one layer may hold ({@link RootBuilder#DEFAULT_MAX_ENTRIES} by default).
   *
   * @param maxEntries at least 1
   * @return this builder
   * @throws RootException when {@code maxEntries} is less than 1
   */
  public OciImageRoot maxEntries(long maxEntries) {
    if (maxEntries < 1) {
      throw new RootException(OP, "maxEntries: must be at least 1, got " + maxEntries, null);
    }
    this.maxEntries = maxEntries;
    return this;
  }

  /**
   * The most file content bytes one layer may unpack to ({@link
   * RootBuilder#DEFAULT_MAX_UNPACKED_BYTES} by default).
   *
   * @param maxUnpackedBytes at least 0
   * @return this builder
   * @throws RootException when {@code maxUnpackedBytes} is negative
   */
  public OciImageRoot maxUnpackedBytes(long maxUnpackedBytes) {
    if (maxUnpackedBytes < 0) {
      throw new RootException(
          OP, "maxUnpackedBytes: must be at least 0, got " + maxUnpackedBytes, null);
    }
    this.maxUnpackedBytes = maxUnpackedBytes;
    return this;
  }

  /**
   * Receives progress while extracting; {@link org.jail4j.root.ExtractionProgress#set()} is the
   * layer's digest.
   *
   * @param listener the listener
   * @return this builder
   */
  public OciImageRoot progress(ProgressListener listener) {
    this.listener = listener;
    return this;
  }

  /**
   * Checks every layer, then applies them in order.
   *
   * @return the root and one report per layer (named by the layer's digest)
   * @throws OciBlobException when a layer blob is missing or does not match (nothing written)
   * @throws OciException when a layer's media type is not tar, tar+gzip or tar+zstd, or the
   *     config's {@code rootfs.diff_ids} does not list one digest per layer
   * @throws RootNotEmptyException when the root holds files and overwrite was not allowed
   * @throws org.jail4j.root.UnsafePathException when an entry would leave the root
   * @throws RootException on any other failure
   */
  public RootReport populate() {
    OciImage img = image;
    if (img == null) {
      throw new OciException("image", "no image given: call image(OciImage)");
    }
    List<OciDescriptor> layers = img.manifest().layers();
    if (img.config().diffIds().size() != layers.size()) {
      throw new OciException(
          img.manifest().config().digest().blobPath() + ":rootfs.diff_ids",
          "lists " + img.config().diffIds().size() + " layers, the manifest has " + layers.size());
    }
    List<SetExtractor.Decoder> decoders = new ArrayList<>();
    List<Path> blobs = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      OciDescriptor d = layers.get(i);
      OciLayerType type =
          OciLayerType.of(d.mediaType())
              .orElseThrow(
                  () ->
                      new OciException(
                          img.descriptor().digest().blobPath()
                              + ":layers["
                              + layers.indexOf(d)
                              + "].mediaType",
                          "\""
                              + d.mediaType()
                              + "\" is not a layer type jail4j applies (tar, tar+gzip,"
                              + " tar+zstd)"));
      decoders.add(decoder(type));
    }
    for (OciDescriptor d : layers) {
      blobs.add(img.layout().blob(d));
    }
    boolean created = prepare();
    List<ExtractionReport> reports = new ArrayList<>();
    try {
      for (int i = 0; i < layers.size(); i++) {
        SetExtractor extractor =
            new SetExtractor(root, owners, listener, created && i == 0)
                .limitHints("OciImageRoot.maxEntries(long)", "OciImageRoot.maxUnpackedBytes(long)");
        reports.add(
            extractor.extractLayer(
                layers.get(i).digest().toString(),
                blobs.get(i),
                decoders.get(i),
                maxEntries,
                maxUnpackedBytes));
      }
    } catch (RuntimeException e) {
      if (created) {
        try {
          Trees.deleteContents(root);
        } catch (IOException cleanup) {
          e.addSuppressed(cleanup);
        }
      }
      throw e;
    }
    return new RootReport(JailRoot.full(root), reports);
  }

  /** Creates the root when missing; true when it is new or empty. */
  private boolean prepare() {
    try {
      if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectories(root);
        return true;
      }
      if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
        throw new RootException(OP, root + ": not a directory", null);
      }
      boolean empty = Trees.isEmpty(root);
      if (!empty && !overwrite) {
        throw new RootNotEmptyException(root.toString());
      }
      return empty;
    } catch (IOException e) {
      throw new RootException(OP, root + ": " + e.getMessage(), e);
    }
  }

  private static SetExtractor.Decoder decoder(OciLayerType type) {
    return switch (type) {
      case TAR -> in -> in;
      case TAR_GZIP -> in -> new GZIPInputStream(in, 1 << 16);
      case TAR_ZSTD -> OciImageRoot::zstd;
    };
  }

  private static InputStream zstd(InputStream in) throws IOException {
    try {
      return new ZstdInputStream(in);
    } catch (LinkageError e) {
      // zstd-jni loads its native library on first use; a platform without one is an I/O failure
      throw new IOException("the zstd decoder (zstd-jni) cannot load on this platform: " + e, e);
    }
  }
}
