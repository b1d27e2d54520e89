package org.jail4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jail4j.JailHost;
import org.jail4j.testkit.FakeHostSystem;
import org.jail4j.testkit.RecordedCommand;
import org.jail4j.testkit.junit.FakeJails;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@FakeJails
class BuildServerTest {
  private JailHost host;
  private FakeHostSystem fake;

  @BeforeEach
  void makeTakesAWhile(JailHost host, FakeHostSystem fake) {
    this.host = host;
    this.fake = fake;
    BuildServer.answerMake(fake);
  }

  /** The server extracts its base root on this machine's disk. */
  private static void needsARootOnThisHost() {
    assumeTrue(
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "builds a root on the temporary directory, which needs openat(2) (SecureDirectoryStream)"
            + " and POSIX modes; Windows' Java offers neither");
  }

  @Test
  void everyJobRunsMakeInItsOwnJail() {
    needsARootOnThisHost();
    Output out = new Output();

    int status =
        BuildServer.run(host, new String[] {"-p", "2", "4"}, out.stream, new Output().stream);

    assertThat(status).as(out.text()).isZero();
    List<RecordedCommand> makes =
        fake.jailCommands().stream().filter(c -> c.program().equals("make")).toList();
    assertThat(makes).hasSize(4);
    Set<Integer> jails = new HashSet<>();
    makes.forEach(c -> jails.add(c.jid()));
    assertThat(jails).hasSize(4);
  }

  @Test
  void withOciEachJobsRootIsBuiltFromTheImageLayout(@TempDir Path tmp) throws Exception {
    needsARootOnThisHost();
    ExampleImage.write(tmp.resolve("image"));
    Output out = new Output();
    Output err = new Output();

    int status =
        BuildServer.run(
            host,
            new String[] {"--oci", tmp.resolve("image").toString(), "-p", "2", "3"},
            out.stream,
            err.stream);

    assertThat(status).as(out.text() + err.text()).isZero();
    assertThat(out.text())
        .contains("each in a root built from " + ExampleImage.PLATFORM + " image")
        .contains("3 jobs: 3 ok, 0 failed")
        .contains("jails left: 0, mounts left: 0");
    assertThat(fake.jailCommands().stream().filter(c -> c.program().equals("make"))).hasSize(3);
    assertThat(fake.journal()).noneMatch(l -> l.contains("nullfs"));
  }

  @Test
  void ociNeedsAnImageLayout(@TempDir Path tmp) {
    Output err = new Output();
    int status =
        BuildServer.run(
            host, new String[] {"--oci", tmp.toString()}, new Output().stream, err.stream);
    assertThat(status).isEqualTo(2);
    assertThat(err.text()).contains("is not an OCI image layout").contains(BuildServer.USAGE);
  }

  @Test
  void eachJailIsAThinRootOverTheSharedBase() {
    needsARootOnThisHost();
    BuildServer.run(host, new String[] {"-p", "2", "3"}, new Output().stream, new Output().stream);

    long readOnlyBase =
        fake.journal().stream()
            .filter(l -> l.contains("mount") && l.contains("nullfs") && l.contains("/base "))
            .count();
    assertThat(readOnlyBase).as(String.join("\n", fake.journal())).isEqualTo(3);
  }

  @Test
  void progressShowsEachFinishedJobAndTheSummary() {
    needsARootOnThisHost();
    Output out = new Output();

    BuildServer.run(host, new String[] {"-p", "3", "3"}, out.stream, new Output().stream);

    assertThat(out.text())
        .contains("3 jobs, 3 at a time, each in a thin jail over base")
        .contains("1/3")
        .contains("2/3")
        .contains("[##############################] 100%  3/3")
        .contains("3 jobs: 3 ok, 0 failed")
        .contains("jails left: 0, mounts left: 0");
  }

  @Test
  void nothingIsLeftAfterTheJobs() {
    needsARootOnThisHost();
    BuildServer.run(host, new String[] {"-p", "2", "2"}, new Output().stream, new Output().stream);

    assertThat(host.list()).isEmpty();
    assertThat(fake.leftovers().isEmpty()).as(fake.leftovers().describe()).isTrue();
  }

  @Test
  void aFailingJobMakesTheExitStatusOne() {
    needsARootOnThisHost();
    fake.failNextCommand("make", 2);
    Output out = new Output();

    int status =
        BuildServer.run(host, new String[] {"-p", "1", "2"}, out.stream, new Output().stream);

    assertThat(status).isEqualTo(1);
    assertThat(out.text()).contains("FAIL").contains("exit 2").contains("2 jobs: 1 ok, 1 failed");
  }

  @Test
  void aBadJobCountIsAUsageError() {
    Output err = new Output();

    int status = BuildServer.run(host, new String[] {"many"}, new Output().stream, err.stream);

    assertThat(status).isEqualTo(2);
    assertThat(err.text()).contains(BuildServer.USAGE);
  }

  private static String usageError(String... args) {
    Output out = new Output();
    Output err = new Output();
    int status =
        BuildServer.launch(
            args,
            () -> {
              throw new AssertionError("host taken before the arguments were checked");
            },
            out.stream,
            err.stream);
    assertThat(status).isEqualTo(2);
    assertThat(out.text()).isEmpty();
    return err.text();
  }

  @Test
  void aParallelismBelowOneSaysWhichArgumentAndTheRule() {
    assertThat(usageError("-p", "0", "3"))
        .isEqualTo(
            "BuildServer: -p: parallelism must be at least 1, got 0\n" + BuildServer.USAGE + "\n");
  }

  @Test
  void otherBadArgumentsSayWhyToo() {
    assertThat(usageError("-p")).startsWith("BuildServer: -p: needs a number");
    assertThat(usageError("-p", "two"))
        .startsWith("BuildServer: -p: parallelism must be a whole number, got two");
    assertThat(usageError("0"))
        .startsWith("BuildServer: JOBS: the job count must be at least 1, got 0");
    assertThat(usageError("many"))
        .startsWith("BuildServer: JOBS: the job count must be a whole number, got many");
    assertThat(usageError("-x")).startsWith("BuildServer: unknown option -x");
    assertThat(usageError("2", "3")).startsWith("BuildServer: too many arguments");
  }
}
