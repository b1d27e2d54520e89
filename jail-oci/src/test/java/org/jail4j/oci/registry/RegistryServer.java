package org.jail4j.oci.registry;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real CNCF distribution registry ({@code docker-registry serve}, Debian's package) on a free
 * loopback port, with its own config and storage in a temporary folder, stopped and deleted by
 * {@link #close()}.
 *
 * <p>When the binary is missing, the test is skipped with the reason; with {@code
 * -Djail4j.registry.required=true} (what {@code .ci/run} passes, after installing the package) it
 * fails instead. {@code -Djail4j.registry.binary=PATH} names another binary.
 */
final class RegistryServer implements AutoCloseable {
  static final String REQUIRED_PROPERTY = "jail4j.registry.required";
  static final String BINARY_PROPERTY = "jail4j.registry.binary";

  private final Path dir;
  private final Process process;
  private final URI uri;

  private RegistryServer(Path dir, Process process, URI uri) {
    this.dir = dir;
    this.process = process;
    this.uri = uri;
  }

  /** The registry binary, or a skip (a failure when required) naming what is missing. */
  static Path binary() {
    String configured = System.getProperty(BINARY_PROPERTY, "");
    Path bin = Path.of(configured.isBlank() ? "/usr/bin/docker-registry" : configured);
    if (!Files.isExecutable(bin)) {
      String message =
          "no registry server: "
              + bin
              + " is missing (Debian: apt-get install docker-registry, the CNCF distribution"
              + " registry; or -D"
              + BINARY_PROPERTY
              + "=PATH)";
      if (Boolean.getBoolean(REQUIRED_PROPERTY)) {
        fail(message + " (-D" + REQUIRED_PROPERTY + "=true makes it required)");
      }
      System.err.println("[jail4j] registry tests skipped: " + message);
      Assumptions.abort(message);
    }
    return bin;
  }

  /** A registry without authentication. */
  static RegistryServer start() throws IOException {
    return start("");
  }

  /**
   * A registry with an {@code auth:} section.
   *
   * @param auth YAML lines under {@code auth:}, indented two spaces, or "" for none
   */
  static RegistryServer start(String auth) throws IOException {
    Path bin = binary();
    Path dir = Files.createTempDirectory("jail4j-registry");
    int port = freePort();
    String config =
        "version: 0.1\n"
            + "log:\n  level: warn\n  accesslog:\n    disabled: true\n"
            + "storage:\n  filesystem:\n    rootdirectory: "
            + dir.resolve("storage")
            + "\n  delete:\n    enabled: true\n"
            + "http:\n  addr: 127.0.0.1:"
            + port
            + "\n  secret: jail4j-test-secret\n"
            + (auth.isEmpty() ? "" : "auth:\n" + auth);
    Path configFile = dir.resolve("config.yml");
    Files.writeString(configFile, config, StandardCharsets.UTF_8);
    Path log = dir.resolve("registry.log");
    Process p =
        new ProcessBuilder(bin.toString(), "serve", configFile.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    URI uri = URI.create("http://127.0.0.1:" + port);
    RegistryServer server = new RegistryServer(dir, p, uri);
    server.await(log);
    return server;
  }

  private void await(Path log) throws IOException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        String text = Files.readString(log, StandardCharsets.UTF_8);
        close();
        fail("docker-registry exited with " + process.exitValue() + ":\n" + text);
      }
      try {
        int s =
            http.send(
                    HttpRequest.newBuilder(uri.resolve("/v2/"))
                        .timeout(Duration.ofSeconds(1))
                        .build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode();
        if (s == 200 || s == 401) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted waiting for the registry", e);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted waiting for the registry", e);
      }
    }
    String text = Files.readString(log, StandardCharsets.UTF_8);
    close();
    fail("docker-registry did not answer /v2/ within 30 s:\n" + text);
  }

  /** The registry's URL, {@code http://127.0.0.1:PORT}. */
  URI uri() {
    return uri;
  }

  /** The temporary folder (config, storage, log), for auth files. */
  Path dir() {
    return dir;
  }

  /** A free loopback port (closed again: the registry binds it). */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
