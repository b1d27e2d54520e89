package org.jail4j.root;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jail4j.Jail;
import org.jail4j.internal.HostPaths;
import org.jail4j.spi.MountRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@NeedsSecureDirectories
class ThinRootTest {
  @TempDir Path tmp;
  Path base;

  @BeforeEach
  void makeBase() throws IOException {
    base = tmp.resolve("base");
    for (String p : ThinRoot.WRITABLE_PARTS) {
      Files.createDirectories(base.resolve(p));
    }
    Files.writeString(base.resolve("etc/rc.conf"), "");
    Files.writeString(base.resolve("etc/passwd"), "root:*:0:0::/root:/bin/sh\n");
    Files.createDirectories(base.resolve("var/db"));
    Files.writeString(base.resolve("root/.cshrc"), "set prompt\n");
    Files.createDirectories(base.resolve("usr/bin"));
    for (int i = 0; i < 50; i++) {
      Files.writeString(base.resolve("usr/bin/tool" + i), "binary " + i);
    }
  }

  private static long count(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.count();
    }
  }

  @Test
  void mountsTheBaseReadOnlyThenEachWritablePart() {
    Path root = tmp.resolve("web");
    JailRoot r = ThinRoot.from(base).create(root);
    Path rw = tmp.resolve("web.rw");
    assertThat(r.kind()).isEqualTo(JailRoot.Kind.THIN);
    assertThat(r.writableParts()).contains(rw);
    assertThat(r.fstabLines())
        .containsExactly(
            HostPaths.freeBsd(base) + " " + HostPaths.freeBsd(root) + " nullfs ro 0 0",
            HostPaths.freeBsd(rw) + "/etc " + HostPaths.freeBsd(root) + "/etc nullfs rw 0 0",
            HostPaths.freeBsd(rw) + "/var " + HostPaths.freeBsd(root) + "/var nullfs rw 0 0",
            HostPaths.freeBsd(rw) + "/tmp " + HostPaths.freeBsd(root) + "/tmp nullfs rw 0 0",
            HostPaths.freeBsd(rw) + "/root " + HostPaths.freeBsd(root) + "/root nullfs rw 0 0",
            HostPaths.freeBsd(rw) + "/home " + HostPaths.freeBsd(root) + "/home nullfs rw 0 0",
            HostPaths.freeBsd(rw)
                + "/usr/local "
                + HostPaths.freeBsd(root)
                + "/usr/local nullfs rw 0 0");
  }

  @Test
  void copiesOnlyTheSmallSkeletonNeverTheBase() throws IOException {
    Path root = tmp.resolve("web");
    long start = System.nanoTime();
    JailRoot r = ThinRoot.from(base).create(root);
    long millis = (System.nanoTime() - start) / 1_000_000;
    Path rw = r.writableParts().orElseThrow();
    assertThat(rw.resolve("etc/passwd")).hasContent("root:*:0:0::/root:/bin/sh");
    assertThat(rw.resolve("root/.cshrc")).exists();
    assertThat(rw.resolve("var/db")).isDirectory();
    assertThat(rw.resolve("usr/bin")).doesNotExist();
    assertThat(count(root)).isEqualTo(1); // the empty mount point
    assertThat(count(rw)).isLessThan(20);
    assertThat(millis).as("creating a thin root copies no base files").isLessThan(5_000);
  }

  @Test
  void tmpIsWorldWritableAndSticky() throws IOException {
    JailRoot r = ThinRoot.from(base).create(tmp.resolve("web"));
    Path t = r.writableParts().orElseThrow().resolve("tmp");
    assertThat(((Integer) Files.getAttribute(t, "unix:mode")) & 07777).isEqualTo(01777);
  }

  @Test
  void appliesPathAndMountsToAJail() {
    JailRoot r = ThinRoot.from(base).create(tmp.resolve("web"));
    Jail jail =
        r.applyTo(
            Jail.builder().name("web").persist(true).addMounts("tmpfs /x/y tmpfs rw 0 0").build());
    assertThat(jail.path()).contains(HostPaths.freeBsd(tmp.resolve("web")));
    assertThat(jail.mounts()).hasSize(8).startsWith("tmpfs /x/y tmpfs rw 0 0");
    assertThat(jail.mounts().get(1))
        .isEqualTo(
            HostPaths.freeBsd(base)
                + " "
                + HostPaths.freeBsd(tmp.resolve("web"))
                + " nullfs ro 0 0");
  }

  @Test
  void usesATemplateForTheSkeletonWhenGiven() throws IOException {
    Path skel = tmp.resolve("skel");
    Files.createDirectories(skel.resolve("etc"));
    Files.writeString(skel.resolve("etc/rc.conf"), "sshd_enable=\"YES\"\n");
    JailRoot r =
        ThinRoot.from(base)
            .template(skel)
            .writableParts(tmp.resolve("rw/web"))
            .create(tmp.resolve("web"));
    assertThat(r.writableParts()).contains(tmp.resolve("rw/web"));
    assertThat(tmp.resolve("rw/web/etc/rc.conf")).hasContent("sshd_enable=\"YES\"");
    assertThat(tmp.resolve("rw/web/etc/passwd")).doesNotExist();
  }

  @Test
  void aBaseWithoutMountPointsIsNamed() throws IOException {
    Files.delete(base.resolve("home"));
    assertThatThrownBy(() -> ThinRoot.from(base).create(tmp.resolve("web")))
        .isInstanceOf(RootException.class)
        .hasMessageContaining("the base lacks directories to mount the writable parts on: [/home]");
    ThinRoot.prepareBase(base);
    assertThat(base.resolve("home")).isDirectory();
  }

  @Test
  void anExistingNonEmptyRootIsNotReused() throws IOException {
    Files.createDirectories(tmp.resolve("web"));
    Files.writeString(tmp.resolve("web/file"), "x");
    assertThatThrownBy(() -> ThinRoot.from(base).create(tmp.resolve("web")))
        .isInstanceOf(RootException.class)
        .hasMessageContaining("already exists and is not empty");
  }

  @Test
  void removalIsRefusedWhileMounted() {
    JailRoot r = ThinRoot.from(base).create(tmp.resolve("web"));
    RecordingHostSystem host = new RecordingHostSystem();
    for (MountRequest m : r.mounts()) {
      host.mount(m);
    }
    assertThatThrownBy(() -> ThinRoot.remove(host, r))
        .isInstanceOf(RootException.class)
        .hasMessageContaining(
            HostPaths.freeBsd(tmp.resolve("web")) + " is still mounted; stop the jail");
    assertThat(r.writableParts().orElseThrow()).exists();
  }

  @Test
  void removalDeletesTheWritablePartsAndTheMountPointButNotTheBase() throws IOException {
    JailRoot r = ThinRoot.from(base).create(tmp.resolve("web"));
    ThinRoot.remove(new RecordingHostSystem(), r);
    assertThat(tmp.resolve("web")).doesNotExist();
    assertThat(tmp.resolve("web.rw")).doesNotExist();
    assertThat(base.resolve("etc/passwd")).exists();
    assertThat(count(base.resolve("usr/bin"))).isEqualTo(51);
  }

  @Test
  void theMountsListTheSameAsTheJailRoot() {
    ThinRoot t = ThinRoot.from(base);
    JailRoot r = t.create(tmp.resolve("web"));
    assertThat(r.mounts()).isEqualTo(t.mounts(tmp.resolve("web"), tmp.resolve("web.rw")));
    assertThat(r.mounts()).extracting(MountRequest::fsType).containsOnly("nullfs");
    assertThat(r.mounts().get(0).options()).isEqualTo(List.of("ro"));
  }
}
