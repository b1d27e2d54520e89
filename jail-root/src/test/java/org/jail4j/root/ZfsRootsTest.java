package org.jail4j.root;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jail4j.internal.HostPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZfsRootsTest {
  @TempDir Path tmp;

  private RecordingHostSystem zfsHost(Path jails) {
    return new RecordingHostSystem()
        .on(
            "zfs list -H -o name -t snapshot",
            RecordingHostSystem.Reply.fail(1, "dataset does not exist\n"))
        .on(
            "zfs list -H -o name " + HostPaths.freeBsd(jails),
            RecordingHostSystem.Reply.ok("zroot/jails\n"))
        .on(
            "zfs get -H -o value origin",
            RecordingHostSystem.Reply.ok("zroot/jails/base@jail4j\n"));
  }

  @Test
  void findsTheDatasetOfAPath() {
    Path jails = tmp.resolve("jails");
    assertThat(new ZfsRoots(zfsHost(jails)).datasetOf(jails)).contains("zroot/jails");
  }

  @Test
  void aPathNotOnZfsHasNoDataset() {
    RecordingHostSystem host =
        new RecordingHostSystem()
            .on("zfs list", RecordingHostSystem.Reply.fail(1, "not a ZFS filesystem\n"));
    assertThat(new ZfsRoots(host).datasetOf(tmp)).isEmpty();
  }

  @Test
  void aHostWithoutZfsHasNoDataset() {
    assertThat(new ZfsRoots(new RecordingHostSystem().withoutPrograms()).datasetOf(tmp)).isEmpty();
  }

  @Test
  void clonesASnapshotOfTheTemplateMadeWhenMissing() {
    Path jails = tmp.resolve("jails");
    RecordingHostSystem host = zfsHost(jails);
    JailRoot r = new ZfsRoots(host).clone("zroot/jails/base", "jail4j", jails.resolve("web"));
    assertThat(host.commandLines())
        .containsExactly(
            "zfs list -H -o name " + HostPaths.freeBsd(jails),
            "zfs list -H -o name -t snapshot zroot/jails/base@jail4j",
            "zfs snapshot zroot/jails/base@jail4j",
            "zfs clone -o mountpoint="
                + HostPaths.freeBsd(jails.resolve("web"))
                + " zroot/jails/base@jail4j zroot/jails/web");
    assertThat(r.kind()).isEqualTo(JailRoot.Kind.ZFS_CLONE);
    assertThat(r.dataset()).contains("zroot/jails/web");
    assertThat(r.mounts()).isEmpty();
  }

  @Test
  void anExistingSnapshotIsReused() {
    Path jails = tmp.resolve("jails");
    RecordingHostSystem host =
        new RecordingHostSystem()
            .on(
                "zfs list -H -o name -t snapshot",
                RecordingHostSystem.Reply.ok("zroot/jails/base@jail4j\n"))
            .on(
                "zfs list -H -o name " + HostPaths.freeBsd(jails),
                RecordingHostSystem.Reply.ok("zroot/jails\n"));
    new ZfsRoots(host).clone("zroot/jails/base", "jail4j", jails.resolve("db"));
    assertThat(host.commandLines()).noneMatch(c -> c.startsWith("zfs snapshot"));
    assertThat(host.commandLines())
        .last()
        .asString()
        .endsWith("zroot/jails/base@jail4j zroot/jails/db");
  }

  @Test
  void cloningWhereTheParentIsNotOnZfsIsRefused() {
    RecordingHostSystem host =
        new RecordingHostSystem()
            .on("zfs list", RecordingHostSystem.Reply.fail(1, "not a ZFS filesystem\n"));
    assertThatThrownBy(() -> new ZfsRoots(host).clone("zroot/base", "s", tmp.resolve("web")))
        .isInstanceOf(RootException.class)
        .hasMessageContaining(tmp + ": not on a ZFS dataset");
  }

  @Test
  void aFailedCloneCarriesZfsOutput() {
    Path jails = tmp.resolve("jails");
    RecordingHostSystem host =
        zfsHost(jails)
            .on(
                "zfs clone",
                RecordingHostSystem.Reply.fail(
                    1, "cannot create 'zroot/jails/web': dataset already exists\n"));
    assertThatThrownBy(
            () -> new ZfsRoots(host).clone("zroot/jails/base", "jail4j", jails.resolve("web")))
        .isInstanceOf(HostCommandException.class)
        .hasMessageContaining("exit status 1")
        .hasMessageContaining("dataset already exists");
  }

  @Test
  void destroyChecksTheOriginThenDestroysTheClone() {
    Path jails = tmp.resolve("jails");
    RecordingHostSystem host = zfsHost(jails);
    ZfsRoots zfs = new ZfsRoots(host);
    JailRoot r = zfs.clone("zroot/jails/base", "jail4j", jails.resolve("web"));
    host.commands.clear();
    zfs.destroy(r);
    assertThat(host.commandLines())
        .containsExactly(
            "zfs get -H -o value origin zroot/jails/web", "zfs destroy zroot/jails/web");
  }

  @Test
  void destroyRefusesADatasetThatIsNotAClone() {
    Path jails = tmp.resolve("jails");
    RecordingHostSystem host =
        new RecordingHostSystem()
            .on("zfs get -H -o value origin", RecordingHostSystem.Reply.ok("-\n"))
            .on(
                "zfs list -H -o name " + HostPaths.freeBsd(jails),
                RecordingHostSystem.Reply.ok("zroot/jails\n"));
    ZfsRoots zfs = new ZfsRoots(host);
    JailRoot r = zfs.clone("zroot/jails/base", "jail4j", jails.resolve("web"));
    assertThatThrownBy(() -> zfs.destroy(r))
        .isInstanceOf(RootException.class)
        .hasMessageContaining(
            "zroot/jails/web: not a clone (origin \"-\"); refusing to destroy it");
    assertThat(host.commandLines()).noneMatch(c -> c.startsWith("zfs destroy"));
  }

  @Test
  void datasetNamesWithShellCharactersAreRefused() {
    assertThatThrownBy(
            () ->
                new ZfsRoots(new RecordingHostSystem())
                    .clone("zroot/x; rm -rf /", "s", tmp.resolve("w")))
        .isInstanceOf(RootException.class)
        .hasMessageContaining("must be pool/path of letters");
  }

  @Test
  void templateRootsCloneOnZfs() {
    Path jails = tmp.resolve("jails");
    RecordingHostSystem host = zfsHost(jails);
    TemplateRoots roots =
        new TemplateRoots(host, tmp.resolve("base")).zfsTemplate("zroot/jails/base", "jail4j");
    JailRoot r = roots.create(jails.resolve("web"));
    assertThat(r.kind()).isEqualTo(JailRoot.Kind.ZFS_CLONE);
    roots.remove(r);
    assertThat(host.commandLines()).last().isEqualTo("zfs destroy zroot/jails/web");
  }

  @Test
  void templateRootsFallBackToThinRootsOffZfs() throws IOException {
    Path base = tmp.resolve("base");
    for (String p : ThinRoot.WRITABLE_PARTS) {
      Files.createDirectories(base.resolve(p));
    }
    RecordingHostSystem host =
        new RecordingHostSystem()
            .on("zfs list", RecordingHostSystem.Reply.fail(1, "not a ZFS filesystem\n"));
    TemplateRoots roots = new TemplateRoots(host, base).zfsTemplate("zroot/jails/base", "jail4j");
    JailRoot r = roots.create(tmp.resolve("jails/web"));
    assertThat(r.kind()).isEqualTo(JailRoot.Kind.THIN);
    assertThat(r.mounts()).hasSize(7);
    roots.remove(r);
    assertThat(tmp.resolve("jails/web")).doesNotExist();
  }
}
