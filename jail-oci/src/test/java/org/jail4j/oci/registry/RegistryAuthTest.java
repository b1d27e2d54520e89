package org.jail4j.oci.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.jail4j.oci.OciDescriptor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials against a real distribution registry: its htpasswd (Basic) authentication, and its
 * token authentication trusting a loopback token endpoint (the bearer challenge flow).
 */
class RegistryAuthTest {
  @TempDir Path tmp;

  /** An htpasswd file with a bcrypt entry, made by htpasswd -B (apache2-utils). */
  private Path htpasswd(String user, String password) throws Exception {
    Path tool = Path.of("/usr/bin/htpasswd");
    if (!Files.isExecutable(tool)) {
      String message =
          "no /usr/bin/htpasswd to make a bcrypt htpasswd file (apt-get install apache2-utils)";
      if (Boolean.getBoolean(RegistryServer.REQUIRED_PROPERTY)) {
        fail(message);
      }
      Assumptions.abort(message);
    }
    Process p = new ProcessBuilder(tool.toString(), "-Bbn", user, password).start();
    byte[] line = p.getInputStream().readAllBytes();
    assertThat(p.waitFor()).isZero();
    Path file = tmp.resolve("htpasswd");
    Files.write(file, line);
    return file;
  }

  @Test
  void basicCredentialsAreSentWhenTheRegistryAsksForThem() throws Exception {
    RegistryServer.binary();
    Path file = htpasswd("ci", "s3cret");
    try (RegistryServer server =
        RegistryServer.start("  htpasswd:\n    realm: jail4j\n    path: " + file + "\n")) {
      RegistryClient ci = RegistryClient.builder(server.uri()).credentials("ci", "s3cret").build();
      TestImages.Image image = TestImages.push(ci, "private/app", "v1", "amd64", 7, 2);
      PulledImage p = ci.pull("private/app", "v1", tmp.resolve("layout"));
      assertThat(p.images())
          .extracting(OciDescriptor::digest)
          .containsExactly(image.manifest().digest());

      assertThatThrownBy(
              () -> RegistryClient.builder(server.uri()).build().manifest("private/app", "v1"))
          .isInstanceOfSatisfying(
              RegistryAuthException.class,
              e -> {
                assertThat(e.status()).isEqualTo(401);
                assertThat(e.getMessage()).contains("none were given").contains("Basic");
              });
      RegistryClient wrong = RegistryClient.builder(server.uri()).credentials("ci", "nope").build();
      assertThatThrownBy(() -> wrong.manifest("private/app", "v1"))
          .isInstanceOfSatisfying(
              RegistryAuthException.class, e -> assertThat(e.status()).isEqualTo(401));
    }
  }

  @Test
  void credentialsAreNotSentToTheHostOfARedirect() throws Exception {
    RegistryServer.binary();
    Path file = htpasswd("ci", "s3cret");
    try (RegistryServer server =
            RegistryServer.start("  htpasswd:\n    realm: jail4j\n    path: " + file + "\n");
        FaultProxy front = new FaultProxy(server.uri());
        FaultProxy storage = new FaultProxy(server.uri())) {
      RegistryClient ci = RegistryClient.builder(server.uri()).credentials("ci", "s3cret").build();
      TestImages.Image image = TestImages.push(ci, "private/app", "v1", "amd64", 9, 1);
      front.redirectBlobsTo = "http://localhost:" + storage.uri().getPort();
      RegistryClient c =
          RegistryClient.builder(front.uri())
              .credentials("ci", "s3cret")
              .allowRedirectsTo("localhost")
              .build();
      c.manifest("private/app", "v1"); // answers the Basic challenge

      assertThatThrownBy(() -> c.blob("private/app", image.layers().get(0), tmp.resolve("b")))
          .isInstanceOfSatisfying(
              RegistryAuthException.class, e -> assertThat(e.status()).isEqualTo(401));
      assertThat(front.blobGets())
          .singleElement()
          .satisfies(s -> assertThat(s.authorization()).startsWith("Basic "));
      assertThat(storage.seen)
          .singleElement()
          .satisfies(s -> assertThat(s.authorization()).isEmpty());
    }
  }

  @Test
  void aBearerChallengeIsAnsweredWithATokenFromItsRealm() throws Exception {
    RegistryServer.binary();
    try (TokenServer tokens = new TokenServer(tmp);
        RegistryServer server = RegistryServer.start(tokens.authConfig())) {
      RegistryClient pusher = RegistryClient.builder(server.uri()).credentials("ci", "pw").build();
      TestImages.Image image = TestImages.push(pusher, "token/app", "v1", "arm64", 8, 2);
      assertThat(tokens.requests)
          .anySatisfy(
              q -> {
                // the registry names the actions of a push in either order
                String scope = String.valueOf(q.get("scope"));
                assertThat(scope).startsWith("repository:token/app:");
                assertThat(scope.substring("repository:token/app:".length()).split(","))
                    .containsExactlyInAnyOrder("pull", "push");
              });
      assertThat(tokens.authorizations)
          .allSatisfy(
              a ->
                  assertThat(a)
                      .isEqualTo(
                          "Basic "
                              + Base64.getEncoder()
                                  .encodeToString("ci:pw".getBytes(StandardCharsets.UTF_8))));

      tokens.requests.clear();
      RegistryClient anonymous = RegistryClient.builder(server.uri()).build();
      PulledImage p = anonymous.pull("token/app", "v1", tmp.resolve("layout"));

      assertThat(p.images())
          .extracting(OciDescriptor::digest)
          .containsExactly(image.manifest().digest());
      assertThat(tokens.requests).hasSize(1); // one token serves the manifest and every blob
      assertThat(tokens.requests.get(0))
          .containsEntry("service", TokenServer.SERVICE)
          .containsEntry("scope", "repository:token/app:pull");
      assertThat(tokens.authorizations.get(tokens.authorizations.size() - 1)).isEmpty();
    }
  }
}
