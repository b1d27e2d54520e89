package org.jail4j.root;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Host-side writes into a root the jail's root user controls: hostile links planted in the root
 * never lead a write, read or delete outside it.
 */
@NeedsSecureDirectories
class SafeRootWriterTest {
  @TempDir Path tmp;
  Path root;
  Path outside;
  Path secret;
  OutsideWitness witness;
  SafeRootWriter writer;

  @BeforeEach
  void setUp() throws IOException {
    root = tmp.resolve("root");
    outside = tmp.resolve("outside");
    Files.createDirectories(root.resolve("etc"));
    Files.createDirectories(outside.resolve("etc"));
    secret = outside.resolve("etc/resolv.conf");
    Files.writeString(secret, "nameserver 10.0.0.1\n");
    witness = OutsideWitness.of(outside);
    writer = SafeRootWriter.of(root);
  }

  @AfterEach
  void nothingOutsideChanged() throws IOException {
    assertThat(witness.now()).isEqualTo(witness.before());
  }

  private void noTemporaryFilesLeft() throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".jail4j-"));
    }
  }

  @Test
  void writesAFileAtomicallyWithItsMode() throws IOException {
    writer.write("/etc/rc.conf", "sshd_enable=\"YES\"\n".getBytes(StandardCharsets.UTF_8), 0600);
    assertThat(root.resolve("etc/rc.conf")).hasContent("sshd_enable=\"YES\"");
    assertThat(Files.getAttribute(root.resolve("etc/rc.conf"), "unix:mode")).isEqualTo(0100600);
    noTemporaryFilesLeft();
  }

  @Test
  void createsMissingParentDirectories() {
    writer.writeString("var/db/zoneinfo", "UTC\n");
    assertThat(root.resolve("var/db/zoneinfo")).hasContent("UTC");
  }

  @Test
  void symlinkedParentDirectoryIsRefused() throws IOException {
    Files.delete(root.resolve("etc"));
    Files.createSymbolicLink(root.resolve("etc"), outside.resolve("etc"));
    assertThatThrownBy(() -> writer.writeString("/etc/resolv.conf", "nameserver 6.6.6.6\n"))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining(
            "refusing \"/etc/resolv.conf\": a component is a symbolic link: /etc");
  }

  @Test
  void relativeSymlinkedParentLeavingTheRootIsRefused() throws IOException {
    Files.delete(root.resolve("etc"));
    Files.createSymbolicLink(root.resolve("etc"), Path.of("../outside/etc"));
    assertThatThrownBy(() -> writer.writeString("/etc/resolv.conf", "nameserver 6.6.6.6\n"))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("a component is a symbolic link: /etc");
  }

  @Test
  void symlinkDeepInThePathIsRefused() throws IOException {
    Files.createDirectories(root.resolve("var"));
    Files.createSymbolicLink(root.resolve("var/db"), outside.resolve("etc"));
    assertThatThrownBy(() -> writer.writeString("/var/db/zoneinfo", "UTC\n"))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("a component is a symbolic link: /var/db");
    assertThat(outside.resolve("etc/zoneinfo")).doesNotExist();
  }

  @Test
  void symlinkAtTheTargetIsReplacedNotFollowed() throws IOException {
    Files.createSymbolicLink(root.resolve("etc/resolv.conf"), secret);
    writer.writeString("/etc/resolv.conf", "nameserver 192.0.2.53\n");
    assertThat(Files.isSymbolicLink(root.resolve("etc/resolv.conf"))).isFalse();
    assertThat(root.resolve("etc/resolv.conf")).hasContent("nameserver 192.0.2.53");
    noTemporaryFilesLeft();
  }

  @Test
  void hardLinkAtTheTargetIsReplacedNotWrittenThrough() throws IOException {
    Files.createLink(root.resolve("etc/resolv.conf"), secret);
    witness = OutsideWitness.of(outside);
    writer.writeString("/etc/resolv.conf", "nameserver 192.0.2.53\n");
    assertThat(root.resolve("etc/resolv.conf")).hasContent("nameserver 192.0.2.53");
    assertThat(secret).hasContent("nameserver 10.0.0.1");
    witness = OutsideWitness.of(outside); // the host file's link count dropped back to 1
    assertThat(Files.getAttribute(secret, "unix:nlink")).isEqualTo(1);
  }

  @Test
  void dotDotIsRefused() {
    assertThatThrownBy(() -> writer.writeString("/etc/../../outside/etc/resolv.conf", "x"))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("\"..\" component");
  }

  @Test
  void nulByteIsRefused() {
    assertThatThrownBy(() -> writer.writeString("/etc/rc.conf\0.txt", "x"))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("NUL byte");
  }

  @Test
  void theRootItselfCannotBeWritten() {
    assertThatThrownBy(() -> writer.writeString("/", "x"))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("names the root itself");
  }

  @Test
  void aDirectoryAtTheTargetIsNotReplaced() throws IOException {
    Files.createDirectories(root.resolve("etc/rc.conf"));
    assertThatThrownBy(() -> writer.writeString("/etc/rc.conf", "x"))
        .isInstanceOf(RootException.class)
        .hasMessageContaining("rc.conf: is a directory");
    assertThat(root.resolve("etc/rc.conf")).isDirectory();
  }

  @Test
  void aFileWhereADirectoryIsNeededIsRefused() throws IOException {
    Files.writeString(root.resolve("var"), "not a directory");
    assertThatThrownBy(() -> writer.writeString("/var/db/zoneinfo", "UTC\n"))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("a component is not a directory: /var");
  }

  @Test
  void createDirectoriesThroughASymlinkIsRefused() throws IOException {
    Files.createSymbolicLink(root.resolve("usr"), outside);
    assertThatThrownBy(() -> writer.createDirectories("/usr/local/etc", 0755))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("a component is a symbolic link: /usr");
    assertThat(outside.resolve("local")).doesNotExist();
  }

  @Test
  void createDirectoriesOntoASymlinkIsRefused() throws IOException {
    Files.createSymbolicLink(root.resolve("dev"), outside);
    assertThatThrownBy(() -> writer.createDirectories("/dev", 0555))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("is not a directory (or was replaced by a link)");
  }

  @Test
  void symlinkCreationThroughASymlinkedParentIsRefused() throws IOException {
    Files.delete(root.resolve("etc"));
    Files.createSymbolicLink(root.resolve("etc"), outside.resolve("etc"));
    assertThatThrownBy(() -> writer.symlink("/etc/localtime", "/usr/share/zoneinfo/UTC"))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("a component is a symbolic link: /etc");
  }

  @Test
  void symlinkReplacesAPlantedLink() throws IOException {
    Files.createSymbolicLink(root.resolve("etc/localtime"), secret);
    writer.symlink("/etc/localtime", "/usr/share/zoneinfo/UTC");
    assertThat(Files.readSymbolicLink(root.resolve("etc/localtime")).toString())
        .isEqualTo("/usr/share/zoneinfo/UTC");
    noTemporaryFilesLeft();
  }

  @Test
  void readOfASymlinkIsRefused() throws IOException {
    Files.createSymbolicLink(root.resolve("etc/zone"), secret);
    assertThatThrownBy(() -> writer.read("/etc/zone", 1000))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("is a symbolic link");
  }

  @Test
  void readThroughASymlinkedDirectoryIsRefused() throws IOException {
    Files.createSymbolicLink(root.resolve("share"), outside.resolve("etc"));
    assertThatThrownBy(() -> writer.read("/share/resolv.conf", 1000))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("a component is a symbolic link: /share");
  }

  @Test
  void readRefusesFilesLargerThanTheLimit() throws IOException {
    Files.writeString(root.resolve("etc/big"), "x".repeat(100));
    assertThatThrownBy(() -> writer.read("/etc/big", 10))
        .isInstanceOf(RootException.class)
        .hasMessageContaining("larger than 10 bytes");
    assertThat(writer.read("/etc/big", 100)).hasSize(100);
  }

  @Test
  void readWithTheLargestLimitAllocatesOnlyTheFileSize() throws IOException {
    Files.writeString(root.resolve("etc/small"), "tiny");
    assertThat(writer.read("/etc/small", SafeRootWriter.MAX_READ_BYTES)).hasSize(4);
  }

  @Test
  void readWithALimitBeyondTheLargestArrayIsRefused() throws IOException {
    Files.writeString(root.resolve("etc/small"), "tiny");
    assertThatThrownBy(() -> writer.read("/etc/small", Integer.MAX_VALUE))
        .isInstanceOf(RootException.class)
        .hasMessageContaining("maxBytes: must be 0.." + SafeRootWriter.MAX_READ_BYTES)
        .hasMessageContaining("got " + Integer.MAX_VALUE);
    assertThatThrownBy(() -> writer.read("/etc/small", -1))
        .isInstanceOf(RootException.class)
        .hasMessageContaining("got -1");
  }

  @Test
  void deleteRemovesALinkNotItsTarget() throws IOException {
    Files.createSymbolicLink(root.resolve("etc/resolv.conf"), secret);
    writer.delete("/etc/resolv.conf");
    assertThat(Files.exists(root.resolve("etc/resolv.conf"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(secret).exists();
  }

  @Test
  void deleteThroughASymlinkedParentIsRefused() throws IOException {
    Files.delete(root.resolve("etc"));
    Files.createSymbolicLink(root.resolve("etc"), outside.resolve("etc"));
    assertThatThrownBy(() -> writer.delete("/etc/resolv.conf"))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("a component is a symbolic link: /etc");
  }

  @Test
  void kindReportsWithoutFollowing() throws IOException {
    Files.createSymbolicLink(root.resolve("etc/link"), secret);
    Files.writeString(root.resolve("etc/file"), "x");
    assertThat(writer.kind("/etc/link")).isEqualTo("symlink");
    assertThat(writer.kind("/etc/file")).isEqualTo("file");
    assertThat(writer.kind("/etc")).isEqualTo("directory");
    assertThat(writer.kind("/nope/deeper")).isEqualTo("missing");
  }

  @Test
  void aRootThatDoesNotExistIsNamed() {
    assertThatThrownBy(() -> SafeRootWriter.of(tmp.resolve("missing")))
        .isInstanceOf(RootException.class)
        .hasMessageContaining("root does not exist");
  }
}
