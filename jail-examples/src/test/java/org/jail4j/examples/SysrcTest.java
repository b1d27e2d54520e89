package org.jail4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Sysrc} on temporary files, with the cases, outputs and exit statuses of FreeBSD's {@code
 * usr.sbin/sysrc/tests/sysrc_test.sh}. Every run gets {@code -D} with an empty defaults file unless
 * a case needs defaults.
 */
class SysrcTest {
  @TempDir Path dir;
  private Path conf;
  private Path noDefaults;

  @BeforeEach
  void files() throws IOException {
    conf = dir.resolve("sysrc_test.conf");
    noDefaults = dir.resolve("no-defaults");
  }

  record Run(int status, String out, String err) {}

  private Run sysrc(String... args) {
    List<String> all = new ArrayList<>(List.of("-D", noDefaults.toString()));
    all.addAll(List.of(args));
    return raw(all.toArray(String[]::new));
  }

  private Run raw(String... args) {
    Output out = new Output();
    Output err = new Output();
    int status = Sysrc.run(args, out.stream, err.stream);
    return new Run(status, out.text(), err.text());
  }

  private Run onConf(String... args) {
    List<String> all = new ArrayList<>(List.of("-f", conf.toString()));
    all.addAll(List.of(args));
    return sysrc(all.toArray(String[]::new));
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private String cat() throws IOException {
    return Files.readString(conf, StandardCharsets.UTF_8);
  }

  @Test
  void checkVariable() throws IOException {
    write(conf, "test_enable=\"NO\"\ntest_list=\"item1 item2\"\ntest2_list=\"\"\n");
    assertThat(onConf("test_enable")).isEqualTo(new Run(0, "test_enable: NO\n", ""));
    assertThat(onConf("test2_list")).isEqualTo(new Run(0, "test2_list: \n", ""));
    assertThat(onConf("test_enable", "test_list"))
        .isEqualTo(new Run(0, "test_enable: NO\ntest_list: item1 item2\n", ""));
    assertThat(onConf("noexist")).isEqualTo(new Run(1, "", "sysrc: unknown variable 'noexist'\n"));
    assertThat(onConf("test_enable", "noexist"))
        .isEqualTo(new Run(1, "test_enable: NO\n", "sysrc: unknown variable 'noexist'\n"));
    assertThat(onConf("-n", "test_enable")).isEqualTo(new Run(0, "NO\n", ""));
    assertThat(onConf("-i", "noexist")).isEqualTo(new Run(1, "", ""));
  }

  @Test
  void setVariable() throws IOException {
    assertThat(onConf("test_enable=YES")).isEqualTo(new Run(0, "test_enable:  -> YES\n", ""));
    assertThat(cat()).isEqualTo("test_enable=\"YES\"\n");
    assertThat(onConf("test_enable=YES")).isEqualTo(new Run(0, "test_enable: YES -> YES\n", ""));
    assertThat(cat()).isEqualTo("test_enable=\"YES\"\n");
    assertThat(onConf("test_enable=NO")).isEqualTo(new Run(0, "test_enable: YES -> NO\n", ""));
    assertThat(cat()).isEqualTo("test_enable=\"NO\"\n");
    assertThat(onConf("test2_enable=")).isEqualTo(new Run(0, "test2_enable:  -> \n", ""));
    assertThat(cat()).isEqualTo("test_enable=\"NO\"\ntest2_enable=\"\"\n");
  }

  @Test
  void removeVariableXFlag() throws IOException {
    write(conf, "test1_enable=\"YES\"\ntest2_enable=\"NO\"\ntest3_enable=\"\"\n");
    assertThat(onConf("-x", "test1_enable")).isEqualTo(new Run(0, "", ""));
    assertThat(cat()).isEqualTo("test2_enable=\"NO\"\ntest3_enable=\"\"\n");
    assertThat(onConf("-x", "test2_enable", "test3_enable")).isEqualTo(new Run(0, "", ""));
    assertThat(cat()).isEmpty();
    assertThat(onConf("-x", "noexist"))
        .isEqualTo(new Run(1, "", "sysrc: unknown variable 'noexist'\n"));
  }

  @Test
  void appendList() throws IOException {
    assertThat(onConf("test_list+=item1")).isEqualTo(new Run(0, "test_list:  -> item1\n", ""));
    assertThat(cat()).isEqualTo("test_list=\"item1\"\n");
    assertThat(onConf("test_list+=item1")).isEqualTo(new Run(0, "test_list: item1 -> item1\n", ""));
    assertThat(cat()).isEqualTo("test_list=\"item1\"\n");
    assertThat(onConf("test_list+=item2"))
        .isEqualTo(new Run(0, "test_list: item1 -> item1 item2\n", ""));
    assertThat(cat()).isEqualTo("test_list=\"item1 item2\"\n");
  }

  @Test
  void customDelimiter() throws IOException {
    assertThat(onConf("path+=,/bin,/sbin")).isEqualTo(new Run(0, "path:  -> /bin,/sbin\n", ""));
    assertThat(onConf("path+=,/sbin,/usr/bin"))
        .isEqualTo(new Run(0, "path: /bin,/sbin -> /bin,/sbin,/usr/bin\n", ""));
    assertThat(onConf("path-=,/sbin"))
        .isEqualTo(new Run(0, "path: /bin,/sbin,/usr/bin -> /bin,/usr/bin\n", ""));
    assertThat(cat()).isEqualTo("path=\"/bin,/usr/bin\"\n");
  }

  @Test
  void subtractList() throws IOException {
    write(conf, "test_list=\"item1 item2\"\n");
    assertThat(onConf("test_list-=item2"))
        .isEqualTo(new Run(0, "test_list: item1 item2 -> item1\n", ""));
    assertThat(cat()).isEqualTo("test_list=\"item1\"\n");
    assertThat(onConf("test_list-=item1")).isEqualTo(new Run(0, "test_list: item1 -> \n", ""));
    assertThat(cat()).isEqualTo("test_list=\"\"\n");
    assertThat(onConf("test_list-=item3")).isEqualTo(new Run(0, "test_list:  -> \n", ""));
    assertThat(cat()).isEqualTo("test_list=\"\"\n");
    assertThat(cat()).doesNotContain("test2_list");
    assertThat(onConf("test2_list-=item1")).isEqualTo(new Run(0, "test2_list:  -> \n", ""));
    assertThat(cat()).isEqualTo("test_list=\"\"\ntest2_list=\"\"\n");
  }

  @Test
  void multipleOperations() throws IOException {
    assertThat(onConf("test1_enable=YES", "test1_list+=item1"))
        .isEqualTo(new Run(0, "test1_enable:  -> YES\ntest1_list:  -> item1\n", ""));
    assertThat(cat()).isEqualTo("test1_enable=\"YES\"\ntest1_list=\"item1\"\n");

    assertThat(
            onConf(
                "test1_enable",
                "test1_enable=NO",
                "noexist",
                "test2_enable=YES",
                "test1_list-=item1",
                "test2_list+=item3"))
        .isEqualTo(
            new Run(
                1,
                "test1_enable: YES\n"
                    + "test1_enable: YES -> NO\n"
                    + "test2_enable:  -> YES\n"
                    + "test1_list: item1 -> \n"
                    + "test2_list:  -> item3\n",
                "sysrc: unknown variable 'noexist'\n"));
    assertThat(cat())
        .isEqualTo(
            "test1_enable=\"NO\"\ntest1_list=\"\"\ntest2_enable=\"YES\"\ntest2_list=\"item3\"\n");
  }

  @Test
  void aFlag() throws IOException {
    write(conf, "test_enable=\"YES\"\n");
    assertThat(onConf("-a")).isEqualTo(new Run(0, "test_enable: YES\n", ""));
  }

  /** sysrc's suite expects test_enable: NO only because its defaults lack source_rc_confs. */
  @Test
  void bigAFlag() throws IOException {
    Path defaults = dir.resolve("rc_defaults.conf");
    write(defaults, "rc_conf_files=\"" + conf + "\"\ntest_enable=\"NO\"\n");
    write(conf, "test_enable=\"YES\"\n");
    assertThat(raw("-D", defaults.toString(), "-A"))
        .isEqualTo(new Run(0, "rc_conf_files: " + conf + "\ntest_enable: YES\n", ""));
    assertThat(raw("-D", defaults.toString(), "-A", "-F"))
        .isEqualTo(new Run(0, "rc_conf_files: " + defaults + "\ntest_enable: " + conf + "\n", ""));
    assertThat(raw("-D", defaults.toString(), "-a"))
        .isEqualTo(new Run(0, "test_enable: YES\n", ""));
  }

  @Test
  void cFlag() throws IOException {
    write(conf, "test_enable=\"NO\"\ntest_list=\"item1 item2\"\n");
    String unknown = "sysrc: unknown variable 'noexist'\n";
    assertThat(onConf("-c", "test_enable")).isEqualTo(new Run(0, "", ""));
    assertThat(onConf("-c", "test_list")).isEqualTo(new Run(0, "", ""));
    assertThat(onConf("-c", "test_enable", "test_list")).isEqualTo(new Run(0, "", ""));
    assertThat(onConf("-c", "noexist")).isEqualTo(new Run(1, "", unknown));
    assertThat(onConf("-c", "test_enable", "noexist")).isEqualTo(new Run(1, "", unknown));
    assertThat(onConf("-c", "noexist1", "noexist2"))
        .isEqualTo(
            new Run(
                1, "", "sysrc: unknown variable 'noexist1'\nsysrc: unknown variable 'noexist2'\n"));

    assertThat(onConf("-c", "test_enable=NO").status()).isZero();
    assertThat(onConf("-c", "test_enable=YES").status()).isEqualTo(1);
    assertThat(onConf("-c", "noexist=YES").status()).isEqualTo(1);

    assertThat(onConf("-c", "test_list+=item1").status()).isZero();
    assertThat(onConf("-c", "test_list+=item3").status()).isEqualTo(1);
    assertThat(onConf("-c", "noexist+=item1").status()).isEqualTo(1);
    assertThat(onConf("-c", "test_enable=NO", "test_list+=item1").status()).isZero();
    assertThat(onConf("-c", "test_enable=YES", "test_list+=item1").status()).isEqualTo(1);
    assertThat(onConf("-c", "test_enable=NO", "test_list+=item3").status()).isEqualTo(1);
    assertThat(onConf("-c", "test_enable=YES", "test_list+=item3").status()).isEqualTo(1);

    assertThat(onConf("-c", "test_list-=item3").status()).isZero();
    assertThat(onConf("-c", "test_list-=item1").status()).isEqualTo(1);
    assertThat(onConf("-c", "noexist-=item1").status()).isEqualTo(1);
    assertThat(onConf("-c", "test_enable=NO", "test_list-=item3").status()).isZero();
    assertThat(onConf("-c", "test_enable=YES", "test_list-=item3").status()).isEqualTo(1);
    assertThat(onConf("-c", "test_enable=NO", "test_list-=item1").status()).isEqualTo(1);
    assertThat(onConf("-c", "test_enable=YES", "test_list-=item1").status()).isEqualTo(1);

    assertThat(cat()).isEqualTo("test_enable=\"NO\"\ntest_list=\"item1 item2\"\n");
  }

  @Test
  void dFlag() throws IOException {
    write(conf, "test_enable=\"NO\" # Test Description\n");
    assertThat(raw("-D", conf.toString(), "-d", "test_enable"))
        .isEqualTo(new Run(0, "test_enable: Test Description\n", ""));
  }

  @Test
  void fFlag() throws IOException {
    Path conf2 = dir.resolve("sysrc2.conf");
    write(conf2, "test_list=\"item1\"\ntest_enable=\"NO\"\n");

    assertThat(conf).doesNotExist();
    assertThat(onConf("noexist")).isEqualTo(new Run(1, "", "sysrc: unknown variable 'noexist'\n"));
    assertThat(conf).doesNotExist();
    assertThat(onConf("test_enable=YES")).isEqualTo(new Run(0, "test_enable:  -> YES\n", ""));
    assertThat(conf).exists();
    assertThat(onConf("test_enable")).isEqualTo(new Run(0, "test_enable: YES\n", ""));
    assertThat(sysrc("-f", conf2.toString(), "-f", conf.toString(), "test_enable"))
        .isEqualTo(new Run(0, "test_enable: YES\n", ""));
    assertThat(sysrc("-f", conf + "," + conf2, "test_enable"))
        .isEqualTo(new Run(0, "test_enable: NO\n", ""));
    assertThat(sysrc("-f", conf2.toString(), "-f", conf.toString(), "-a"))
        .isEqualTo(new Run(0, "test_enable: YES\ntest_list: item1\n", ""));
  }

  @Test
  void bigFFlag() throws IOException {
    Path conf2 = dir.resolve("sysrc2.conf");
    write(conf2, "test_list=\"item1\"\n");
    write(conf, "test_enable=\"NO\"\n");
    assertThat(onConf("-F", "test_enable"))
        .isEqualTo(new Run(0, "test_enable: " + conf + "\n", ""));
    assertThat(sysrc("-f", conf2.toString(), "-F", "test_list"))
        .isEqualTo(new Run(0, "test_list: " + conf2 + "\n", ""));
    assertThat(
            sysrc("-f", conf.toString(), "-f", conf2.toString(), "-F", "test_enable", "test_list"))
        .isEqualTo(new Run(0, "test_enable: " + conf + "\ntest_list: " + conf2 + "\n", ""));
  }

  @Test
  void badUsage() {
    assertThat(sysrc().status()).isEqualTo(1);
    assertThat(sysrc("-Z", "x").err()).startsWith("sysrc: illegal option -- Z\nusage: sysrc");
    assertThat(sysrc("a.b=c"))
        .isEqualTo(new Run(1, "", "sysrc: a.b: name contains characters not allowed in shell\n"));
    assertThat(sysrc("-x", "-A").err()).contains("incompatible");
    assertThat(sysrc("-c", "-a").err()).contains("incompatible");
    assertThat(sysrc("-f").err()).contains("option requires an argument -- f");
  }

  @Test
  void layeredWithoutDashF() throws IOException {
    Path defaults = dir.resolve("defaults");
    Path local = dir.resolve("rc.conf.local");
    write(
        defaults,
        "sshd_enable=\"NO\"\t# Enable sshd\nrc_conf_files=\"" + conf + " " + local + "\"\n");
    write(local, "hostname=\"web\"\n");
    String d = defaults.toString();
    assertThat(raw("-D", d, "sshd_enable=YES", "hostname=db"))
        .isEqualTo(new Run(0, "sshd_enable: NO -> YES\nhostname: web -> db\n", ""));
    assertThat(cat()).isEqualTo("sshd_enable=\"YES\"\n");
    assertThat(Files.readString(local)).isEqualTo("hostname=\"db\"\n");
    assertThat(raw("-D", d, "-F", "sshd_enable=NO"))
        .isEqualTo(new Run(0, "sshd_enable: " + conf + " -> " + conf + "\n", ""));
    assertThat(raw("-D", d, "-d", "sshd_enable"))
        .isEqualTo(new Run(0, "sshd_enable: Enable sshd\n", ""));
    assertThat(raw("-D", d, "-n", "-x", "sshd_enable", "hostname")).isEqualTo(new Run(0, "", ""));
    assertThat(raw("-D", d, "sshd_enable")).isEqualTo(new Run(0, "sshd_enable: NO\n", ""));
    assertThat(cat()).isEmpty();
  }

  @Test
  void aFileThatShCannotReadIsAnError() throws IOException {
    write(conf, "a=\"unterminated\n");
    Run r = onConf("a");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains("unterminated double quote");
  }
}
