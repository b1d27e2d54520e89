package org.jail4j.rc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jail4j.HostFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link RcConf#readFrom(Path)} and {@link RcConf#writeInto(Path)}: a jail root's rc.conf. */
class RcConfRootTest {
  @TempDir Path dir;

  private Path root() throws Exception {
    return Files.createDirectories(dir.resolve("root"));
  }

  /** A directory standing for the host's /etc, holding the host's rc.conf. */
  private Path hostEtc() throws Exception {
    Path etc = Files.createDirectories(dir.resolve("host-etc"));
    Files.writeString(etc.resolve("rc.conf"), "hostname=\"the-host\"\n");
    return etc;
  }

  static void mkfifo(Path p) throws Exception {
    Process pr = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
    assertThat(pr.waitFor()).isZero();
  }

  @Test
  void readFromReadsEtcRcConfUnderTheRoot() throws Exception {
    Path root = root();
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/rc.conf"), "sshd_enable=\"YES\"\n");
    assertThat(RcConf.readFrom(root).get("sshd_enable")).contains("YES");
  }

  @Test
  void readFromAMissingRcConfIsAnEmptyDocument() throws Exception {
    assertThat(RcConf.readFrom(root()).names()).isEmpty();
  }

  @Test
  void readFromRefusesASymlinkedEtc() throws Exception {
    Path root = root();
    HostFiles.symlink(root.resolve("etc"), hostEtc());
    assertThatThrownBy(() -> RcConf.readFrom(root))
        .isInstanceOf(RcConfException.class)
        .hasMessageContaining(root.resolve("etc").toString())
        .hasMessageContaining("is a symlink");
  }

  @Test
  void readFromRefusesASymlinkedRcConf() throws Exception {
    Path root = root();
    Files.createDirectories(root.resolve("etc"));
    HostFiles.symlink(root.resolve("etc/rc.conf"), hostEtc().resolve("rc.conf"));
    assertThatThrownBy(() -> RcConf.readFrom(root))
        .isInstanceOf(RcConfException.class)
        .hasMessageContaining("is a symlink");
  }

  @Test
  @Timeout(10)
  void readFromRefusesAFifoWithoutBlocking() throws Exception {
    Path root = root();
    Files.createDirectories(root.resolve("etc"));
    mkfifo(root.resolve("etc/rc.conf"));
    assertThatThrownBy(() -> RcConf.readFrom(root))
        .isInstanceOf(RcConfException.class)
        .hasMessageContaining("is not a regular file");
  }

  @Test
  void readFromRefusesADirectory() throws Exception {
    Path root = root();
    Files.createDirectories(root.resolve("etc/rc.conf"));
    assertThatThrownBy(() -> RcConf.readFrom(root))
        .isInstanceOf(RcConfException.class)
        .hasMessageContaining("is not a regular file (a directory)");
  }

  @Test
  void readFromRefusesAFileOverTheLimitNamingIt() throws Exception {
    Path root = root();
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/rc.conf"), "a=" + "x".repeat(2000) + "\n");
    assertThatThrownBy(() -> RcConf.readFrom(root, 1024))
        .isInstanceOfSatisfying(
            RcConfException.class,
            e -> {
              assertThat(e.limit()).contains("MAX_FILE_BYTES");
              assertThat(e.limitValue()).hasValue(1024);
            })
        .hasMessageContaining("is larger than MAX_FILE_BYTES (1024 bytes): 2003 bytes");
    assertThat(RcConf.readFrom(root, 4096).get("a")).hasValue("x".repeat(2000));
  }

  @Test
  void theDefaultLimitIs16MiB() {
    assertThat(RcConf.MAX_FILE_BYTES).isEqualTo(16L * 1024 * 1024);
  }

  @Test
  void readOfASparseThreeGibFileIsRefusedNotAnOutOfMemoryError() throws Exception {
    Path big = dir.resolve("rc.conf");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(3L * 1024 * 1024 * 1024);
    }
    assertThatThrownBy(() -> RcConf.read(big))
        .isInstanceOf(RcConfException.class)
        .hasMessageContaining("MAX_FILE_BYTES");
  }

  @Test
  void writeIntoReplacesEtcRcConfUnderTheRoot() throws Exception {
    Path root = root();
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/rc.conf"), "# keep\n");
    RcConf.readFrom(root).enable("sshd").writeInto(root);
    assertThat(Files.readString(root.resolve("etc/rc.conf")))
        .isEqualTo("# keep\nsshd_enable=\"YES\"\n");
    try (var s = Files.list(root.resolve("etc"))) {
      assertThat(s).hasSize(1); // no temporary file left
    }
  }

  @Test
  void writeIntoCreatesAMissingRcConf() throws Exception {
    Path root = root();
    Files.createDirectories(root.resolve("etc"));
    RcConf.readFrom(root).enable("sshd").writeInto(root);
    assertThat(Files.readString(root.resolve("etc/rc.conf"))).isEqualTo("sshd_enable=\"YES\"\n");
  }

  @Test
  void writeIntoRefusesASymlinkedEtcAndLeavesTheHostFileAlone() throws Exception {
    Path root = root();
    Path host = hostEtc();
    HostFiles.symlink(root.resolve("etc"), host);
    RcConf rc = RcConf.parse("hostname=\"jail\"\n");
    assertThatThrownBy(() -> rc.writeInto(root))
        .isInstanceOf(RcConfException.class)
        .hasMessageContaining("is a symlink");
    assertThat(Files.readString(host.resolve("rc.conf"))).isEqualTo("hostname=\"the-host\"\n");
    try (var s = Files.list(host)) {
      assertThat(s).hasSize(1);
    }
  }

  @Test
  void writeIntoRefusesASymlinkedRcConfAndLeavesItsTargetAlone() throws Exception {
    Path root = root();
    Path host = hostEtc().resolve("rc.conf");
    Files.createDirectories(root.resolve("etc"));
    HostFiles.symlink(root.resolve("etc/rc.conf"), host);
    assertThatThrownBy(() -> RcConf.parse("a=1\n").writeInto(root))
        .isInstanceOf(RcConfException.class)
        .hasMessageContaining("is a symlink");
    assertThat(Files.readString(host, StandardCharsets.UTF_8)).isEqualTo("hostname=\"the-host\"\n");
    assertThat(Files.isSymbolicLink(root.resolve("etc/rc.conf"))).isTrue();
  }

  @Test
  @Timeout(10)
  void writeIntoRefusesAFifo() throws Exception {
    Path root = root();
    Files.createDirectories(root.resolve("etc"));
    mkfifo(root.resolve("etc/rc.conf"));
    assertThatThrownBy(() -> RcConf.parse("a=1\n").writeInto(root))
        .isInstanceOf(RcConfException.class)
        .hasMessageContaining("is not a regular file");
  }

  @Test
  void writeIntoWithoutEtcIsRefused() throws Exception {
    Path root = root();
    assertThatThrownBy(() -> RcConf.parse("a=1\n").writeInto(root))
        .isInstanceOf(RcConfException.class)
        .hasMessageContaining("the directory does not exist");
  }
}
