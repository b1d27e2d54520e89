package org.jail4j.freebsd;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.jail4j.spi.HostSystem;
import org.jail4j.spi.JailKernel;
import org.jail4j.spi.ProviderSupport;
import org.jail4j.testkit.transcript.Transcript;
import org.jail4j.testkit.transcript.TranscriptFile;
import org.jail4j.testkit.transcript.TranscriptHeader;
import org.jail4j.testkit.transcript.TranscriptReplay;
import org.jspecify.annotations.Nullable;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The one-command FreeBSD check (docs/FREEBSD.md): as root on a FreeBSD 13, 14 or 15 host it runs
 * the whole provider contract ({@link RealKernelContractIT}) and the end-to-end lifecycle ({@link
 * FreeBsdLifecycleIT}) against the real kernel, records the contract's transcript, replays it on
 * the fake configured for the kernel's release, compares the kernel's {@code security.jail.param.*}
 * table with the fake's, and writes {@code report.md} ({@link CheckReport}) beside the transcript.
 * Its jails carry a per-run prefix; {@link CheckCleanup} removes them, their mounts and the alias
 * before the run (what an interrupted run left), after it, and from a shutdown hook on SIGINT /
 * SIGTERM. Off FreeBSD or not as root it says so on stderr and exits 2 without touching anything;
 * it exits 1 when a case failed, the fake disagreed, the tables differ or something was left
 * behind, else 0.
 *
 * <pre>{@code
 * ./mvnw -B -Pquick,freebsd-check -pl jail-native-freebsd -am verify -DskipTests
 * # or: java -cp TEST_CLASSPATH org.jail4j.freebsd.FreeBsdCheck jail-native-freebsd/target/freebsd-check
 * }</pre>
 */
public final class FreeBsdCheck {
  /** The system property that gives the lifecycle test its jail name prefix. */
  public static final String PREFIX_PROPERTY = "jail4j.check.prefix";

  /** The tests the check runs against a real kernel. */
  public static final List<String> REAL_KERNEL_TESTS =
      List.of(RealKernelContractIT.class.getName(), FreeBsdLifecycleIT.class.getName());

  /** Exit status when the host is refused (not FreeBSD, not root, no provider). */
  public static final int REFUSED = 2;

  private final JailKernel kernel;
  private final HostSystem host;
  private final List<String> tests;
  private final Path out;
  private final String prefix;

  /**
   * A check of one kernel and host.
   *
   * @param kernel the kernel the tests' jails live in (for the cleanup and the parameter table)
   * @param host the host (for the cleanup)
   * @param tests the test classes to run, by name
   * @param out the directory for the transcript and {@code report.md}
   * @param prefix this run's jail name prefix (from {@link CheckCleanup#newPrefix()})
   */
  public FreeBsdCheck(
      JailKernel kernel, HostSystem host, List<String> tests, Path out, String prefix) {
    this.kernel = kernel;
    this.host = host;
    this.tests = List.copyOf(tests);
    this.out = out;
    this.prefix = prefix;
  }

  /**
   * Runs the check on this host.
   *
   * @param args the output directory (default {@code target/freebsd-check})
   */
  public static void main(String[] args) {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/freebsd-check");
    int status =
        run(
            dir,
            System.getProperty("os.name", ""),
            RealFreeBsdHost.isRoot(),
            System.out,
            System.err);
    System.exit(status);
  }

  /**
   * Why this host is refused, if it is.
   *
   * @param osName {@code os.name}
   * @param root whether the process runs as root
   * @return the reason, or empty on FreeBSD as root
   */
  public static Optional<String> refusal(String osName, boolean root) {
    if (!osName.toLowerCase(Locale.ROOT).startsWith("freebsd")) {
      return Optional.of(
          "this is not FreeBSD (os.name is "
              + osName
              + "): the check runs only on a FreeBSD 13/14/15 host");
    }
    if (!root) {
      return Optional.of("not running as root: jail_set(2), nmount(2) and ifconfig need root");
    }
    return Optional.empty();
  }

  /**
   * Runs the check on the real host, or refuses.
   *
   * @param dir the output directory
   * @param osName {@code os.name}
   * @param root whether the process runs as root
   * @param stdout where the summary goes
   * @param stderr where a refusal goes
   * @return the exit status
   */
  static int run(Path dir, String osName, boolean root, PrintStream stdout, PrintStream stderr) {
    Optional<String> no = refusal(osName, root);
    if (no.isPresent()) {
      stderr.println("freebsd-check: " + no.get() + "; nothing was touched");
      return REFUSED;
    }
    FreeBsdJailProvider provider = new FreeBsdJailProvider();
    ProviderSupport support = provider.support();
    if (!support.supported()) {
      stderr.println("freebsd-check: the native provider declines this host: " + support.reason());
      return REFUSED;
    }
    System.setProperty(RealFreeBsdHost.PROPERTY, "true");
    FreeBsdCheck check =
        new FreeBsdCheck(
            provider.kernel(),
            provider.hostSystem(),
            REAL_KERNEL_TESTS,
            dir,
            CheckCleanup.newPrefix());
    CheckReport report = check.execute();
    stdout.println("freebsd-check: " + report.summary());
    stdout.println("freebsd-check: report " + dir.resolve("report.md").toAbsolutePath());
    return report.ok() ? 0 : 1;
  }

  /**
   * Cleans up what an earlier run left, runs the tests (recording the transcript), cleans up,
   * replays the transcript on the fake, compares the parameter tables, and writes {@code
   * report.md}.
   *
   * @return the report, as written
   */
  public CheckReport execute() {
    try {
      Files.createDirectories(out);
      for (Path old : transcripts()) {
        // the contract appends case by case: a file of an earlier run would be mixed in
        Files.delete(old);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + out, e);
    }
    Thread hook = new Thread(() -> CheckCleanup.run(kernel, host), "jail4j-check-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
    CheckCleanup.Result before = CheckCleanup.run(kernel, host);
    CaseResults results = new CaseResults();
    CheckCleanup.Result after;
    String oldPrefix = System.getProperty(PREFIX_PROPERTY);
    String oldTranscript = System.getProperty(TranscriptFile.PROPERTY);
    try {
      System.setProperty(PREFIX_PROPERTY, prefix);
      System.setProperty(TranscriptFile.PROPERTY, out.toAbsolutePath() + "/");
      LauncherDiscoveryRequest request =
          LauncherDiscoveryRequestBuilder.request()
              .selectors(tests.stream().map(c -> selectClass(c)).toList())
              .build();
      Launcher launcher = LauncherFactory.create();
      launcher.execute(request, results);
    } finally {
      restore(PREFIX_PROPERTY, oldPrefix);
      restore(TranscriptFile.PROPERTY, oldTranscript);
      after = CheckCleanup.run(kernel, host);
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or has run
      }
    }
    CheckReport report = report(results.cases(), before, after);
    try {
      Files.writeString(out.resolve("report.md"), report.render(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out.resolve("report.md"), e);
    }
    return report;
  }

  CheckReport report(
      List<CaseResults.Case> cases, CheckCleanup.Result before, CheckCleanup.Result after) {
    List<Path> files = transcripts();
    @Nullable Path file = files.isEmpty() ? null : files.get(0);
    TranscriptHeader header = TranscriptHeader.of(kernel);
    List<String> disagreements = new ArrayList<>();
    if (file != null) {
      Transcript t;
      try {
        t = Transcript.read(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
      header = t.header();
      disagreements.addAll(TranscriptReplay.disagreements(t));
    }
    List<ParamTableDiff.Difference> params = List.of();
    String note = null;
    try {
      params = ParamTableDiff.of(kernel.params(), TranscriptReplay.fakeFor(header).params());
    } catch (IllegalArgumentException e) {
      note = "The fake cannot be configured like this kernel: " + e.getMessage();
    }
    return new CheckReport(
        hostName(),
        header,
        prefix,
        file == null ? null : file.getFileName().toString(),
        cases,
        disagreements,
        params,
        note,
        before,
        after);
  }

  private List<Path> transcripts() {
    if (!Files.isDirectory(out)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(out)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".transcript")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + out, e);
    }
  }

  private static void restore(String key, @Nullable String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }
}
