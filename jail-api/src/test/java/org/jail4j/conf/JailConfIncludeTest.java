package org.jail4j.conf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jail4j.HostFiles;
import org.jail4j.conf.internal.Parser;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code .include}: globs, relative names, missing files, depth (jailconf-grammar.md §2). */
class JailConfIncludeTest {

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  private static List<String> problems(Runnable r) {
    try {
      r.run();
    } catch (JailConfException e) {
      return e.problems().stream().map(JailConfException.Problem::text).toList();
    }
    throw new AssertionError("expected a JailConfException");
  }

  @Test
  void relativeIncludeIsTakenFromTheIncludingFilesDirectory() throws IOException {
    write("conf.d/web.conf", "web { host.hostname = web; }\n");
    Path main = write("jail.conf", "persist;\n.include \"conf.d/web.conf\";\n");
    JailConf conf = JailConf.read(main);
    assertThat(conf.jail("web").orElseThrow().values("host.hostname")).hasValue(List.of("web"));
    assertThat(conf.jail("web").orElseThrow().values("persist")).hasValue(List.of());
  }

  @Test
  void globIncludesEveryMatchInOrder() throws IOException {
    write("conf.d/b.conf", "b { }\n");
    write("conf.d/a.conf", "a { }\n");
    write("conf.d/c.txt", "c { }\n");
    write("conf.d/.hidden.conf", "h { }\n");
    Path main = write("jail.conf", ".include \"conf.d/*.conf\";\n");
    assertThat(JailConf.read(main).jails()).extracting(ConfJail::name).containsExactly("a", "b");
  }

  @Test
  void globWithNoMatchIsNotAnError() throws IOException {
    Path main = write("jail.conf", ".include \"none.d/*.conf\";\na { }\n");
    assertThat(JailConf.read(main).jails()).extracting(ConfJail::name).containsExactly("a");
  }

  @Test
  void bracketPatternIncludesOnlyIfTheFileExists() throws IOException {
    Path main = write("jail.conf", ".include \"local[.]conf\";\na { }\n");
    assertThat(JailConf.read(main).jails()).hasSize(1);
    write("local.conf", "b { }\n");
    assertThat(JailConf.read(main).jails()).extracting(ConfJail::name).containsExactly("b", "a");
  }

  @Test
  void missingNonGlobFileIsAnError() throws IOException {
    Path main = write("jail.conf", "a { }\n.include \"missing.conf\";\n");
    String missing = main.toString().replace("jail.conf", "missing.conf");
    assertThat(problems(() -> JailConf.read(main)))
        .containsExactly(missing + ": No such file or directory");
  }

  @Test
  void includeInsideABlockKeepsTheJail() throws IOException {
    write("tmpl.conf", "host.hostname = \"${name}.example\";\n");
    Path main = write("jail.conf", "web {\n .include \"tmpl.conf\";\n persist;\n}\n");
    ConfJail web = JailConf.read(main).jail("web").orElseThrow();
    assertThat(web.params().keySet()).containsExactly("name", "host.hostname", "persist");
    assertThat(web.values("host.hostname")).hasValue(List.of("web.example"));
  }

  @Test
  void includeDepthIsCappedAt32() throws IOException {
    Path main = write("jail.conf", ".include \"jail.conf\";\n");
    assertThat(problems(() -> JailConf.read(main)))
        .containsExactly("maximum include depth exceeded");
  }

  @Test
  void syntaxErrorInAnIncludedFileNamesThatFile() throws IOException {
    write("bad.conf", "\n\nx = ;\n");
    Path main = write("jail.conf", ".include \"bad.conf\";\n");
    String bad = main.toString().replace("jail.conf", "bad.conf");
    assertThat(problems(() -> JailConf.read(main)))
        .containsExactly(bad + " line 3: ;: syntax error");
  }

  @Test
  void variablesAreNotPermittedInTheFileName() {
    assertThat(problems(() -> JailConf.parse("\n.include \"$dir/x.conf\";\n")))
        .containsExactly("STDIN line 2: variables not permitted in '.include' filename");
  }

  @Test
  void includeWithEqualsIsAnOrdinaryParameter() {
    ConfJail a = JailConf.parse(".include = \"x.conf\"; a { }").jail("a").orElseThrow();
    assertThat(a.values(".include")).hasValue(List.of("x.conf"));
  }

  @Test
  void textIncludesResolveAgainstTheBaseDirectory() throws IOException {
    write("web.conf", "web { }\n");
    JailConf conf = JailConf.parser().baseDirectory(dir).parse(".include \"web.conf\";\n");
    assertThat(conf.jails()).extracting(ConfJail::name).containsExactly("web");
  }

  @Test
  void includesCanBeRefused() throws IOException {
    write("web.conf", "web { }\n");
    JailConfParser parser = JailConf.parser().baseDirectory(dir).allowIncludes(false);
    assertThat(problems(() -> parser.parse(".include \"web.conf\";\n")))
        .containsExactly("STDIN line 1: '.include' is not allowed by this parser's options");
  }

  @Test
  void legacyParserHasNoInclude() throws IOException {
    write("web.conf", "web { }\n");
    JailConf conf =
        JailConf.parser()
            .dialect(JailConfDialect.LEGACY)
            .baseDirectory(dir)
            .parse(".include \"web.conf\"; a { }");
    assertThat(conf.jails()).extracting(ConfJail::name).containsExactly("a");
    assertThat(conf.jail("a").orElseThrow().values(".include")).hasValue(List.of("web.conf"));
  }

  @Test
  void missingFileIsAnError() {
    Path missing = dir.resolve("nope.conf");
    assertThat(problems(() -> JailConf.read(missing)))
        .containsExactly(missing + ": No such file or directory");
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void includeOfAFifoIsRefusedBeforeItIsOpened() throws Exception {
    Path fifo = dir.resolve("pipe.conf");
    Process mk;
    try {
      mk = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
    } catch (IOException e) {
      Assumptions.abort("mkfifo is not available: " + e.getMessage());
      return;
    }
    Assumptions.assumeTrue(
        mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0, "mkfifo failed");
    Path main = write("jail.conf", "a { }\n.include \"pipe.conf\";\n");
    // opening a FIFO with no writer would block; the refusal comes first
    assertThat(problems(() -> JailConf.read(main))).containsExactly(fifo + ": not a regular file");
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void includeOfDevZeroIsRefused() throws IOException {
    Path zero = Path.of("/dev/zero");
    Assumptions.assumeTrue(Files.exists(zero), "/dev/zero does not exist here");
    Path main = write("jail.conf", ".include \"/dev/zero\";\n");
    assertThat(problems(() -> JailConf.read(main)))
        .containsExactly("/dev/zero: not a regular file");
    assertThat(problems(() -> JailConf.read(zero)))
        .containsExactly("/dev/zero: not a regular file");
  }

  @Test
  void includeOfADirectoryIsRefused() throws IOException {
    Files.createDirectories(dir.resolve("sub.d"));
    Path main = write("jail.conf", ".include \"sub.d\";\n");
    assertThat(problems(() -> JailConf.read(main)))
        .containsExactly(dir.resolve("sub.d") + ": Is a directory");
  }

  @Test
  void includeThroughASymlinkToARegularFileIsFollowed() throws IOException {
    Path target = write("real.conf", "web { }\n");
    HostFiles.symlink(dir.resolve("link.conf"), target);
    Path main = write("jail.conf", ".include \"link.conf\";\n");
    assertThat(JailConf.read(main).jails()).extracting(ConfJail::name).containsExactly("web");
  }

  @Test
  void fileLargerThanTheBoundIsRefused() throws IOException {
    Path big = dir.resolve("big.conf");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(Parser.MAX_FILE_BYTES + 1L); // sparse: no disk, and never read
    }
    Path main = write("jail.conf", "a { }\n.include \"big.conf\";\n");
    String want = big + ": file too large: more than " + Parser.MAX_FILE_BYTES + " bytes";
    assertThat(problems(() -> JailConf.read(main))).containsExactly(want);
    assertThat(problems(() -> JailConf.read(big))).containsExactly(want);
  }

  @Test
  void fileOfExactlyTheBoundIsRead() throws IOException {
    Path edge = dir.resolve("edge.conf");
    byte[] text = new byte[Parser.MAX_FILE_BYTES];
    java.util.Arrays.fill(text, (byte) ' ');
    byte[] jail = "web { }\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    System.arraycopy(jail, 0, text, 0, jail.length);
    Files.write(edge, text);
    assertThat(JailConf.read(edge).jails()).extracting(ConfJail::name).containsExactly("web");
  }
}
