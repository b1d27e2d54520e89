package org.jail4j.root;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * The readers of jail-root fed pathological input, run by the {@code small-heap} Surefire execution
 * in a JVM with {@code -Xmx256m} and a 256 KiB thread stack (and by the normal execution too):
 * every input ends in a typed {@link RootException}, never an {@link OutOfMemoryError} or {@link
 * StackOverflowError} in the caller's thread or in the HTTP client's. Where the input is larger
 * than the heap (an endless body, 320 MiB of set), the test also shows the data is streamed.
 */
@Tag("small-heap")
class SmallHeapTest {
  static final String DIR = "/releases/amd64/14.3-RELEASE/";
  static final long MIB = 1 << 20;

  @TempDir Path tmp;
  static HttpServer server;
  static ExecutorService pool;
  static URI base;

  @BeforeAll
  static void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    pool = Executors.newCachedThreadPool();
    server.setExecutor(pool);
    // every file of the release is endless zeros, chunked; the MANIFEST names one base set
    server.createContext(
        DIR + "MANIFEST",
        ex -> {
          ex.sendResponseHeaders(200, 0);
          try (OutputStream out = ex.getResponseBody()) {
            byte[] zeros = new byte[1 << 16];
            while (true) {
              out.write(zeros);
            }
          }
        });
    server.createContext(
        "/good" + DIR + "MANIFEST",
        ex -> {
          byte[] line =
              ("base.txz\t" + "0".repeat(64) + "\t1\tbase\t\"Base system\"\ton\n")
                  .getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, line.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(line);
          }
        });
    server.createContext(
        "/good" + DIR + "base.txz",
        ex -> {
          ex.sendResponseHeaders(200, 0);
          try (OutputStream out = ex.getResponseBody()) {
            byte[] zeros = new byte[1 << 16];
            while (true) {
              out.write(zeros);
            }
          }
        });
    server.start();
    base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  @AfterAll
  static void stop() {
    server.stop(0);
    pool.shutdownNow();
  }

  @Test
  void setMirrorEndlessManifest() {
    SetMirror m = new SetMirror(base.resolve("releases/"), tmp.resolve("cache"));
    assertThatThrownBy(() -> m.fetch("14.3-RELEASE", "amd64", "base"))
        .isInstanceOf(RootLimitException.class)
        .hasMessageContaining("maxManifestBytes is 1048576");
  }

  @Test
  void setMirrorEndlessSetLargerThanTheHeap() throws IOException {
    SetMirror m =
        new SetMirror(base.resolve("good/releases/"), tmp.resolve("cache")).maxSetBytes(320 * MIB);
    assertThatThrownBy(() -> m.fetch("14.3-RELEASE", "amd64", "base"))
        .isInstanceOf(RootLimitException.class)
        .hasMessageContaining("maxSetBytes is " + 320 * MIB);
    try (Stream<Path> s = Files.list(tmp.resolve("cache"))) {
      assertThat(s).as("the partial set is removed").isEmpty();
    }
  }

  @Test
  void manifestReadOfASparseThreeGibFile() throws IOException {
    Path f = tmp.resolve("MANIFEST");
    try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
      r.setLength(3L << 30);
    }
    assertThatThrownBy(() -> Manifest.read(f)).isInstanceOf(RootLimitException.class);
  }

  @Test
  void manifestParseOfOneLineOfEightMebibytes() {
    String text = "x".repeat(8 << 20);
    assertThatThrownBy(() -> Manifest.parse(text))
        .isInstanceOf(RootLimitException.class)
        .hasMessageContaining("MAX_LINE_LENGTH");
  }

  @Test
  void setOfOneMillionAndOneFifos() throws IOException {
    // 1,000,001 FIFO entries: one past the default maxEntries; the skipped-entries list kept
    // every one of them before and filled the heap
    Path txz = tmp.resolve("dist/base.txz");
    Files.createDirectories(txz.getParent());
    try (OutputStream out = Files.newOutputStream(txz);
        XZOutputStream xz = new XZOutputStream(out, new LZMA2Options(0));
        TarArchiveOutputStream tar = new TarArchiveOutputStream(xz, "UTF-8")) {
      for (int i = 0; i <= RootBuilder.DEFAULT_MAX_ENTRIES; i++) {
        TarArchiveEntry e =
            new TarArchiveEntry(
                "./f" + i, org.apache.commons.compress.archivers.tar.TarConstants.LF_FIFO);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
      }
      tar.finish();
    }
    Path root = tmp.resolve("root");
    assertThatThrownBy(() -> RootBuilder.into(root).set("base", txz).unverified().populate())
        .isInstanceOf(RootLimitException.class)
        .hasMessageContaining("maxEntries is " + RootBuilder.DEFAULT_MAX_ENTRIES);
  }

  @Test
  void setEntryNamedWithTenThousandComponents() throws IOException {
    byte[] content = "x".getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry e = new TarArchiveEntry("./" + "a/".repeat(10_000) + "f");
    e.setSize(content.length);
    Path txz =
        Sets.rawTxz(
            tmp.resolve("dist/deep.txz"),
            TarArchiveOutputStream.LONGFILE_POSIX,
            new Sets.Raw(e, content));
    Path root = tmp.resolve("root");
    assertThatThrownBy(() -> RootBuilder.into(root).set("base", txz).unverified().populate())
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("name is longer than MAX_NAME_BYTES (1023 bytes");
  }
}
