package org.jail4j.root;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetching sets from a mirror: a loopback HTTP server serving generated sets. */
class SetMirrorTest {
  @TempDir Path tmp;
  // one server for the class: stopping an HttpServer takes about a second
  static HttpServer server;
  static URI base;
  static final Map<String, byte[]> files = new ConcurrentHashMap<>();
  static final List<String> requests = new CopyOnWriteArrayList<>();

  /** Paths whose next full response is cut off after this many bytes. */
  static final Map<String, Integer> cutNext = new ConcurrentHashMap<>();

  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

  @BeforeAll
  static void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", SetMirrorTest::serve);
    server.start();
    base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/releases/");
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  @BeforeEach
  void clear() {
    files.clear();
    requests.clear();
    cutNext.clear();
  }

  private static void serve(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    String range = ex.getRequestHeaders().getFirst("Range");
    requests.add(path + (range == null ? "" : " " + range));
    byte[] body = files.get(path);
    if (body == null) {
      ex.sendResponseHeaders(404, -1);
      ex.close();
      return;
    }
    int from = 0;
    if (range != null) {
      Matcher m = RANGE.matcher(range);
      if (m.matches()) {
        from = Integer.parseInt(m.group(1));
      }
    }
    if (from > 0) {
      ex.getResponseHeaders()
          .add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
      ex.sendResponseHeaders(206, body.length - from);
    } else {
      ex.sendResponseHeaders(200, body.length);
    }
    Integer cut = from == 0 ? cutNext.remove(path) : null;
    if (cut != null) {
      OutputStream out = ex.getResponseBody();
      out.write(body, 0, cut);
      out.flush();
      // an interrupted transfer: the server drops the connection before the promised length
      throw new IOException("transfer cut by the test");
    }
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body, from, body.length - from);
    }
  }

  private ManifestEntry publish(String release, String arch, DistributionSetWriter set)
      throws IOException {
    Path f = tmp.resolve("made").resolve(set.set() + ".txz");
    Files.createDirectories(f.getParent());
    ManifestEntry e = set.writeTo(f);
    files.put("/releases/" + arch + "/" + release + "/" + e.file(), Files.readAllBytes(f));
    files.put(
        "/releases/" + arch + "/" + release + "/MANIFEST",
        (e.toLine() + "\n").getBytes(StandardCharsets.UTF_8));
    return e;
  }

  private byte[] body(String path) {
    return java.util.Objects.requireNonNull(files.get(path), path);
  }

  private static DistributionSetWriter bigBase() {
    DistributionSetWriter w =
        DistributionSetWriter.create("base").compressionPreset(0).directory("./", 0755);
    java.util.Random r = new java.util.Random(7);
    for (int i = 0; i < 20; i++) {
      byte[] b = new byte[20_000];
      r.nextBytes(b);
      w.file("./bin/f" + i, b, 0755);
    }
    return w;
  }

  @Test
  void fetchesVerifiesAndCachesByChecksum() throws IOException {
    ManifestEntry e = publish("14.3-RELEASE", "amd64", bigBase());
    SetMirror mirror = new SetMirror(base, tmp.resolve("cache"));
    DistributionSets sets = mirror.fetch("14.3-RELEASE", "amd64", "base");
    Path p = sets.archive("base").orElseThrow();
    assertThat(p).isEqualTo(tmp.resolve("cache").resolve(e.sha256() + ".txz"));
    assertThat(Files.readAllBytes(p)).isEqualTo(body("/releases/amd64/14.3-RELEASE/base.txz"));
    assertThat(requests)
        .containsExactly(
            "/releases/amd64/14.3-RELEASE/MANIFEST", "/releases/amd64/14.3-RELEASE/base.txz");
    RootBuilder.into(tmp.resolve("root")).sets(sets, "base").populate();
    assertThat(tmp.resolve("root/bin/f19")).exists();
  }

  @Test
  void aCachedSetIsNotFetchedAgain() throws IOException {
    publish("14.3-RELEASE", "amd64", bigBase());
    SetMirror mirror = new SetMirror(base, tmp.resolve("cache"));
    mirror.fetch("14.3-RELEASE", "amd64", "base");
    requests.clear();
    mirror.fetch("14.3-RELEASE", "amd64", "base");
    assertThat(requests).containsExactly("/releases/amd64/14.3-RELEASE/MANIFEST");
  }

  @Test
  void anInterruptedTransferIsResumedWithARangeRequest() throws IOException {
    ManifestEntry e = publish("14.3-RELEASE", "amd64", bigBase());
    String path = "/releases/amd64/14.3-RELEASE/base.txz";
    cutNext.put(path, 150_000);
    SetMirror once = new SetMirror(base, tmp.resolve("cache")).attempts(1);
    assertThatThrownBy(() -> once.fetch("14.3-RELEASE", "amd64", "base"))
        .isInstanceOf(RootException.class)
        .hasMessageContaining("partial data kept for resuming");
    Path part = tmp.resolve("cache").resolve(e.sha256() + ".txz.part");
    long kept = Files.size(part);
    assertThat(kept).isPositive().isLessThan(body(path).length);
    requests.clear();
    DistributionSets sets = once.fetch("14.3-RELEASE", "amd64", "base");
    assertThat(requests).contains(path + " bytes=" + kept + "-");
    assertThat(Files.readAllBytes(sets.archive("base").orElseThrow())).isEqualTo(body(path));
    assertThat(part).doesNotExist();
  }

  @Test
  void anInterruptedTransferIsResumedWithinOneFetch() throws IOException {
    publish("14.3-RELEASE", "amd64", bigBase());
    String path = "/releases/amd64/14.3-RELEASE/base.txz";
    cutNext.put(path, 100_000);
    DistributionSets sets =
        new SetMirror(base, tmp.resolve("cache"))
            .attempts(2)
            .fetch("14.3-RELEASE", "amd64", "base");
    assertThat(requests).anyMatch(r -> r.startsWith(path + " bytes="));
    assertThat(Files.readAllBytes(sets.archive("base").orElseThrow())).isEqualTo(body(path));
  }

  @Test
  void aSetThatDoesNotMatchTheManifestIsDeletedAndReported() throws IOException {
    ManifestEntry e = publish("14.3-RELEASE", "amd64", bigBase());
    String path = "/releases/amd64/14.3-RELEASE/base.txz";
    byte[] tampered = body(path).clone();
    tampered[100] ^= 1;
    files.put(path, tampered);
    SetMirror mirror = new SetMirror(base, tmp.resolve("cache"));
    assertThatThrownBy(() -> mirror.fetch("14.3-RELEASE", "amd64", "base"))
        .isInstanceOf(ChecksumMismatchException.class)
        .hasMessageContaining("does not match MANIFEST " + e.sha256());
    try (var s = Files.list(tmp.resolve("cache"))) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void aSetTheManifestDoesNotListIsNamed() throws IOException {
    publish("14.3-RELEASE", "amd64", bigBase());
    SetMirror mirror = new SetMirror(base, tmp.resolve("cache"));
    assertThatThrownBy(() -> mirror.fetch("14.3-RELEASE", "amd64", "lib32"))
        .isInstanceOf(RootException.class)
        .hasMessageContaining("MANIFEST does not list set \"lib32\"");
  }

  @Test
  void aMissingReleaseReportsTheHttpStatus() {
    SetMirror mirror = new SetMirror(base, tmp.resolve("cache"));
    assertThatThrownBy(() -> mirror.fetch("99.0-RELEASE", "amd64", "base"))
        .isInstanceOf(RootException.class)
        .hasMessageContaining("/releases/amd64/99.0-RELEASE/MANIFEST: HTTP 404");
  }

  @Test
  void theUrlFollowsTheMirrorLayout() {
    SetMirror mirror = new SetMirror(URI.create("https://download.freebsd.org/releases"), tmp);
    assertThat(mirror.uri("14.3-RELEASE", "arm64/aarch64", "base.txz"))
        .hasToString("https://download.freebsd.org/releases/arm64/aarch64/14.3-RELEASE/base.txz");
    assertThatThrownBy(() -> mirror.uri("../../etc", "amd64", "base.txz"))
        .isInstanceOf(RootException.class)
        .hasMessageContaining("is not a release name");
  }
}
