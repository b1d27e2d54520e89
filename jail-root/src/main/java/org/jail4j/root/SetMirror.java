package org.jail4j.root;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jail4j.root.internal.HttpBodyStream;
import org.jail4j.root.internal.Sha256;
import org.jspecify.annotations.Nullable;

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
 *   <li>Every transfer is bounded: in time by {@link #timeout(Duration)} (one request, body
 *       included), {@link #idleTimeout(Duration)} (no byte for that long) and {@link
 *       #deadline(Duration)} (one {@link #fetch} call); in size by {@link #maxManifestBytes(long)}
 *       and {@link #maxSetBytes(long)}, each a {@link RootLimitException} naming the limit. An
 *       interrupt of the fetching thread ends the transfer at once.
 *   <li>Redirects are followed only to the mirror's own host unless {@link
 *       #redirectsToOtherHosts(boolean)} allows others; never from https to http.
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
  /** The default of {@link #maxSetBytes(long)}: 1 GiB (FreeBSD's largest set is about 300 MB). */
  public static final long DEFAULT_MAX_SET_BYTES = 1L << 30;

  /** How many redirects one request follows at most. */
  public static final int MAX_REDIRECTS = 5;

  private static final String OP = "fetch";
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-\\d+/(\\d+|\\*)");
  private static final Pattern RELEASE = Pattern.compile("[A-Za-z0-9._-]+");
  private static final Pattern ARCH = Pattern.compile("[a-z0-9_]+(/[a-z0-9_]+)?");

  private final URI base;
  private final Path cache;
  private HttpClient client;
  private int attempts = 3;
  private Duration timeout = Duration.ofMinutes(30);
  private Duration idleTimeout = Duration.ofSeconds(60);
  private Duration deadline = Duration.ofHours(2);
  private long maxManifestBytes = Manifest.DEFAULT_MAX_BYTES;
  private long maxSetBytes = DEFAULT_MAX_SET_BYTES;
  private boolean redirectsToOtherHosts;

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
    // redirects are followed here, not by the client, so that each hop's host is checked first
    this.client =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(30))
            .build();
  }

  /**
   * Uses this HTTP client (proxy, TLS settings). A client that follows redirects itself is checked
   * after the fact: a response from another host is refused unless {@link
   * #redirectsToOtherHosts(boolean)} allows it, and its body is never read.
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
   * The longest one request may take, from sending it to the last byte of its body; 30 minutes by
   * default. A set's request that runs out of time keeps its partial data and the next attempt
   * resumes it.
   *
   * @param timeout positive
   * @return this mirror
   */
  public SetMirror timeout(Duration timeout) {
    this.timeout = positive("timeout", timeout);
    return this;
  }

  /**
   * The longest the mirror may stay silent: waiting for the response headers or for the next bytes
   * of a body; 60 seconds by default.
   *
   * @param idleTimeout positive
   * @return this mirror
   */
  public SetMirror idleTimeout(Duration idleTimeout) {
    this.idleTimeout = positive("idleTimeout", idleTimeout);
    return this;
  }

  /**
   * The longest one {@link #fetch} call may take, the MANIFEST, every set and every attempt
   * together; 2 hours by default. Partial data is kept for the next call to resume.
   *
   * @param deadline positive
   * @return this mirror
   */
  public SetMirror deadline(Duration deadline) {
    this.deadline = positive("deadline", deadline);
    return this;
  }

  /**
   * The largest MANIFEST read; {@link Manifest#DEFAULT_MAX_BYTES} (1 MiB) by default, where a
   * release's MANIFEST is about 1 KB.
   *
   * @param maxBytes 0 to {@code Integer.MAX_VALUE - 8}
   * @return this mirror
   */
  public SetMirror maxManifestBytes(long maxBytes) {
    if (maxBytes < 0 || maxBytes > Integer.MAX_VALUE - 8) {
      throw new RootException(
          OP, "maxManifestBytes must be 0.." + (Integer.MAX_VALUE - 8) + ", got " + maxBytes, null);
    }
    this.maxManifestBytes = maxBytes;
    return this;
  }

  /**
   * The largest set downloaded; {@link #DEFAULT_MAX_SET_BYTES} by default. A MANIFEST names each
   * set's checksum and file count but not its length, so this bound is what stops an endless set;
   * its partial file is removed.
   *
   * @param maxBytes at least 0
   * @return this mirror
   */
  public SetMirror maxSetBytes(long maxBytes) {
    if (maxBytes < 0) {
      throw new RootException(OP, "maxSetBytes must be at least 0, got " + maxBytes, null);
    }
    this.maxSetBytes = maxBytes;
    return this;
  }

  /**
   * Whether a redirect to a host other than the mirror's is followed; false by default, so a
   * MANIFEST is trusted only from the mirror the caller named. A redirect from https to http is
   * refused either way.
   *
   * @param allow true to follow redirects to other hosts (e.g. a mirror that sends clients to a
   *     CDN)
   * @return this mirror
   */
  public SetMirror redirectsToOtherHosts(boolean allow) {
    this.redirectsToOtherHosts = allow;
    return this;
  }

  private static Duration positive(String name, @Nullable Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new RootException(OP, name + " must be positive, got " + d, null);
    }
    return d;
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
   * @throws RootLimitException when the MANIFEST or a set is larger than its bound
   * @throws RootException when a transfer fails after every attempt, runs past the deadline, is
   *     redirected where it may not go, or the thread is interrupted (the interrupt flag stays set
   *     and the set's partial file is removed)
   */
  public DistributionSets fetch(String release, String arch, String... sets) {
    long fetchEnd = System.nanoTime() + nanos(deadline);
    try {
      Files.createDirectories(cache);
    } catch (IOException e) {
      throw new RootException(OP, cache + ": " + e.getMessage(), e);
    }
    URI manifestUri = uri(release, arch, "MANIFEST");
    Manifest manifest =
        Manifest.parse(new String(getManifest(manifestUri, fetchEnd), StandardCharsets.UTF_8));
    Map<String, Path> files = new LinkedHashMap<>();
    for (String set : sets) {
      ManifestEntry e =
          manifest
              .entry(set)
              .orElseThrow(
                  () ->
                      new RootException(
                          OP, manifestUri + " does not list set \"" + set + "\"", null));
      files.put(e.set(), fetchSet(uri(release, arch, e.file()), e, fetchEnd));
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

  private byte[] getManifest(URI uri, long fetchEnd) {
    try {
      Opened o = open(uri, null, fetchEnd);
      if (o.status() != 200) {
        o.body().cancel();
        throw new RootException(OP, uri + ": HTTP " + o.status(), null);
      }
      OptionalLong declared = o.response().headers().firstValueAsLong("Content-Length");
      if (declared.isPresent() && declared.getAsLong() > maxManifestBytes) {
        o.body().cancel();
        throw manifestTooLarge(uri, declared.getAsLong());
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      drain(
          o,
          fetchEnd,
          b -> {
            long found = (long) out.size() + b.remaining();
            if (found > maxManifestBytes) {
              throw manifestTooLarge(uri, found);
            }
            byte[] chunk = new byte[b.remaining()];
            b.get(chunk);
            out.write(chunk, 0, chunk.length);
          });
      return out.toByteArray();
    } catch (IOException e) {
      throw new RootException(OP, uri + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RootException(OP, uri + ": interrupted", e);
    }
  }

  private RootLimitException manifestTooLarge(URI uri, long found) {
    return new RootLimitException(
        OP,
        uri.toString(),
        "maxManifestBytes",
        maxManifestBytes,
        found,
        "SetMirror.maxManifestBytes(long)");
  }

  private Path fetchSet(URI uri, ManifestEntry entry, long fetchEnd) {
    Path done = cache.resolve(entry.sha256() + ".txz");
    if (Files.isRegularFile(done)) {
      return done;
    }
    Path part = cache.resolve(entry.sha256() + ".txz.part");
    IOException last = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      try {
        download(uri, part, fetchEnd);
        last = null;
        break;
      } catch (ClosedByInterruptException e) {
        throw interrupted(uri, part, e);
      } catch (IOException e) {
        if (Thread.currentThread().isInterrupted()) {
          throw interrupted(uri, part, e);
        }
        last = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw interrupted(uri, part, e);
      } catch (RootLimitException e) {
        deleteQuietly(part); // more than the bound of nothing worth resuming
        throw e;
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
      deleteQuietly(part);
      throw new ChecksumMismatchException(OP, uri.toString(), entry.sha256(), actual);
    }
    try {
      Files.move(part, done, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new RootException(OP, done + ": " + e.getMessage(), e);
    }
    return done;
  }

  private static RootException interrupted(URI uri, Path part, Exception cause) {
    Thread.currentThread().interrupt(); // a ClosedByInterruptException leaves the flag set already
    deleteQuietly(part);
    return new RootException(OP, uri + ": interrupted; partial data removed", cause);
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // the next fetch restarts from zero either way
    }
  }

  /** Downloads into {@code part}, resuming from its length with a Range request. */
  private void download(URI uri, Path part, long fetchEnd)
      throws IOException, InterruptedException {
    long have = Files.isRegularFile(part) ? Files.size(part) : 0;
    Opened o = open(uri, have > 0 ? "bytes=" + have + "-" : null, fetchEnd);
    boolean append;
    int status = o.status();
    HttpResponse<HttpBodyStream> r = o.response();
    if (status == 206 && have > 0) {
      String range = r.headers().firstValue("Content-Range").orElse("");
      Matcher m = CONTENT_RANGE.matcher(range);
      append = m.matches() && Long.parseLong(m.group(1)) == have;
      if (!append) {
        o.body().cancel();
        throw new IOException("unexpected Content-Range \"" + range + "\" for bytes=" + have + "-");
      }
    } else if (status == 200) {
      append = false; // the server ignored the range: start over
    } else if (status == 416) {
      o.body().cancel();
      Files.deleteIfExists(part); // the partial file is longer than the set: start over
      throw new IOException("HTTP 416 for bytes=" + have + "-; restarting");
    } else {
      o.body().cancel();
      throw new IOException("HTTP " + status);
    }
    long kept = append ? have : 0;
    OptionalLong declared = r.headers().firstValueAsLong("Content-Length");
    if (declared.isPresent() && kept + declared.getAsLong() > maxSetBytes) {
      o.body().cancel();
      throw setTooLarge(uri, kept + declared.getAsLong());
    }
    try (FileChannel out =
        FileChannel.open(
            part,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
      long[] length = {kept};
      drain(
          o,
          fetchEnd,
          b -> {
            long found = length[0] + b.remaining();
            if (found > maxSetBytes) {
              throw setTooLarge(uri, found);
            }
            while (b.hasRemaining()) {
              length[0] += out.write(b);
            }
          });
    }
  }

  private RootLimitException setTooLarge(URI uri, long found) {
    return new RootLimitException(
        OP, uri.toString(), "maxSetBytes", maxSetBytes, found, "SetMirror.maxSetBytes(long)");
  }

  /** A response whose headers are in and whose body is still to be read. */
  private record Opened(URI uri, HttpResponse<HttpBodyStream> response, long requestEnd) {
    int status() {
      return response.statusCode();
    }

    HttpBodyStream body() {
      return response.body();
    }
  }

  /** What the bytes of a body go to, one buffer at a time. */
  private interface Sink {
    void accept(ByteBuffer b) throws IOException;
  }

  /** Sends a GET and waits for its headers, following the redirects this mirror allows. */
  private Opened open(URI first, @Nullable String range, long fetchEnd)
      throws IOException, InterruptedException {
    long requestEnd = System.nanoTime() + nanos(timeout);
    URI uri = first;
    for (int hop = 0; ; hop++) {
      HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(timeout).GET();
      if (range != null) {
        req.header("Range", range);
      }
      CompletableFuture<HttpResponse<HttpBodyStream>> sent =
          client.sendAsync(req.build(), info -> new HttpBodyStream());
      HttpResponse<HttpBodyStream> r = headers(first, sent, requestEnd, fetchEnd);
      if (!mayGo(uri, r.uri())) {
        // a client that follows redirects itself went elsewhere: its body is not read
        r.body().cancel();
        throw redirectRefused(first, r.uri());
      }
      int status = r.statusCode();
      if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
        return new Opened(first, r, requestEnd);
      }
      r.body().cancel();
      String location =
          r.headers()
              .firstValue("Location")
              .orElseThrow(() -> new IOException("HTTP " + status + " without a Location"));
      URI next;
      try {
        next = uri.resolve(location);
      } catch (IllegalArgumentException e) {
        throw new IOException("HTTP " + status + " to a malformed Location: " + location, e);
      }
      if (hop == MAX_REDIRECTS) {
        throw new RootException(
            OP, first + ": more than " + MAX_REDIRECTS + " redirects (last to " + next + ")", null);
      }
      if (!mayGo(uri, next)) {
        throw redirectRefused(first, next);
      }
      uri = next;
    }
  }

  private boolean mayGo(URI from, URI to) {
    String fromScheme = lower(from.getScheme());
    String toScheme = lower(to.getScheme());
    if (!toScheme.equals("http") && !toScheme.equals("https")) {
      return false;
    }
    if (fromScheme.equals("https") && !toScheme.equals("https")) {
      return false;
    }
    return redirectsToOtherHosts || lower(from.getHost()).equals(lower(to.getHost()));
  }

  private static String lower(@Nullable String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }

  private RootException redirectRefused(URI first, URI to) {
    String why =
        lower(first.getScheme()).equals("https") && !lower(to.getScheme()).equals("https")
            ? "from https to " + to.getScheme() + "; refused"
            : "to another host than "
                + first.getHost()
                + "; refused (allow it with SetMirror.redirectsToOtherHosts(true))";
    return new RootException(OP, first + ": redirected to " + to + ", " + why, null);
  }

  private HttpResponse<HttpBodyStream> headers(
      URI uri, CompletableFuture<HttpResponse<HttpBodyStream>> sent, long requestEnd, long fetchEnd)
      throws IOException, InterruptedException {
    long now = System.nanoTime();
    long idleEnd = now + nanos(idleTimeout);
    try {
      return sent.get(
          Math.max(0, Math.min(idleEnd, Math.min(requestEnd, fetchEnd)) - now),
          TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      sent.cancel(true);
      throw outOfTime(uri, idleEnd, requestEnd, fetchEnd);
    } catch (InterruptedException e) {
      sent.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException io) {
        throw io;
      }
      throw new IOException(String.valueOf(c), c);
    }
  }

  /**
   * Reads a body into {@code sink} within the idle timeout, the request's time and the deadline.
   */
  private void drain(Opened o, long fetchEnd, Sink sink) throws IOException, InterruptedException {
    HttpBodyStream body = o.body();
    try {
      while (true) {
        long now = System.nanoTime();
        long idleEnd = now + nanos(idleTimeout);
        long end = Math.min(idleEnd, Math.min(o.requestEnd(), fetchEnd));
        ByteBuffer b;
        try {
          b = body.next(end - now);
        } catch (TimeoutException e) {
          throw outOfTime(o.uri(), idleEnd, o.requestEnd(), fetchEnd);
        }
        if (b == null) {
          return;
        }
        sink.accept(b);
      }
    } finally {
      body.cancel();
    }
  }

  /**
   * The error for the limit that ran out first: the deadline ends the call, the request's timeout
   * and the idle timeout are transfer failures a set's next attempt resumes.
   */
  private IOException outOfTime(URI uri, long idleEnd, long requestEnd, long fetchEnd) {
    if (fetchEnd <= idleEnd && fetchEnd <= requestEnd) {
      throw new RootException(
          OP,
          uri
              + ": deadline: the fetch took longer than "
              + deadline
              + " (raise it with SetMirror.deadline(Duration)); partial data kept for resuming",
          null);
    }
    if (requestEnd <= idleEnd) {
      return new HttpTimeoutException(
          "timeout: the request took longer than "
              + timeout
              + " (raise it with SetMirror.timeout(Duration))");
    }
    return new HttpTimeoutException(
        "idleTimeout: no data for "
            + idleTimeout
            + " (raise it with SetMirror.idleTimeout(Duration))");
  }

  private static long nanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 4; // about 73 years: no bound in practice, and no overflow when added
    }
  }
}
