package org.jail4j.oci.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jail4j.oci.OciException;
import org.jail4j.oci.internal.Json;
import org.jspecify.annotations.Nullable;

/**
 * HTTP exchanges with one registry: credentials (Basic, or a bearer token fetched from the realm a
 * {@code WWW-Authenticate} challenge names), redirects checked against the allowed hosts, and
 * retries with exponential backoff on 5xx, 429 and I/O errors.
 */
final class Transport {
  private static final int MAX_SMALL_BODY = RegistryClient.MAX_TOKEN_BYTES;
  private static final int MAX_REDIRECTS = RegistryClient.MAX_REDIRECTS;

  private static final Duration MAX_PAUSE = Duration.ofSeconds(30);
  private static final Pattern PARAM =
      Pattern.compile("([A-Za-z_][A-Za-z0-9_-]*)=(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^,\\s]*))");

  private final URI base;
  private final HttpClient http;
  private final @Nullable String basic;
  private final int attempts;
  private final Duration backoff;
  private final Duration timeout;
  private final Set<String> redirectHosts;
  private final AtomicLong retries = new AtomicLong();
  private final Map<String, String> tokens = new ConcurrentHashMap<>();
  private volatile boolean basicAsked;

  Transport(
      URI base,
      HttpClient http,
      @Nullable String basic,
      int attempts,
      Duration backoff,
      Duration timeout,
      Set<String> redirectHosts) {
    this.base = base;
    this.http = http;
    this.basic = basic;
    this.attempts = attempts;
    this.backoff = backoff;
    this.timeout = timeout;
    this.redirectHosts = redirectHosts;
  }

  /** {@code Basic BASE64(user:password)}. */
  static String basicHeader(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  URI base() {
    return base;
  }

  int attempts() {
    return attempts;
  }

  long retries() {
    return retries.get();
  }

  /**
   * Sends a request and returns the first answer that is neither a challenge it could answer, nor a
   * redirect, nor a retryable failure. The caller closes the body.
   *
   * @param field the reference, for errors
   * @param repository the repository, whose token is sent ({@code ""} for none)
   * @param body the request body, built anew for each try, or null
   * @throws RegistryAuthException on 401 or 403 after the challenge was answered
   * @throws RegistryException after the last try, or when interrupted
   */
  HttpResponse<InputStream> send(
      String field,
      String repository,
      String method,
      URI uri,
      Map<String, String> headers,
      @Nullable Supplier<HttpRequest.BodyPublisher> body) {
    URI target = uri;
    int attempt = 1;
    int redirects = 0;
    boolean answered = false;
    while (true) {
      HttpRequest.Builder b = HttpRequest.newBuilder(target).timeout(timeout);
      headers.forEach(b::header);
      boolean home = sameOrigin(target);
      String auth = home ? authorization(repository) : null;
      if (auth != null) {
        b.header("Authorization", auth);
      }
      b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body.get());
      HttpResponse<InputStream> r;
      try {
        r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
      } catch (IOException e) {
        if (attempt >= attempts) {
          throw new RegistryException(
              field,
              method + " " + target + " failed after " + attempts + " attempt(s): " + e,
              0,
              e);
        }
        pause(field, attempt++);
        continue;
      } catch (InterruptedException e) {
        throw interrupted(field, e);
      }
      int s = r.statusCode();
      if (s == 401 && home && !answered) {
        String challenge = r.headers().firstValue("WWW-Authenticate").orElse("");
        discard(r);
        answer(field, repository, challenge);
        answered = true;
        continue;
      }
      if (s == 401 || s == 403) {
        throw new RegistryAuthException(
            field, method + " " + target.getPath() + ": HTTP " + s + errorText(r), s);
      }
      if (s == 301 || s == 302 || s == 303 || s == 307 || s == 308) {
        URI next = redirect(field, target, r);
        if (++redirects > MAX_REDIRECTS) {
          throw new RegistryLimitException(
              field,
              RegistryLimitException.Limit.REDIRECTS,
              MAX_REDIRECTS,
              "more than " + MAX_REDIRECTS + " redirects");
        }
        target = next;
        continue;
      }
      if (s >= 500 || s == 429) {
        String text = errorText(r);
        if (attempt >= attempts) {
          throw new RegistryException(
              field,
              method
                  + " "
                  + target.getPath()
                  + ": HTTP "
                  + s
                  + text
                  + " after "
                  + attempts
                  + " attempt(s)",
              s,
              null);
        }
        pause(field, attempt++);
        continue;
      }
      return r;
    }
  }

  /** Counts a retry and waits {@code backoff * 2^(attempt-1)}, at most 30 seconds. */
  void pause(String field, int attempt) {
    retries.incrementAndGet();
    long millis = backoff.toMillis() << Math.min(attempt - 1, 16);
    try {
      Thread.sleep(Math.min(millis, MAX_PAUSE.toMillis()));
    } catch (InterruptedException e) {
      throw interrupted(field, e);
    }
  }

  /** The interrupt, flag restored, as a registry error. */
  static RegistryException interrupted(String field, InterruptedException e) {
    Thread.currentThread().interrupt();
    return new RegistryException(field, "interrupted", 0, e);
  }

  /** Reads at most {@code max} bytes, or throws the limit error. */
  static byte[] readBounded(InputStream in, long max, Supplier<RegistryLimitException> over)
      throws IOException {
    byte[] data = in.readNBytes((int) Math.min(max, Integer.MAX_VALUE - 8));
    if (in.read() >= 0) {
      throw over.get();
    }
    return data;
  }

  /** The registry's error words ({@code errors[].code: message}), or "". */
  static String errorText(HttpResponse<InputStream> r) {
    try (InputStream in = r.body()) {
      byte[] data = in.readNBytes(64 * 1024);
      JsonNode errors = Json.read(new String(data, StandardCharsets.UTF_8)).path("errors");
      StringBuilder sb = new StringBuilder();
      for (JsonNode e : errors) {
        sb.append(sb.length() == 0 ? " (" : "; ")
            .append(e.path("code").asText("?"))
            .append(": ")
            .append(e.path("message").asText(""));
      }
      return sb.length() == 0 ? "" : sb.append(')').toString();
    } catch (IOException | OciException e) {
      return "";
    }
  }

  static void discard(HttpResponse<InputStream> r) {
    try (InputStream in = r.body()) {
      in.readNBytes(MAX_SMALL_BODY);
    } catch (IOException ignored) {
      // the connection is not reused then; nothing else depends on it
    }
  }

  private @Nullable String authorization(String repository) {
    String token = tokens.get(repository);
    if (token != null) {
      return token;
    }
    return basicAsked ? basic : null;
  }

  private boolean sameOrigin(URI uri) {
    return base.getScheme().equalsIgnoreCase(uri.getScheme())
        && base.getHost().equalsIgnoreCase(String.valueOf(uri.getHost()))
        && port(base) == port(uri);
  }

  private static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  private URI redirect(String field, URI from, HttpResponse<InputStream> r) {
    String location = r.headers().firstValue("Location").orElse("");
    discard(r);
    if (location.isEmpty()) {
      throw new RegistryException(field, "HTTP " + r.statusCode() + " without a Location", 0, null);
    }
    URI next;
    try {
      next = from.resolve(location);
    } catch (IllegalArgumentException e) {
      throw new RegistryException(field, "redirect to a malformed Location " + location, 0, e);
    }
    String host = String.valueOf(next.getHost()).toLowerCase(Locale.ROOT);
    boolean scheme =
        "https".equalsIgnoreCase(next.getScheme()) || "http".equalsIgnoreCase(next.getScheme());
    if (!scheme
        || !(sameOrigin(next)
            || redirectHosts.contains(host)
            || redirectHosts.contains(host + ":" + port(next)))) {
      throw new RegistryException(
          field,
          "redirect to "
              + next.getScheme()
              + "://"
              + next.getRawAuthority()
              + " refused: not the registry's host and not allowed by allowRedirectsTo",
          r.statusCode(),
          null);
    }
    return next;
  }

  /** Answers a 401 challenge: Basic with the credentials, or Bearer with a token from its realm. */
  private void answer(String field, String repository, String challenge) {
    int space = challenge.indexOf(' ');
    String scheme = (space < 0 ? challenge : challenge.substring(0, space)).trim();
    Map<String, String> params = params(space < 0 ? "" : challenge.substring(space + 1));
    if (scheme.equalsIgnoreCase("Basic")) {
      if (basic == null) {
        throw new RegistryAuthException(
            field, "the registry asks for credentials (" + challenge + "); none were given", 401);
      }
      basicAsked = true;
      return;
    }
    if (!scheme.equalsIgnoreCase("Bearer") || !params.containsKey("realm")) {
      throw new RegistryAuthException(
          field, "HTTP 401 with a challenge jail4j cannot answer: \"" + challenge + "\"", 401);
    }
    tokens.put(repository, "Bearer " + token(field, params));
  }

  /** Fetches a token from the challenge's realm: {@code GET realm?service=S&scope=SC}. */
  private String token(String field, Map<String, String> params) {
    StringBuilder query = new StringBuilder();
    for (String key : new String[] {"service", "scope"}) {
      String v = params.get(key);
      if (v != null) {
        query
            .append(query.length() == 0 ? "" : "&")
            .append(key)
            .append('=')
            .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
      }
    }
    String realm = params.getOrDefault("realm", "");
    URI uri;
    try {
      uri =
          URI.create(
              realm + (query.length() == 0 ? "" : (realm.contains("?") ? "&" : "?") + query));
    } catch (IllegalArgumentException e) {
      throw new RegistryAuthException(field, "token realm \"" + realm + "\" is not a URL", 401);
    }
    for (int attempt = 1; ; attempt++) {
      HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).GET();
      if (basic != null) {
        b.header("Authorization", basic);
      }
      try {
        HttpResponse<InputStream> r =
            http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        int s = r.statusCode();
        if ((s >= 500 || s == 429) && attempt < attempts) {
          discard(r);
          pause(field, attempt);
          continue;
        }
        if (s != 200) {
          discard(r);
          throw new RegistryAuthException(
              field, "the token endpoint " + realm + " answered HTTP " + s, s);
        }
        byte[] data;
        try (InputStream in = r.body()) {
          data =
              readBounded(
                  in,
                  MAX_SMALL_BODY,
                  () ->
                      new RegistryLimitException(
                          field,
                          RegistryLimitException.Limit.TOKEN_SIZE,
                          MAX_SMALL_BODY,
                          "the token response from "
                              + realm
                              + " is over "
                              + MAX_SMALL_BODY
                              + " bytes"));
        }
        JsonNode n = Json.read(new String(data, StandardCharsets.UTF_8));
        String token = n.path("token").asText(n.path("access_token").asText(""));
        if (token.isEmpty()) {
          throw new RegistryAuthException(
              field, "the token endpoint " + realm + " sent no token", 401);
        }
        return token;
      } catch (OciException e) {
        if (e instanceof RegistryException re) {
          throw re;
        }
        throw new RegistryAuthException(
            field, "the token endpoint " + realm + " sent malformed JSON: " + e.rule(), 401);
      } catch (IOException e) {
        if (attempt >= attempts) {
          throw new RegistryException(field, "token endpoint " + realm + ": " + e, 0, e);
        }
        pause(field, attempt);
      } catch (InterruptedException e) {
        throw interrupted(field, e);
      }
    }
  }

  /** The {@code key=value} and {@code key="value"} parameters of a challenge. */
  static Map<String, String> params(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = PARAM.matcher(text);
    while (m.find()) {
      String quoted = m.group(2);
      out.put(
          m.group(1).toLowerCase(Locale.ROOT),
          quoted != null ? quoted.replaceAll("\\\\(.)", "$1") : m.group(3));
    }
    return out;
  }

  /** The headers' value, for messages. */
  static String header(HttpHeaders h, String name) {
    return h.firstValue(name).orElse("");
  }
}
