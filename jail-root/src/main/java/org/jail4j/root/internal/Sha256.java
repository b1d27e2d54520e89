package org.jail4j.root.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of files, as release MANIFESTs list them (lower-case hex). */
public final class Sha256 {
  private Sha256() {}

  /**
   * A new SHA-256 digest.
   *
   * @return the digest
   */
  public static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /**
   * Hashes a file.
   *
   * @param file the file
   * @return lower-case hex
   * @throws IOException when it cannot be read
   */
  public static String of(Path file) throws IOException {
    MessageDigest md = digest();
    ByteBuffer buf = ByteBuffer.allocate(1 << 20);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      while (ch.read(buf) >= 0) {
        buf.flip();
        md.update(buf);
        buf.clear();
      }
    }
    return hex(md.digest());
  }

  /**
   * Lower-case hex of bytes.
   *
   * @param bytes the bytes
   * @return hex
   */
  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
