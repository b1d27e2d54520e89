package org.jail4j.examples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.jail4j.oci.OciDescriptor;
import org.jail4j.oci.OciDigest;
import org.jail4j.oci.OciImageConfig;
import org.jail4j.oci.OciImageLayout;
import org.jail4j.oci.OciLayerType;
import org.jail4j.oci.OciManifest;
import org.jail4j.oci.OciPlatform;

/**
 * A small FreeBSD image layout for the examples, written like a registry pull would leave it: two
 * tar+gzip layers (a base, then an update that removes a file with a whiteout), the image config
 * and the manifest, listed in {@code index.json} for {@code freebsd/amd64}.
 *
 * <pre>{@code
 * OciImageLayout layout = ExampleImage.write(Path.of("oci"));
 * }</pre>
 */
final class ExampleImage {
  /**
   * The platform of the example image and of the image the examples pick: FreeBSD on this machine's
   * architecture, in Go's names as images use them.
   */
  static final OciPlatform PLATFORM =
      OciPlatform.freebsd(
          switch (System.getProperty("os.arch", "")) {
            case "aarch64" -> "arm64";
            case "x86_64" -> "amd64";
            case "riscv64" -> "riscv64";
            default -> System.getProperty("os.arch", "amd64");
          });

  private ExampleImage() {}

  /**
   * Writes the layout.
   *
   * @param dir the layout directory, created when missing
   * @return the layout
   * @throws IOException when a layer cannot be written
   */
  static OciImageLayout write(Path dir) throws IOException {
    OciImageLayout layout = OciImageLayout.create(dir);
    List<byte[]> tars =
        List.of(
            tar(
                "etc/rc.conf", "hostname=\"image\"\n",
                "etc/motd", "FreeBSD from an OCI image\n",
                "usr/share/zoneinfo/UTC", "TZif2",
                "usr/src/Makefile", "all:\n",
                "var/db/.keep", "",
                "tmp/.keep", "",
                "root/.profile", "PATH=/bin:/usr/bin\n",
                "home/.keep", "",
                "usr/local/.keep", ""),
            tar("etc/.wh.motd", "", "etc/rc.conf", "hostname=\"image\"\nsshd_enable=\"NO\"\n"));
    List<OciDescriptor> layers = new ArrayList<>();
    List<OciDigest> diffIds = new ArrayList<>();
    for (byte[] t : tars) {
      diffIds.add(OciDigest.sha256(t));
      layers.add(layout.writeBlob(OciLayerType.TAR_GZIP.mediaType(), gzip(t)));
    }
    OciImageConfig config =
        new OciImageConfig(
            PLATFORM, diffIds, List.of(), List.of(), List.of("/bin/sh", "/etc/rc"), "/", "");
    OciDescriptor c = layout.writeBlob(OciImageConfig.MEDIA_TYPE, utf8(config.toJson()));
    OciDescriptor m =
        layout.writeBlob(
            OciManifest.MEDIA_TYPE, utf8(new OciManifest(c, layers, Map.of()).toJson()));
    return layout.withManifest(
        new OciDescriptor(
            m.mediaType(),
            m.digest(),
            m.size(),
            PLATFORM,
            Map.of(OciDescriptor.REF_NAME, "example")));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A tar of regular files, given as name, content pairs. */
  private static byte[] tar(String... namesAndContents) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out, "UTF-8")) {
      for (int i = 0; i < namesAndContents.length; i += 2) {
        byte[] content = utf8(namesAndContents[i + 1]);
        TarArchiveEntry e = new TarArchiveEntry(namesAndContents[i]);
        e.setMode(0100644);
        e.setSize(content.length);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
      }
    }
    return out.toByteArray();
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }
}
