package org.jail4j.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.jail4j.CommandResult;
import org.jail4j.Jail;
import org.jail4j.JailException;
import org.jail4j.JailHost;
import org.jail4j.RunningJail;
import org.jail4j.oci.OciImage;
import org.jail4j.oci.OciImageLayout;
import org.jail4j.oci.OciImageRoot;
import org.jail4j.root.DistributionSets;
import org.jail4j.root.JailRoot;
import org.jail4j.root.RootBuilder;
import org.jail4j.root.ThinRoot;
import org.jail4j.testkit.FakeHostSystem;
import org.jail4j.testkit.PathCheck;
import org.jspecify.annotations.Nullable;

/**
 * A build server: runs N build jobs in parallel, each in its own thin jail over one shared
 * read-only base, and shows their progress. Every job gets a fresh thin root (only {@code etc},
 * {@code var}, {@code root} are copied; the base is mounted read-only over nullfs), a jail that
 * runs {@code make} inside, and is stopped and removed afterwards, so nothing of one job leaks into
 * the next.
 *
 * <pre>{@code
 * java -cp ... org.jail4j.examples.BuildServer            # 8 jobs, 4 at a time
 * java -cp ... org.jail4j.examples.BuildServer -p 2 6     # 6 jobs, 2 at a time
 * java -cp ... org.jail4j.examples.BuildServer --oci /images/freebsd-base 4  # roots from an image
 * }</pre>
 *
 * <p>The base is extracted from small generated distribution sets. On the testkit's fake (no
 * provider supports this machine) {@code make} is answered by the fake host after a short, varying
 * delay. Exit status 0 when every job succeeded, 1 otherwise, 2 for bad usage.
 */
public final class BuildServer {
  static final String USAGE = "usage: BuildServer [--oci LAYOUT_DIR] [-p PARALLEL] [JOBS]";

  private final JailHost host;
  private final PrintStream out;
  private final ProgressBar bar;
  private final int jobs;
  private int finished;
  private int failed;

  private BuildServer(JailHost host, PrintStream out, int jobs) {
    this.host = host;
    this.out = out;
    this.jobs = jobs;
    this.bar = new ProgressBar(out, false);
  }

  /** What one job did. */
  record JobResult(int job, String jail, CommandResult result) {}

  /**
   * Runs the build server on {@link JailHost#local()}, or on the fake when no provider supports
   * this machine.
   *
   * @param args {@code [-p PARALLEL] [JOBS]}
   */
  public static void main(String[] args) {
    int status =
        launch(
            args,
            () -> ExampleHost.localOrFake(PathCheck.realFileSystem()),
            System.out,
            System.err);
    System.out.flush();
    System.exit(status);
  }

  /**
   * What {@link #main} does before exiting: checks the arguments, and only then takes a host
   * (saying so when it is the fake, whose host then answers {@code make}).
   *
   * @param args {@code [-p PARALLEL] [JOBS]}
   * @param hosts gives the host, called once the arguments are valid
   * @param out standard output
   * @param err standard error
   * @return the exit status
   */
  static int launch(String[] args, Supplier<ExampleHost> hosts, PrintStream out, PrintStream err) {
    Optional<Settings> settings = parse(args, err);
    if (settings.isEmpty()) {
      return 2;
    }
    ExampleHost chosen = hosts.get();
    if (chosen.fallback()) {
      out.println(
          "(no jail provider supports this machine: running on the testkit's fake;"
              + " its host answers make after a short delay)");
      ExampleHost.fake(chosen.host()).ifPresent(f -> answerMake(f.fakeHost()));
    }
    return serve(chosen.host(), settings.get(), out, err);
  }

  /** The parsed arguments; {@code oci} is the image layout each job's root is built from. */
  private record Settings(int parallel, int jobs, @Nullable Path oci) {}

  /** The settings, or empty after printing which argument is wrong, the rule and the usage. */
  private static Optional<Settings> parse(String[] args, PrintStream err) {
    int parallel = 4;
    int jobs = 8;
    int i = 0;
    String problem = null;
    Path oci = null;
    if (i < args.length && args[i].equals("--oci")) {
      if (i + 1 == args.length) {
        problem = "--oci: needs the directory of an OCI image layout";
      } else if (!Files.isRegularFile(Path.of(args[i + 1], "oci-layout"))) {
        problem = "--oci: " + args[i + 1] + " is not an OCI image layout (no oci-layout file)";
      } else {
        oci = Path.of(args[i + 1]).toAbsolutePath();
      }
      i += 2;
    }
    if (problem == null && i < args.length && args[i].equals("-p")) {
      if (i + 1 == args.length) {
        problem = "-p: needs a number, the jobs run at a time";
      } else {
        OptionalInt p = number(args[i + 1]);
        if (p.isEmpty()) {
          problem = "-p: parallelism must be a whole number, got " + args[i + 1];
        } else if (p.getAsInt() < 1) {
          problem = "-p: parallelism must be at least 1, got " + p.getAsInt();
        } else {
          parallel = p.getAsInt();
        }
      }
      i += 2;
    }
    if (problem == null && i < args.length) {
      OptionalInt j = number(args[i]);
      if (args[i].startsWith("-") && j.isEmpty()) {
        problem = "unknown option " + args[i] + " (the options are --oci LAYOUT_DIR, -p PARALLEL)";
      } else if (j.isEmpty()) {
        problem = "JOBS: the job count must be a whole number, got " + args[i];
      } else if (j.getAsInt() < 1) {
        problem = "JOBS: the job count must be at least 1, got " + j.getAsInt();
      } else {
        jobs = j.getAsInt();
      }
      i++;
    }
    if (problem == null && i < args.length) {
      problem = "too many arguments: at most one JOBS, then nothing, got " + args[i];
    }
    if (problem != null) {
      err.println("BuildServer: " + problem);
      err.println(USAGE);
      return Optional.empty();
    }
    return Optional.of(new Settings(parallel, jobs, oci));
  }

  private static OptionalInt number(String text) {
    try {
      return OptionalInt.of(Integer.parseInt(text));
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }

  /**
   * On the fake: {@code make} inside a jail takes 50 to 250 ms and prints what it built.
   *
   * @param fakeHost the fake host
   */
  static void answerMake(FakeHostSystem fakeHost) {
    fakeHost.onCommand(
        FakeHostSystem.programIs("make"),
        cmd ->
            CommandResult.exit(0)
                .stdout(
                    "===> built "
                        + cmd.argv().get(cmd.argv().size() - 1)
                        + " in jail "
                        + cmd.jid()
                        + "\n")
                .duration(Duration.ofMillis(50 + 40L * (cmd.jid() % 6))));
  }

  /**
   * Runs the jobs.
   *
   * @param host the host
   * @param args {@code [-p PARALLEL] [JOBS]}
   * @param out standard output
   * @param err standard error
   * @return the exit status
   */
  static int run(JailHost host, String[] args, PrintStream out, PrintStream err) {
    Optional<Settings> settings = parse(args, err);
    if (settings.isEmpty()) {
      return 2;
    }
    return serve(host, settings.get(), out, err);
  }

  private static int serve(JailHost host, Settings settings, PrintStream out, PrintStream err) {
    int parallel = settings.parallel();
    int jobs = settings.jobs();
    Path work;
    try {
      work = Files.createTempDirectory("jail4j-build-").toRealPath();
    } catch (IOException e) {
      err.println("BuildServer: cannot make a temporary directory: " + e.getMessage());
      return 1;
    }
    try {
      Path oci = settings.oci();
      BuildServer server = new BuildServer(host, out, jobs);
      return oci == null
          ? server.serve(work, parallel)
          : server.serveFromImage(work, oci, parallel);
    } catch (RuntimeException | IOException e) {
      err.println("BuildServer: " + e);
      return 1;
    } finally {
      Tour.deleteTree(work);
    }
  }

  private int serve(Path work, int parallel) throws IOException {
    long started = System.nanoTime();
    Tour.generateSets(work.resolve("dist"));
    Path base = work.resolve("base");
    RootBuilder.into(base)
        .sets(DistributionSets.inDirectory(work.resolve("dist")), "base")
        .populate();
    ThinRoot.prepareBase(base);
    out.printf(
        Locale.ROOT,
        "build server on %s: %d jobs, %d at a time, each in a thin jail over %s%n",
        host.provider().name(),
        jobs,
        parallel,
        base.getFileName());
    ThinRoot thin = ThinRoot.from(base);
    return runAll(
        work,
        parallel,
        started,
        job -> {
          JailRoot root = thin.create(work.resolve("jobs/job" + job));
          return runJob(root, job, () -> ThinRoot.remove(host.hostSystem(), root));
        });
  }

  /**
   * The jobs with each job's root built from the image for this machine's architecture in an OCI
   * image layout (layer digests checked, whiteouts applied) and removed after the job.
   */
  private int serveFromImage(Path work, Path layoutDir, int parallel) {
    long started = System.nanoTime();
    OciImage image = OciImageLayout.open(layoutDir).image(ExampleImage.PLATFORM);
    out.printf(
        Locale.ROOT,
        "build server on %s: %d jobs, %d at a time, each in a root built from %s image %s%n",
        host.provider().name(),
        jobs,
        parallel,
        image.config().platform(),
        image.descriptor().digest().hex().substring(0, 12));
    return runAll(
        work,
        parallel,
        started,
        job -> {
          JailRoot root =
              OciImageRoot.into(work.resolve("jobs/job" + job)).image(image).populate().root();
          return runJob(root, job, () -> Tour.deleteTree(root.path()));
        });
  }

  /** What one job needs: its number in, its result out. */
  @FunctionalInterface
  private interface Job {
    JobResult run(int job);
  }

  private int runAll(Path work, int parallel, long started, Job each) {
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    List<Future<JobResult>> futures = new ArrayList<>();
    try {
      for (int i = 1; i <= jobs; i++) {
        int job = i;
        futures.add(pool.submit(() -> each.run(job)));
      }
      for (Future<JobResult> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          Throwable cause = e.getCause() == null ? e : e.getCause();
          report("job", false, cause.toString());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      pool.shutdownNow();
    }
    bar.done();
    int left = host.list().size();
    long mounts =
        host.hostSystem().mounts().stream()
            .filter(m -> Path.of(m.target()).startsWith(work))
            .count();
    out.printf(
        Locale.ROOT,
        "%d jobs: %d ok, %d failed in %.1f s; jails left: %d, mounts left: %d%n",
        jobs,
        jobs - failed,
        failed,
        (System.nanoTime() - started) / 1e9,
        left,
        mounts);
    return failed == 0 && left == 0 && mounts == 0 ? 0 : 1;
  }

  /** One job: jail over its root, make inside, stop, remove the root. */
  private JobResult runJob(JailRoot root, int job, Runnable removeRoot) {
    String name = "build" + job;
    Jail jail =
        root.applyTo(Jail.builder().name(name).hostname(name + ".build").persist(true).build());
    CommandResult result;
    String cleanup = "";
    try (RunningJail running = host.start(jail)) {
      result = running.run(Duration.ofMinutes(30), "make", "-C", "/usr/src", "job" + job);
    } finally {
      try {
        removeRoot.run();
      } catch (JailException e) {
        cleanup = "  root not removed: " + e.getMessage();
      }
    }
    boolean ok = result.isSuccess() && cleanup.isEmpty();
    String firstLine = result.stdout().strip().lines().findFirst().orElse("");
    report(
        name,
        ok,
        String.format(Locale.ROOT, "%.2f s", result.duration().toMillis() / 1000.0)
            + (firstLine.isEmpty() ? "" : "  " + firstLine)
            + (result.isSuccess()
                ? ""
                : "  exit " + result.exitCode() + " " + result.stderr().strip())
            + cleanup);
    return new JobResult(job, name, result);
  }

  /** One progress line per finished job: the bar, the count, the job's outcome. */
  private synchronized void report(String jail, boolean ok, String what) {
    finished++;
    if (!ok) {
      failed++;
    }
    bar.update(
        "jobs",
        (double) finished / jobs,
        String.format(
            Locale.ROOT, "%d/%d  %-8s %s %s", finished, jobs, jail, ok ? "ok  " : "FAIL", what));
    bar.done();
  }
}
