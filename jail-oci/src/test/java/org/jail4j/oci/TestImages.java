package org.jail4j.oci;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.jspecify.annotations.Nullable;

/**
 * Writes OCI image layouts for the tests: tar layers through commons-compress, gzip through the
 * JDK, zstd through zstd-jni, and the index, manifest and config documents through the records' own
 * JSON writers (Jackson).
 */
final class TestImages {
  private TestImages() {}

  /** One tar layer being written. */
  static final class Layer {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar;

    Layer() {
      tar = new TarArchiveOutputStream(bytes, StandardCharsets.UTF_8.name());
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    }

    Layer dir(String name) {
      TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
      e.setMode(040755);
      return put(e, null);
    }

    Layer file(String name, String content) {
      return file(name, content, 0644);
    }

    Layer file(String name, String content, int mode) {
      byte[] b = content.getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry e = new TarArchiveEntry(name, true);
      e.setMode(0100000 | mode);
      e.setSize(b.length);
      return put(e, b);
    }

    Layer symlink(String name, String target) {
      TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
      e.setLinkName(target);
      e.setMode(0120777);
      return put(e, null);
    }

    Layer hardLink(String name, String target) {
      TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
      e.setLinkName(target);
      return put(e, null);
    }

    Layer charDevice(String name) {
      TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_CHR, true);
      e.setMode(020666);
      return put(e, null);
    }

    Layer whiteout(String name) {
      return file(name, "");
    }

    private Layer put(TarArchiveEntry e, byte @Nullable [] content) {
      try {
        tar.putArchiveEntry(e);
        if (content != null) {
          tar.write(content);
        }
        tar.closeArchiveEntry();
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
      return this;
    }

    /** The uncompressed tar. */
    byte[] tar() {
      try {
        tar.finish();
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
      return bytes.toByteArray();
    }
  }

  static Layer layer() {
    return new Layer();
  }

  /** The tar of a layer in a layer type's compression. */
  static byte[] compress(byte[] tar, OciLayerType type) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      switch (type) {
        case TAR -> out.write(tar);
        case TAR_GZIP -> {
          try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(tar);
          }
        }
        case TAR_ZSTD -> {
          try (OutputStream z = new ZstdOutputStream(out)) {
            z.write(tar);
          }
        }
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes one image into a layout and lists it in index.json with its platform.
   *
   * @return the layout after the image was added
   */
  static OciImageLayout image(
      Path dir, OciPlatform platform, OciLayerType type, List<Layer> layers) {
    OciImageLayout layout = OciImageLayout.create(dir);
    OciDescriptor manifest = writeImage(layout, platform, type, layers);
    return layout.withManifest(
        new OciDescriptor(
            manifest.mediaType(), manifest.digest(), manifest.size(), platform, Map.of()));
  }

  /** Writes the blobs of one image and returns its manifest's descriptor (no platform). */
  static OciDescriptor writeImage(
      OciImageLayout layout, OciPlatform platform, OciLayerType type, List<Layer> layers) {
    List<OciDescriptor> descriptors = new ArrayList<>();
    List<OciDigest> diffIds = new ArrayList<>();
    for (Layer l : layers) {
      byte[] tar = l.tar();
      diffIds.add(OciDigest.sha256(tar));
      descriptors.add(layout.writeBlob(type.mediaType(), compress(tar, type)));
    }
    OciImageConfig config =
        new OciImageConfig(
            platform,
            diffIds,
            List.of("PATH=/bin:/usr/bin"),
            List.of(),
            List.of("/bin/sh"),
            "/",
            "");
    OciDescriptor c =
        layout.writeBlob(
            OciImageConfig.MEDIA_TYPE, config.toJson().getBytes(StandardCharsets.UTF_8));
    OciManifest m = new OciManifest(c, descriptors, Map.of());
    return layout.writeBlob(OciManifest.MEDIA_TYPE, m.toJson().getBytes(StandardCharsets.UTF_8));
  }
}
