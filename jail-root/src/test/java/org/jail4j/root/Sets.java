package org.jail4j.root;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/** Test helpers that write distribution sets and release directories. */
final class Sets {
  private Sets() {}

  /** Writes sets into a release directory with its MANIFEST and returns it. */
  static DistributionSets release(Path dir, DistributionSetWriter... sets) throws IOException {
    Files.createDirectories(dir);
    List<ManifestEntry> entries = new ArrayList<>();
    for (DistributionSetWriter w : sets) {
      entries.add(w.writeTo(dir.resolve(w.set() + ".txz")));
    }
    Files.writeString(dir.resolve("MANIFEST"), Manifest.of(entries).toString());
    return DistributionSets.inDirectory(dir);
  }

  /** Writes one set named {@code set} into {@code dir/SET.txz} with a MANIFEST. */
  static DistributionSets release(Path dir, String set, DistributionSetWriter w)
      throws IOException {
    Files.createDirectories(dir);
    ManifestEntry e = w.writeTo(dir.resolve(set + ".txz"));
    Files.writeString(
        dir.resolve("MANIFEST"), Manifest.of(List.of(e)).toString(), StandardCharsets.UTF_8);
    return DistributionSets.inDirectory(dir);
  }

  /** A raw entry for hand-made archives. */
  // a hand-made entry, never compared or hashed: array identity does not matter
  @SuppressWarnings("ArrayRecordComponent")
  record Raw(TarArchiveEntry entry, byte[] content) {
    static Raw of(TarArchiveEntry e) {
      return new Raw(e, new byte[0]);
    }

    static Raw file(TarArchiveEntry e, String text) {
      byte[] b = text.getBytes(StandardCharsets.UTF_8);
      e.setSize(b.length);
      return new Raw(e, b);
    }
  }

  /** Writes a hand-made .txz with the given long-name mode (POSIX pax or GNU). */
  static Path rawTxz(Path file, int longFileMode, Raw... entries) throws IOException {
    return rawTxz(file, longFileMode, "UTF-8", entries);
  }

  /** Writes a hand-made .txz whose header names are encoded in {@code encoding}. */
  static Path rawTxz(Path file, int longFileMode, String encoding, Raw... entries)
      throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file);
        XZOutputStream xz = new XZOutputStream(out, new LZMA2Options(0));
        TarArchiveOutputStream tar = new TarArchiveOutputStream(xz, encoding)) {
      tar.setLongFileMode(longFileMode);
      for (Raw r : entries) {
        tar.putArchiveEntry(r.entry());
        tar.write(r.content());
        tar.closeArchiveEntry();
      }
      tar.finish();
    }
    return file;
  }
}
