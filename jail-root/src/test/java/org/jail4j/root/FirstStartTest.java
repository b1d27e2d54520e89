package org.jail4j.root;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jail4j.spi.MountRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@NeedsSecureDirectories
class FirstStartTest {
  @TempDir Path tmp;
  Path root;
  Path hostResolv;
  byte[] berlin = {'T', 'Z', 'i', 'f', '2', 0, 1, 2, 3};

  @BeforeEach
  void setUp() throws IOException {
    root = tmp.resolve("root");
    Files.createDirectories(root.resolve("usr/share/zoneinfo/Europe"));
    Files.write(root.resolve("usr/share/zoneinfo/Europe/Berlin"), berlin);
    hostResolv = tmp.resolve("host-resolv.conf");
    Files.writeString(hostResolv, "search example.org\nnameserver 192.0.2.53\n");
  }

  @Test
  void aFailingLaterStepPutsBackWhatEarlierStepsWrote() throws IOException {
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/rc.conf"), "hostname=\"old\"\n");
    Files.setPosixFilePermissions(
        root.resolve("etc/rc.conf"),
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    assertThatThrownBy(
            () ->
                FirstStart.into(root)
                    .resolvConf(hostResolv)
                    .rcConf("hostname=\"new\"\n")
                    .timeZone("Europe/Berlin")
                    .fstab(List.of())
                    .afterWrite(
                        p -> {
                          if (p.equals("/var/db/zoneinfo")) {
                            throw new RootException("write", "injected failure at " + p, null);
                          }
                        })
                    .apply())
        .isInstanceOf(RootException.class)
        .hasMessageContaining("injected failure at /var/db/zoneinfo");
    assertThat(root.resolve("etc/rc.conf")).hasContent("hostname=\"old\"");
    assertThat(Files.getPosixFilePermissions(root.resolve("etc/rc.conf")))
        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    assertThat(root.resolve("etc/resolv.conf")).doesNotExist();
    assertThat(root.resolve("etc/localtime")).doesNotExist();
    assertThat(root.resolve("var/db/zoneinfo")).doesNotExist();
    assertThat(root.resolve("etc/fstab")).doesNotExist();
  }

  @Test
  void aLinkedLocaltimeIsPutBackAfterAFailure() throws IOException {
    Files.createDirectories(root.resolve("etc"));
    Files.createSymbolicLink(root.resolve("etc/localtime"), Path.of("/usr/share/zoneinfo/UTC"));
    assertThatThrownBy(
            () ->
                FirstStart.into(root)
                    .timeZone("Europe/Berlin")
                    .fstab(List.of())
                    .afterWrite(
                        p -> {
                          if (p.equals("/etc/fstab")) {
                            throw new RootException("write", "injected failure", null);
                          }
                        })
                    .apply())
        .isInstanceOf(RootException.class);
    assertThat(Files.readSymbolicLink(root.resolve("etc/localtime")).toString())
        .isEqualTo("/usr/share/zoneinfo/UTC");
    assertThat(root.resolve("etc/fstab")).doesNotExist();
  }

  @Test
  void copiesTheHostResolvConf() throws IOException {
    List<String> written = FirstStart.into(root).resolvConf(hostResolv).apply();
    assertThat(written).containsExactly("/etc/resolv.conf");
    assertThat(root.resolve("etc/resolv.conf")).hasSameTextualContentAs(hostResolv);
  }

  @Test
  void writesRcConf() {
    FirstStart.into(root).rcConf("hostname=\"web\"\nsshd_enable=\"YES\"\n").apply();
    assertThat(root.resolve("etc/rc.conf")).hasContent("hostname=\"web\"\nsshd_enable=\"YES\"");
  }

  @Test
  void writesAnEditedRcConfKeepingItsText() {
    org.jail4j.rc.RcConf rc =
        org.jail4j.rc.RcConf.parse("# jail\nhostname=\"old\"\n").hostname("web").enable("sshd");
    FirstStart.into(root).rcConf(rc).apply();
    assertThat(root.resolve("etc/rc.conf")).hasContent(rc.toString().stripTrailing());
    assertThat(root.resolve("etc/rc.conf"))
        .content()
        .startsWith("# jail\nhostname=")
        .contains("sshd_enable=");
  }

  @Test
  void copiesTheZoneFileAndRecordsTheZoneName() throws IOException {
    FirstStart.into(root).timeZone("Europe/Berlin").apply();
    assertThat(root.resolve("etc/localtime")).hasBinaryContent(berlin);
    assertThat(Files.isSymbolicLink(root.resolve("etc/localtime"))).isFalse();
    assertThat(root.resolve("var/db/zoneinfo")).hasContent("Europe/Berlin");
  }

  @Test
  void linksTheZoneFileWhenAsked() throws IOException {
    FirstStart.into(root).timeZone("Europe/Berlin", LocalTimeMode.LINK).apply();
    assertThat(Files.readSymbolicLink(root.resolve("etc/localtime")).toString())
        .isEqualTo("/usr/share/zoneinfo/Europe/Berlin");
    assertThat(root.resolve("var/db/zoneinfo")).hasContent("Europe/Berlin");
  }

  @Test
  void aZoneFileLinkedToAHostSecretIsNotCopiedIntoTheJail() throws IOException {
    Path hostSecret = tmp.resolve("master.passwd");
    Files.writeString(hostSecret, "root:hash:0:0::0:0::/root:/bin/sh\n");
    Files.delete(root.resolve("usr/share/zoneinfo/Europe/Berlin"));
    Files.createSymbolicLink(root.resolve("usr/share/zoneinfo/Europe/Berlin"), hostSecret);
    assertThatThrownBy(
            () -> FirstStart.into(root).rcConf("x=1\n").timeZone("Europe/Berlin").apply())
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("is a symbolic link");
    assertThat(root.resolve("etc/localtime")).doesNotExist();
    // checked before writing: rc.conf was not written either
    assertThat(root.resolve("etc/rc.conf")).doesNotExist();
  }

  @Test
  void anUnknownZoneWritesNothing() {
    assertThatThrownBy(
            () -> FirstStart.into(root).resolvConf(hostResolv).timeZone("Mars/Olympus").apply())
        .isInstanceOf(RootException.class)
        .hasMessageContaining("usr/share/zoneinfo/Mars/Olympus: no such zoneinfo file");
    assertThat(root.resolve("etc")).doesNotExist();
  }

  @Test
  void aZoneNameWithDotDotIsRefused() {
    assertThatThrownBy(() -> FirstStart.into(root).timeZone("../../etc/master.passwd"))
        .isInstanceOf(RootException.class)
        .hasMessageContaining("must be a zoneinfo name such as Europe/Berlin");
  }

  @Test
  void writesFstabFromMounts() {
    FirstStart.into(root)
        .fstab(
            List.of(
                new MountRequest(
                    "nullfs", "/usr/ports", "/jails/web/usr/ports", List.of("ro"), null)))
        .apply();
    assertThat(root.resolve("etc/fstab"))
        .hasContent(
            "# Device\tMountpoint\tFStype\tOptions\tDump\tPass#\n/usr/ports /jails/web/usr/ports nullfs ro 0 0");
  }

  @Test
  void aHostileEtcLinkStopsEveryWrite() throws IOException {
    Path outside = tmp.resolve("outside");
    Files.createDirectories(outside);
    OutsideWitness w = OutsideWitness.of(outside);
    Files.createSymbolicLink(root.resolve("etc"), outside);
    assertThatThrownBy(() -> FirstStart.into(root).resolvConf(hostResolv).apply())
        .isInstanceOf(UnsafePathException.class);
    assertThat(w.now()).isEqualTo(w.before());
  }

  @Test
  void aThinRootGetsItsFilesInItsWritablePartsAndZonesFromTheBase() throws IOException {
    Path base = tmp.resolve("base");
    for (String p : ThinRoot.WRITABLE_PARTS) {
      Files.createDirectories(base.resolve(p));
    }
    Files.createDirectories(base.resolve("usr/share/zoneinfo"));
    Files.write(base.resolve("usr/share/zoneinfo/UTC"), berlin);
    JailRoot thin = ThinRoot.from(base).create(tmp.resolve("web"));
    thin.firstStart().timeZone("UTC").rcConf("hostname=\"web\"\n").apply();
    Path rw = thin.writableParts().orElseThrow();
    assertThat(rw.resolve("etc/localtime")).hasBinaryContent(berlin);
    assertThat(rw.resolve("etc/rc.conf")).hasContent("hostname=\"web\"");
    assertThat(rw.resolve("var/db/zoneinfo")).hasContent("UTC");
    assertThat(base.resolve("etc/rc.conf")).doesNotExist();
  }
}
