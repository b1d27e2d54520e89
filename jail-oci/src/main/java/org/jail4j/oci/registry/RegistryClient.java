package org.jail4j.oci.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jail4j.oci.OciDescriptor;
import org.jail4j.oci.OciDigest;
import org.jail4j.oci.OciException;
import org.jail4j.oci.OciImageLayout;
import org.jail4j.oci.OciPlatform;
import org.jspecify.annotations.Nullable;

/**
 * A client of one registry speaking the OCI distribution API: it pulls an image (manifest or index,
 * by tag or digest, and every blob under it) into an OCI image layout on disk, and pushes blobs and
 * manifests.
 *
 * <ul>
 *   <li>Manifests are asked for with an {@code Accept} of the OCI and Docker v2 manifest and index
 *       types ({@link MediaType#ACCEPT}), read up to {@link Builder#maxManifestBytes(long)}, and
 *       checked against the digest asked for (or the {@code Docker-Content-Digest} header).
 *   <li>Credentials: anonymous, Basic ({@link Builder#credentials}), or a bearer token fetched from
 *       the realm of the registry's {@code WWW-Authenticate: Bearer} challenge (with the
 *       credentials, when given).
 *   <li>Blobs are stored by digest; one already there is not fetched again. A transfer in progress
 *       is {@code HEX.part} and resumes with an HTTP {@code Range}, in this call or a later one; it
 *       takes its name only after its digest matched, and it may not grow past its descriptor's
 *       size.
 *   <li>5xx, 429 and I/O errors are retried with exponential backoff ({@link Builder#attempts},
 *       {@link Builder#backoff}); {@link #retries()} counts them. An interrupt stops the transfer
 *       (partial data kept) with the flag restored.
 *   <li>Redirects are followed only to the registry itself or to hosts of {@link
 *       Builder#allowRedirectsTo}; credentials are never sent to another host.
 * </ul>
 *
 * <p>A client may be shared by threads; pulls into one layout run one at a time.
 *
 * <pre>{@code
 * RegistryClient client = RegistryClient.builder(URI.create("https://registry.example.org"))
 *     .credentials("ci", System.getenv("REGISTRY_PASSWORD"))
 *     .build();
 * PulledImage image = client.pull("freebsd/base", "14.3", Path.of("/var/cache/oci/base"));
 * }</pre>
 */
public final class RegistryClient {
  /** The default manifest size limit: 4 MiB, the limit the distribution specification suggests. */
  public static final long DEFAULT_MAX_MANIFEST_BYTES = 4L * 1024 * 1024;

  /** The most redirects one request follows. */
  public static final int MAX_REDIRECTS = 5;

  /** The largest token endpoint answer read: 1 MiB. */
  public static final int MAX_TOKEN_BYTES = 1 << 20;

  /** How deep indexes may nest under the one pulled. */
  public static final int MAX_INDEX_DEPTH = 8;

  private static final Pattern REPOSITORY =
      Pattern.compile(
          "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-\\d+/(?:\\d+|\\*)");

  private final Transport transport;
  private final long maxManifestBytes;
  private final @Nullable BlobStore cache;

  private RegistryClient(Builder b, Transport transport) {
    this.transport = transport;
    this.maxManifestBytes = b.maxManifestBytes;
    this.cache = b.cache == null ? null : new BlobStore(b.cache);
  }

  /**
   * Starts a client of a registry.
   *
   * @param registry {@code http://HOST[:PORT]} or {@code https://HOST[:PORT]}, without a path
   * @return a builder
   * @throws RegistryException naming {@code registry} for another scheme, no host, or a path
   */
  public static Builder builder(URI registry) {
    return new Builder(registry);
  }

  /** The registry's URL. */
  public URI registry() {
    return transport.base();
  }

  /** How many requests and transfers were retried so far (after a 5xx, 429 or I/O error). */
  public long retries() {
    return transport.retries();
  }

  /**
   * The reference as errors name it: {@code HOST:PORT/REPOSITORY:TAG} or {@code ...@DIGEST}.
   *
   * @param repository the repository
   * @param reference a tag or a digest
   * @return the full reference
   */
  public String reference(String repository, String reference) {
    return transport.base().getRawAuthority()
        + "/"
        + repository
        + (looksLikeDigest(reference) ? "@" : ":")
        + reference;
  }

  /**
   * Fetches a manifest or index by tag or digest.
   *
   * @param repository e.g. {@code freebsd/base}
   * @param reference a tag ({@code 14.3}) or a digest ({@code sha256:...})
   * @return the manifest as served
   * @throws RegistryNotFoundException when the registry has no such manifest
   * @throws RegistryLimitException when it is over the manifest size limit
   * @throws DigestMismatchException when its content is not the digest asked for
   * @throws RegistryException for a malformed name, another HTTP failure or a malformed manifest
   */
  public RegistryManifest manifest(String repository, String reference) {
    String field = checked(repository, reference);
    HttpResponse<InputStream> r =
        transport.send(
            field,
            repository,
            "GET",
            uri(repository, "manifests", reference),
            Map.of("Accept", MediaType.ACCEPT),
            null);
    byte[] content;
    try (InputStream in = r.body()) {
      expect(field, r, 200);
      long length = r.headers().firstValueAsLong("Content-Length").orElse(-1);
      if (length > maxManifestBytes) {
        throw manifestTooBig(field, length + " bytes");
      }
      content = Transport.readBounded(in, maxManifestBytes, () -> manifestTooBig(field, "more"));
    } catch (IOException e) {
      throw new RegistryException(field, "reading the manifest: " + e, 0, e);
    }
    RegistryManifest m =
        RegistryManifest.parse(field, content, r.headers().firstValue("Content-Type").orElse(null));
    String named =
        looksLikeDigest(reference)
            ? reference
            : r.headers().firstValue("Docker-Content-Digest").orElse(null);
    OciDigest expected = named == null ? null : digest(field, named);
    if (expected != null) {
      OciDigest actual = expected.of(content);
      if (!actual.equals(expected)) {
        throw new DigestMismatchException(field, expected, actual);
      }
    }
    return m;
  }

  /**
   * Pulls an image and every platform of an index into an OCI image layout.
   *
   * @param repository e.g. {@code freebsd/base}
   * @param reference a tag or a digest
   * @param layout the layout folder (created when missing; other images in it are kept)
   * @return what was pulled
   * @see #pull(String, String, Path, Predicate)
   */
  public PulledImage pull(String repository, String reference, Path layout) {
    return pull(repository, reference, layout, p -> true);
  }

  /**
   * Pulls an image into an OCI image layout ({@code oci-layout}, {@code index.json}, {@code
   * blobs/ALGORITHM/HEX}): the manifest or index the reference names, the image manifests of the
   * platforms {@code platforms} accepts (entries without a platform are always taken), and their
   * config and layer blobs. {@code index.json} gets one entry for the reference, named with the tag
   * ({@code org.opencontainers.image.ref.name}) when pulled by tag; an entry of the same tag is
   * replaced. A blob already in the layout (or in the {@link Builder#cache cache}) is not fetched.
   *
   * <pre>{@code
   * client.pull("freebsd/base", "14.3", layout,
   *     p -> p.os().equals("freebsd") && p.architecture().equals("arm64"));
   * }</pre>
   *
   * @param repository e.g. {@code freebsd/base}
   * @param reference a tag or a digest
   * @param layout the layout folder
   * @param platforms which platforms of an index to pull
   * @return what was pulled
   * @throws RegistryException as {@link #manifest} and {@link #blob} do, or when the layout cannot
   *     be written
   */
  public PulledImage pull(
      String repository, String reference, Path layout, Predicate<OciPlatform> platforms) {
    String field = checked(repository, reference);
    BlobStore store = new BlobStore(layout.resolve("blobs"));
    RegistryManifest top = manifest(repository, reference);
    Counter count = new Counter();
    List<OciDescriptor> images = new ArrayList<>();
    pullManifest(repository, top, store, platforms, images, count, 0);
    OciDescriptor entry =
        new OciDescriptor(
            top.mediaType(),
            top.digest(),
            top.size(),
            null,
            looksLikeDigest(reference) ? Map.of() : Map.of(OciDescriptor.REF_NAME, reference));
    try {
      OciImageLayout.create(layout).withManifest(entry);
    } catch (RegistryException e) {
      throw e;
    } catch (OciException e) {
      throw new RegistryException(
          field, "writing the layout " + layout + ": " + e.field() + ": " + e.rule(), 0, e);
    }
    return new PulledImage(layout, top.descriptor(), images, count.fetched, count.cached);
  }

  private static final class Counter {
    int fetched;
    int cached;
  }

  private void pullManifest(
      String repository,
      RegistryManifest m,
      BlobStore store,
      Predicate<OciPlatform> platforms,
      List<OciDescriptor> images,
      Counter count,
      int depth) {
    String field = reference(repository, m.digest().toString());
    try {
      if (store.has(m.descriptor())) {
        count.cached++;
      } else {
        store.put(m.digest(), m.content());
        count.fetched++;
      }
    } catch (IOException e) {
      throw new RegistryException(field, "storing the manifest: " + e, 0, e);
    }
    if (!m.isIndex()) {
      images.add(m.descriptor());
      for (OciDescriptor d : blobsOf(m)) {
        if (blob(repository, d, store)) {
          count.fetched++;
        } else {
          count.cached++;
        }
      }
      return;
    }
    if (depth >= MAX_INDEX_DEPTH) {
      throw new RegistryLimitException(
          field,
          RegistryLimitException.Limit.INDEX_DEPTH,
          MAX_INDEX_DEPTH,
          "indexes nested deeper than " + MAX_INDEX_DEPTH);
    }
    for (OciDescriptor child : m.manifests()) {
      OciPlatform p = child.platform();
      if (p != null && !platforms.test(p)) {
        continue;
      }
      if (!MediaType.MANIFESTS.contains(child.mediaType())) {
        continue; // attestations and other artifacts are not images
      }
      RegistryManifest c = manifest(repository, child.digest().toString());
      if (c.size() != child.size() || !c.mediaType().equals(child.mediaType())) {
        throw new RegistryException(
            reference(repository, child.digest().toString()),
            "the index lists it as "
                + child.mediaType()
                + " of "
                + child.size()
                + " bytes; the registry served "
                + c.mediaType()
                + " of "
                + c.size());
      }
      pullManifest(repository, c, store, platforms, images, count, depth + 1);
    }
  }

  private static List<OciDescriptor> blobsOf(RegistryManifest m) {
    List<OciDescriptor> out = new ArrayList<>();
    out.add(m.config());
    out.addAll(m.layers());
    return out;
  }

  /**
   * Fetches a blob into a content-addressed folder ({@code DIR/ALGORITHM/HEX}, as an image layout's
   * {@code blobs}), unless it is there already.
   *
   * @param repository the repository
   * @param descriptor the blob's digest and size (the size bounds the transfer)
   * @param dir the folder
   * @return the blob's file
   * @throws RegistryNotFoundException when the registry has no such blob
   * @throws DigestMismatchException when the content has another digest (the partial file is
   *     deleted)
   * @throws RegistryLimitException when the registry sends more than the descriptor's size
   * @throws RegistryException after the last attempt (partial data kept for resuming), or when
   *     interrupted
   */
  public Path blob(String repository, OciDescriptor descriptor, Path dir) {
    BlobStore store = new BlobStore(dir);
    blob(repository, descriptor, store);
    return store.path(descriptor.digest());
  }

  /** Fetches a blob into {@code store}; true when it came from the network. */
  private boolean blob(String repository, OciDescriptor d, BlobStore store) {
    String field = reference(repository, d.digest().toString());
    checked(repository, d.digest().toString());
    try {
      if (store.has(d)) {
        return false;
      }
      if (cache != null) {
        boolean fetched = !cache.has(d);
        if (fetched) {
          download(repository, field, d, cache);
        }
        store.adopt(cache, d.digest());
        return fetched;
      }
      download(repository, field, d, store);
      return true;
    } catch (IOException e) {
      throw new RegistryException(field, "storing the blob: " + e, 0, e);
    }
  }

  private void download(String repository, String field, OciDescriptor d, BlobStore store)
      throws IOException {
    Path part = store.part(d.digest());
    Files.createDirectories(part.getParent());
    URI uri = uri(repository, "blobs", d.digest().toString());
    for (int attempt = 1; ; attempt++) {
      long have = Files.isRegularFile(part) ? Files.size(part) : 0;
      if (have > d.size()) {
        Files.delete(part);
        have = 0;
      }
      if (have == d.size()) {
        break;
      }
      try {
        transfer(repository, field, d, uri, part, have);
        if (Files.size(part) == d.size()) {
          break;
        }
        throw new IOException(
            "the transfer ended at " + Files.size(part) + " of " + d.size() + " bytes");
      } catch (IOException e) {
        if (Thread.currentThread().isInterrupted()) {
          throw new RegistryException(
              field, "interrupted; partial data kept in " + part + " for resuming", 0, e);
        }
        if (attempt >= transport.attempts()) {
          throw new RegistryException(
              field,
              "failed after "
                  + attempt
                  + " attempt(s), partial data kept in "
                  + part
                  + " for resuming: "
                  + e.getMessage(),
              0,
              e);
        }
        transport.pause(field, attempt);
      }
    }
    OciDigest actual = d.digest().of(part);
    if (!actual.equals(d.digest())) {
      Files.delete(part);
      throw new DigestMismatchException(field, d.digest(), actual);
    }
    store.commit(d.digest());
  }

  /** One GET of the rest of a blob into {@code part}, from {@code have}. */
  private void transfer(
      String repository, String field, OciDescriptor d, URI uri, Path part, long have)
      throws IOException {
    HttpResponse<InputStream> r =
        transport.send(
            field,
            repository,
            "GET",
            uri,
            have > 0 ? Map.of("Range", "bytes=" + have + "-") : Map.of(),
            null);
    try (InputStream in = r.body()) {
      int s = r.statusCode();
      long from;
      if (s == 206 && have > 0) {
        String range = Transport.header(r.headers(), "Content-Range");
        Matcher m = CONTENT_RANGE.matcher(range);
        if (!m.matches() || Long.parseLong(m.group(1)) != have) {
          throw new IOException("Content-Range \"" + range + "\" for bytes=" + have + "-");
        }
        from = have;
      } else if (s == 200) {
        from = 0; // the server sent it all: start over
      } else if (s == 416) {
        Files.deleteIfExists(part);
        throw new IOException("HTTP 416 for bytes=" + have + "-; starting over");
      } else {
        expect(field, r, 200);
        throw new IllegalStateException("unreachable");
      }
      long length = r.headers().firstValueAsLong("Content-Length").orElse(-1);
      if (length >= 0 && from + length > d.size()) {
        throw blobTooBig(field, d, from + length);
      }
      try (OutputStream out =
          Files.newOutputStream(
              part,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              from > 0 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
        byte[] buf = new byte[1 << 16];
        long total = from;
        int n;
        while ((n = in.read(buf)) > 0) {
          total += n;
          if (total > d.size()) {
            throw blobTooBig(field, d, total);
          }
          out.write(buf, 0, n);
          if (Thread.currentThread().isInterrupted()) {
            throw new IOException("interrupted");
          }
        }
      }
    }
  }

  private static RegistryLimitException blobTooBig(String field, OciDescriptor d, long got) {
    return new RegistryLimitException(
        field,
        RegistryLimitException.Limit.BLOB_SIZE,
        d.size(),
        "the registry sent at least " + got + " bytes; the descriptor says " + d.size());
  }

  private RegistryLimitException manifestTooBig(String field, String size) {
    return new RegistryLimitException(
        field,
        RegistryLimitException.Limit.MANIFEST_SIZE,
        maxManifestBytes,
        "the manifest is " + size + "; the limit is " + maxManifestBytes + " bytes");
  }

  /**
   * Whether the registry has a blob ({@code HEAD /v2/REPOSITORY/blobs/DIGEST}).
   *
   * @param repository the repository
   * @param digest the blob's digest
   * @return true when it answers 200
   */
  public boolean hasBlob(String repository, OciDigest digest) {
    String field = checked(repository, digest.toString());
    HttpResponse<InputStream> r =
        transport.send(
            field, repository, "HEAD", uri(repository, "blobs", digest.toString()), Map.of(), null);
    Transport.discard(r);
    if (r.statusCode() == 404) {
      return false;
    }
    expect(field, r, 200);
    return true;
  }

  /**
   * Uploads a blob in one request ({@code POST} then a monolithic {@code PUT ?digest=}), unless the
   * registry has it already.
   *
   * @param repository the repository
   * @param mediaType the media type its descriptor will carry
   * @param content the blob
   * @return its descriptor
   * @throws RegistryException when the registry refuses it
   */
  public OciDescriptor pushBlob(String repository, String mediaType, byte[] content) {
    OciDescriptor d = OciDescriptor.of(mediaType, OciDigest.sha256(content), content.length);
    upload(repository, d, () -> HttpRequest.BodyPublishers.ofByteArray(content));
    return d;
  }

  /**
   * Uploads a file as a blob, as {@link #pushBlob(String, String, byte[])} does, streamed.
   *
   * @param repository the repository
   * @param mediaType the media type its descriptor will carry
   * @param file the blob's file
   * @return its descriptor
   * @throws RegistryException when the file cannot be read or the registry refuses it
   */
  public OciDescriptor pushBlob(String repository, String mediaType, Path file) {
    OciDescriptor d;
    try {
      d = OciDescriptor.of(mediaType, OciDigest.sha256(file), Files.size(file));
    } catch (IOException e) {
      throw new RegistryException(file.toString(), "cannot read the blob: " + e, 0, e);
    }
    upload(
        repository,
        d,
        () -> {
          try {
            return HttpRequest.BodyPublishers.ofFile(file);
          } catch (IOException e) {
            throw new RegistryException(file.toString(), "cannot read the blob: " + e, 0, e);
          }
        });
    return d;
  }

  private void upload(
      String repository, OciDescriptor d, Supplier<HttpRequest.BodyPublisher> body) {
    String field = reference(repository, d.digest().toString());
    if (hasBlob(repository, d.digest())) {
      return;
    }
    HttpResponse<InputStream> start =
        exchange(
            field,
            repository,
            "POST",
            uri(repository, "blobs", "uploads/"),
            Map.of(),
            HttpRequest.BodyPublishers::noBody,
            202);
    String location = Transport.header(start.headers(), "Location");
    if (location.isEmpty()) {
      throw new RegistryException(field, "the upload start (HTTP 202) has no Location", 202, null);
    }
    URI at = start.uri().resolve(location);
    String digestParam =
        "digest=" + URLEncoder.encode(d.digest().toString(), StandardCharsets.UTF_8);
    URI put = URI.create(at + (at.getRawQuery() == null ? "?" : "&") + digestParam);
    exchange(
        field,
        repository,
        "PUT",
        put,
        Map.of("Content-Type", "application/octet-stream"),
        body,
        201);
  }

  /**
   * Uploads a manifest or index under a tag or its digest ({@code PUT
   * /v2/REPOSITORY/manifests/REFERENCE}); the blobs it lists must be in the registry already.
   *
   * @param repository the repository
   * @param reference a tag, or the manifest's digest
   * @param mediaType e.g. {@link org.jail4j.oci.OciManifest#MEDIA_TYPE} or {@link
   *     org.jail4j.oci.OciIndex#MEDIA_TYPE}
   * @param content the manifest's bytes (their digest is the manifest's)
   * @return the manifest's descriptor
   * @throws RegistryException when the registry refuses it
   */
  public OciDescriptor pushManifest(
      String repository, String reference, String mediaType, byte[] content) {
    String field = checked(repository, reference);
    OciDescriptor d = OciDescriptor.of(mediaType, OciDigest.sha256(content), content.length);
    exchange(
        field,
        repository,
        "PUT",
        uri(repository, "manifests", reference),
        Map.of("Content-Type", mediaType),
        () -> HttpRequest.BodyPublishers.ofByteArray(content),
        201);
    return d;
  }

  /** Sends a request whose answer has no body of interest: anything but {@code wanted} throws. */
  private HttpResponse<InputStream> exchange(
      String field,
      String repository,
      String method,
      URI uri,
      Map<String, String> headers,
      @Nullable Supplier<HttpRequest.BodyPublisher> body,
      int wanted) {
    HttpResponse<InputStream> r = transport.send(field, repository, method, uri, headers, body);
    expect(field, r, wanted);
    Transport.discard(r);
    return r;
  }

  private URI uri(String repository, String kind, String reference) {
    return transport.base().resolve("/v2/" + repository + "/" + kind + "/" + reference);
  }

  /** Checks the names and returns the reference for errors. */
  private String checked(String repository, String reference) {
    if (!REPOSITORY.matcher(repository).matches() || repository.length() > 255) {
      throw new RegistryException(
          "repository",
          "\""
              + repository
              + "\" is not a repository name (lower-case components separated by /, at most 255"
              + " characters)");
    }
    if (looksLikeDigest(reference)) {
      digest("digest", reference);
    } else if (!TAG.matcher(reference).matches()) {
      throw new RegistryException(
          "tag",
          "\""
              + reference
              + "\" is not a tag ([A-Za-z0-9_][A-Za-z0-9._-], at most 128) or a digest");
    }
    return reference(repository, reference);
  }

  /** Whether {@code text} has the form of a digest ({@code ALGORITHM:HEX}), not of a tag. */
  static boolean looksLikeDigest(String text) {
    return text.indexOf(':') > 0;
  }

  /** Parses a digest, refusing a malformed one with a {@link RegistryException}. */
  static OciDigest digest(String field, String text) {
    try {
      return OciDigest.parse(text);
    } catch (OciException e) {
      throw new RegistryException(field, e.rule(), 0, e);
    }
  }

  /** Throws the typed error for any status but {@code wanted}. */
  private static void expect(String field, HttpResponse<InputStream> r, int wanted) {
    int s = r.statusCode();
    if (s == wanted) {
      return;
    }
    String text = Transport.errorText(r);
    if (s == 404) {
      throw new RegistryNotFoundException(
          field, "not found in the registry (HTTP 404" + text + ")");
    }
    throw new RegistryException(
        field, r.request().method() + " " + r.uri().getPath() + ": HTTP " + s + text, s, null);
  }

  /**
   * The settings of a {@link RegistryClient}.
   *
   * <pre>{@code
   * RegistryClient.builder(URI.create("http://127.0.0.1:5000"))
   *     .attempts(5).backoff(Duration.ofMillis(100)).timeout(Duration.ofMinutes(2))
   *     .cache(Path.of("/var/cache/jail4j/blobs"))
   *     .build();
   * }</pre>
   */
  public static final class Builder {
    private final URI registry;
    private @Nullable String user;
    private @Nullable String password;
    private int attempts = 4;
    private Duration backoff = Duration.ofMillis(250);
    private Duration timeout = Duration.ofMinutes(5);
    private Duration connectTimeout = Duration.ofSeconds(30);
    private long maxManifestBytes = DEFAULT_MAX_MANIFEST_BYTES;
    private @Nullable Path cache;
    private final Set<String> redirectHosts = new HashSet<>();

    private Builder(URI registry) {
      String scheme = String.valueOf(registry.getScheme()).toLowerCase(Locale.ROOT);
      String path = registry.getRawPath() == null ? "" : registry.getRawPath();
      if (!(scheme.equals("http") || scheme.equals("https"))
          || registry.getHost() == null
          || !(path.isEmpty() || path.equals("/"))
          || registry.getRawQuery() != null) {
        throw new RegistryException(
            "registry",
            "\"" + registry + "\" must be http(s)://HOST[:PORT] without a path or query");
      }
      this.registry = URI.create(scheme + "://" + registry.getRawAuthority());
    }

    /**
     * Credentials: sent as Basic when the registry asks for them, and to its token endpoint.
     *
     * @param user the user name
     * @param password the password or access token
     * @return this builder
     */
    public Builder credentials(String user, String password) {
      this.user = user;
      this.password = password;
      return this;
    }

    /**
     * How many times one request or transfer is tried; 4 by default.
     *
     * @param attempts 1 to 100
     * @return this builder
     * @throws RegistryException naming {@code attempts} when out of range
     */
    public Builder attempts(int attempts) {
      if (attempts < 1 || attempts > 100) {
        throw new RegistryException("attempts", "must be 1..100, got " + attempts);
      }
      this.attempts = attempts;
      return this;
    }

    /**
     * The first pause before a retry, doubled for each further one (at most 30 s); 250 ms by
     * default.
     *
     * @param backoff zero or more
     * @return this builder
     */
    public Builder backoff(Duration backoff) {
      if (backoff.isNegative()) {
        throw new RegistryException("backoff", "must not be negative, got " + backoff);
      }
      this.backoff = backoff;
      return this;
    }

    /**
     * The longest wait for a response's headers; 5 minutes by default.
     *
     * @param timeout more than zero
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new RegistryException("timeout", "must be more than zero, got " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * The longest wait for a connection; 30 seconds by default.
     *
     * @param timeout more than zero
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new RegistryException("connectTimeout", "must be more than zero, got " + timeout);
      }
      this.connectTimeout = timeout;
      return this;
    }

    /**
     * The largest manifest or index read; {@link #DEFAULT_MAX_MANIFEST_BYTES} by default.
     *
     * @param bytes 1 to 64 MiB
     * @return this builder
     */
    public Builder maxManifestBytes(long bytes) {
      if (bytes < 1 || bytes > 64L * 1024 * 1024) {
        throw new RegistryException("maxManifestBytes", "must be 1..67108864, got " + bytes);
      }
      this.maxManifestBytes = bytes;
      return this;
    }

    /**
     * A blob cache shared by pulls ({@code DIR/ALGORITHM/HEX}): blobs are fetched into it and
     * linked (or copied) into each layout.
     *
     * @param dir the cache folder
     * @return this builder
     */
    public Builder cache(Path dir) {
      this.cache = dir;
      return this;
    }

    /**
     * Hosts redirects may lead to besides the registry (blob storage, a CDN): {@code HOST} or
     * {@code HOST:PORT}. No credentials are sent there.
     *
     * @param hosts host names
     * @return this builder
     */
    public Builder allowRedirectsTo(String... hosts) {
      for (String h : hosts) {
        redirectHosts.add(h.toLowerCase(Locale.ROOT));
      }
      return this;
    }

    /**
     * The client.
     *
     * @return a client; it holds no resources beyond the JDK's HTTP client
     */
    public RegistryClient build() {
      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .followRedirects(HttpClient.Redirect.NEVER)
              .connectTimeout(connectTimeout)
              .build();
      String basic =
          user == null || password == null ? null : Transport.basicHeader(user, password);
      return new RegistryClient(
          this,
          new Transport(
              registry, http, basic, attempts, backoff, timeout, Set.copyOf(redirectHosts)));
    }
  }
}
