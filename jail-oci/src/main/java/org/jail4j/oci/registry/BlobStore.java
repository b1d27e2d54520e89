package org.jail4j.oci.registry;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.jail4j.oci.OciDescriptor;
import org.jail4j.oci.OciDigest;

/**
 * A content-addressed folder, {@code ROOT/ALGORITHM/HEX}, as the {@code blobs} folder of an image
 * layout: a file enters under its name only after its digest was checked; a download in progress is
 * {@code HEX.part} beside it.
 */
final class BlobStore {
  private final Path root;

  BlobStore(Path root) {
    this.root = root;
  }

  Path path(OciDigest d) {
    return root.resolve(d.algorithm()).resolve(d.hex());
  }

  Path part(OciDigest d) {
    return root.resolve(d.algorithm()).resolve(d.hex() + ".part");
  }

  /** Whether the blob is stored with the descriptor's size (its digest was checked on entry). */
  boolean has(OciDescriptor d) throws IOException {
    Path p = path(d.digest());
    return Files.isRegularFile(p) && Files.size(p) == d.size();
  }

  /** Stores bytes whose digest the caller checked. */
  void put(OciDigest d, byte[] content) throws IOException {
    Path p = path(d);
    Files.createDirectories(p.getParent());
    Path tmp = p.resolveSibling(d.hex() + ".tmp");
    Files.write(tmp, content);
    Files.move(tmp, p, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Moves a checked {@code .part} file to its name. */
  void commit(OciDigest d) throws IOException {
    Files.move(
        part(d), path(d), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * Puts another store's copy of a blob here: a hard link when the file system allows, or a copy.
   */
  void adopt(BlobStore from, OciDigest d) throws IOException {
    Path p = path(d);
    Files.createDirectories(p.getParent());
    Files.deleteIfExists(p);
    try {
      Files.createLink(p, from.path(d));
    } catch (IOException | UnsupportedOperationException e) {
      if (e instanceof FileAlreadyExistsException) {
        return;
      }
      Path tmp = p.resolveSibling(d.hex() + ".tmp");
      Files.copy(from.path(d), tmp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmp, p, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
