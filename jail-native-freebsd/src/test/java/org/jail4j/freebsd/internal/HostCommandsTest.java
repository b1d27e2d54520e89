package org.jail4j.freebsd.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jail4j.spi.CommandSpec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The jexec, su and devfs command lines (freebsd-jail-abi.md §7). */
class HostCommandsTest {

  @Test
  void aPlainCommandIsJexecJidArgv() {
    assertThat(HostCommands.jexec(5, CommandSpec.of("/bin/echo", "hi")))
        .containsExactly("/usr/sbin/jexec", "5", "/bin/echo", "hi");
  }

  @Test
  void aJailUserIsCapitalU() {
    assertThat(HostCommands.jexec(5, CommandSpec.of("/bin/id").withJailUser("www")))
        .containsExactly("/usr/sbin/jexec", "-U", "www", "5", "/bin/id");
  }

  @Test
  void aHostUserIsLowercaseU() {
    assertThat(HostCommands.jexec(5, CommandSpec.of("/bin/id").withHostUser("nobody")))
        .containsExactly("/usr/sbin/jexec", "-u", "nobody", "5", "/bin/id");
  }

  @Test
  void aWorkingDirectoryIsEnteredByTheJailsShellNotDashD() {
    assertThat(
            HostCommands.jexec(
                5,
                CommandSpec.of("/bin/pwd")
                    .withCleanEnvironment(true)
                    .withWorkingDirectory("/tmp")
                    .withJailUser("www")))
        .containsExactly(
            "/usr/sbin/jexec",
            "-l",
            "-U",
            "www",
            "5",
            "/bin/sh",
            "-c",
            "cd \"$1\" && shift && exec \"$@\"",
            "sh",
            "/tmp",
            "/bin/pwd")
        .doesNotContain("-d");
  }

  @Test
  void aWorkingDirectoryAndArgumentsArePositionalParametersNotScript() {
    String dir = "/tmp/it's \"$(rm -rf /)\"";
    java.util.List<String> argv =
        HostCommands.jexec(
            5, CommandSpec.of("/bin/echo", "a b", "$HOME;x").withWorkingDirectory(dir));

    assertThat(argv)
        .containsExactly(
            "/usr/sbin/jexec",
            "5",
            "/bin/sh",
            "-c",
            HostCommands.CHDIR_SCRIPT,
            "sh",
            dir,
            "/bin/echo",
            "a b",
            "$HOME;x");
    assertThat(HostCommands.CHDIR_SCRIPT).isEqualTo("cd \"$1\" && shift && exec \"$@\"");
  }

  @Test
  void aWorkingDirectoryWithExtraVariablesEntersTheDirectoryBeforeEnv() {
    assertThat(
            HostCommands.jexec(
                5,
                CommandSpec.of("/bin/sh")
                    .withCleanEnvironment(true)
                    .withWorkingDirectory("/var")
                    .withEnvironment(Map.of("A", "1"))))
        .containsExactly(
            "/usr/sbin/jexec",
            "-l",
            "-U",
            "root",
            "5",
            "/bin/sh",
            "-c",
            HostCommands.CHDIR_SCRIPT,
            "sh",
            "/var",
            "/usr/bin/env",
            "A=1",
            "/bin/sh");
  }

  @Test
  void cleanEnvironmentIsDashLAsTheJailsRootWhenNoUserIsGiven() {
    assertThat(HostCommands.jexec(5, CommandSpec.of("/bin/sh").withCleanEnvironment(true)))
        .containsExactly("/usr/sbin/jexec", "-l", "-U", "root", "5", "/bin/sh");
  }

  @Test
  void dashLWithAHostUserKeepsThatUser() {
    assertThat(
            HostCommands.jexec(
                5, CommandSpec.of("/bin/id").withCleanEnvironment(true).withHostUser("nobody")))
        .containsExactly("/usr/sbin/jexec", "-l", "-u", "nobody", "5", "/bin/id");
  }

  @Test
  void withoutDashLNoUserIsAdded() {
    assertThat(HostCommands.jexec(5, CommandSpec.of("/bin/id"))).doesNotContain("-U", "-u");
  }

  @Test
  void extraVariablesSurviveDashLThroughEnv() {
    assertThat(
            HostCommands.jexec(
                5,
                CommandSpec.of("/bin/sh")
                    .withCleanEnvironment(true)
                    .withEnvironment(Map.of("B", "2", "A", "1"))))
        .containsExactly(
            "/usr/sbin/jexec", "-l", "-U", "root", "5", "/usr/bin/env", "A=1", "B=2", "/bin/sh");
  }

  @Test
  void aHostCommandAsAUserGoesThroughSuWithAFixedScriptAndTheWordsInTheEnvironment() {
    CommandSpec spec = CommandSpec.of("/bin/echo", "it's").withHostUser("nobody");
    assertThat(HostCommands.onHost(spec))
        .containsExactly("/usr/bin/su", "-m", "nobody", "-c", HostCommands.SU_SCRIPT);
    assertThat(HostCommands.onHostEnvironment(spec))
        .containsEntry(HostCommands.SU_ARGV_VARIABLE, "'/bin/echo' 'it'\\''s'");
  }

  @Test
  void theSuScriptHasNothingCshReadsDifferentlyFromSh() {
    String script = HostCommands.SU_SCRIPT;
    // csh: ! is history even in quotes, a newline in quotes is an error, $ outside quotes expands
    assertThat(script).doesNotContain("!").doesNotContain("\n").doesNotContain("\\");
    String outsideSingleQuotes = script.replaceAll("'[^']*'", "");
    assertThat(outsideSingleQuotes).doesNotContain("$").doesNotContain("\"");
    assertThat(script).startsWith("exec /bin/sh -c '").endsWith("'");
  }

  @Test
  void wordsWithQuotesBangDollarAndNewlinesSurviveTheSuScript() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh to run the su script");
    List<String> words =
        List.of("it's", "say \"hi\"", "!!", "$HOME", "`id`", "a\nb", "*", "\\", "", "!$ ;|&");
    List<String> argv = new java.util.ArrayList<>(List.of("/usr/bin/printf", "[%s]\\n"));
    argv.addAll(words);
    CommandSpec spec = CommandSpec.of(argv).withHostUser("nobody");
    // su -m USER -c SCRIPT runs `LOGIN_SHELL -c SCRIPT`; with sh as that shell (FreeBSD 14+), run
    // the same argv su would hand it
    ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", HostCommands.onHost(spec).get(4));
    pb.environment().putAll(HostCommands.onHostEnvironment(spec));
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    StringBuilder expected = new StringBuilder();
    for (String w : words) {
      expected.append('[').append(w).append("]\n");
    }
    assertThat(out).isEqualTo(expected.toString());
  }

  @Test
  void aHostCommandWithoutUserIsItsArgv() {
    assertThat(HostCommands.onHost(CommandSpec.of("/bin/ls", "/"))).containsExactly("/bin/ls", "/");
  }

  @Test
  void devfsRulesetIsAppliedWithApplyset() {
    assertThat(HostCommands.devfsApplyset("/jail/web/dev", 4))
        .containsExactly("/sbin/devfs", "-m", "/jail/web/dev", "rule", "-s", "4", "applyset");
  }
}
