package org.jail4j.oci.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP proxy in front of the real registry that records every request and injects faults
 * the registry itself never makes: 503 answers, a blob body cut after some bytes, a redirect to
 * another host, a response that never comes.
 */
final class FaultProxy implements AutoCloseable {
  private static final Set<String> HOP =
      Set.of("connection", "content-length", "host", "transfer-encoding", "upgrade", "keep-alive");

  /** One request as received: method, path, Range and Authorization headers ("" when none). */
  record Seen(String method, String path, String range, String authorization) {}

  private final URI target;
  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  final List<Seen> seen = new CopyOnWriteArrayList<>();
  final AtomicInteger fail503 = new AtomicInteger();
  final AtomicInteger cutBlobsAfter = new AtomicInteger(-1);
  volatile String redirectBlobsTo = "";
  final CountDownLatch stalled = new CountDownLatch(1);
  volatile boolean stallBlobs;

  FaultProxy(URI target) throws IOException {
    this.target = target;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The requests for blobs (GET .../blobs/sha256:...). */
  List<Seen> blobGets() {
    return seen.stream()
        .filter(s -> s.method().equals("GET") && s.path().contains("/blobs/sha256:"))
        .toList();
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getRawPath();
    String range = ex.getRequestHeaders().getFirst("Range");
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    seen.add(
        new Seen(
            ex.getRequestMethod(), path, range == null ? "" : range, auth == null ? "" : auth));
    boolean blob = ex.getRequestMethod().equals("GET") && path.contains("/blobs/sha256:");
    try (ex) {
      if (fail503.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        ex.sendResponseHeaders(503, -1);
        return;
      }
      if (blob && !redirectBlobsTo.isEmpty()) {
        ex.getResponseHeaders().add("Location", redirectBlobsTo + path);
        ex.sendResponseHeaders(307, -1);
        return;
      }
      if (blob && stallBlobs) {
        stalled.countDown();
        try {
          Thread.sleep(60_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return;
      }
      HttpRequest.Builder b = HttpRequest.newBuilder(target.resolve(ex.getRequestURI().toString()));
      for (Map.Entry<String, List<String>> h : ex.getRequestHeaders().entrySet()) {
        if (!HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
          h.getValue().forEach(v -> b.header(h.getKey(), v));
        }
      }
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readAllBytes();
      }
      b.method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
      HttpResponse<byte[]> r;
      try {
        r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      r.headers()
          .map()
          .forEach(
              (k, vs) -> {
                if (!HOP.contains(k.toLowerCase(Locale.ROOT)) && !k.startsWith(":")) {
                  vs.forEach(v -> ex.getResponseHeaders().add(k, v));
                }
              });
      byte[] out = r.body();
      boolean head = ex.getRequestMethod().equals("HEAD");
      int cut = blob ? cutBlobsAfter.getAndSet(-1) : -1;
      ex.sendResponseHeaders(r.statusCode(), head || out.length == 0 ? -1 : out.length);
      if (!head && out.length > 0) {
        OutputStream os = ex.getResponseBody();
        if (cut >= 0 && cut < out.length) {
          os.write(out, 0, cut);
          os.flush();
          throw new IOException("cut");
        }
        os.write(out);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow(); // ends stalled answers
  }
}
