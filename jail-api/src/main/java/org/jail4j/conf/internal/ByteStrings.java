package org.jail4j.conf.internal;

import java.nio.charset.StandardCharsets;

/**
 * jail(8) works on bytes; jail4j parses with one byte per char (ISO-8859-1) so that lexing, escapes
 * and lengths match, and turns values back into UTF-8 text at the edges.
 *
 * <pre>{@code
 * String bytes = ByteStrings.fromText("café");   // 5 chars, one per UTF-8 byte
 * String text = ByteStrings.toText(bytes);        // "café"
 * }</pre>
 */
public final class ByteStrings {
  private ByteStrings() {}

  /**
   * Text as its UTF-8 bytes, one per char.
   *
   * @param text the text
   * @return the byte string
   */
  public static String fromText(String text) {
    return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  /**
   * Bytes, one per char.
   *
   * @param bytes the bytes
   * @return the byte string
   */
  public static String fromBytes(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  /**
   * A byte string decoded as UTF-8 (malformed bytes become U+FFFD).
   *
   * @param bytes the byte string
   * @return the text
   */
  public static String toText(String bytes) {
    for (int i = 0; i < bytes.length(); i++) {
      if (bytes.charAt(i) >= 0x80) {
        return new String(bytes.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
      }
    }
    return bytes;
  }
}
