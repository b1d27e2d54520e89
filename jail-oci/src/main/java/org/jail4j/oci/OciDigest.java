package org.jail4j.oci;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A content digest as image-spec writes it, {@code ALGORITHM:HEX}: {@code sha256} (64 lower-case
 * hex digits) or {@code sha512} (128), the two algorithms an image layout stores blobs under
 * ({@code blobs/sha256/HEX}).
 *
 * <pre>{@code
 * OciDigest d = OciDigest.parse("sha256:6c3c624b58dbbcd3c0dd82b4c53f04194d1247c6eebdaab7c610cf7d66709b3b");
 * OciDigest same = OciDigest.sha256(bytes);
 * }</pre>
 *
 * @param algorithm {@code sha256} or {@code sha512}
 * @param hex the encoded digest, lower-case hex of the algorithm's length
 */
public record OciDigest(String algorithm, String hex) {

  /**
   * Checks the parts.
   *
   * @throws OciException for another algorithm or an encoded part of the wrong length or alphabet
   */
  public OciDigest {
    int length =
        switch (algorithm) {
          case "sha256" -> 64;
          case "sha512" -> 128;
          default ->
              throw new OciException(
                  "digest", "algorithm \"" + algorithm + "\" is not supported (sha256 or sha512)");
        };
    if (hex.length() != length
        || !hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      throw new OciException(
          "digest", algorithm + " needs " + length + " lower-case hex digits, got \"" + hex + "\"");
    }
  }

  /**
   * Reads {@code ALGORITHM:HEX}.
   *
   * @param text the digest text
   * @return the digest
   * @throws OciException when the text is not a sha256 or sha512 digest
   */
  public static OciDigest parse(String text) {
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw new OciException("digest", "\"" + text + "\" is not ALGORITHM:HEX");
    }
    return new OciDigest(text.substring(0, colon), text.substring(colon + 1));
  }

  /**
   * The sha256 digest of some bytes.
   *
   * @param content the bytes
   * @return the digest
   */
  public static OciDigest sha256(byte[] content) {
    MessageDigest md = messageDigest("sha256");
    return new OciDigest("sha256", HexFormat.of().formatHex(md.digest(content)));
  }

  /**
   * The sha256 digest of a file.
   *
   * @param file the file
   * @return the digest of its content
   * @throws IOException when reading fails
   */
  public static OciDigest sha256(Path file) throws IOException {
    return new OciDigest("sha256", "0".repeat(64)).of(file);
  }

  /**
   * The digest, with this digest's algorithm, of a whole stream.
   *
   * @param in the stream, read to its end (not closed)
   * @return the digest of what was read
   * @throws IOException when reading fails
   */
  public OciDigest of(InputStream in) throws IOException {
    MessageDigest md = messageDigest(algorithm);
    byte[] buffer = new byte[1 << 16];
    int n;
    while ((n = in.read(buffer)) > 0) {
      md.update(buffer, 0, n);
    }
    return new OciDigest(algorithm, HexFormat.of().formatHex(md.digest()));
  }

  /**
   * The digest, with this digest's algorithm, of a file.
   *
   * @param file the file
   * @return the digest of its content
   * @throws IOException when reading fails
   */
  public OciDigest of(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return of(in);
    }
  }

  /**
   * The digest, with this digest's algorithm, of some bytes.
   *
   * @param content the bytes
   * @return their digest
   */
  public OciDigest of(byte[] content) {
    return new OciDigest(
        algorithm, HexFormat.of().formatHex(messageDigest(algorithm).digest(content)));
  }

  /** A new message digest for an algorithm named as image-spec names it. */
  static MessageDigest messageDigest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm.equals("sha256") ? "SHA-256" : "SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256 and SHA-512", e);
    }
  }

  /** The blob's path inside an image layout, {@code blobs/ALGORITHM/HEX}. */
  public String blobPath() {
    return "blobs/" + algorithm + "/" + hex;
  }

  /** {@code ALGORITHM:HEX}. */
  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }
}
