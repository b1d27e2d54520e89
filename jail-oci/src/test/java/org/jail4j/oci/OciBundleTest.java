package org.jail4j.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jail4j.oci.TestImages.layer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jail4j.Jail;
import org.jail4j.JailHost;
import org.jail4j.RunningJail;
import org.jail4j.root.JailRoot;
import org.jail4j.root.RootReport;
import org.jail4j.root.ThinRoot;
import org.jail4j.testkit.FakeHostSystem;
import org.jail4j.testkit.FakeJailKernel;
import org.jail4j.testkit.FakeJailProvider;
import org.jail4j.testkit.PathCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Roots from images used like any root, and bundles for FreeBSD's OCI runtimes. */
class OciBundleTest {
  static final OciPlatform AMD64 = OciPlatform.freebsd("amd64");

  @TempDir Path tmp;

  private OciImage image() {
    return TestImages.image(
            tmp.resolve("image"),
            AMD64,
            OciLayerType.TAR_ZSTD,
            List.of(
                layer()
                    .dir("etc")
                    .file("etc/rc.conf", "")
                    .dir("var")
                    .dir("tmp")
                    .dir("root")
                    .file("usr/share/zoneinfo/UTC", "TZif2"),
                layer().file("usr/local/bin/app", "#!/bin/sh\n", 0755)))
        .image(AMD64);
  }

  private static JailHost fakeHost() {
    FakeJailKernel kernel = FakeJailKernel.builder().paths(PathCheck.realFileSystem()).build();
    return JailHost.using(
        new FakeJailProvider(kernel, new FakeHostSystem(kernel, PathCheck.realFileSystem())));
  }

  @Test
  void aJailOverARootFromAnImageStartsOnTheFakeHost() {
    RootReport r = OciImageRoot.into(tmp.resolve("web")).image(image()).populate();
    r.root().firstStart().timeZone("UTC").apply();
    Jail web = r.root().applyTo(Jail.builder().name("web").hostname("web").persist(true).build());
    try (RunningJail running = fakeHost().start(web)) {
      assertThat(running.info().path()).isEqualTo(PathCheck.jailPath(tmp.resolve("web")));
    }
    assertThat(tmp.resolve("web/etc/localtime")).exists();
  }

  @Test
  void aRootFromAnImageIsABaseForThinRoots() {
    RootReport r = OciImageRoot.into(tmp.resolve("base")).image(image()).populate();
    ThinRoot.prepareBase(r.root().path());
    JailRoot thin = ThinRoot.from(r.root().path()).create(tmp.resolve("job1"));
    Jail job = thin.applyTo(Jail.builder().name("job1").persist(true).build());
    JailHost host = fakeHost();
    try (RunningJail running = host.start(job)) {
      assertThat(host.hostSystem().mounts()).isNotEmpty();
      assertThat(running.name()).isEqualTo("job1");
    }
    ThinRoot.remove(host.hostSystem(), thin);
  }

  @Test
  void aBundleHoldsAValidConfigAndTheTree() throws Exception {
    Path dir = tmp.resolve("bundle");
    RootReport r = OciImageRoot.into(OciBundle.rootfs(dir)).image(image()).populate();
    OciBundle b =
        OciBundle.write(
            Jail.builder().name("web").hostname("web.example.org").mountDevfs(true).build(),
            r.root(),
            dir);
    String json = Files.readString(b.configFile());
    OciConfig.validate(json, OciReference.runtimeSchemas());
    assertThat(json).contains("\"path\" : \"rootfs\"");
    assertThat(b.rootfs().resolve("usr/local/bin/app")).hasContent("#!/bin/sh");
    OciConfig back = OciConfig.read(dir, "web");
    assertThat(back).isEqualTo(b.config());
    assertThat(back.jail().path()).contains(PathCheck.jailPath(b.rootfs()));
  }

  @Test
  void aRootElsewhereIsCopiedIntoTheBundle() throws Exception {
    RootReport r = OciImageRoot.into(tmp.resolve("web")).image(image()).populate();
    OciBundle b = OciBundle.write(Jail.builder().name("web").build(), r.root(), tmp.resolve("b"));
    assertThat(Trees.of(b.rootfs())).isEqualTo(Trees.of(tmp.resolve("web")));
  }

  @Test
  void aThinRootIsRefusedForABundle() {
    RootReport r = OciImageRoot.into(tmp.resolve("base")).image(image()).populate();
    ThinRoot.prepareBase(r.root().path());
    JailRoot thin = ThinRoot.from(r.root().path()).create(tmp.resolve("job"));
    assertThatThrownBy(
            () -> OciBundle.write(Jail.builder().name("job").build(), thin, tmp.resolve("b")))
        .isInstanceOf(OciException.class)
        .hasMessageContaining("thin root");
  }
}
