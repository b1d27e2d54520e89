package org.jail4j.root;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jail4j.root.internal.Sha256;

/**
 * Fetches distribution sets of a release from a FreeBSD mirror ({@code BASE/ARCH/RELEASE/MANIFEST}
 * and {@code .../base.txz}, the layout of {@code https://download.freebsd.org/releases/}) into a
 * cache on disk.
 *
 * <ul>
 *   <li>The cache is keyed by checksum: a set is stored as {@code CACHE/SHA256.txz}, so a set the
 *       MANIFEST still lists is never fetched twice, whichever release or mirror named it.
 *   <li>Transfers resume: an interrupted download stays as {@code SHA256.txz.part} and the next
 *       attempt (in this call or a later one) asks for the rest with an HTTP {@code Range}.
 *   <li>Every set is checked against the MANIFEST before it enters the cache; a mismatch is deleted
 *       and reported as a {@link ChecksumMismatchException}.
 * </ul>
 *
 * <pre>{@code
 * SetMirror mirror = new SetMirror(URI.create("https://download.freebsd.org/releases/"),
 *     Path.of("/var/cache/jail4j"));
 * DistributionSets sets = mirror.fetch("14.3-RELEASE", "amd64", "base", "lib32");
 * RootBuilder.into(Path.of("/jail/web")).sets(sets, "base", "lib32").populate();
 * }</pre>
 */
public final class SetMirror {
  private static final String OP = "fetch";
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-\\d+/(\\d+|\\*)");
  private static final Pattern RELEASE = Pattern.compile("[A-Za-z0-9._-]+");
  private static final Pattern ARCH = Pattern.compile("[a-z0-9_]+(/[a-z0-9_]+)?");

  private final URI base;
  private final Path cache;
  private HttpClient client;
  private int attempts = 3;
  private Duration timeout = Duration.ofMinutes(10);

  /**
   * A mirror.
   *
   * @param base the releases URL, e.g. {@code https://download.freebsd.org/releases/}
   * @param cache the cache directory (created when missing)
   */
  public SetMirror(URI base, Path cache) {
    String s = base.toString();
    this.base = URI.create(s.endsWith("/") ? s : s + "/");
    this.cache = cache;
    this.client =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(30))
            .build();
  }

  /**
   * Uses this HTTP client (proxy, TLS settings).
   *
   * @param client the client
   * @return this mirror
   */
  public SetMirror httpClient(HttpClient client) {
    this.client = client;
    return this;
  }

  /**
   * How many times one set is tried (each try resumes the last); 3 by default.
   *
   * @param attempts at least 1
   * @return this mirror
   */
  public SetMirror attempts(int attempts) {
    if (attempts < 1) {
      throw new RootException(OP, "attempts must be at least 1, got " + attempts, null);
    }
    this.attempts = attempts;
    return this;
  }

  /**
   * The longest one request may take.
   *
   * @param timeout the request timeout
   * @return this mirror
   */
  public SetMirror timeout(Duration timeout) {
    this.timeout = timeout;
    return this;
  }

  /**
   * The URL of a file of a release.
   *
   * @param release e.g. {@code 14.3-RELEASE}
   * @param arch e.g. {@code amd64} or {@code arm64/aarch64}
   * @param file e.g. {@code MANIFEST} or {@code base.txz}
   * @return the URL
   */
  public URI uri(String release, String arch, String file) {
    if (!RELEASE.matcher(release).matches()) {
      throw new RootException(OP, "release \"" + release + "\" is not a release name", null);
    }
    if (!ARCH.matcher(arch).matches()) {
      throw new RootException(OP, "architecture \"" + arch + "\" is not an architecture", null);
    }
    return base.resolve(arch + "/" + release + "/" + file);
  }

  /**
   * Fetches the MANIFEST of a release, then every named set not already cached.
   *
   * @param release e.g. {@code 14.3-RELEASE}
   * @param arch e.g. {@code amd64}
   * @param sets set names, e.g. {@code base}, {@code lib32}
   * @return the MANIFEST and the cached set files
   * @throws ChecksumMismatchException when a set does not match the MANIFEST
   * @throws RootException when a transfer fails after every attempt
   */
  public DistributionSets fetch(String release, String arch, String... sets) {
    try {
      Files.createDirectories(cache);
    } catch (IOException e) {
      throw new RootException(OP, cache + ": " + e.getMessage(), e);
    }
    URI manifestUri = uri(release, arch, "MANIFEST");
    Manifest manifest = Manifest.parse(new String(getSmall(manifestUri), StandardCharsets.UTF_8));
    Map<String, Path> files = new LinkedHashMap<>();
    for (String set : sets) {
      ManifestEntry e =
          manifest
              .entry(set)
              .orElseThrow(
                  () ->
                      new RootException(
                          OP, manifestUri + " does not list set \"" + set + "\"", null));
      files.put(e.set(), fetchSet(uri(release, arch, e.file()), e));
    }
    return new DistributionSets(manifest, files);
  }

  /**
   * The cached file of a MANIFEST entry, when it is in the cache.
   *
   * @param entry the entry
   * @return the file
   */
  public Optional<Path> cached(ManifestEntry entry) {
    Path p = cache.resolve(entry.sha256() + ".txz");
    return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
  }

  private byte[] getSmall(URI uri) {
    try {
      HttpResponse<byte[]> r =
          client.send(
              HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() != 200) {
        throw new RootException(OP, uri + ": HTTP " + r.statusCode(), null);
      }
      return r.body();
    } catch (IOException e) {
      throw new RootException(OP, uri + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RootException(OP, uri + ": interrupted", e);
    }
  }

  private Path fetchSet(URI uri, ManifestEntry entry) {
    Path done = cache.resolve(entry.sha256() + ".txz");
    if (Files.isRegularFile(done)) {
      return done;
    }
    Path part = cache.resolve(entry.sha256() + ".txz.part");
    IOException last = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      try {
        download(uri, part);
        last = null;
        break;
      } catch (IOException e) {
        last = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RootException(OP, uri + ": interrupted", e);
      }
    }
    if (last != null) {
      throw new RootException(
          OP,
          uri
              + ": failed after "
              + attempts
              + " attempt(s), partial data kept for resuming: "
              + last,
          last);
    }
    String actual;
    try {
      actual = Sha256.of(part);
    } catch (IOException e) {
      throw new RootException(OP, part + ": " + e.getMessage(), e);
    }
    if (!actual.equals(entry.sha256())) {
      try {
        Files.deleteIfExists(part);
      } catch (IOException ignored) {
        // the next fetch restarts from zero either way
      }
      throw new ChecksumMismatchException(OP, uri.toString(), entry.sha256(), actual);
    }
    try {
      Files.move(part, done, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new RootException(OP, done + ": " + e.getMessage(), e);
    }
    return done;
  }

  /** Downloads into {@code part}, resuming from its length with a Range request. */
  private void download(URI uri, Path part) throws IOException, InterruptedException {
    long have = Files.isRegularFile(part) ? Files.size(part) : 0;
    HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(timeout).GET();
    if (have > 0) {
      req.header("Range", "bytes=" + have + "-");
    }
    HttpResponse<InputStream> r =
        client.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = r.body()) {
      boolean append;
      int status = r.statusCode();
      if (status == 206 && have > 0) {
        String range = r.headers().firstValue("Content-Range").orElse("");
        Matcher m = CONTENT_RANGE.matcher(range);
        append = m.matches() && Long.parseLong(m.group(1)) == have;
        if (!append) {
          throw new IOException(
              "unexpected Content-Range \"" + range + "\" for bytes=" + have + "-");
        }
      } else if (status == 200) {
        append = false; // the server ignored the range: start over
      } else if (status == 416) {
        Files.deleteIfExists(part); // the partial file is longer than the set: start over
        throw new IOException("HTTP 416 for bytes=" + have + "-; restarting");
      } else {
        throw new IOException("HTTP " + status);
      }
      try (FileChannel out =
          FileChannel.open(
              part,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = body.read(buf)) > 0) {
          ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
          while (bb.hasRemaining()) {
            out.write(bb);
          }
        }
      }
    }
  }
}
