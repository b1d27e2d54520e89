package org.jail4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jail4j.JailException;
import org.jail4j.root.DistributionSetWriter;
import org.jail4j.root.DistributionSets;
import org.jail4j.root.Manifest;
import org.jail4j.root.ManifestEntry;
import org.jail4j.root.RootBuilder;
import org.jail4j.root.RootException;
import org.jail4j.root.SafeRootWriter;
import org.jail4j.root.UnsafePathException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rows of {@code docs/BAD-INPUT.md} on jail roots: archives {@link RootBuilder} refuses to
 * extract and paths {@link SafeRootWriter} refuses to write. Each test is one row, named by its id;
 * each hostile value must be refused with the typed error the catalogue names, with the rule in its
 * message, and nothing may be written outside the root.
 */
class BadInputCatalogueOnRootsTest {

  @TempDir Path tmp;

  /** Asserts that the action fails with exactly this type and a message holding every fragment. */
  static <E extends JailException> E refused(
      Executable action, Class<E> type, String... fragments) {
    Throwable thrown = null;
    try {
      action.execute();
    } catch (Throwable t) {
      thrown = t;
    }
    assertThat(thrown).as("a typed refusal").isInstanceOf(type);
    for (String f : fragments) {
      assertThat(thrown.getMessage()).contains(f);
    }
    return type.cast(thrown);
  }

  // ------------------------------------------------------------------ roots

  private DistributionSets release(DistributionSetWriter w) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("dist"));
    ManifestEntry e = w.writeTo(dir.resolve(w.set() + ".txz"));
    Files.writeString(dir.resolve("MANIFEST"), Manifest.of(List.of(e)).toString());
    return DistributionSets.inDirectory(dir);
  }

  private static DistributionSetWriter base() {
    return DistributionSetWriter.create("base").compressionPreset(0).directory("./", 0755);
  }

  private Path rootDir() {
    return tmp.resolve("root");
  }

  @Test
  @DisplayName("B41 archive entry with a dot-dot component")
  void b41() throws IOException {
    DistributionSets sets = release(base().file("./../escaped", "x", 0644));
    refused(
        () -> RootBuilder.into(rootDir()).sets(sets, "base").populate(),
        UnsafePathException.class,
        "\"..\" component");
    assertThat(tmp.resolve("escaped")).doesNotExist();
  }

  @Test
  @DisplayName("B42 archive entry with an absolute name")
  void b42() throws IOException {
    Path outside = tmp.resolve("outside-file");
    DistributionSets sets = release(base().file(outside.toString(), "x", 0644));
    refused(
        () -> RootBuilder.into(rootDir()).sets(sets, "base").populate(),
        UnsafePathException.class,
        "absolute entry name");
    assertThat(outside).doesNotExist();
  }

  @Test
  @DisplayName("B43 archive that plants a symlink and writes through it")
  void b43() throws IOException {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    DistributionSets sets =
        release(base().symlink("./etc", outside.toString()).file("./etc/passwd", "pwned", 0644));
    refused(
        () -> RootBuilder.into(rootDir()).sets(sets, "base").populate(),
        UnsafePathException.class,
        "symbolic link");
    assertThat(outside.resolve("passwd")).doesNotExist();
  }

  @Test
  @DisplayName("B44 truncated archive")
  void b44() throws IOException {
    Path txz = Files.createDirectories(tmp.resolve("local")).resolve("base.txz");
    base().file("./etc/motd", "x".repeat(20_000), 0644).writeTo(txz);
    byte[] all = Files.readAllBytes(txz);
    Files.write(txz, java.util.Arrays.copyOf(all, all.length / 2));
    refused(
        () -> RootBuilder.into(rootDir()).set("base", txz).unverified().populate(),
        RootException.class,
        "base.txz",
        "truncated or corrupt");
    assertThat(rootDir().resolve("etc/motd")).doesNotExist();
  }

  @Test
  @DisplayName("B45 archive whose checksum does not match its MANIFEST")
  void b45() throws IOException {
    DistributionSets sets = release(base().file("./etc/motd", "hello", 0644));
    Path txz = tmp.resolve("dist/base.txz");
    byte[] all = Files.readAllBytes(txz);
    all[all.length - 1] ^= 1;
    Files.write(txz, all);
    refused(
        () -> RootBuilder.into(rootDir()).sets(sets, "base").populate(),
        RootException.class,
        "base");
  }

  @Test
  @DisplayName("B46 file that is not an archive at all")
  void b46() throws IOException {
    Path txz = Files.createDirectories(tmp.resolve("local")).resolve("base.txz");
    Files.write(txz, "this is not xz".getBytes(StandardCharsets.UTF_8));
    refused(
        () -> RootBuilder.into(rootDir()).set("base", txz).unverified().populate(),
        RootException.class,
        "base.txz");
  }

  @Test
  @DisplayName("B47 root write to a dot-dot path")
  void b47() throws IOException {
    SafeRootWriter w = SafeRootWriter.of(Files.createDirectories(rootDir()));
    refused(() -> w.writeString("/../escaped", "x"), UnsafePathException.class, "..");
    assertThat(tmp.resolve("escaped")).doesNotExist();
  }

  @Test
  @DisplayName("B48 root write through a symlink planted in the root")
  void b48() throws IOException {
    Path r = Files.createDirectories(rootDir());
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.createSymbolicLink(r.resolve("etc"), outside);
    SafeRootWriter w = SafeRootWriter.of(r);
    refused(
        () -> w.writeString("/etc/resolv.conf", "nameserver 192.0.2.1\n"),
        UnsafePathException.class,
        "symbolic link");
    assertThat(outside.resolve("resolv.conf")).doesNotExist();
  }

  @Test
  @DisplayName("B49 root write to a path with a NUL byte")
  void b49() throws IOException {
    SafeRootWriter w = SafeRootWriter.of(Files.createDirectories(rootDir()));
    refused(() -> w.writeString("/etc/rc.conf\0.bak", "x"), UnsafePathException.class);
  }

  @Test
  @DisplayName("B50 root read of more bytes than allowed")
  void b50() throws IOException {
    Path r = Files.createDirectories(rootDir());
    SafeRootWriter w = SafeRootWriter.of(r);
    w.writeString("/big", "x".repeat(4096));
    refused(() -> w.read("/big", 1024), RootException.class, "big");
  }
}
