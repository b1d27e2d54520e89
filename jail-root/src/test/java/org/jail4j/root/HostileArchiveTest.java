package org.jail4j.root;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile distribution sets: every entry that tries to write outside the root is refused, and a
 * witness proves nothing outside the root changed.
 */
@NeedsSecureDirectories
class HostileArchiveTest {
  @TempDir Path tmp;
  Path root;
  Path outside;
  Path secret;
  OutsideWitness witness;

  @BeforeEach
  void setUp() throws IOException {
    root = tmp.resolve("root");
    outside = tmp.resolve("outside");
    Files.createDirectories(outside.resolve("etc"));
    secret = outside.resolve("etc/master.passwd");
    Files.writeString(secret, "root:secret-hash:0:0::0:0:Charlie &:/root:/bin/csh\n");
    witness = OutsideWitness.of(outside);
  }

  @AfterEach
  void nothingOutsideChanged() throws IOException {
    assertThat(witness.now()).isEqualTo(witness.before());
    assertThat(tmp.resolve("escaped")).doesNotExist();
  }

  private RootReport extract(DistributionSetWriter w) throws IOException {
    DistributionSets sets = Sets.release(tmp.resolve("dist"), w);
    return RootBuilder.into(root).sets(sets, w.set()).populate();
  }

  private RootReport extractOver(DistributionSetWriter w) throws IOException {
    DistributionSets sets = Sets.release(tmp.resolve("dist"), w);
    return RootBuilder.into(root).sets(sets, w.set()).overwrite(true).populate();
  }

  private static DistributionSetWriter base() {
    return DistributionSetWriter.create("base").compressionPreset(0).directory("./", 0755);
  }

  @Test
  void dotDotEntryIsRefused() {
    assertThatThrownBy(() -> extract(base().file("./../escaped", "x", 0644)))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("\"./../escaped\"")
        .hasMessageContaining("\"..\" component");
  }

  @Test
  void dotDotInTheMiddleOfAnEntryIsRefused() {
    assertThatThrownBy(
            () -> extract(base().directory("./usr", 0755).file("./usr/../../escaped", "x", 0644)))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("\"..\" component");
  }

  @Test
  void absoluteEntryNameIsRefused() {
    String abs = outside.resolve("etc/absolute").toString();
    assertThatThrownBy(() -> extract(base().file(abs, "x", 0644)))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("absolute entry name");
    assertThat(outside.resolve("etc/absolute")).doesNotExist();
  }

  @Test
  void symlinkPlantedEarlierInTheArchiveIsNotFollowed() {
    DistributionSetWriter w =
        base()
            .symlink("./etc", outside.resolve("etc").toString())
            .file("./etc/master.passwd", "pwned", 0600);
    assertThatThrownBy(() -> extract(w))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("a parent is a symbolic link: etc");
  }

  @Test
  void relativeSymlinkToTheParentIsNotFollowed() {
    DistributionSetWriter w = base().symlink("./up", "..").file("./up/escaped", "pwned", 0644);
    assertThatThrownBy(() -> extract(w))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("a parent is a symbolic link: up");
  }

  @Test
  void symlinkAlreadyInTheRootIsNotFollowed() throws IOException {
    Files.createDirectories(root);
    Files.createSymbolicLink(root.resolve("etc"), outside.resolve("etc"));
    assertThatThrownBy(
            () ->
                extractOver(
                    base().directory("./etc", 0755).file("./etc/master.passwd", "pwned", 0600)))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("a symbolic link is in the way of a directory");
  }

  @Test
  void symlinkAlreadyInTheRootIsNotFollowedForAFileBelowIt() throws IOException {
    Files.createDirectories(root);
    Files.createSymbolicLink(root.resolve("etc"), outside.resolve("etc"));
    assertThatThrownBy(() -> extractOver(base().file("./etc/master.passwd", "pwned", 0600)))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("a parent is a symbolic link: etc");
  }

  @Test
  void symlinkReplacingACheckedDirectoryIsRefused() {
    DistributionSetWriter w =
        base()
            .directory("./etc", 0755)
            .symlink("./etc", outside.resolve("etc").toString())
            .file("./etc/master.passwd", "pwned", 0600);
    assertThatThrownBy(() -> extract(w))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("would replace a directory with a non-directory");
  }

  @Test
  void fileOverAPlantedSymlinkReplacesTheLinkNotItsTarget() throws IOException {
    Files.createDirectories(root.resolve("etc"));
    Files.createSymbolicLink(root.resolve("etc/master.passwd"), secret);
    extractOver(base().directory("./etc", 0755).file("./etc/master.passwd", "jail's own", 0600));
    assertThat(root.resolve("etc/master.passwd")).isRegularFile().hasContent("jail's own");
    assertThat(Files.isSymbolicLink(root.resolve("etc/master.passwd"))).isFalse();
  }

  @Test
  void fileOverAPlantedHardLinkDoesNotWriteIntoTheHostFile() throws IOException {
    Files.createDirectories(root.resolve("etc"));
    Files.createLink(root.resolve("etc/master.passwd"), secret);
    witness = OutsideWitness.of(outside); // the planted link raised the host file's link count
    extractOver(base().directory("./etc", 0755).file("./etc/master.passwd", "jail's own", 0600));
    assertThat(root.resolve("etc/master.passwd")).hasContent("jail's own");
    assertThat(secret).content(StandardCharsets.UTF_8).startsWith("root:secret-hash");
    // the planted link is gone, so the host file's link count drops back
    witness = OutsideWitness.of(outside);
  }

  @Test
  void hardLinkWithDotDotTargetIsRefused() {
    DistributionSetWriter w = base().hardLink("./stolen", "./../outside/etc/master.passwd");
    assertThatThrownBy(() -> extract(w))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining(
            "hard link target \"./../outside/etc/master.passwd\" is outside the root");
  }

  @Test
  void hardLinkWithAbsoluteTargetIsRefused() {
    DistributionSetWriter w = base().hardLink("./stolen", secret.toString());
    assertThatThrownBy(() -> extract(w))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("is outside the root");
    assertThat(root.resolve("stolen")).doesNotExist();
  }

  @Test
  void hardLinkThroughAPlantedSymlinkIsRefused() {
    DistributionSetWriter w =
        base()
            .symlink("./hostetc", outside.resolve("etc").toString())
            .hardLink("./stolen", "./hostetc/master.passwd");
    assertThatThrownBy(() -> extract(w))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("hard link target is not inside a real directory");
  }

  @Test
  void hardLinkToASymlinkIsRefused() {
    DistributionSetWriter w =
        base().symlink("./passwdlink", secret.toString()).hardLink("./stolen", "./passwdlink");
    assertThatThrownBy(() -> extract(w))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("hard link target is not a regular file in the root");
  }

  @Test
  void latin1NamesAreRefusedNotMergedIntoOneFile() throws IOException {
    // bytes 0xE9 and 0xE8: a UTF-8 reader that replaces them writes both as "caf?"
    Path txz =
        Sets.rawTxz(
            tmp.resolve("latin1.txz"),
            TarArchiveOutputStream.LONGFILE_ERROR,
            "ISO-8859-1",
            Sets.Raw.file(new TarArchiveEntry("./caf\u00e9"), "first"),
            Sets.Raw.file(new TarArchiveEntry("./caf\u00e8"), "second"));
    assertThatThrownBy(() -> RootBuilder.into(root).set("base", txz).unverified().populate())
        .isInstanceOf(RootException.class)
        .hasMessageContaining("refusing \"./caf\\xe9\": its name is not valid UTF-8");
    try (var s = Files.list(root)) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void utf8NamesThatDifferInOneLetterStayTwoFiles() throws IOException {
    Path txz =
        Sets.rawTxz(
            tmp.resolve("utf8.txz"),
            TarArchiveOutputStream.LONGFILE_ERROR,
            "UTF-8",
            Sets.Raw.file(new TarArchiveEntry("./caf\u00e9"), "first"),
            Sets.Raw.file(new TarArchiveEntry("./caf\u00e8"), "second"),
            Sets.Raw.file(new TarArchiveEntry("./\u65e5\u672c"), "third"));
    RootBuilder.into(root).set("base", txz).unverified().populate();
    assertThat(root.resolve("caf\u00e9")).hasContent("first");
    assertThat(root.resolve("caf\u00e8")).hasContent("second");
    assertThat(root.resolve("\u65e5\u672c")).hasContent("third");
  }

  @Test
  void paxNameBeyondLatin1IsKept() throws IOException {
    TarArchiveEntry e = new TarArchiveEntry("./plain");
    e.addPaxHeader("path", "./\u65e5\u672c-\u00e9");
    Path txz =
        Sets.rawTxz(
            tmp.resolve("paxname.txz"),
            TarArchiveOutputStream.LONGFILE_POSIX,
            Sets.Raw.file(e, "pax"));
    RootBuilder.into(root).set("base", txz).unverified().populate();
    assertThat(root.resolve("\u65e5\u672c-\u00e9")).hasContent("pax");
  }

  @Test
  void paxLongNameWithDotDotIsRefused() throws IOException {
    String longName = "./" + "a".repeat(120) + "/../../escaped";
    Path txz =
        Sets.rawTxz(
            tmp.resolve("pax.txz"),
            TarArchiveOutputStream.LONGFILE_POSIX,
            Sets.Raw.file(new TarArchiveEntry(longName, true), "pwned"));
    assertThatThrownBy(() -> RootBuilder.into(root).set("base", txz).unverified().populate())
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("\"..\" component");
  }

  @Test
  void gnuLongNameWithDotDotIsRefused() throws IOException {
    String longName = "./" + "b".repeat(120) + "/../../escaped";
    Path txz =
        Sets.rawTxz(
            tmp.resolve("gnu.txz"),
            TarArchiveOutputStream.LONGFILE_GNU,
            Sets.Raw.file(new TarArchiveEntry(longName, true), "pwned"));
    assertThatThrownBy(() -> RootBuilder.into(root).set("base", txz).unverified().populate())
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("\"..\" component");
  }

  @Test
  void paxPathHeaderOverridingAnInnocentNameIsChecked() throws IOException {
    TarArchiveEntry e = new TarArchiveEntry("./innocent", true);
    e.addPaxHeader("path", secret.toString());
    Path txz =
        Sets.rawTxz(
            tmp.resolve("paxpath.txz"),
            TarArchiveOutputStream.LONGFILE_POSIX,
            Sets.Raw.file(e, "pwned"));
    assertThatThrownBy(() -> RootBuilder.into(root).set("base", txz).unverified().populate())
        .isInstanceOf(UnsafePathException.class);
    assertThat(root.resolve("innocent")).doesNotExist();
  }

  @Test
  void paxLinkpathForAHardLinkOutsideIsRefused() throws IOException {
    TarArchiveEntry e = new TarArchiveEntry("./stolen", TarConstants.LF_LINK, true);
    e.setLinkName("./" + "c".repeat(120) + "/../../../outside/etc/master.passwd");
    Path txz =
        Sets.rawTxz(
            tmp.resolve("linkpath.txz"), TarArchiveOutputStream.LONGFILE_POSIX, Sets.Raw.of(e));
    assertThatThrownBy(() -> RootBuilder.into(root).set("base", txz).unverified().populate())
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("is outside the root");
  }

  @Test
  void theRootItselfCannotBecomeASymlink() {
    DistributionSetWriter w =
        DistributionSetWriter.create("base").compressionPreset(0).symlink(".", outside.toString());
    assertThatThrownBy(() -> extract(w))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("the root itself can only be a directory");
  }

  @Test
  void deviceNodesAndFifosAreNeverCreated() throws IOException {
    RootReport r =
        extract(
            base()
                .directory("./dev", 0555)
                .characterDevice("./dev/mem")
                .blockDevice("./dev/ada0")
                .fifo("./var-fifo")
                .file("./ok", "fine", 0644));
    assertThat(root.resolve("dev/mem")).doesNotExist();
    assertThat(root.resolve("dev/ada0")).doesNotExist();
    assertThat(Files.exists(root.resolve("var-fifo"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(root.resolve("ok")).hasContent("fine");
    assertThat(r.sets().get(0).skipped())
        .extracting(SkippedEntry::name, SkippedEntry::type)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("./dev/mem", "character device"),
            org.assertj.core.groups.Tuple.tuple("./dev/ada0", "block device"),
            org.assertj.core.groups.Tuple.tuple("./var-fifo", "fifo"));
  }

  @Test
  void refusedArchiveLeavesANewRootEmpty() throws IOException {
    DistributionSetWriter w =
        base()
            .directory("./bin", 0755)
            .file("./bin/sh", "#!", 0555)
            .file("./../escaped", "x", 0644);
    assertThatThrownBy(() -> extract(w)).isInstanceOf(UnsafePathException.class);
    try (var s = Files.list(root)) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void oldGnuSparseEntryIsRefused() throws IOException {
    TarArchiveEntry e = new TarArchiveEntry("./holes", TarConstants.LF_GNUTYPE_SPARSE);
    Path txz =
        Sets.rawTxz(
            tmp.resolve("raw/base.txz"),
            TarArchiveOutputStream.LONGFILE_GNU,
            Sets.Raw.file(e, "data"));
    assertThatThrownBy(() -> RootBuilder.into(root).set("base", txz).unverified().populate())
        .isInstanceOf(RootException.class)
        .hasMessageContaining("./holes")
        .hasMessageContaining("sparse");
    assertThat(root.resolve("holes")).doesNotExist();
  }
}
