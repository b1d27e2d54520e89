package org.jail4j.oci.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jail4j.oci.OciDescriptor;
import org.jail4j.oci.OciDigest;
import org.jail4j.oci.OciIndex;
import org.jail4j.oci.OciLayerType;
import org.jail4j.oci.OciManifest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pushes generated images to a real distribution registry on loopback and pulls them back. */
class RegistryPullTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static RegistryServer server;
  private static RegistryClient pusher;
  private static TestImages.Image app;
  private static TestImages.Image amd64;
  private static TestImages.Image arm64;
  private static OciDescriptor index;

  @TempDir Path tmp;

  @BeforeAll
  static void startRegistry() throws IOException {
    server = RegistryServer.start();
    pusher = RegistryClient.builder(server.uri()).build();
    app = TestImages.push(pusher, "test/app", "v1", "amd64", 1, 3);
    amd64 = TestImages.push(pusher, "test/multi", "amd64", "amd64", 2, 2);
    arm64 = TestImages.push(pusher, "test/multi", "arm64", "arm64", 3, 2);
    index =
        TestImages.pushIndex(
            pusher, "test/multi", "14.3", List.of(amd64, arm64), List.of("amd64", "arm64"));
  }

  @AfterAll
  static void stopRegistry() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  private static RegistryClient client(FaultProxy proxy) {
    return RegistryClient.builder(proxy.uri()).backoff(Duration.ofMillis(1)).build();
  }

  private static Path blobFile(Path layout, OciDescriptor d) {
    return layout.resolve("blobs").resolve(d.digest().algorithm()).resolve(d.digest().hex());
  }

  /** Plants a partial download of {@code layer} holding {@code content}. */
  private static Path plantPart(Path layout, OciDescriptor layer, byte[] content)
      throws IOException {
    Path part = blobFile(layout, layer).resolveSibling(layer.digest().hex() + ".part");
    Files.createDirectories(part.getParent());
    Files.write(part, content);
    return part;
  }

  private static void assertImageIn(Path layout, TestImages.Image image) throws IOException {
    assertThat(blobFile(layout, image.manifest())).hasSize(image.manifest().size());
    assertThat(blobFile(layout, image.config())).hasSize(image.config().size());
    for (int i = 0; i < image.layers().size(); i++) {
      assertThat(Files.readAllBytes(blobFile(layout, image.layers().get(i))))
          .isEqualTo(image.layerBytes().get(i));
    }
  }

  @Test
  void pullByTagWritesAnImageLayoutWithTheTagInIndexJson() throws IOException {
    Path layout = tmp.resolve("layout");
    PulledImage p = RegistryClient.builder(server.uri()).build().pull("test/app", "v1", layout);

    assertThat(p.descriptor().digest()).isEqualTo(app.manifest().digest());
    assertThat(p.images())
        .extracting(OciDescriptor::digest)
        .containsExactly(app.manifest().digest());
    assertThat(p.fetched()).isEqualTo(5); // manifest, config, 3 layers
    assertThat(
            JSON.readTree(layout.resolve("oci-layout").toFile())
                .path("imageLayoutVersion")
                .asText())
        .isEqualTo("1.0.0");
    JsonNode entries = JSON.readTree(layout.resolve("index.json").toFile()).path("manifests");
    assertThat(entries).hasSize(1);
    assertThat(entries.get(0).path("digest").asText())
        .isEqualTo(app.manifest().digest().toString());
    assertThat(entries.get(0).path("mediaType").asText()).isEqualTo(OciManifest.MEDIA_TYPE);
    assertThat(
            entries.get(0).path("annotations").path("org.opencontainers.image.ref.name").asText())
        .isEqualTo("v1");
    assertImageIn(layout, app);
    try (var files = Files.walk(layout)) {
      assertThat(files.filter(f -> f.toString().endsWith(".part"))).isEmpty();
    }
  }

  @Test
  void pullByDigestRecordsAnEntryWithoutATag() throws IOException {
    Path layout = tmp.resolve("layout");
    String digest = app.manifest().digest().toString();
    PulledImage p = RegistryClient.builder(server.uri()).build().pull("test/app", digest, layout);

    assertThat(p.descriptor().digest().toString()).isEqualTo(digest);
    JsonNode entry = JSON.readTree(layout.resolve("index.json").toFile()).path("manifests").get(0);
    assertThat(entry.path("digest").asText()).isEqualTo(digest);
    assertThat(entry.has("annotations")).isFalse();
    assertImageIn(layout, app);
  }

  @Test
  void manifestIsAskedForWithOciAndDockerMediaTypes() throws IOException {
    try (FaultProxy proxy = new FaultProxy(server.uri())) {
      RegistryManifest m = client(proxy).manifest("test/multi", "14.3");
      assertThat(m.isIndex()).isTrue();
      assertThat(m.digest()).isEqualTo(index.digest());
      assertThat(m.manifests())
          .extracting(d -> String.valueOf(d.platform()))
          .containsExactly("freebsd/amd64", "freebsd/arm64");
    }
    assertThat(MediaType.ACCEPT)
        .contains(
            OciManifest.MEDIA_TYPE,
            OciIndex.MEDIA_TYPE,
            OciManifest.DOCKER_MEDIA_TYPE,
            OciIndex.DOCKER_MEDIA_TYPE);
  }

  @Test
  void dockerV2ManifestListsAndManifestsArePulledAsServed() throws IOException {
    TestImages.Image d1 =
        TestImages.push(pusher, "test/docker", "a", "amd64", 4, 2, TestImages.Flavour.DOCKER);
    TestImages.Image d2 =
        TestImages.push(pusher, "test/docker", "b", "arm64", 5, 1, TestImages.Flavour.DOCKER);
    OciDescriptor list =
        TestImages.pushIndex(
            pusher,
            "test/docker",
            "list",
            List.of(d1, d2),
            List.of("amd64", "arm64"),
            TestImages.Flavour.DOCKER);
    Path layout = tmp.resolve("layout");
    PulledImage p =
        RegistryClient.builder(server.uri()).build().pull("test/docker", "list", layout);

    assertThat(p.descriptor().mediaType()).isEqualTo(OciIndex.DOCKER_MEDIA_TYPE);
    assertThat(p.descriptor().digest()).isEqualTo(list.digest());
    assertThat(p.images())
        .extracting(OciDescriptor::mediaType)
        .containsExactly(OciManifest.DOCKER_MEDIA_TYPE, OciManifest.DOCKER_MEDIA_TYPE);
    JsonNode entry = JSON.readTree(layout.resolve("index.json").toFile()).path("manifests").get(0);
    assertThat(entry.path("mediaType").asText()).isEqualTo(OciIndex.DOCKER_MEDIA_TYPE);
    assertImageIn(layout, d1);
    assertImageIn(layout, d2);
  }

  @Test
  void aResponseSlowerThanTheTimeoutIsRetriedThenFails() throws IOException {
    try (FaultProxy proxy = new FaultProxy(server.uri())) {
      proxy.stallBlobs = true;
      RegistryClient c =
          RegistryClient.builder(proxy.uri())
              .attempts(2)
              .backoff(Duration.ofMillis(1))
              .timeout(Duration.ofMillis(300))
              .build();
      assertThatThrownBy(() -> c.blob("test/app", app.layers().get(0), tmp))
          .isInstanceOf(RegistryException.class)
          .hasMessageContaining("after 2 attempt(s)")
          .hasMessageContaining("timed out");
      assertThat(c.retries()).isEqualTo(1);
    }
  }

  @Test
  void anIndexPullsEveryPlatform() throws IOException {
    Path layout = tmp.resolve("layout");
    PulledImage p = RegistryClient.builder(server.uri()).build().pull("test/multi", "14.3", layout);

    assertThat(p.descriptor().mediaType()).isEqualTo(OciIndex.MEDIA_TYPE);
    assertThat(p.images())
        .extracting(OciDescriptor::digest)
        .containsExactly(amd64.manifest().digest(), arm64.manifest().digest());
    assertThat(blobFile(layout, index)).hasSize(index.size());
    assertImageIn(layout, amd64);
    assertImageIn(layout, arm64);
  }

  @Test
  void aPlatformFilterPullsOnlyThatPlatform() throws IOException {
    Path layout = tmp.resolve("layout");
    PulledImage p =
        RegistryClient.builder(server.uri())
            .build()
            .pull(
                "test/multi",
                index.digest().toString(),
                layout,
                pl -> pl.architecture().equals("arm64"));

    assertThat(p.images())
        .extracting(OciDescriptor::digest)
        .containsExactly(arm64.manifest().digest());
    assertImageIn(layout, arm64);
    assertThat(blobFile(layout, amd64.layers().get(0))).doesNotExist();
  }

  @Test
  void aSecondPullTakesEveryBlobFromDisk() throws IOException {
    Path layout = tmp.resolve("layout");
    try (FaultProxy proxy = new FaultProxy(server.uri())) {
      RegistryClient c = client(proxy);
      c.pull("test/app", "v1", layout);
      int blobGets = proxy.blobGets().size();
      PulledImage again = c.pull("test/app", "v1", layout);

      assertThat(blobGets).isEqualTo(4);
      assertThat(proxy.blobGets()).hasSize(4); // no blob asked for again
      assertThat(again.fetched()).isZero();
      assertThat(again.cached()).isEqualTo(5);
    }
  }

  @Test
  void aSharedCacheServesASecondLayout() throws IOException {
    Path cache = tmp.resolve("cache");
    try (FaultProxy proxy = new FaultProxy(server.uri())) {
      RegistryClient c =
          RegistryClient.builder(proxy.uri()).cache(cache).backoff(Duration.ofMillis(1)).build();
      c.pull("test/app", "v1", tmp.resolve("a"));
      PulledImage second = c.pull("test/app", "v1", tmp.resolve("b"));

      assertThat(proxy.blobGets()).hasSize(4);
      assertThat(second.fetched()).isEqualTo(1); // only its manifest, written from the response
      assertImageIn(tmp.resolve("b"), app);
    }
  }

  @Test
  void aTruncatedPartFileResumesWithARangeRequest() throws IOException {
    Path layout = tmp.resolve("layout");
    OciDescriptor layer = app.layers().get(2);
    byte[] bytes = app.layerBytes().get(2);
    Path part = plantPart(layout, layer, Arrays.copyOf(bytes, bytes.length / 2));
    try (FaultProxy proxy = new FaultProxy(server.uri())) {
      client(proxy).pull("test/app", "v1", layout);

      assertThat(proxy.blobGets())
          .filteredOn(s -> s.path().endsWith(layer.digest().toString()))
          .extracting(FaultProxy.Seen::range)
          .containsExactly("bytes=" + bytes.length / 2 + "-");
    }
    assertThat(Files.readAllBytes(blobFile(layout, layer))).isEqualTo(bytes);
    assertThat(part).doesNotExist();
  }

  @Test
  void aTransferCutMidwayIsRetriedFromWhereItStopped() throws IOException {
    Path layout = tmp.resolve("layout");
    OciDescriptor layer = app.layers().get(0);
    try (FaultProxy proxy = new FaultProxy(server.uri())) {
      RegistryClient c = client(proxy);
      proxy.cutBlobsAfter.set(1000);
      c.blob("test/app", layer, layout.resolve("blobs"));

      assertThat(c.retries()).isEqualTo(1);
      assertThat(proxy.blobGets())
          .extracting(FaultProxy.Seen::range)
          .containsExactly("", "bytes=1000-");
    }
    assertThat(Files.readAllBytes(blobFile(layout, layer))).isEqualTo(app.layerBytes().get(0));
  }

  @Test
  void contentWithAnotherDigestIsRefusedAndThePartDeleted() throws IOException {
    Path layout = tmp.resolve("layout");
    OciDescriptor layer = app.layers().get(1);
    byte[] bytes = app.layerBytes().get(1);
    byte[] wrong = Arrays.copyOf(bytes, 100);
    wrong[10] ^= 1;
    Path part = plantPart(layout, layer, wrong);
    RegistryClient c = RegistryClient.builder(server.uri()).build();

    assertThatThrownBy(() -> c.blob("test/app", layer, layout.resolve("blobs")))
        .isInstanceOfSatisfying(
            DigestMismatchException.class,
            e -> {
              assertThat(e.expected()).isEqualTo(layer.digest());
              assertThat(e.actual()).isNotEqualTo(layer.digest());
              assertThat(e.field()).endsWith("/test/app@" + layer.digest());
            });
    assertThat(part).doesNotExist();
    assertThat(blobFile(layout, layer)).doesNotExist();
  }

  @Test
  void aMissingTagIsATypedNotFound() {
    RegistryClient c = RegistryClient.builder(server.uri()).build();
    assertThatThrownBy(() -> c.pull("test/app", "nope", tmp.resolve("layout")))
        .isInstanceOfSatisfying(
            RegistryNotFoundException.class,
            e -> {
              assertThat(e.field()).isEqualTo(server.uri().getRawAuthority() + "/test/app:nope");
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.getMessage()).contains("MANIFEST_UNKNOWN");
            });
    assertThat(tmp.resolve("layout").resolve("index.json")).doesNotExist();
  }

  @Test
  void aMissingBlobIsATypedNotFound() {
    OciDescriptor ghost =
        OciDescriptor.of(OciLayerType.TAR_GZIP.mediaType(), OciDigest.sha256(new byte[] {42}), 1);
    RegistryClient c = RegistryClient.builder(server.uri()).build();
    assertThatThrownBy(() -> c.blob("test/app", ghost, tmp))
        .isInstanceOf(RegistryNotFoundException.class)
        .hasMessageContaining(ghost.digest().toString());
  }

  @Test
  void serverErrorsAreRetriedAndCounted() throws IOException {
    try (FaultProxy proxy = new FaultProxy(server.uri())) {
      RegistryClient c = client(proxy);
      proxy.fail503.set(2);
      PulledImage p = c.pull("test/app", "v1", tmp.resolve("layout"));

      assertThat(c.retries()).isEqualTo(2);
      assertThat(p.images()).hasSize(1);
    }
  }

  @Test
  void serverErrorsPastTheLastAttemptFailNamingTheReference() throws IOException {
    try (FaultProxy proxy = new FaultProxy(server.uri())) {
      RegistryClient c =
          RegistryClient.builder(proxy.uri()).attempts(3).backoff(Duration.ofMillis(1)).build();
      proxy.fail503.set(100);
      assertThatThrownBy(() -> c.manifest("test/app", "v1"))
          .isInstanceOfSatisfying(
              RegistryException.class,
              e -> {
                assertThat(e.status()).isEqualTo(503);
                assertThat(e.field()).endsWith("/test/app:v1");
                assertThat(e.getMessage()).contains("after 3 attempt(s)");
              });
      assertThat(c.retries()).isEqualTo(2);
    }
  }

  @Test
  void aManifestOverTheLimitIsRefused() {
    RegistryClient c = RegistryClient.builder(server.uri()).maxManifestBytes(100).build();
    assertThatThrownBy(() -> c.manifest("test/app", "v1"))
        .isInstanceOfSatisfying(
            RegistryLimitException.class,
            e -> {
              assertThat(e.limit()).isEqualTo(RegistryLimitException.Limit.MANIFEST_SIZE);
              assertThat(e.max()).isEqualTo(100);
            });
  }

  @Test
  void aBlobLongerThanItsDescriptorIsRefused() {
    OciDescriptor layer = app.layers().get(0);
    OciDescriptor shorter = OciDescriptor.of(layer.mediaType(), layer.digest(), layer.size() - 1);
    RegistryClient c = RegistryClient.builder(server.uri()).build();
    assertThatThrownBy(() -> c.blob("test/app", shorter, tmp))
        .isInstanceOfSatisfying(
            RegistryLimitException.class,
            e -> assertThat(e.limit()).isEqualTo(RegistryLimitException.Limit.BLOB_SIZE));
  }

  @Test
  void aRedirectToAnotherHostIsRefusedUnlessAllowed() throws IOException {
    OciDescriptor layer = app.layers().get(0);
    try (FaultProxy proxy = new FaultProxy(server.uri())) {
      // "localhost" is another host name than the client's 127.0.0.1
      proxy.redirectBlobsTo = "http://localhost:" + server.uri().getPort();
      assertThatThrownBy(() -> client(proxy).blob("test/app", layer, tmp.resolve("a")))
          .isInstanceOf(RegistryException.class)
          .hasMessageContaining("redirect to http://localhost:" + server.uri().getPort())
          .hasMessageContaining("refused");

      RegistryClient allowing =
          RegistryClient.builder(proxy.uri()).allowRedirectsTo("localhost").build();
      Path got = allowing.blob("test/app", layer, tmp.resolve("b"));
      assertThat(Files.readAllBytes(got)).isEqualTo(app.layerBytes().get(0));
    }
  }

  @Test
  void anInterruptStopsATransferAndKeepsTheFlag() throws Exception {
    OciDescriptor layer = app.layers().get(0);
    try (FaultProxy proxy = new FaultProxy(server.uri())) {
      proxy.stallBlobs = true;
      RegistryClient c = client(proxy);
      CompletableFuture<Boolean> flag = new CompletableFuture<>();
      Thread t =
          new Thread(
              () -> {
                try {
                  c.blob("test/app", layer, tmp);
                  flag.completeExceptionally(new AssertionError("the transfer finished"));
                } catch (RegistryException e) {
                  flag.complete(
                      Thread.currentThread().isInterrupted()
                          && String.valueOf(e.getMessage()).contains("interrupted"));
                }
              });
      t.start();
      assertThat(proxy.stalled.await(10, TimeUnit.SECONDS)).isTrue();
      t.interrupt();
      assertThat(flag.get(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void aFileIsPushedAsABlobAndABlobThereAlreadyIsNotUploadedAgain() throws IOException {
    Path file = tmp.resolve("layer.tar.gz");
    Files.write(file, TestImages.layer(99, 50_000));
    try (FaultProxy proxy = new FaultProxy(server.uri())) {
      RegistryClient c = client(proxy);
      OciDescriptor d = c.pushBlob("test/files", OciLayerType.TAR_GZIP.mediaType(), file);
      // the upload's PUT goes to the Location the registry named: itself, not the proxy
      assertThat(proxy.seen).extracting(FaultProxy.Seen::method).containsExactly("HEAD", "POST");
      OciDescriptor again = c.pushBlob("test/files", OciLayerType.TAR_GZIP.mediaType(), file);

      assertThat(d).isEqualTo(again);
      assertThat(d.digest()).isEqualTo(OciDigest.sha256(Files.readAllBytes(file)));
      assertThat(d.size()).isEqualTo(Files.size(file));
      assertThat(proxy.seen)
          .extracting(FaultProxy.Seen::method)
          .containsExactly("HEAD", "POST", "HEAD"); // the second push only asked
      assertThat(c.hasBlob("test/files", d.digest())).isTrue();
      assertThat(Files.readAllBytes(c.blob("test/files", d, tmp.resolve("back"))))
          .isEqualTo(Files.readAllBytes(file));
    }
  }

  @Test
  void badNamesAreRefusedBeforeAnyRequest() {
    RegistryClient c = RegistryClient.builder(server.uri()).build();
    assertThatThrownBy(() -> c.manifest("Test/App", "v1"))
        .isInstanceOfSatisfying(
            RegistryException.class, e -> assertThat(e.field()).isEqualTo("repository"));
    assertThatThrownBy(() -> c.manifest("test/app", "-v1"))
        .isInstanceOfSatisfying(
            RegistryException.class, e -> assertThat(e.field()).isEqualTo("tag"));
    assertThatThrownBy(() -> c.manifest("test/app", "sha256:abc"))
        .isInstanceOfSatisfying(
            RegistryException.class, e -> assertThat(e.field()).isEqualTo("digest"));
    assertThatThrownBy(() -> RegistryClient.builder(java.net.URI.create("ftp://x/")))
        .isInstanceOfSatisfying(
            RegistryException.class, e -> assertThat(e.field()).isEqualTo("registry"));
  }
}
