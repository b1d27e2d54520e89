package org.jail4j.freebsd.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.jail4j.spi.CommandSpec;
import org.junit.jupiter.api.Test;

/** The jexec, su and devfs command lines (freebsd-jail-abi.md §7). */
class HostCommandsTest {

  @Test
  void aPlainCommandIsJexecJidArgv() {
    assertThat(HostCommands.jexec(5, CommandSpec.of("/bin/echo", "hi")))
        .containsExactly("/usr/sbin/jexec", "5", "/bin/echo", "hi");
  }

  @Test
  void cleanEnvironmentIsDashL() {
    assertThat(HostCommands.jexec(5, CommandSpec.of("/bin/sh").withCleanEnvironment(true)))
        .containsExactly("/usr/sbin/jexec", "-l", "5", "/bin/sh");
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
  void aWorkingDirectoryIsDashDBeforeTheUser() {
    assertThat(
            HostCommands.jexec(
                5,
                CommandSpec.of("/bin/pwd")
                    .withCleanEnvironment(true)
                    .withWorkingDirectory("/tmp")
                    .withJailUser("www")))
        .containsExactly("/usr/sbin/jexec", "-l", "-d", "/tmp", "-U", "www", "5", "/bin/pwd");
  }

  @Test
  void extraVariablesSurviveDashLThroughEnv() {
    assertThat(
            HostCommands.jexec(
                5,
                CommandSpec.of("/bin/sh")
                    .withCleanEnvironment(true)
                    .withEnvironment(Map.of("B", "2", "A", "1"))))
        .containsExactly("/usr/sbin/jexec", "-l", "5", "/usr/bin/env", "A=1", "B=2", "/bin/sh");
  }

  @Test
  void aHostCommandAsAUserGoesThroughSuWithQuotedWords() {
    assertThat(HostCommands.onHost(CommandSpec.of("/bin/echo", "it's").withHostUser("nobody")))
        .containsExactly("/usr/bin/su", "-m", "nobody", "-c", "'/bin/echo' 'it'\\''s'");
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
