package org.jail4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jail4j.conf.JailConf;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link JailConfEdit} on a temporary jail.conf: each operand, the choices, and the failures. */
class JailConfEditTest {
  private static final String FILE =
      "# defaults for every jail\n"
          + "exec.start = \"/bin/sh /etc/rc\";\n"
          + "path = \"/var/jail/$name\";\n"
          + "\n"
          + "web {\n"
          + "  host.hostname = web;  # public\n"
          + "  ip4.addr = 10.0.0.1;\n"
          + "}\n"
          + "\n"
          + "web.api {\n"
          + "  ip4.addr = 10.0.0.9;\n"
          + "}\n"
          + "\n"
          + "db {\n"
          + "  ip4.addr = 10.0.0.2;\n"
          + "}\n";

  @TempDir Path dir;
  private Path conf;

  @BeforeEach
  void file() throws IOException {
    conf = dir.resolve("jail.conf");
    Files.writeString(conf, FILE, StandardCharsets.UTF_8);
  }

  record Run(int status, String out, String err) {}

  private Run edit(String... args) {
    List<String> all = new ArrayList<>(List.of("-f", conf.toString()));
    all.addAll(List.of(args));
    Output out = new Output();
    Output err = new Output();
    int status = JailConfEdit.run(all.toArray(String[]::new), out.stream, err.stream);
    return new Run(status, out.text(), err.text());
  }

  private String cat() throws IOException {
    return Files.readString(conf, StandardCharsets.UTF_8);
  }

  @Test
  void printsAJailsValues() throws IOException {
    assertThat(edit("web.path", "db.ip4.addr"))
        .isEqualTo(new Run(0, "web.path: /var/jail/web\ndb.ip4.addr: 10.0.0.2\n", ""));
    assertThat(cat()).isEqualTo(FILE);
  }

  @Test
  void setChangesOneLine() throws IOException {
    assertThat(edit("web.host.hostname=www.example.org"))
        .isEqualTo(new Run(0, "web.host.hostname: web -> www.example.org\n", ""));
    assertThat(cat()).isEqualTo(FILE.replace("hostname = web;", "hostname = www.example.org;"));
  }

  @Test
  void theLongestJailNameWins() throws IOException {
    assertThat(edit("web.api.host.hostname=api").out())
        .isEqualTo("web.api.host.hostname:  -> api\n");
    assertThat(cat())
        .isEqualTo(
            FILE.replace(
                "  ip4.addr = 10.0.0.9;\n", "  ip4.addr = 10.0.0.9;\n  host.hostname = api;\n"));
  }

  @Test
  void appendAddsAValue() throws IOException {
    assertThat(edit("db.ip4.addr+=10.0.0.12"))
        .isEqualTo(new Run(0, "db.ip4.addr: 10.0.0.2 -> 10.0.0.2,10.0.0.12\n", ""));
    assertThat(cat()).contains("  ip4.addr = 10.0.0.2;\n  ip4.addr += 10.0.0.12;\n}");
  }

  @Test
  void anEmptyValueWritesAValuelessStatement() throws IOException {
    assertThat(edit("db.persist=").status()).isZero();
    assertThat(cat()).contains("  persist;\n");
    assertThat(JailConf.read(conf).jail("db").orElseThrow().values("persist")).hasValue(List.of());
  }

  @Test
  void removeTakesTheLine() throws IOException {
    assertThat(edit("-x", "web.host.hostname")).isEqualTo(new Run(0, "", ""));
    assertThat(cat()).isEqualTo(FILE.replace("  host.hostname = web;  # public\n", ""));
  }

  @Test
  void aSharedValueNeedsAChoice() throws IOException {
    Run refused = edit("db.exec.start=/bin/sh /etc/rc.db");
    assertThat(refused.status()).isEqualTo(1);
    assertThat(refused.err()).contains("web, web.api also read").contains("OVERRIDE_IN_JAIL");
    assertThat(cat()).isEqualTo(FILE);
    assertThat(edit("-o", "db.exec.start=/bin/sh /etc/rc.db").status()).isZero();
    assertThat(cat()).contains("  exec.start = \"/bin/sh /etc/rc.db\";\n");
    assertThat(JailConf.read(conf).jail("web").orElseThrow().values("exec.start"))
        .hasValue(List.of("/bin/sh /etc/rc"));
  }

  @Test
  void editSharedChangesTheGlobal() throws IOException {
    assertThat(edit("-s", "db.exec.start=/bin/sh /etc/rc.all").status()).isZero();
    assertThat(cat()).isEqualTo(FILE.replace("/etc/rc\";", "/etc/rc.all\";"));
  }

  @Test
  void globalsAndVariables() throws IOException {
    assertThat(edit("-t", "*.$base=/jails", "*.path=$base/$name").status()).isZero();
    assertThat(cat()).contains("path = \"$base/$name\";\n$base = \"/jails\";\n");
    assertThat(JailConf.read(conf).jail("db").orElseThrow().values("path"))
        .hasValue(List.of("/jails/db"));
  }

  @Test
  void addAndRemoveJails() throws IOException {
    assertThat(edit("-a", "mail", "mail.ip4.addr=10.0.0.3", "-d", "web.api").status()).isZero();
    assertThat(cat())
        .isEqualTo(
            FILE.replace("web.api {\n  ip4.addr = 10.0.0.9;\n}\n\n", "")
                + "\nmail {\n  ip4.addr = 10.0.0.3;\n}\n");
  }

  @Test
  void aFailingOperandWritesNothing() throws IOException {
    Run r = edit("web.host.hostname=changed", "nosuch.path=/x");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains("nosuch.path: no jail of the file starts it");
    assertThat(cat()).isEqualTo(FILE);
  }

  @Test
  void badUsage() {
    assertThat(edit().status()).isEqualTo(1);
    assertThat(edit("-x").err()).contains("option requires an argument -- x");
    Output err = new Output();
    assertThat(JailConfEdit.run(new String[] {"-f"}, new Output().stream, err.stream)).isEqualTo(1);
    assertThat(err.text()).contains("option requires an argument -- f").contains("usage:");
  }

  @Test
  void aFileJailCannotReadIsAnError() throws IOException {
    Files.writeString(conf, "web {\n  path = /x\n}\n");
    Run r = edit("web.path");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains("line 3: }: syntax error");
  }
}
