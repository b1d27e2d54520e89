package org.jail4j.root;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jail4j.UnsupportedHostException;
import org.jail4j.root.internal.PosixModes;
import org.jail4j.root.internal.Trees;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Roots on a file system without POSIX permission bits, as on Windows: nothing throws {@code
 * UnsupportedOperationException}, modes are left to the file system and the writer says so. The
 * JDK's zip file system is such a file system on every host; the writer, which needs {@code
 * openat(2)}, is tested with its mode switch turned off over this machine's temporary directory.
 */
class NoPosixModesTest {
  @TempDir Path tmp;
  FileSystem zip;

  @BeforeEach
  void openZip() throws IOException {
    zip = FileSystems.newFileSystem(tmp.resolve("fs.zip"), Map.of("create", "true"));
  }

  @AfterEach
  void closeZip() throws IOException {
    zip.close();
  }

  /**
   * The writer needs openat(2) and the checks read modes back: a POSIX host's temporary directory.
   */
  private void assumeModesHere() {
    assumeTrue(
        PosixModes.supported(tmp),
        "needs POSIX modes in the temporary directory (openat(2) and modes to read back); not on"
            + " Windows");
  }

  private static int mode(Path p) throws IOException {
    return ((Integer) Files.getAttribute(p, "unix:mode")) & 07777;
  }

  @Test
  void theZipFileSystemHasNoModesAndThisMachinesTemporaryDirectoryHasThem() {
    assertThat(PosixModes.supported(zip.getPath("/"))).isFalse();
    assertThat(PosixModes.supported(tmp))
        .isEqualTo(tmp.getFileSystem().supportedFileAttributeViews().contains("posix"));
  }

  @Test
  void aWriterOnAPosixFileSystemSetsTheModesAsked() throws IOException {
    assumeModesHere();
    SafeRootWriter w = SafeRootWriter.of(Files.createDirectory(tmp.resolve("root")));
    assertThat(w.setsModes()).isTrue();
    w.write("/etc/rc.conf", "x\n".getBytes(StandardCharsets.UTF_8), 0751);
    assertThat(mode(w.root().resolve("etc/rc.conf"))).isEqualTo(0751);
  }

  @Test
  void aWriterThatCannotSetModesStillWritesFilesDirectoriesAndParents() throws IOException {
    assumeModesHere();
    Path root = Files.createDirectory(tmp.resolve("root"));
    SafeRootWriter w = SafeRootWriter.of(root, false);
    assertThat(w.setsModes()).isFalse();

    w.write("/etc/ssh/sshd_config", "PermitRootLogin no\n".getBytes(StandardCharsets.UTF_8), 0751);
    w.createDirectories("/var/empty", 0555);

    assertThat(root.resolve("etc/ssh/sshd_config")).hasContent("PermitRootLogin no");
    // made with the file system's defaults: a new file never gets execute bits from them
    assertThat(mode(root.resolve("etc/ssh/sshd_config")) & 0111).isZero();
    assertThat(mode(root.resolve("var/empty"))).isNotEqualTo(0555);
    assertThat(w.kind("/var/empty")).isEqualTo("directory");
  }

  @Test
  void aWriterThatCannotReadModesPutsBackAFileWithTheDefaultMode() throws IOException {
    assumeModesHere();
    Path root = Files.createDirectory(tmp.resolve("root"));
    SafeRootWriter w = SafeRootWriter.of(root, false);
    w.writeString("/etc/hosts", "127.0.0.1 localhost\n");
    SafeRootWriter.Previous p = w.previous("/etc/hosts", 1024);
    assertThat(p.kind()).isEqualTo("file");
    assertThat(p.mode()).isEqualTo(0644);
    w.writeString("/etc/hosts", "changed\n");
    w.restore("/etc/hosts", p);
    assertThat(root.resolve("etc/hosts")).hasContent("127.0.0.1 localhost");
  }

  @Test
  void treesAreCopiedAndDeletedOnAFileSystemWithoutModes() throws IOException {
    Path from = Files.createDirectories(zip.getPath("/base/etc/defaults"));
    Files.writeString(from.resolve("rc.conf"), "hostname=\"\"\n");
    Path to = zip.getPath("/copy");
    assertThat(Trees.copyTree(zip.getPath("/base"), to)).isEqualTo(4);
    assertThat(Files.readString(to.resolve("etc/defaults/rc.conf"))).isEqualTo("hostname=\"\"\n");

    Trees.deleteTree(zip.getPath("/base"));
    assertThat(Files.exists(zip.getPath("/base"))).isFalse();
    assertThat(Files.exists(to.resolve("etc/defaults/rc.conf"))).isTrue();
  }

  @Test
  void aTreeWithModesIsCopiedOntoAFileSystemWithout() throws IOException {
    Path from = Files.createDirectories(tmp.resolve("base/etc"));
    Files.writeString(from.resolve("motd"), "hi\n");
    Path to = zip.getPath("/copy");
    assertThat(Trees.copyTree(tmp.resolve("base"), to)).isEqualTo(3);
    assertThat(Files.readString(to.resolve("etc/motd"))).isEqualTo("hi\n");
  }

  @Test
  void aSetMadeFromATreeWithoutModesGivesDirectories0755AndFiles0644() throws IOException {
    assumeModesHere();
    Path tree = Files.createDirectories(zip.getPath("/tree/bin"));
    Files.writeString(tree.resolve("sh"), "#!\n");
    ManifestEntry e =
        DistributionSetWriter.create("base")
            .compressionPreset(0)
            .tree(zip.getPath("/tree"))
            .writeTo(tmp.resolve("base.txz"));
    Path root = tmp.resolve("root");
    RootBuilder.into(root)
        .set("base", tmp.resolve("base.txz"))
        .manifest(Manifest.of(List.of(e)))
        .populate();
    assertThat(root.resolve("bin/sh")).hasContent("#!");
    assertThat(mode(root.resolve("bin"))).isEqualTo(0755);
    assertThat(mode(root.resolve("bin/sh"))).isEqualTo(0644);
  }

  @Test
  void extractingIntoAFileSystemWithoutOpenatIsATypedUnsupportedHostError() throws IOException {
    DistributionSetWriter.create("base")
        .compressionPreset(0)
        .directory("./bin", 0755)
        .writeTo(tmp.resolve("base.txz"));
    Path root = Files.createDirectory(zip.getPath("/root"));
    assertThatThrownBy(
            () ->
                RootBuilder.into(root).set("base", tmp.resolve("base.txz")).unverified().populate())
        // as on Windows: the typed refusal, never a bare UnsupportedOperationException
        .isInstanceOf(UnsupportedHostException.class)
        .hasMessageContaining("openat(2)");
  }
}
