package org.jail4j.freebsd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import jnr.ffi.Runtime;
import org.jail4j.FreeBsdVersion;
import org.jail4j.freebsd.internal.EmulatedLibc;
import org.jail4j.param.JailParam;
import org.jail4j.param.JailRequest;
import org.jail4j.spi.IpAlias;
import org.jail4j.spi.JailFlags;
import org.jail4j.spi.JailKernel;
import org.jail4j.spi.KernelParam;
import org.jail4j.spi.MountRequest;
import org.jail4j.spi.support.IpLiterals;
import org.jail4j.testkit.FakeHostSystem;
import org.jail4j.testkit.FakeJailKernel;
import org.jail4j.testkit.PathCheck;
import org.jail4j.testkit.transcript.TranscriptHeader;
import org.jail4j.testkit.transcript.TranscriptReplay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-command FreeBSD check, run here against the native provider over the emulated libc
 * (backed by the fake kernel) and the fake host: its report's format and content, the replay of its
 * transcript, the parameter-table diff, the cleanup of an interrupted run, and the refusal off
 * FreeBSD. The real-kernel run itself needs a FreeBSD host as root: {@link
 * #theRealKernelRunNeedsAFreeBsdHostAsRoot} says so when skipped.
 */
class FreeBsdCheckTest {
  private static final Path TRANSCRIPTS =
      Path.of("..", "jail-testkit", "src", "test", "resources", "transcripts");

  @TempDir Path out;

  private final FakeJailKernel fake =
      FakeJailKernel.builder()
          .version(FreeBsdVersion.V14)
          .modules("sysvmsg", "sysvsem", "sysvshm", "nullfs", "zfs")
          .vimage(true)
          .racct(true)
          .paths(PathCheck.realFileSystem())
          .build();
  private final JailKernel kernel =
      new EmulatedLibc(fake, Runtime.getSystemRuntime()).binding().kernel();
  private final FakeHostSystem host = new FakeHostSystem(fake);

  @AfterEach
  void forgetTheKernel() {
    CheckFixtureCases.kernel = null;
  }

  private int jail(String name) {
    return JailRequest.create()
        .put(JailParam.NAME, name)
        .put(JailParam.PERSIST, true)
        .set(kernel, JailFlags.CREATE);
  }

  private boolean exists(String name) {
    try {
      JailRequest.create().put(JailParam.NAME, name).want(JailParam.JID).get(kernel, 0);
      return true;
    } catch (org.jail4j.JailNotFoundException e) {
      return false;
    }
  }

  @Test
  void aRunCountsEveryCaseCleansUpBeforeAndAfterAndWritesTheReport() throws IOException {
    // what an interrupted earlier run left: its jails, a mount, the alias; and a jail of someone
    // else
    jail("j4jchkdead0_life");
    jail("j4jct_stale");
    jail("keepme");
    Path mnt = Files.createDirectory(out.resolve("j4jchkdead0_dev"));
    host.mount(MountRequest.devfs(mnt.toString(), 4));
    host.addAlias(CheckCleanup.ALIAS);
    IpAlias other = new IpAlias("lo0", IpLiterals.parse("127.0.0.9"), 32);
    host.addAlias(other);
    CheckFixtureCases.kernel = kernel;
    String prefix = CheckCleanup.newPrefix();

    CheckReport report =
        new FreeBsdCheck(kernel, host, List.of(CheckFixtureCases.class.getName()), out, prefix)
            .execute();

    assertThat(report.count(CaseResults.Outcome.PASSED)).isEqualTo(2);
    assertThat(report.count(CaseResults.Outcome.FAILED)).isEqualTo(1);
    assertThat(report.count(CaseResults.Outcome.SKIPPED)).isEqualTo(1);
    assertThat(report.ok()).isFalse();
    assertThat(report.before().removed())
        .contains("mount " + mnt, "alias 127.0.53.1/32 on lo0")
        .anySatisfy(r -> assertThat(r).startsWith("jail j4jchkdead0_life ("))
        .anySatisfy(r -> assertThat(r).startsWith("jail j4jct_stale ("));
    assertThat(report.after().removed())
        .singleElement()
        .satisfies(r -> assertThat(r).startsWith("jail " + prefix + "left ("));
    assertThat(report.after().left()).isEmpty();
    assertThat(exists("keepme")).isTrue();
    assertThat(exists("j4jchkdead0_life")).isFalse();
    assertThat(exists(prefix + "left")).isFalse();
    assertThat(host.aliases()).contains(other).doesNotContain(CheckCleanup.ALIAS);
    assertThat(host.mounts()).noneSatisfy(m -> assertThat(m.target()).isEqualTo(mnt.toString()));
    assertThat(System.getProperty(FreeBsdCheck.PREFIX_PROPERTY)).isNull();

    String md = Files.readString(out.resolve("report.md"), StandardCharsets.UTF_8);
    assertThat(md)
        .startsWith("# jail4j FreeBSD check\n\n4 cases: 2 passed, 1 failed, 1 skipped; ")
        .contains("(NOT OK)")
        .contains("| FreeBSD | " + kernel.capabilities().osrelease() + " (kern.osreldate ")
        .contains("| VIMAGE | yes |\n| RACCT | yes |")
        .contains("| jail name prefix | " + prefix)
        .contains("| transcript | none written |")
        .contains("### passed (2)\n\n- `CheckFixtureCases.")
        .contains("- `CheckFixtureCases.passes`\n")
        .contains("- `CheckFixtureCases.leavesAJailBehind`\n")
        .contains("### failed (1)\n\n- `CheckFixtureCases.fails`: ")
        .contains("the fixture's failing case")
        .contains("### skipped (1)\n\n- `CheckFixtureCases.isSkipped`: ")
        .contains("the fixture's skipped case")
        .contains("No transcript was recorded, so nothing was replayed.")
        .contains("Every parameter has the same name, format, kind, access and size.")
        .contains("left by an earlier run, removed before this one:\n\n- jail j4jchkdead0_life (")
        .contains("removed after the run:\n\n- jail " + prefix + "left (")
        .endsWith("Nothing was left behind.\n");
  }

  @Test
  void theWholeContractOverTheEmulatedLibcIsRecordedAndReplaysOnTheFake() throws IOException {
    CheckReport report =
        new FreeBsdCheck(
                kernel,
                host,
                List.of("org.jail4j.freebsd.internal.EmulatedLibcContractTest"),
                out,
                CheckCleanup.newPrefix())
            .execute();

    assertThat(report.cases()).hasSizeGreaterThan(200);
    assertThat(report.count(CaseResults.Outcome.FAILED))
        .as(
            "%s",
            report.cases().stream().filter(c -> c.outcome() == CaseResults.Outcome.FAILED).toList())
        .isZero();
    assertThat(report.count(CaseResults.Outcome.PASSED)).isGreaterThan(150);
    assertThat(report.transcript()).isNotNull().endsWith(".transcript");
    assertThat(Files.exists(out.resolve(report.transcript()))).isTrue();
    assertThat(report.disagreements()).as("%s", report.disagreements()).isEmpty();
    assertThat(report.params()).isEmpty();
    assertThat(report.ok()).isTrue();
    String md = Files.readString(out.resolve("report.md"), StandardCharsets.UTF_8);
    assertThat(md)
        .contains(report.cases().size() + " cases: ")
        .contains(" 0 failed, ")
        .contains("(OK)")
        .contains("| transcript | " + report.transcript() + " |")
        .contains(": every call answered the same.")
        .contains("- `ParameterTransportCases.");
  }

  @Test
  void aDisagreementWithTheFakeIsListedCallByCall() throws IOException {
    Path source;
    try (var files = Files.list(TRANSCRIPTS)) {
      Optional<Path> f =
          files.filter(p -> p.getFileName().toString().startsWith("fake-14.")).findFirst();
      Assumptions.assumeTrue(f.isPresent(), "no fake-14 transcript in " + TRANSCRIPTS);
      source = f.orElseThrow();
    }
    String text = Files.readString(source, StandardCharsets.UTF_8);
    String from = "errno EFAULT\n";
    int at = text.indexOf(from);
    assertThat(at).isPositive();
    String tampered = text.substring(0, at) + "errno ENOMEM\n" + text.substring(at + from.length());
    Path file = out.resolve(source.getFileName());
    Files.writeString(file, tampered, StandardCharsets.UTF_8);

    CheckReport report =
        new FreeBsdCheck(kernel, host, List.of(), out, CheckCleanup.newPrefix())
            .report(List.of(), empty(), empty());

    assertThat(report.disagreements()).hasSize(1);
    String md = report.render();
    assertThat(md)
        .contains("0 cases: 0 passed, 0 failed, 0 skipped; 1 disagreements with the fake;")
        .contains("## Where the kernel and the fake disagree (1)")
        .contains("the first differing call of each case:")
        .contains("recorded kernel (source: fake, 14.")
        .contains("  errno ENOMEM\n")
        .contains("fake said:\n  rc -1\n  errno EFAULT\n")
        .contains("| kernel source | fake |");
  }

  @Test
  void theParameterTableDiffListsAnInjectedDifference() {
    List<KernelParam> real = new ArrayList<>(kernel.params());
    TranscriptHeader header = TranscriptHeader.of(kernel);
    List<KernelParam> fakes = TranscriptReplay.fakeFor(header).params();
    assertThat(ParamTableDiff.of(real, fakes)).as("the emulated table is the fake's").isEmpty();

    KernelParam hostname =
        real.stream().filter(p -> p.name().equals("host.hostname")).findFirst().orElseThrow();
    real.set(
        real.indexOf(hostname),
        new KernelParam(
            hostname.name(), hostname.format(), hostname.ctlType(), hostname.access(), 512));
    KernelParam removed = real.remove(real.size() - 1);
    real.add(
        new KernelParam(
            "allow.unknown_to_the_fake", "I", KernelParam.CTLTYPE_INT, KernelParam.Access.RW, 4));

    List<ParamTableDiff.Difference> diff = ParamTableDiff.of(real, fakes);
    assertThat(diff)
        .extracting(ParamTableDiff.Difference::name)
        .containsExactlyInAnyOrder("host.hostname", removed.name(), "allow.unknown_to_the_fake");

    CheckReport report =
        new CheckReport(
            "h", header, "j4jchk0_", null, List.of(), List.of(), diff, null, empty(), empty());
    assertThat(report.ok()).isFalse();
    assertThat(report.render())
        .contains("## security.jail.param.* against the fake's table (3)")
        .contains(
            "| `host.hostname` | `"
                + hostname.format()
                + "` kind "
                + hostname.ctlType()
                + ", "
                + hostname.access()
                + ", size 512 | ")
        .contains(", size " + hostname.size() + " |")
        .contains("| `allow.unknown_to_the_fake` | `I` kind 2, RW, size 4 | missing |")
        .contains("| `" + removed.name() + "` | missing | `");
  }

  @Test
  void offFreeBsdTheCheckRefusesOnStderrAndExitsNonZeroWithoutTouchingAnything() throws Exception {
    Assumptions.assumeFalse(
        System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("freebsd"),
        "this asserts the refusal off FreeBSD; this is FreeBSD");
    Path dir = out.resolve("check");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                FreeBsdCheck.class.getName(),
                dir.toString())
            .start();
    String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(FreeBsdCheck.REFUSED);
    assertThat(stderr)
        .contains("freebsd-check: this is not FreeBSD (os.name is ")
        .contains("nothing was touched");
    assertThat(stdout).isEmpty();
    assertThat(dir).doesNotExist();
  }

  @Test
  void notRootIsRefusedToo() {
    assertThat(FreeBsdCheck.refusal("FreeBSD", false))
        .hasValueSatisfying(r -> assertThat(r).contains("not running as root"));
    assertThat(FreeBsdCheck.refusal("FreeBSD", true)).isEmpty();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    int status =
        FreeBsdCheck.run(
            out.resolve("x"),
            "FreeBSD",
            false,
            new java.io.PrintStream(
                new java.io.ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(FreeBsdCheck.REFUSED);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("not running as root");
    assertThat(out.resolve("x")).doesNotExist();
  }

  @Test
  void theRealKernelRunNeedsAFreeBsdHostAsRoot() {
    Optional<String> no =
        FreeBsdCheck.refusal(System.getProperty("os.name", ""), RealFreeBsdHost.isRoot());
    Assumptions.assumeTrue(
        no.isEmpty(),
        "the check against the real kernel needs a FreeBSD 13/14/15 host as root ("
            + no.orElse("")
            + "); it has not run here: run ./mvnw -B -Pquick,freebsd-check -pl jail-native-freebsd -am"
            + " verify -DskipTests there (docs/FREEBSD.md)");
    // on FreeBSD as root: the refusal is empty, so the one command would run the check
    assertThat(FreeBsdCheck.REAL_KERNEL_TESTS)
        .containsExactly(RealKernelContractIT.class.getName(), FreeBsdLifecycleIT.class.getName());
  }

  private static CheckCleanup.Result empty() {
    return new CheckCleanup.Result(List.of(), List.of());
  }
}
