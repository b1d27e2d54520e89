package org.jail4j.oci.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A content digest as the OCI specifications write it, {@code ALGORITHM:HEX}: {@code sha256} (64
 * hex digits) or {@code sha512} (128), lower case.
 *
 * <pre>{@code
 * Digest d = Digest.parse("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
 * Digest same = Digest.sha256(new byte[0]);
 * }</pre>
 *
 * @param algorithm {@code sha256} or {@code sha512}
 * @param hex the lower-case hexadecimal value
 */
public record Digest(String algorithm, String hex) {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

  /**
   * Checks the parts.
   *
   * @throws RegistryException naming {@code digest} when the algorithm is not supported or the
   *     value is not its length of lower-case hex
   */
  public Digest {
    int length = hexLength(algorithm);
    if (hex.length() != length || !HEX.matcher(hex).matches()) {
      throw new RegistryException(
          "digest",
          "\"" + algorithm + ":" + hex + "\" must be " + length + " lower-case hex digits");
    }
  }

  /**
   * Parses {@code ALGORITHM:HEX}.
   *
   * @param text e.g. {@code sha256:0123...}
   * @return the digest
   * @throws RegistryException naming {@code digest} when the text is not a supported digest
   */
  public static Digest parse(String text) {
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw new RegistryException("digest", "\"" + text + "\" is not ALGORITHM:HEX");
    }
    return new Digest(text.substring(0, colon), text.substring(colon + 1));
  }

  /** Whether {@code text} has the form of a digest ({@code ALGORITHM:HEX}), not of a tag. */
  static boolean looksLikeDigest(String text) {
    return text.indexOf(':') > 0;
  }

  /**
   * The SHA-256 digest of some bytes.
   *
   * @param data the bytes
   * @return {@code sha256:...}
   */
  public static Digest sha256(byte[] data) {
    return new Digest("sha256", HexFormat.of().formatHex(digester("sha256").digest(data)));
  }

  /**
   * The SHA-256 digest of a file.
   *
   * @param file the file
   * @return {@code sha256:...}
   * @throws IOException when the file cannot be read
   */
  public static Digest sha256(Path file) throws IOException {
    return hash("sha256", file);
  }

  /**
   * The digest of a file with this digest's algorithm.
   *
   * @param file the file
   * @return the file's digest
   * @throws IOException when the file cannot be read
   */
  public Digest of(Path file) throws IOException {
    return hash(algorithm, file);
  }

  private static Digest hash(String algorithm, Path file) throws IOException {
    MessageDigest md = digester(algorithm);
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return new Digest(algorithm, HexFormat.of().formatHex(md.digest()));
  }

  /**
   * The digest of some bytes with this digest's algorithm.
   *
   * @param data the bytes
   * @return their digest
   */
  public Digest of(byte[] data) {
    return new Digest(algorithm, HexFormat.of().formatHex(digester(algorithm).digest(data)));
  }

  /** {@code ALGORITHM:HEX}. */
  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }

  private static int hexLength(String algorithm) {
    return switch (algorithm) {
      case "sha256" -> 64;
      case "sha512" -> 128;
      default ->
          throw new RegistryException(
              "digest", "algorithm \"" + algorithm + "\" is not supported (sha256 or sha512)");
    };
  }

  private static MessageDigest digester(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm.toUpperCase(Locale.ROOT).replace("SHA", "SHA-"));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has " + algorithm, e);
    }
  }
}
