package org.jail4j.root;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * Sparse entries in each of GNU tar's pax formats (0.0, 0.1, 1.0), built here byte by byte as GNU
 * tar writes them: FreeBSD's sets hold none, and writing one as a plain file would put its map or a
 * wrong length where the content belongs, so each is refused with a typed error and nothing is
 * written. (The old-GNU type {@code S} is {@code HostileArchiveTest.oldGnuSparseEntryIsRefused}.)
 */
@NeedsSecureDirectories
class SparseEntryTest {
  @TempDir Path tmp;

  /** A 512-byte ustar header with its checksum. */
  static byte[] header(String name, char type, long size) {
    byte[] h = new byte[512];
    put(h, 0, name, 100);
    put(h, 100, "0000644", 8);
    put(h, 108, "0000000", 8);
    put(h, 116, "0000000", 8);
    put(h, 124, String.format("%011o", size), 12);
    put(h, 136, "00000000000", 12);
    h[156] = (byte) type;
    put(h, 257, "ustar", 6);
    h[263] = '0';
    h[264] = '0';
    java.util.Arrays.fill(h, 148, 156, (byte) ' ');
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, String.format("%06o", sum), 7);
    h[155] = ' ';
    return h;
  }

  private static void put(byte[] h, int at, String s, int width) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, h, at, Math.min(b.length, width));
  }

  /** One pax record, {@code "LEN key=value\n"} where LEN counts the whole record. */
  static String record(String key, String value) {
    String rest = " " + key + "=" + value + "\n";
    int len = rest.length() + 1;
    while (String.valueOf(len).length() + rest.length() != len) {
      len++;
    }
    return len + rest;
  }

  /** Data padded to whole 512-byte blocks. */
  static void block(ByteArrayOutputStream out, byte[] data) {
    out.writeBytes(data);
    out.writeBytes(new byte[(512 - data.length % 512) % 512]);
  }

  /** A tar of one regular file after a pax header of these key, value pairs (keys may repeat). */
  static byte[] paxTar(String name, byte[] data, String... keysAndValues) {
    StringBuilder records = new StringBuilder();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      records.append(record(keysAndValues[i], keysAndValues[i + 1]));
    }
    byte[] paxBytes = records.toString().getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(header("./PaxHeaders/holes", 'x', paxBytes.length));
    block(out, paxBytes);
    out.writeBytes(header(name, '0', data.length));
    block(out, data);
    out.writeBytes(new byte[1024]);
    return out.toByteArray();
  }

  private Path txz(byte[] tar) throws IOException {
    Path f = tmp.resolve("dist/base.txz");
    Files.createDirectories(f.getParent());
    try (OutputStream o = Files.newOutputStream(f);
        XZOutputStream xz = new XZOutputStream(o, new LZMA2Options(0))) {
      xz.write(tar);
    }
    return f;
  }

  private void assertRefusedAndNothingWritten(byte[] tar) throws IOException {
    Path root = tmp.resolve("root");
    Path set = txz(tar);
    assertThatThrownBy(() -> RootBuilder.into(root).set("base", set).unverified().populate())
        .isInstanceOf(RootException.class)
        .hasMessageContaining("holes")
        .hasMessageContaining("sparse entries (GNU or pax) are not supported");
    if (Files.exists(root)) {
      try (Stream<Path> s = Files.list(root)) {
        assertThat(s).isEmpty();
      }
    }
  }

  /** Two 5-byte data regions of a 1,049,088-byte file: at 0 and at 1 MiB. */
  static final byte[] DATA = "aaaaabbbbb".getBytes(StandardCharsets.US_ASCII);

  @Test
  void pax00SparseEntryIsRefused() throws IOException {
    // 0.0 repeats an offset and numbytes record per region
    assertRefusedAndNothingWritten(
        paxTar(
            "./holes",
            DATA,
            "GNU.sparse.size",
            "1049088",
            "GNU.sparse.numblocks",
            "2",
            "GNU.sparse.offset",
            "0",
            "GNU.sparse.numbytes",
            "5",
            "GNU.sparse.offset",
            "1048576",
            "GNU.sparse.numbytes",
            "5"));
  }

  @Test
  void pax01SparseEntryIsRefused() throws IOException {
    assertRefusedAndNothingWritten(
        paxTar(
            "./holes",
            DATA,
            "GNU.sparse.size",
            "1049088",
            "GNU.sparse.numblocks",
            "2",
            "GNU.sparse.map",
            "0,5,1048576,5"));
  }

  @Test
  void pax10SparseEntryIsRefused() throws IOException {
    // 1.0 puts the map at the start of the data: the count, then offset and size per region,
    // one decimal number a line, padded to a block
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    block(data, "2\n0\n5\n1048576\n5\n".getBytes(StandardCharsets.US_ASCII));
    data.writeBytes(DATA);
    assertRefusedAndNothingWritten(
        paxTar(
            "./GNUSparseFile.0/holes",
            data.toByteArray(),
            "GNU.sparse.major",
            "1",
            "GNU.sparse.minor",
            "0",
            "GNU.sparse.name",
            "./holes",
            "GNU.sparse.realsize",
            "1049088"));
  }

  @Test
  void thePlainPaxEntryBuiltTheSameWayExtracts() throws IOException {
    // the control: the same construction without sparse records is an ordinary file
    Path root = tmp.resolve("root");
    RootBuilder.into(root)
        .set("base", txz(paxTar("./x", DATA, "path", "./holes")))
        .unverified()
        .populate();
    assertThat(root.resolve("holes")).hasBinaryContent(DATA);
  }
}
