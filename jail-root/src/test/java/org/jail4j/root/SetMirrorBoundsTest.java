package org.jail4j.root;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile or broken mirror: slow, silent, endless or redirecting bodies from a loopback HTTP
 * server the test runs, each ending in a typed error within its bound.
 */
class SetMirrorBoundsTest {
  static final String DIR = "/releases/amd64/14.3-RELEASE/";

  @TempDir Path tmp;
  static HttpServer server;
  static ExecutorService pool;
  static int port;
  static URI base;
  static final Map<String, HttpHandler> handlers = new ConcurrentHashMap<>();
  static final List<String> requests = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    // one thread per exchange: a trickling handler must not hold up the next test's requests
    pool = Executors.newCachedThreadPool();
    server.setExecutor(pool);
    server.createContext("/", SetMirrorBoundsTest::serve);
    server.start();
    port = server.getAddress().getPort();
    base = URI.create("http://127.0.0.1:" + port + "/releases/");
  }

  @AfterAll
  static void stop() {
    server.stop(0);
    pool.shutdownNow();
  }

  @BeforeEach
  void clear() {
    handlers.clear();
    requests.clear();
  }

  private static void serve(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    requests.add(ex.getRequestHeaders().getFirst("Host") + path);
    HttpHandler h = handlers.get(path);
    if (h == null) {
      ex.sendResponseHeaders(404, -1);
      ex.close();
      return;
    }
    try {
      h.handle(ex);
    } finally {
      ex.close();
    }
  }

  static HttpHandler bytes(byte[] body) {
    return ex -> {
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    };
  }

  /** Promises {@code length} bytes and sends one a second (stops when the client goes). */
  static HttpHandler trickle(long length) {
    return ex -> {
      ex.sendResponseHeaders(200, length);
      OutputStream out = ex.getResponseBody();
      for (int i = 0; i < 60; i++) {
        out.write('x');
        out.flush();
        sleep(1000);
      }
    };
  }

  /** Sends {@code first} bytes, then nothing for 30 s. */
  static HttpHandler stall(int first) {
    return ex -> {
      ex.sendResponseHeaders(200, first + 1_000_000L);
      OutputStream out = ex.getResponseBody();
      out.write(new byte[first]);
      out.flush();
      sleep(30_000);
    };
  }

  /** Zeros without end, chunked, as a {@code /dev/zero} behind a web server would be. */
  static HttpHandler endless() {
    return ex -> {
      ex.sendResponseHeaders(200, 0);
      OutputStream out = ex.getResponseBody();
      byte[] zeros = new byte[1 << 16];
      while (true) {
        out.write(zeros); // ends in an IOException when the client cancels
      }
    };
  }

  static HttpHandler redirect(String location) {
    return ex -> {
      ex.getResponseHeaders().add("Location", location);
      ex.sendResponseHeaders(302, -1);
    };
  }

  private static void sleep(long ms) throws IOException {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("server stopped", e);
    }
  }

  /** Publishes a real small base set and its MANIFEST; returns the set's MANIFEST entry. */
  private ManifestEntry publish() throws IOException {
    Path f = tmp.resolve("made/base.txz");
    Files.createDirectories(f.getParent());
    ManifestEntry e =
        DistributionSetWriter.create("base")
            .directory("./", 0755)
            .file("./COPYRIGHT", "c\n".getBytes(StandardCharsets.UTF_8), 0644)
            .writeTo(f);
    handlers.put(DIR + "base.txz", bytes(Files.readAllBytes(f)));
    handlers.put(DIR + "MANIFEST", bytes((e.toLine() + "\n").getBytes(StandardCharsets.UTF_8)));
    return e;
  }

  private SetMirror mirror() {
    return new SetMirror(base, tmp.resolve("cache"));
  }

  private List<Path> cacheFiles() throws IOException {
    Path c = tmp.resolve("cache");
    if (!Files.exists(c)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(c)) {
      return s.toList();
    }
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  @Test
  void aManifestTrickledAtOneBytePerSecondEndsAtTheRequestTimeout() {
    handlers.put(DIR + "MANIFEST", trickle(100));
    SetMirror m = mirror().timeout(Duration.ofSeconds(3));
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> m.fetch("14.3-RELEASE", "amd64", "base"))
        .isInstanceOf(RootException.class)
        .hasMessageContaining("timeout: the request took longer than PT3S")
        .hasMessageContaining("SetMirror.timeout(Duration)");
    assertThat(millisSince(t0)).isBetween(2_500L, 6_000L);
  }

  @Test
  void aSetTrickledAtOneBytePerSecondEndsAtTheRequestTimeoutAndKeepsItsPartForResuming()
      throws IOException {
    ManifestEntry e = publish();
    handlers.put(DIR + "base.txz", trickle(1000));
    SetMirror m = mirror().timeout(Duration.ofSeconds(3)).attempts(1);
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> m.fetch("14.3-RELEASE", "amd64", "base"))
        .isInstanceOf(RootException.class)
        .hasMessageContaining("timeout: the request took longer than PT3S")
        .hasMessageContaining("partial data kept for resuming");
    assertThat(millisSince(t0)).isBetween(2_500L, 6_000L);
    assertThat(tmp.resolve("cache/" + e.sha256() + ".txz.part")).exists();
  }

  @Test
  void aSilentMirrorEndsAtTheIdleTimeout() throws IOException {
    publish();
    handlers.put(DIR + "base.txz", stall(1000));
    SetMirror m = mirror().idleTimeout(Duration.ofSeconds(1)).attempts(1);
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> m.fetch("14.3-RELEASE", "amd64", "base"))
        .isInstanceOf(RootException.class)
        .hasMessageContaining("idleTimeout: no data for PT1S")
        .hasMessageContaining("SetMirror.idleTimeout(Duration)");
    assertThat(millisSince(t0)).isBetween(800L, 4_000L);
  }

  @Test
  void theDeadlineEndsEveryAttemptTogether() throws IOException {
    publish();
    handlers.put(DIR + "base.txz", trickle(1000));
    SetMirror m =
        mirror().attempts(5).timeout(Duration.ofSeconds(60)).deadline(Duration.ofSeconds(2));
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> m.fetch("14.3-RELEASE", "amd64", "base"))
        .isInstanceOf(RootException.class)
        .isNotInstanceOf(RootLimitException.class)
        .hasMessageContaining("deadline: the fetch took longer than PT2S")
        .hasMessageContaining("SetMirror.deadline(Duration)");
    assertThat(millisSince(t0)).isBetween(1_500L, 5_000L);
  }

  @Test
  void anInterruptEndsTheTransferRemovesThePartAndKeepsTheFlag() throws Exception {
    ManifestEntry e = publish();
    handlers.put(DIR + "base.txz", stall(100_000));
    Path part = tmp.resolve("cache/" + e.sha256() + ".txz.part");
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean flagAfter = new AtomicBoolean();
    Thread t =
        new Thread(
            () -> {
              try {
                mirror().fetch("14.3-RELEASE", "amd64", "base");
              } catch (Throwable x) {
                thrown.set(x);
              }
              flagAfter.set(Thread.currentThread().isInterrupted());
            });
    t.start();
    long waitEnd = System.nanoTime() + 10_000_000_000L;
    while (!(Files.exists(part) && Files.size(part) >= 100_000) && System.nanoTime() < waitEnd) {
      Thread.sleep(20);
    }
    assertThat(part).exists();
    long t0 = System.nanoTime();
    t.interrupt();
    t.join(5_000);
    assertThat(t.isAlive()).as("fetch still running 5 s after the interrupt").isFalse();
    assertThat(millisSince(t0)).isLessThan(2_000L);
    assertThat(thrown.get())
        .isInstanceOf(RootException.class)
        .hasMessageContaining("interrupted; partial data removed");
    assertThat(flagAfter).isTrue();
    assertThat(part).doesNotExist();
  }

  @Test
  void anEndlessManifestIsRefusedAtItsBoundNamingTheLimit() {
    handlers.put(DIR + "MANIFEST", endless());
    assertThatThrownBy(() -> mirror().fetch("14.3-RELEASE", "amd64", "base"))
        .isInstanceOfSatisfying(
            RootLimitException.class,
            x -> {
              assertThat(x.limit()).isEqualTo("maxManifestBytes");
              assertThat(x.max()).isEqualTo(Manifest.DEFAULT_MAX_BYTES);
              assertThat(x.value()).isGreaterThan(Manifest.DEFAULT_MAX_BYTES);
            })
        .hasMessageContaining("MANIFEST: maxManifestBytes is 1048576, found")
        .hasMessageContaining("SetMirror.maxManifestBytes(long)");
  }

  @Test
  void aManifestDeclaringMoreThanTheBoundIsRefusedBeforeItsBodyIsRead() {
    handlers.put(
        DIR + "MANIFEST",
        ex -> {
          ex.sendResponseHeaders(200, 10L << 30);
          ex.getResponseBody().write(new byte[1000]);
        });
    assertThatThrownBy(() -> mirror().maxManifestBytes(4096).fetch("14.3-RELEASE", "amd64"))
        .isInstanceOf(RootLimitException.class)
        .hasMessageContaining("maxManifestBytes is 4096, found " + (10L << 30));
  }

  @Test
  void anEndlessSetStopsAtMaxSetBytesAndLeavesNoPart() throws IOException {
    publish();
    handlers.put(DIR + "base.txz", endless());
    assertThatThrownBy(() -> mirror().maxSetBytes(1 << 20).fetch("14.3-RELEASE", "amd64", "base"))
        .isInstanceOfSatisfying(
            RootLimitException.class, x -> assertThat(x.limit()).isEqualTo("maxSetBytes"))
        .hasMessageContaining("base.txz: maxSetBytes is 1048576, found")
        .hasMessageContaining("SetMirror.maxSetBytes(long)");
    assertThat(cacheFiles()).isEmpty();
  }

  @Test
  void aSetDeclaringMoreThanTheBoundIsRefusedBeforeItIsWritten() throws IOException {
    publish();
    handlers.put(
        DIR + "base.txz",
        ex -> {
          ex.sendResponseHeaders(200, 3L << 30);
          ex.getResponseBody().write(new byte[1000]);
        });
    assertThatThrownBy(() -> mirror().fetch("14.3-RELEASE", "amd64", "base"))
        .isInstanceOf(RootLimitException.class)
        .hasMessageContaining(
            "maxSetBytes is " + SetMirror.DEFAULT_MAX_SET_BYTES + ", found " + (3L << 30));
    assertThat(cacheFiles()).isEmpty();
  }

  @Test
  void aRedirectToAnotherHostIsRefusedBeforeItIsFollowed() throws IOException {
    publish();
    handlers.put(
        "/moved/amd64/14.3-RELEASE/MANIFEST",
        redirect("http://localhost:" + port + DIR + "MANIFEST"));
    SetMirror m = new SetMirror(URI.create("http://127.0.0.1:" + port + "/moved/"), tmp);
    assertThatThrownBy(() -> m.fetch("14.3-RELEASE", "amd64", "base"))
        .isInstanceOf(RootException.class)
        .hasMessageContaining("redirected to http://localhost:" + port + DIR + "MANIFEST")
        .hasMessageContaining("another host than 127.0.0.1")
        .hasMessageContaining("SetMirror.redirectsToOtherHosts(true)");
    assertThat(requests)
        .containsExactly("127.0.0.1:" + port + "/moved/amd64/14.3-RELEASE/MANIFEST");
  }

  @Test
  void aRedirectOnTheSameHostIsFollowed() throws IOException {
    ManifestEntry e = publish();
    handlers.put("/moved/amd64/14.3-RELEASE/MANIFEST", redirect(DIR + "MANIFEST"));
    handlers.put("/moved/amd64/14.3-RELEASE/base.txz", redirect(DIR + "base.txz"));
    SetMirror m = new SetMirror(URI.create("http://127.0.0.1:" + port + "/moved/"), tmp);
    DistributionSets sets = m.fetch("14.3-RELEASE", "amd64", "base");
    assertThat(sets.archive("base").orElseThrow()).hasFileName(e.sha256() + ".txz");
  }

  @Test
  void aRedirectToAnotherHostIsFollowedWhenAllowed() throws IOException {
    assumeLocalhostIsThisServer();
    publish();
    handlers.put(
        "/moved/amd64/14.3-RELEASE/MANIFEST",
        redirect("http://localhost:" + port + DIR + "MANIFEST"));
    handlers.put(
        "/moved/amd64/14.3-RELEASE/base.txz",
        redirect("http://localhost:" + port + DIR + "base.txz"));
    SetMirror m =
        new SetMirror(URI.create("http://127.0.0.1:" + port + "/moved/"), tmp)
            .redirectsToOtherHosts(true);
    assertThat(m.fetch("14.3-RELEASE", "amd64", "base").archive("base")).isPresent();
    assertThat(requests).contains("localhost:" + port + DIR + "MANIFEST");
  }

  @Test
  void aClientThatFollowsRedirectsItselfIsCheckedAfterTheFact() throws IOException {
    assumeLocalhostIsThisServer();
    publish();
    handlers.put(
        "/moved/amd64/14.3-RELEASE/MANIFEST",
        redirect("http://localhost:" + port + DIR + "MANIFEST"));
    SetMirror m =
        new SetMirror(URI.create("http://127.0.0.1:" + port + "/moved/"), tmp)
            .httpClient(
                HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build());
    assertThatThrownBy(() -> m.fetch("14.3-RELEASE", "amd64", "base"))
        .isInstanceOf(RootException.class)
        .hasMessageContaining("another host than 127.0.0.1");
  }

  @Test
  @SuppressWarnings("NullAway") // the null is the input under test
  void badBoundsAreRefusedNamingTheSetting() {
    SetMirror m = mirror();
    assertThatThrownBy(() -> m.timeout(Duration.ZERO))
        .isInstanceOf(RootException.class)
        .hasMessageContaining("timeout must be positive");
    assertThatThrownBy(() -> m.idleTimeout(Duration.ofSeconds(-1)))
        .hasMessageContaining("idleTimeout must be positive");
    assertThatThrownBy(() -> m.deadline(null)).hasMessageContaining("deadline must be positive");
    assertThatThrownBy(() -> m.maxSetBytes(-1)).hasMessageContaining("maxSetBytes must be");
    assertThatThrownBy(() -> m.maxManifestBytes(Integer.MAX_VALUE))
        .hasMessageContaining("maxManifestBytes must be 0..2147483639");
  }

  private static void assumeLocalhostIsThisServer() throws IOException {
    assumeThat(InetAddress.getByName("localhost").getHostAddress())
        .as("the name localhost must lead to 127.0.0.1, where the test's server listens")
        .isEqualTo("127.0.0.1");
  }
}
