package org.jail4j.rc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jail4j.HostFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RcConfFiles}: sysrc's layered reads, its choice of file for writes, and the limits. */
class RcConfFilesTest {
  @TempDir Path dir;
  private Path defaults;
  private Path rcConf;
  private Path rcConfLocal;

  @BeforeEach
  void files() throws IOException {
    defaults = dir.resolve("defaults");
    rcConf = dir.resolve("rc.conf");
    rcConfLocal = dir.resolve("rc.conf.local");
    write(
        defaults,
        "#!/bin/sh\n"
            + "sshd_enable=\"NO\"\t\t# Enable sshd\n"
            + "early_late_divider=\"FILESYSTEMS\"\t# Script that separates early/late\n"
            + "\t\t\t# stages of the boot process.  Make sure you know\n"
            + "\t\t\t# the ramifications if you change this.\n"
            + "#kld_list=\"\" \t\t# Kernel modules to load\n"
            + "cloned_interfaces=\"\"\t\t# List of cloned network interfaces to create.\n"
            + "hostname=\"\"\n"
            + "cron_flags=\"\"\n"
            + "rc_conf_files=\""
            + rcConf
            + " "
            + rcConfLocal
            + "\"\n");
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private static String cat(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  @Test
  void laterFilesOverrideEarlierOnesAndMissingFilesAreEmpty() throws IOException {
    write(rcConf, "sshd_enable=\"YES\"\nhostname=\"a\"\n");
    RcConfFiles rc = RcConfFiles.read(defaults);
    assertThat(rc.files()).containsExactly(rcConf, rcConfLocal);
    assertThat(rc.get("sshd_enable")).contains("YES");
    assertThat(rc.get("hostname")).contains("a");
    assertThat(rc.get("cloned_interfaces")).contains("");
    assertThat(rc.get("nothing")).isEmpty();

    write(rcConfLocal, "hostname=\"b\"\n");
    assertThat(RcConfFiles.read(defaults).get("hostname")).contains("b");
    assertThat(RcConfFiles.read(dir.resolve("missing")).values()).isEmpty();
  }

  @Test
  void valuesAreExpandedAsSourcingDoes() throws IOException {
    write(rcConf, "cron_flags=\"${cron_flags} -J 15\"\n");
    assertThat(RcConfFiles.read(defaults).get("cron_flags")).contains(" -J 15");
  }

  @Test
  void aFileCanAddFilesForTheSecondPass() throws IOException {
    Path extra = dir.resolve("rc.conf.extra");
    write(rcConf, "rc_conf_files=\"" + rcConf + " " + extra + "\"\n");
    write(extra, "hostname=\"extra\"\n");
    RcConfFiles rc = RcConfFiles.read(defaults);
    assertThat(rc.sourced()).containsExactly(rcConf, rcConfLocal, extra);
    assertThat(rc.files()).containsExactly(rcConf, extra);
    assertThat(rc.get("hostname")).contains("extra");
    assertThat(rc.fileOf("hostname")).contains(extra);
  }

  @Test
  void aFileNamingItselfIsReadOnce() throws IOException {
    write(rcConf, "rc_conf_files=\"" + rcConf + " " + rcConf + "\"\nn=\"${n}x\"\n");
    RcConfFiles rc = RcConfFiles.read(defaults);
    assertThat(rc.sourced()).containsExactly(rcConf, rcConfLocal);
    assertThat(rc.get("n")).contains("x");
  }

  @Test
  void tooManyFilesIsATypedErrorNamingTheLimit() throws IOException {
    StringBuilder list = new StringBuilder();
    for (int i = 0; i <= RcConfFiles.MAX_RC_CONF_FILES; i++) {
      list.append(dir.resolve("f" + i)).append(' ');
    }
    write(rcConf, "rc_conf_files=\"" + list + "\"\n");
    assertThatThrownBy(() -> RcConfFiles.read(defaults))
        .isInstanceOfSatisfying(
            RcConfException.class,
            e -> {
              assertThat(e.limit()).contains("MAX_RC_CONF_FILES");
              assertThat(e.limitValue()).hasValue(RcConfFiles.MAX_RC_CONF_FILES);
            })
        .hasMessageContaining("more than MAX_RC_CONF_FILES (64)");
    List<Path> many = new ArrayList<>();
    for (int i = 0; i <= RcConfFiles.MAX_RC_CONF_FILES; i++) {
      many.add(dir.resolve("f" + i));
    }
    assertThatThrownBy(() -> RcConfFiles.read(null, many))
        .isInstanceOfSatisfying(
            RcConfException.class, e -> assertThat(e.limit()).contains("MAX_RC_CONF_FILES"));
    assertThatThrownBy(() -> RcConfFiles.read(null, List.of())).isInstanceOf(RcConfException.class);
  }

  @Test
  void everyFileIsHeldToMaxFileBytes() throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(rcConfLocal.toFile(), "rw")) {
      f.setLength(RcConf.MAX_FILE_BYTES + 1); // sparse: costs nothing
    }
    assertThatThrownBy(() -> RcConfFiles.read(defaults))
        .isInstanceOfSatisfying(
            RcConfException.class, e -> assertThat(e.limit()).contains("MAX_FILE_BYTES"));
    assertThatThrownBy(() -> RcConfFiles.read(rcConfLocal))
        .isInstanceOfSatisfying(
            RcConfException.class, e -> assertThat(e.limit()).contains("MAX_FILE_BYTES"));
  }

  @Test
  void aDirectoryInTheListIsRefused() throws IOException {
    Files.createDirectory(rcConfLocal);
    assertThatThrownBy(() -> RcConfFiles.read(defaults))
        .isInstanceOf(RcConfException.class)
        .hasMessageContaining("not a regular file");
  }

  @Test
  void whichFileFindsTheLastFileThenTheDefaults() throws IOException {
    write(rcConf, "hostname=\"a\"\nsshd_enable=\"YES\"\n");
    write(rcConfLocal, "hostname=\"b\"\n");
    RcConfFiles rc = RcConfFiles.read(defaults);
    assertThat(rc.fileOf("hostname")).contains(rcConfLocal);
    assertThat(rc.fileOf("sshd_enable")).contains(rcConf);
    assertThat(rc.fileOf("cron_flags")).contains(defaults);
    assertThat(rc.fileOf("nothing")).isEmpty();
  }

  @Test
  void writesGoToTheFileOfTheLastAssignmentElseTheFirstFile() throws IOException {
    write(rcConf, "sshd_enable=\"YES\"\n");
    write(rcConfLocal, "hostname=\"b\"\n");
    RcConfFiles rc = RcConfFiles.read(defaults);
    assertThat(rc.fileFor("hostname")).isEqualTo(rcConfLocal);
    assertThat(rc.fileFor("cron_flags")).isEqualTo(rcConf); // only in the defaults
    assertThat(rc.fileFor("nothing")).isEqualTo(rcConf);
    rc.set("hostname", "c")
        .set("cron_flags", "-J 15")
        .apply(RcEdit.parse("cloned_interfaces+=lo1"));
    assertThat(rc.changedFiles()).containsExactly(rcConfLocal, rcConf);
    rc.write();
    assertThat(cat(rcConfLocal)).isEqualTo("hostname=\"c\"\n");
    assertThat(cat(rcConf))
        .isEqualTo("sshd_enable=\"YES\"\ncron_flags=\"-J 15\"\ncloned_interfaces=\"lo1\"\n");
    assertThat(cat(defaults)).contains("cron_flags=\"\"\n"); // never edited
    assertThat(rc.changedFiles()).isEmpty();
  }

  @Test
  void appendStartsFromTheLayeredValue() throws IOException {
    write(rcConf, "cloned_interfaces=\"lo1\"\n");
    write(rcConfLocal, "cloned_interfaces=\"${cloned_interfaces} lo2\"\n");
    RcConfFiles rc = RcConfFiles.read(defaults);
    assertThat(rc.newValue(RcEdit.parse("cloned_interfaces+=lo3 lo1"))).isEqualTo("lo1 lo2 lo3");
    assertThat(rc.check(RcEdit.parse("cloned_interfaces+=lo2"))).isTrue();
    rc.apply(RcEdit.parse("cloned_interfaces+=lo3"));
    rc.write();
    assertThat(cat(rcConfLocal)).isEqualTo("cloned_interfaces=\"lo1 lo2 lo3\"\n");
  }

  @Test
  void removeDeletesFromEveryFileButNotTheDefaults() throws IOException {
    write(rcConf, "# web\nhostname=\"a\"\nsshd_enable=\"YES\"\nhostname=\"a2\"\n");
    write(rcConfLocal, "hostname=\"b\"\n");
    RcConfFiles rc = RcConfFiles.read(defaults);
    assertThat(rc.remove("hostname")).isTrue();
    assertThat(rc.get("hostname")).contains(""); // the defaults' value remains
    assertThat(rc.remove("cron_flags")).isFalse(); // only in the defaults
    rc.write();
    assertThat(cat(rcConf)).isEqualTo("# web\nsshd_enable=\"YES\"\n");
    assertThat(cat(rcConfLocal)).isEmpty();
  }

  @Test
  void checkChangesNothing() throws IOException {
    write(rcConf, "sshd_enable=\"YES\"\n");
    RcConfFiles rc = RcConfFiles.read(defaults);
    assertThat(rc.check(RcEdit.parse("sshd_enable=YES"))).isTrue();
    assertThat(rc.check(RcEdit.parse("sshd_enable=NO"))).isFalse();
    assertThat(rc.check(RcEdit.parse("hostname=")))
        .isTrue(); // set in the defaults to the same value
    assertThat(rc.check(RcEdit.parse("nothing-=x"))).isFalse(); // unset
    assertThat(rc.changedFiles()).isEmpty();
    assertThat(rcConfLocal).doesNotExist();
  }

  @Test
  void allVariablesAndTheNonDefaultOnes() throws IOException {
    write(rcConf, "sshd_enable=\"YES\"\nzfs_enable=\"YES\"\n");
    RcConfFiles rc = RcConfFiles.read(defaults);
    assertThat(rc.values().keySet())
        .containsExactly(
            "cloned_interfaces",
            "cron_flags",
            "early_late_divider",
            "hostname",
            "rc_conf_files",
            "sshd_enable",
            "zfs_enable");
    assertThat(rc.values()).containsEntry("sshd_enable", "YES");
    assertThat(rc.nonDefaultValues())
        .containsExactly(Map.entry("sshd_enable", "YES"), Map.entry("zfs_enable", "YES"));
  }

  @Test
  void describeJoinsTheCommentLines() throws IOException {
    RcConfFiles rc = RcConfFiles.read(defaults);
    assertThat(rc.describe("sshd_enable")).contains("Enable sshd");
    assertThat(rc.describe("early_late_divider"))
        .contains(
            "Script that separates early/late stages of the boot process.  Make sure you know"
                + " the ramifications if you change this.");
    assertThat(rc.describe("cloned_interfaces"))
        .contains("List of cloned network interfaces to create.");
    assertThat(rc.describe("hostname")).contains("");
    assertThat(rc.describe("kld_list")).isEmpty(); // commented out
    assertThat(RcConf.describe(dir.resolve("missing"), "sshd_enable")).isEmpty();
    assertThat(RcConf.parse("a=1 # one\n# two\n#b=2 # not this\n").describe("a"))
        .contains("one two");
    assertThat(RcConf.parse("a=1 # one\n\n# not this\n").describe("a")).contains("one");
    assertThatThrownBy(() -> rc.describe("1x")).isInstanceOf(RcConfException.class);
  }

  @Test
  void quotingFollowsSysrc() throws IOException {
    write(rcConf, "a=YES\nb='x' # kept\nc=\"x\"\n");
    RcConfFiles rc = RcConfFiles.read(defaults);
    rc.set("a", "NO").set("b", "y").set("c", "y").set("d", "say \"hi\" $HOME");
    rc.write();
    assertThat(cat(rcConf))
        .isEqualTo("a=\"NO\"\nb='y' # kept\nc=\"y\"\nd=\"say \\\"hi\\\" \\$HOME\"\n");
    assertThat(RcConfFiles.read(defaults).get("d")).contains("say \"hi\" $HOME");

    rc = RcConfFiles.read(defaults);
    rc.set("b", "it's");
    rc.setRaw("cron_flags", "\"${cron_flags} -J 15\"");
    rc.write();
    assertThat(cat(rcConf))
        .contains("b=\"it's\" # kept\n")
        .endsWith("cron_flags=\"${cron_flags} -J 15\"\n");
    assertThat(RcConfFiles.read(defaults).get("cron_flags")).contains(" -J 15");
  }

  @Test
  void anEmptyFileListCannotBeWritten() throws IOException {
    write(defaults, "rc_conf_files=\"\"\n");
    RcConfFiles rc = RcConfFiles.read(defaults);
    assertThat(rc.files()).isEmpty();
    assertThatThrownBy(() -> rc.set("a", "b"))
        .isInstanceOf(RcConfException.class)
        .hasMessageContaining("rc_conf_files is empty");
  }

  @Test
  void defaultsGivenAsADocument() throws IOException {
    write(rcConf, "a=\"2\"\n");
    RcConfFiles rc = RcConfFiles.of(RcConf.parse("a=\"1\"\nb=\"1\" # bee\n"), List.of(rcConf));
    assertThat(rc.get("a")).contains("2");
    assertThat(rc.get("b")).contains("1");
    assertThat(rc.fileOf("b")).isEmpty(); // the defaults have no file
    assertThat(rc.describe("b")).contains("bee");
    assertThat(rc.defaultsFile()).isEmpty();
  }

  @Test
  void writeKeepsThePermissions() throws IOException {
    HostFiles.assumePosix(dir);
    write(rcConf, "a=\"1\"\n");
    Files.setPosixFilePermissions(rcConf, PosixFilePermissions.fromString("rw-r-----"));
    RcConfFiles rc = RcConfFiles.read(defaults);
    rc.set("a", "2").set("x", "y");
    rc.remove("a");
    rc.write();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(rcConf)))
        .isEqualTo("rw-r-----");
    Path fresh = dir.resolve("fresh.conf");
    RcConfFiles f = RcConfFiles.read(null, List.of(fresh));
    f.set("a", "1").write();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)))
        .isEqualTo("rw-r--r--");
  }

  @Test
  void differencesFromSysrcListedInTheDocs() throws IOException {
    write(rcConf, "\n\na=$b\nm=\"x\ny\"\nc=1; d=2\nlast=\"1\"");
    RcConfFiles rc = RcConfFiles.read(defaults);
    rc.set("a", "new").set("last", "2");
    rc.remove("m");
    rc.remove("c");
    rc.write();
    // in place (sysrc appends a="new"), blank lines at the top kept, no final newline kept,
    // the whole multi-line statement deleted, "c=1; d=2" kept (a shell statement)
    assertThat(cat(rcConf)).isEqualTo("\n\na=\"new\"\nc=1; d=2\nlast=\"2\"");
  }
}
