package org.jail4j.oci.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A token endpoint of the Docker token authentication the distribution registry trusts: it issues
 * RS256 JSON web tokens signed with a key whose self-signed certificate (made with the JDK's
 * keytool) is the registry's {@code rootcertbundle}, granting the actions a request's scope asks
 * for, and records every request's query.
 */
final class TokenServer implements AutoCloseable {
  static final String SERVICE = "jail4j-registry";
  static final String ISSUER = "jail4j-issuer";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final char[] PASS = "changeit".toCharArray();

  private final HttpServer server;
  private final PrivateKey key;
  private final Certificate cert;
  private final Path bundle;

  /** The query of every token request, decoded. */
  final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();

  /** The Authorization header of every token request ("" when none). */
  final List<String> authorizations = new CopyOnWriteArrayList<>();

  TokenServer(Path dir) throws IOException, GeneralSecurityException, InterruptedException {
    Path ks = dir.resolve("token.p12");
    bundle = dir.resolve("token.pem");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    run(
        keytool,
        "-genkeypair",
        "-alias",
        "token",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        "CN=jail4j-token",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        ks.toString(),
        "-storepass",
        "changeit",
        "-keypass",
        "changeit");
    run(
        keytool,
        "-exportcert",
        "-rfc",
        "-alias",
        "token",
        "-keystore",
        ks.toString(),
        "-storepass",
        "changeit",
        "-file",
        bundle.toString());
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(ks)) {
      store.load(in, PASS);
    }
    key = (PrivateKey) store.getKey("token", PASS);
    cert = store.getCertificate("token");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/token", this::handle);
    server.start();
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " failed:\n" + out);
    }
  }

  /** The realm URL. */
  URI realm() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
  }

  /** The registry's {@code auth:} lines trusting this server. */
  String authConfig() {
    return "  token:\n    realm: "
        + realm()
        + "\n    service: "
        + SERVICE
        + "\n    issuer: "
        + ISSUER
        + "\n    rootcertbundle: "
        + bundle
        + "\n";
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      Map<String, String> q = new HashMap<>();
      String raw = ex.getRequestURI().getRawQuery();
      for (String kv : raw == null ? new String[0] : raw.split("&", -1)) {
        String[] p = kv.split("=", 2);
        q.put(
            URLDecoder.decode(p[0], StandardCharsets.UTF_8),
            p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "");
      }
      requests.add(q);
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      authorizations.add(auth == null ? "" : auth);
      byte[] body;
      try {
        body = JSON.writeValueAsBytes(JSON.createObjectNode().put("token", jwt(q)));
      } catch (GeneralSecurityException e) {
        throw new IOException(e);
      }
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream os = ex.getResponseBody()) {
        os.write(body);
      }
    }
  }

  private String jwt(Map<String, String> q) throws GeneralSecurityException, IOException {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    ObjectNode header = JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT");
    header.putArray("x5c").add(Base64.getEncoder().encodeToString(cert.getEncoded()));
    long now = Instant.now().getEpochSecond();
    ObjectNode claims =
        JSON.createObjectNode()
            .put("iss", ISSUER)
            .put("sub", "jail4j")
            .put("aud", q.getOrDefault("service", ""))
            .put("exp", now + 300)
            .put("nbf", now - 10)
            .put("iat", now - 10)
            .put("jti", UUID.randomUUID().toString());
    ArrayNode access = claims.putArray("access");
    String scope = q.get("scope");
    if (scope != null) {
      for (String s : scope.split(" ", -1)) {
        String[] parts = s.split(":", -1);
        if (parts.length == 3) {
          ObjectNode a = access.addObject().put("type", parts[0]).put("name", parts[1]);
          ArrayNode actions = a.putArray("actions");
          for (String action : parts[2].split(",", -1)) {
            actions.add(action);
          }
        }
      }
    }
    String signingInput =
        b64.encodeToString(JSON.writeValueAsBytes(header))
            + "."
            + b64.encodeToString(JSON.writeValueAsBytes(claims));
    Signature sig = Signature.getInstance("SHA256withRSA");
    sig.initSign(key);
    sig.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + b64.encodeToString(sig.sign());
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
