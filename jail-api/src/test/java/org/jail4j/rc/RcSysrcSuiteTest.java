package org.jail4j.rc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FreeBSD's {@code usr.sbin/sysrc/tests/sysrc_test.sh}, case by case, through {@link RcConfFiles}:
 * each {@code sysrc -f FILE ...} run is one {@link RcConfFiles#read(Path, List)}, its changes and
 * {@link RcConfFiles#write()}; the file contents asserted are the ones the suite expects. The one
 * case that differs ({@code A_flag}) says why.
 */
class RcSysrcSuiteTest {
  @TempDir Path dir;
  private Path conf;

  @BeforeEach
  void names() {
    conf = dir.resolve("sysrc_test.conf");
  }

  private RcConfFiles sysrc(Path... files) {
    return RcConfFiles.read(null, List.of(files));
  }

  /** One sysrc run applying the changes in order, then writing. */
  private void run(String... changes) {
    RcConfFiles rc = sysrc(conf);
    for (String c : changes) {
      rc.apply(RcEdit.parse(c));
    }
    rc.write();
  }

  private void write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private String cat(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  @Test
  void checkVariable() throws IOException {
    write(conf, "test_enable=\"NO\"\ntest_list=\"item1 item2\"\ntest2_list=\"\"\n");
    RcConfFiles rc = sysrc(conf);
    assertThat(rc.get("test_enable")).contains("NO");
    assertThat(rc.get("test2_list")).contains("");
    assertThat(rc.get("test_list")).contains("item1 item2");
    assertThat(rc.get("noexist")).isEmpty(); // sysrc: unknown variable 'noexist', exit 1
  }

  @Test
  void setVariable() throws IOException {
    run("test_enable=YES"); // previously unset
    assertThat(cat(conf)).isEqualTo("test_enable=\"YES\"\n");
    run("test_enable=YES");
    assertThat(cat(conf)).isEqualTo("test_enable=\"YES\"\n");
    run("test_enable=NO");
    assertThat(cat(conf)).isEqualTo("test_enable=\"NO\"\n");
    run("test2_enable=");
    assertThat(cat(conf)).isEqualTo("test_enable=\"NO\"\ntest2_enable=\"\"\n");
  }

  @Test
  void removeVariableXFlag() throws IOException {
    write(conf, "test1_enable=\"YES\"\ntest2_enable=\"NO\"\ntest3_enable=\"\"\n");
    RcConfFiles rc = sysrc(conf);
    assertThat(rc.remove("test1_enable")).isTrue();
    rc.write();
    assertThat(cat(conf)).isEqualTo("test2_enable=\"NO\"\ntest3_enable=\"\"\n");

    rc = sysrc(conf);
    rc.remove("test2_enable");
    rc.remove("test3_enable");
    rc.write();
    assertThat(cat(conf)).isEmpty();

    rc = sysrc(conf);
    assertThat(rc.contains("noexist")).isFalse(); // sysrc: unknown variable 'noexist', exit 1
    assertThat(rc.remove("noexist")).isFalse();
    assertThat(rc.changedFiles()).isEmpty();
  }

  @Test
  void appendList() throws IOException {
    run("test_list+=item1");
    assertThat(cat(conf)).isEqualTo("test_list=\"item1\"\n");
    run("test_list+=item1");
    assertThat(cat(conf)).isEqualTo("test_list=\"item1\"\n");
    run("test_list+=item2");
    assertThat(cat(conf)).isEqualTo("test_list=\"item1 item2\"\n");
  }

  @Test
  void subtractList() throws IOException {
    write(conf, "test_list=\"item1 item2\"\n");
    run("test_list-=item2");
    assertThat(cat(conf)).isEqualTo("test_list=\"item1\"\n");
    run("test_list-=item1");
    assertThat(cat(conf)).isEqualTo("test_list=\"\"\n");
    run("test_list-=item3");
    assertThat(cat(conf)).isEqualTo("test_list=\"\"\n");

    // subtracting from an unset variable creates it empty, by design (sysrc(8))
    assertThat(cat(conf)).doesNotContain("test2_list");
    run("test2_list-=item1");
    assertThat(cat(conf)).isEqualTo("test_list=\"\"\ntest2_list=\"\"\n");
  }

  @Test
  void multipleOperations() throws IOException {
    run("test1_enable=YES", "test1_list+=item1");
    assertThat(cat(conf)).isEqualTo("test1_enable=\"YES\"\ntest1_list=\"item1\"\n");

    // test1_enable test1_enable=NO noexist test2_enable=YES test1_list-=item1 test2_list+=item3
    RcConfFiles rc = sysrc(conf);
    assertThat(rc.get("test1_enable")).contains("YES");
    rc.apply(RcEdit.parse("test1_enable=NO"));
    assertThat(rc.contains("noexist")).isFalse();
    rc.apply(RcEdit.parse("test2_enable=YES"));
    rc.apply(RcEdit.parse("test1_list-=item1"));
    rc.apply(RcEdit.parse("test2_list+=item3"));
    assertThat(rc.get("test1_list")).contains("");
    assertThat(rc.get("test2_list")).contains("item3");
    rc.write();
    assertThat(cat(conf))
        .isEqualTo(
            "test1_enable=\"NO\"\ntest1_list=\"\"\ntest2_enable=\"YES\"\ntest2_list=\"item3\"\n");
  }

  @Test
  void aFlag() throws IOException {
    write(conf, "test_enable=\"YES\"\n");
    assertThat(sysrc(conf).nonDefaultValues()).isEqualTo(Map.of("test_enable", "YES"));
  }

  /**
   * The suite's defaults file lacks the {@code source_rc_confs} function, so sysrc prints {@code
   * source_rc_confs: not found} and reads only the defaults ({@code test_enable: NO}). jail4j
   * sources {@code rc_conf_files} itself, as the function in every real defaults file does, so the
   * file's {@code test_enable="YES"} wins.
   */
  @Test
  void bigAFlagReadsTheDefaultsAndRcConfFiles() throws IOException {
    Path defaults = dir.resolve("rc_defaults.conf");
    write(defaults, "rc_conf_files=\"" + conf + "\"\ntest_enable=\"NO\"\n");
    write(conf, "test_enable=\"YES\"\n");
    assertThat(RcConfFiles.read(defaults).values())
        .containsExactly(
            Map.entry("rc_conf_files", conf.toString()), Map.entry("test_enable", "YES"));
    assertThat(RcConfFiles.read(defaults).defaults().evaluate(Map.of()))
        .containsEntry("test_enable", "NO"); // what the suite's sysrc prints
  }

  @Test
  void cFlag() throws IOException {
    write(conf, "test_enable=\"NO\"\ntest_list=\"item1 item2\"\n");
    RcConfFiles rc = sysrc(conf);
    // -c name: set or not
    assertThat(rc.contains("test_enable")).isTrue();
    assertThat(rc.contains("test_list")).isTrue();
    assertThat(rc.contains("noexist")).isFalse();
    // assignment
    assertThat(rc.check(RcEdit.parse("test_enable=NO"))).isTrue();
    assertThat(rc.check(RcEdit.parse("test_enable=YES"))).isFalse();
    assertThat(rc.check(RcEdit.parse("noexist=YES"))).isFalse();
    // append
    assertThat(rc.check(RcEdit.parse("test_list+=item1"))).isTrue();
    assertThat(rc.check(RcEdit.parse("test_list+=item3"))).isFalse();
    assertThat(rc.check(RcEdit.parse("noexist+=item1"))).isFalse();
    // subtract
    assertThat(rc.check(RcEdit.parse("test_list-=item3"))).isTrue();
    assertThat(rc.check(RcEdit.parse("test_list-=item1"))).isFalse();
    assertThat(rc.check(RcEdit.parse("noexist-=item1"))).isFalse();
    // nothing changed
    assertThat(rc.changedFiles()).isEmpty();
    assertThat(cat(conf)).isEqualTo("test_enable=\"NO\"\ntest_list=\"item1 item2\"\n");
  }

  @Test
  void dFlag() throws IOException {
    write(conf, "test_enable=\"NO\" # Test Description\n");
    assertThat(RcConf.describe(conf, "test_enable")).contains("Test Description");
    assertThat(RcConfFiles.read(conf).describe("test_enable")).contains("Test Description");
  }

  @Test
  void fFlag() throws IOException {
    Path conf2 = dir.resolve("sysrc2.conf");
    write(conf2, "test_list=\"item1\"\ntest_enable=\"NO\"\n");

    assertThat(sysrc(conf).contains("noexist")).isFalse();
    assertThat(conf).doesNotExist();
    run("test_enable=YES");
    assertThat(conf).exists();
    assertThat(sysrc(conf).get("test_enable")).contains("YES");
    // -f file order impacts final settings
    assertThat(sysrc(conf2, conf).get("test_enable")).contains("YES");
    assertThat(sysrc(conf, conf2).get("test_enable")).contains("NO");
    assertThat(sysrc(conf2, conf).nonDefaultValues())
        .containsExactly(Map.entry("test_enable", "YES"), Map.entry("test_list", "item1"));
  }

  @Test
  void bigFFlag() throws IOException {
    Path conf2 = dir.resolve("sysrc2.conf");
    write(conf2, "test_list=\"item1\"\n");
    write(conf, "test_enable=\"NO\"\n");
    assertThat(sysrc(conf).fileOf("test_enable")).contains(conf);
    assertThat(sysrc(conf2).fileOf("test_list")).contains(conf2);
    RcConfFiles both = sysrc(conf, conf2);
    assertThat(both.fileOf("test_enable")).contains(conf);
    assertThat(both.fileOf("test_list")).contains(conf2);
  }
}
