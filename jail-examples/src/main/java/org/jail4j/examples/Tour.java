package org.jail4j.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.jail4j.CommandResult;
import org.jail4j.CommandRun;
import org.jail4j.Errno;
import org.jail4j.HostCapabilities;
import org.jail4j.Jail;
import org.jail4j.JailException;
import org.jail4j.JailHost;
import org.jail4j.JailInfo;
import org.jail4j.RunningJail;
import org.jail4j.jls.JailListing;
import org.jail4j.oci.OciBundle;
import org.jail4j.oci.OciConfig;
import org.jail4j.oci.OciImage;
import org.jail4j.oci.OciImageRoot;
import org.jail4j.param.JailParam;
import org.jail4j.param.JailRequest;
import org.jail4j.rc.Preflight;
import org.jail4j.rc.PreflightWarning;
import org.jail4j.rc.RcConf;
import org.jail4j.root.DistributionSetWriter;
import org.jail4j.root.DistributionSets;
import org.jail4j.root.ExtractionReport;
import org.jail4j.root.JailRoot;
import org.jail4j.root.Manifest;
import org.jail4j.root.ManifestEntry;
import org.jail4j.root.RootBuilder;
import org.jail4j.root.RootReport;
import org.jail4j.root.SafeRootWriter;
import org.jail4j.root.ThinRoot;
import org.jail4j.spi.IpAlias;
import org.jail4j.spi.JailFlags;
import org.jail4j.spi.JailKernel;
import org.jail4j.spi.MountRequest;
import org.jail4j.testkit.FakeHostSystem;
import org.jail4j.testkit.FakeJailProvider;
import org.jail4j.testkit.PathCheck;
import org.jspecify.annotations.Nullable;

/**
 * The tour of jail4j: the classic jail setup, end to end, printing each step.
 *
 * <ol>
 *   <li>picks the provider ({@link JailHost#local()}, or the testkit's fake when no provider
 *       supports this machine) and says why;
 *   <li>finds distribution sets (real ones from an argument or {@code -Dtour.sets=DIR}, otherwise
 *       small generated ones written with {@link DistributionSetWriter});
 *   <li>extracts them into a fat package-builder root, with a progress bar;
 *   <li>makes a thin web jail root over it, writes its rc.conf through the safe writer and runs
 *       {@link Preflight};
 *   <li>starts the web jail: IP alias, mounts, {@code jail_set}, {@code /bin/sh /etc/rc};
 *   <li>lists jails as jls(8) does;
 *   <li>runs a command inside as jexec(8) does;
 *   <li>shows what the jail refuses, with the kernel's messages;
 *   <li>stops it;
 *   <li>turns an OCI image layout into a bundle's root and {@code config.json}, and reads it back;
 *   <li>checks that no jail, mount or alias is left.
 * </ol>
 *
 * <p>Where Java has no {@code openat(2)} ({@link SafeRootWriter#supported}: Windows), or with
 * {@code -Dtour.roots=false}, jail4j writes no jail root, so on the fake the tour skips steps 3 and
 * 10, gives the web jail a plain directory and prints its rc.conf instead of writing it; every
 * other step runs as usual.
 *
 * <p>Exit status 0 on success, 1 when a step failed (the message names it), 2 for bad arguments.
 *
 * <pre>{@code
 * ./mvnw -B -q -Ptour package                           # from the repository root
 * java -cp ... org.jail4j.examples.Tour /path/to/14.3-RELEASE   # real sets: MANIFEST + base.txz
 * }</pre>
 */
public final class Tour {
  static final int STEPS = 11;
  static final String SETS_PROPERTY = "tour.sets";
  static final String IFACE_PROPERTY = "tour.iface";
  static final String KEEP_PROPERTY = "tour.keep";

  /**
   * {@code -Dtour.roots=false} runs the tour as on a host whose Java has no {@code openat(2)}
   * ({@link java.nio.file.SecureDirectoryStream}, e.g. Windows): no root is written, the jails get
   * plain directories. Without it the tour decides by this machine.
   */
  static final String ROOTS_PROPERTY = "tour.roots";

  /** The web jail's address: TEST-NET-1 (RFC 5737), never routed. */
  static final String WEB_ADDRESS = "192.0.2.80";

  /** The address the jail tries to take from inside. */
  static final String OTHER_ADDRESS = "192.0.2.99";

  static final String WEB_HOSTNAME = "web.tour.example";

  private final PrintStream out;
  private final boolean writeRoots;
  private @Nullable Path work;
  private int step;
  private String stepTitle = "start";

  private Tour(PrintStream out, boolean writeRoots) {
    this.out = out;
    this.writeRoots = writeRoots;
  }

  /**
   * Runs the tour and exits with its status.
   *
   * @param args optional: a directory with {@code MANIFEST} and {@code base.txz}
   */
  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    System.out.flush();
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Runs the tour.
   *
   * @param args optional: a directory with {@code MANIFEST} and {@code base.txz}
   * @param out where the steps are printed
   * @param err where a failure is explained
   * @return 0 on success, 1 when a step failed, 2 for bad arguments
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length > 1 || (args.length == 1 && args[0].startsWith("-"))) {
      err.println(
          "usage: Tour [DIR]   (DIR holds MANIFEST and base.txz; or -D" + SETS_PROPERTY + "=DIR)");
      return 2;
    }
    String setsArg = args.length == 1 ? args[0] : System.getProperty(SETS_PROPERTY);
    Optional<Path> realSets = Optional.ofNullable(setsArg).filter(s -> !s.isBlank()).map(Path::of);
    if (realSets.isPresent() && !Files.isRegularFile(realSets.get().resolve("MANIFEST"))) {
      err.println(
          "tour: "
              + realSets.get()
              + ": no MANIFEST there (a release directory such as"
              + " https://download.freebsd.org/releases/amd64/14.3-RELEASE/ holds MANIFEST and"
              + " base.txz)");
      return 2;
    }
    Path work;
    try {
      work = Files.createTempDirectory("jail4j-tour-").toRealPath();
    } catch (IOException e) {
      err.println("tour: cannot make a temporary directory: " + e.getMessage());
      return 1;
    }
    boolean roots =
        !"false".equals(System.getProperty(ROOTS_PROPERTY)) && SafeRootWriter.supported(work);
    Tour tour = new Tour(out, roots);
    long started = System.nanoTime();
    try {
      tour.walk(work, realSets);
      out.printf(
          Locale.ROOT,
          "%nTour finished in %.1f s: every step worked and nothing was left behind.%n",
          (System.nanoTime() - started) / 1e9);
      return 0;
    } catch (RuntimeException | IOException e) {
      out.flush();
      err.println();
      err.println(
          "tour failed at step " + tour.step + "/" + STEPS + " (" + tour.stepTitle + "): " + e);
      for (Throwable s : e.getSuppressed()) {
        err.println("  also: " + s);
      }
      return 1;
    } finally {
      if (!Boolean.getBoolean(KEEP_PROPERTY)) {
        deleteTree(work);
      } else {
        out.println("(kept " + work + ")");
      }
    }
  }

  private void walk(Path work, Optional<Path> realSets) throws IOException {
    this.work = work;
    out.println("jail4j tour: the classic jail setup, step by step");

    // 1 --------------------------------------------------------------------------------------
    step("Provider");
    PathCheck insideTour =
        path ->
            underWork(path)
                ? PathCheck.fileSystem(work.getFileSystem()).check(path)
                : Optional.of(Errno.ENOENT);
    ExampleHost chosen = ExampleHost.localOrFake(insideTour);
    JailHost host = chosen.host();
    Optional<FakeJailProvider> fake = ExampleHost.fake(host);
    out.println(
        "  provider: "
            + host.provider().name()
            + " ("
            + host.provider().getClass().getName()
            + ")");
    out.println("  why:      " + indent(chosen.why().strip(), "            ").strip());
    if (fake.isPresent()) {
      out.println(
          "  So the tour runs on the testkit's fake kernel and host: the same jail(8) steps");
      out.println(
          "  and kernel rules on the same bytes, with nothing done to this machine's network");
      out.println("  or mounts. Its kernel accepts only jail paths that are directories under ./");
    }
    out.println("  kernel:   " + describe(host.capabilities()));
    out.println("  files:    " + work + " (called . below; removed at the end)");
    if (!writeRoots && fake.isEmpty()) {
      throw new IllegalStateException(
          "on a real host the tour needs jail roots (their /bin/sh runs /etc/rc), and jail4j"
              + " writes them only through openat(2) (SecureDirectoryStream)");
    }
    if (!writeRoots) {
      out.println(
          "  roots:    not written: jail4j writes into a jail root only through openat(2)"
              + " (SecureDirectoryStream),");
      out.println(
          "            "
              + ("false".equals(System.getProperty(ROOTS_PROPERTY))
                  ? "turned off here with -D" + ROOTS_PROPERTY + "=false"
                  : "which Java on this machine does not offer")
              + "; the jails get plain directories (docs/ROOTS.md, \"On Windows\")");
    }
    String iface = System.getProperty(IFACE_PROPERTY, fake.isPresent() ? "em0" : "lo0");

    // 2 --------------------------------------------------------------------------------------
    step("Distribution sets");
    Path dist;
    List<String> setNames = new ArrayList<>();
    if (realSets.isPresent()) {
      dist = realSets.get();
      out.println("  using the release sets in " + dist);
    } else if (fake.isEmpty()) {
      // the generated sets hold placeholders, not FreeBSD programs: /bin/sh /etc/rc could not run
      throw new IllegalStateException(
          "on a real host the tour needs real distribution sets (their /bin/sh runs /etc/rc):"
              + " give a directory with MANIFEST and base.txz as an argument or with -D"
              + SETS_PROPERTY
              + "=DIR");
    } else {
      dist = work.resolve("dist");
      generateSets(dist);
      out.println(
          "  no real sets given (pass a directory with MANIFEST and base.txz, or -D"
              + SETS_PROPERTY
              + "=DIR),");
      out.println("  so the tour wrote two small ones with DistributionSetWriter in " + rel(dist));
    }
    DistributionSets sets = DistributionSets.inDirectory(dist);
    for (String wanted : List.of("base", "lib32")) {
      if (sets.archive(wanted).isPresent()) {
        setNames.add(wanted);
      }
    }
    if (!setNames.contains("base")) {
      throw new IllegalArgumentException(dist + ": the MANIFEST lists no base set present here");
    }
    for (ManifestEntry e : sets.manifest().entries()) {
      if (setNames.contains(e.set())) {
        Path file = sets.archive(e.set()).orElseThrow();
        out.printf(
            Locale.ROOT,
            "  %-10s %9s  sha256 %s...  %s%n",
            e.file(),
            size(Files.size(file)),
            e.sha256().substring(0, 12),
            e.description());
      }
    }

    // 3 --------------------------------------------------------------------------------------
    step("Package-builder fat root from the sets");
    Path pkgRoot = work.resolve("jails/pkgbuilder");
    if (writeRoots) {
      fatRoot(sets, setNames, pkgRoot);
    } else {
      Files.createDirectories(pkgRoot);
      out.println("  skipped: extracting needs openat(2); " + rel(pkgRoot) + " stays empty");
    }

    // 4 --------------------------------------------------------------------------------------
    step("Web jail: thin root, rc.conf, preflight");
    RcConf rc =
        RcConf.empty()
            .hostname(WEB_HOSTNAME)
            .enable("lighttpd")
            .enable("mysql")
            .set("kern_securelevel_enable", "YES")
            .set("kern_securelevel", "3")
            .enable("clear_tmp");
    Jail webJail =
        Jail.builder()
            .name("web")
            .hostname(WEB_HOSTNAME)
            .iface(iface)
            .ip4(WEB_ADDRESS)
            .mountDevfs(true)
            .param(JailParam.SECURELEVEL, 3)
            .param(JailParam.CHILDREN_MAX, 1)
            .addExecStart("/bin/sh /etc/rc")
            .addExecStop("/bin/sh /etc/rc.shutdown")
            .persist(true)
            .build();
    Jail web;
    if (writeRoots) {
      ThinRoot.prepareBase(pkgRoot);
      JailRoot webRoot = ThinRoot.from(pkgRoot).create(work.resolve("jails/web"));
      out.println(
          "  thin root " + rel(webRoot.path()) + " over " + rel(pkgRoot) + " (read-only nullfs),");
      out.println("  its own writable parts in " + rel(webRoot.writableParts().orElseThrow()));
      webRoot.writer().writeString("/etc/rc.conf", rc.toString());
      out.println("  /etc/rc.conf, written with SafeRootWriter (no write can leave the root):");
      out.print(indent(readBack(webRoot, "/etc/rc.conf"), "    | "));
      web = webRoot.applyTo(webJail);
    } else {
      Path webDir = Files.createDirectories(work.resolve("jails/web"));
      // devfs is mounted on the jail's /dev, which must exist
      Files.createDirectories(webDir.resolve("dev"));
      out.println(
          "  plain directory " + rel(webDir) + " (a thin root's nullfs base needs openat(2))");
      out.println("  the /etc/rc.conf it would get (not written: SafeRootWriter needs openat(2)):");
      out.print(indent(rc.toString(), "    | "));
      web = Jail.builder().from(webJail).path(PathCheck.jailPath(webDir)).build();
    }
    List<PreflightWarning> warnings = Preflight.check(web, rc);
    if (warnings.isEmpty()) {
      out.println("  preflight: nothing in the jail or its rc.conf needs what a jail cannot do");
    } else {
      out.println("  preflight found " + warnings.size() + " thing(s) to fix before production:");
      warnings.forEach(w -> out.println("    - " + w));
    }

    // 5 --------------------------------------------------------------------------------------
    step("Start web the classic way: alias, mounts, jail_set, /bin/sh /etc/rc");
    fake.ifPresent(f -> answerHostname(f.fakeHost(), host));
    RunningJail running = host.start(web);
    try {
      out.println("  started \"" + running.name() + "\" as JID " + running.jid());
      for (IpAlias a : ourAliases(host)) {
        out.println(
            "  alias:  ifconfig "
                + a.iface()
                + " inet "
                + a.address().getHostAddress()
                + "/"
                + a.prefixLength()
                + " alias");
      }
      for (MountRequest m : ourMounts(host)) {
        out.println("  mount:  " + describe(m));
      }
      for (CommandRun r : running.transcript()) {
        out.println(
            "  "
                + r.step().name().toLowerCase(Locale.ROOT).replace('_', '.')
                + ": "
                + r.command()
                + " (exit "
                + r.result().exitCode()
                + ")"
                + firstLine(r.result().stdout()));
      }
      fake.ifPresent(
          f ->
              out.println(
                  "  (the fake host records in-jail commands and answers them from"
                      + " handlers; it does not run programs)"));

      // 6 ------------------------------------------------------------------------------------
      step("List jails as jls(8) does");
      List<JailInfo> jails = host.list();
      out.println("  $ jls");
      out.print(indent(JailListing.of(jails).render(), "  "));
      out.println("  $ jls -n name host.hostname ip4.addr securelevel children.max");
      out.print(
          indent(
              JailListing.of(jails)
                  .render("-n", "name", "host.hostname", "ip4.addr", "securelevel", "children.max"),
              "  "));

      // 7 ------------------------------------------------------------------------------------
      step("Run a command inside, as jexec(8) does");
      out.println("  $ jexec web hostname");
      CommandResult hostname = running.run(Duration.ofSeconds(30), "hostname");
      out.print(indent(hostname.stdout(), "  "));
      out.println("  (exit " + hostname.exitCode() + ")");
      if (!hostname.isSuccess()) {
        throw new IllegalStateException("hostname inside the jail failed: " + hostname);
      }

      // 8 ------------------------------------------------------------------------------------
      step("What the jail refuses (asked from inside web)");
      Inside inside =
          fake.isPresent()
              ? new FakeInside(fake.get().fakeKernel().asProcessIn(running.jid()))
              : new RealInside(running);
      refused(
          inside,
          "change its own address",
          List.of("jail", "-m", "jid=" + running.jid(), "ip4.addr=" + OTHER_ADDRESS),
          "a jail cannot see itself, so it cannot change its own parameters");
      refused(
          inside,
          "lower its securelevel (a child below 3)",
          List.of("jail", "-c", "name=low", "path=/", "persist", "securelevel=0"),
          "securelevel may only go up: no jail below its parent's");
      String ok = inside.attempt(List.of("jail", "-c", "name=build", "path=/", "persist"));
      if (!ok.isEmpty()) {
        throw new IllegalStateException("the first child jail should be allowed: " + ok);
      }
      out.println("  jail -c name=build path=/ persist");
      out.println("    created: children.max=1 allows one child");
      refused(
          inside,
          "create a child past children.max",
          List.of("jail", "-c", "name=build2", "path=/", "persist"),
          "children.max=1 and one child exists");

      // 9 ------------------------------------------------------------------------------------
      step("Stop web");
      int before = running.transcript().size();
      running.stop();
      for (CommandRun r : running.transcript().subList(before, running.transcript().size())) {
        out.println(
            "  "
                + r.step().name().toLowerCase(Locale.ROOT).replace('_', '.')
                + ": "
                + r.command()
                + " (exit "
                + r.result().exitCode()
                + ")");
      }
      out.println("  removed JID " + running.jid() + " and its child, unmounted, alias deleted");
    } finally {
      if (running.isAlive()) {
        running.stop();
      }
    }

    // 10 -------------------------------------------------------------------------------------
    step("OCI: image layout to jail root to bundle, and config.json back to the jail");
    if (writeRoots) {
      ociBundle(work);
    } else {
      out.println(
          "  skipped: an image's layers are extracted into a jail root, which needs openat(2)");
    }

    // 11 -------------------------------------------------------------------------------------
    step("Nothing left behind");
    // only the tour's jails: a real host may run others
    List<JailInfo> left = host.list().stream().filter(j -> underWork(j.path())).toList();
    List<MountRequest> mounts = ourMounts(host);
    List<IpAlias> aliases = ourAliases(host);
    out.println("  jails:   " + (left.isEmpty() ? "none under ./" : names(left)));
    out.println("  mounts:  " + (mounts.isEmpty() ? "none under ./" : mounts));
    out.println("  aliases: " + (aliases.isEmpty() ? "no " + WEB_ADDRESS : aliases));
    if (fake.isPresent()) {
      var leftovers = fake.get().fakeHost().leftovers();
      out.println(
          "  fake host leftovers: " + (leftovers.isEmpty() ? "none" : leftovers.describe()));
      if (!leftovers.isEmpty()) {
        throw new IllegalStateException("left behind: " + leftovers.describe());
      }
      fake.get().fakeKernel().checkInvariants();
    }
    if (!left.isEmpty() || !mounts.isEmpty() || !aliases.isEmpty()) {
      throw new IllegalStateException(
          "left behind: jails " + names(left) + ", mounts " + mounts + ", aliases " + aliases);
    }
  }

  /** Step 10's work: an OCI image's layers into a bundle's root, and its config.json. */
  private void ociBundle(Path work) throws IOException {
    OciImage image = ExampleImage.write(work.resolve("oci/image")).image(ExampleImage.PLATFORM);
    Path bundleDir = work.resolve("oci/bundles/api");
    RootReport fromImage = OciImageRoot.into(OciBundle.rootfs(bundleDir)).image(image).populate();
    Jail api =
        Jail.builder()
            .name("api")
            .hostname("api.example.org")
            .mountDevfs(true)
            .addCommand(String.join(" ", image.config().command()))
            .build();
    OciBundle bundle = OciBundle.write(api, fromImage.root(), bundleDir);
    boolean same = OciConfig.read(bundleDir, "api").equals(bundle.config());
    out.println(
        "  "
            + image.config().platform()
            + " image, "
            + fromImage.sets().size()
            + " layers (digests checked, a whiteout removed etc/motd) -> "
            + rel(bundle.rootfs()));
    out.println(
        "  "
            + rel(bundle.configFile())
            + " (root.path rootfs) reads back "
            + (same ? "to the same jail" : "to ANOTHER jail"));
    if (!same) {
      throw new IllegalStateException("the bundle's config.json does not read back to the jail");
    }
    out.println("  on any node of a fleet: ocijail create --bundle BUNDLE api; ocijail start api");
  }

  /** Step 3's work: the sets checked against the MANIFEST and extracted, with a progress bar. */
  private void fatRoot(DistributionSets sets, List<String> setNames, Path pkgRoot) {
    ProgressBar bar = new ProgressBar(out, ProgressBar.terminal());
    out.println("  checking every set against the MANIFEST (SHA-256), then extracting:");
    RootReport report =
        RootBuilder.into(pkgRoot)
            .sets(sets, setNames.toArray(String[]::new))
            .progress(
                p ->
                    bar.update(
                        p.set(), p.fraction(), p.entries() + " entries, " + size(p.bytesWritten())))
            .populate();
    bar.done();
    for (ExtractionReport r : report.sets()) {
      out.printf(
          Locale.ROOT,
          "  %-8s %d files, %d directories, %d links, %s%s%n",
          r.set(),
          r.files(),
          r.directories(),
          r.symlinks() + r.hardLinks(),
          size(r.bytesWritten()),
          r.ownersApplied() ? ", owners applied" : ", owners recorded (not running as root)");
    }
    out.println("  fat root: " + rel(report.root().path()) + " (" + report.files() + " files)");
  }

  // ---- steps ------------------------------------------------------------------------------

  private void step(String title) {
    step++;
    stepTitle = title;
    out.println();
    out.println("[" + step + "/" + STEPS + "] " + title);
  }

  /** A jail's view of the kernel: the attempts the tour makes from inside web. */
  private interface Inside {
    /**
     * Tries a jail(8) command line from inside.
     *
     * @return empty when it worked, otherwise the refusal as printed
     */
    String attempt(List<String> jailCommand);
  }

  /**
   * On the fake: the same request jail(8) would send, through the kernel as a root process inside
   * the jail sees it ({@code FakeJailKernel.asProcessIn}).
   */
  private record FakeInside(JailKernel kernel) implements Inside {
    @Override
    public String attempt(List<String> cmd) {
      boolean create = cmd.get(1).equals("-c");
      JailRequest request = JailRequest.create();
      for (String arg : cmd.subList(2, cmd.size())) {
        int eq = arg.indexOf('=');
        String name = eq < 0 ? arg : arg.substring(0, eq);
        String value = eq < 0 ? "true" : arg.substring(eq + 1);
        putText(request, JailParam.lookup(name).orElse(JailParam.named(name)), value);
      }
      try {
        request.set(kernel, create ? JailFlags.CREATE : JailFlags.UPDATE);
        return "";
      } catch (JailException e) {
        return String.valueOf(e.getMessage());
      }
    }

    private static <T> void putText(JailRequest request, JailParam<T> param, String value) {
      request.put(param, org.jail4j.param.ParamText.parse(param, List.of(value)));
    }
  }

  /** On a real host: jail(8) itself, run inside the jail as jexec runs it. */
  private record RealInside(RunningJail jail) implements Inside {
    @Override
    public String attempt(List<String> cmd) {
      CommandResult r = jail.run(Duration.ofSeconds(30), cmd.toArray(String[]::new));
      return r.isSuccess() ? "" : (r.stderr().strip() + " (exit " + r.exitCode() + ")").strip();
    }
  }

  private void refused(Inside inside, String what, List<String> cmd, String rule) {
    String refusal = inside.attempt(cmd);
    if (refusal.isEmpty()) {
      throw new IllegalStateException("the jail was allowed to " + what + ": " + cmd);
    }
    out.println("  " + String.join(" ", cmd) + "   # " + what);
    out.println("    refused: " + refusal);
    out.println("    rule:    " + rule);
  }

  /**
   * On the fake: `hostname` inside a jail prints the jail's host.hostname, read from the kernel.
   */
  private static void answerHostname(FakeHostSystem fake, JailHost host) {
    fake.onCommand(
        FakeHostSystem.programIs("hostname"),
        cmd -> CommandResult.exit(0).stdout(host.get(cmd.jid()).info().hostname() + "\n"));
  }

  // ---- generated sets ---------------------------------------------------------------------

  /**
   * Writes a small base and lib32 set: the directories a thin root needs, the files rc.conf and the
   * tour touch, and some bulk so the progress bar has something to show.
   */
  static void generateSets(Path dist) throws IOException {
    Files.createDirectories(dist);
    DistributionSetWriter base =
        DistributionSetWriter.create("base")
            .description("Base system (MANDATORY)")
            .compressionPreset(0);
    for (String d :
        List.of(
            "./bin",
            "./sbin",
            "./etc",
            "./etc/rc.d",
            "./dev",
            "./home",
            "./lib",
            "./libexec",
            "./proc",
            "./root",
            "./usr",
            "./usr/bin",
            "./usr/lib",
            "./usr/local",
            "./usr/sbin",
            "./usr/share",
            "./usr/share/doc",
            "./usr/share/zoneinfo",
            "./var",
            "./var/log",
            "./var/run")) {
      base.directory(d, 0755);
    }
    base.directory("./tmp", 01777);
    base.file("./bin/sh", "#!/bin/sh\n# placeholder for sh(1) in the tour's generated set\n", 0555)
        .hardLink("./bin/-sh", "./bin/sh")
        .file("./etc/rc", "#!/bin/sh\n# the tour's stand-in for rc(8)\n", 0644)
        .file("./etc/rc.shutdown", "#!/bin/sh\n# the tour's stand-in for rc.shutdown(8)\n", 0644)
        .file("./etc/passwd", "root:*:0:0:Charlie &:/root:/bin/sh\n", 0644)
        .file("./etc/group", "wheel:*:0:root\n", 0644)
        .file("./etc/rc.d/lighttpd", "#!/bin/sh\n# PROVIDE: lighttpd\n", 0555)
        .file("./etc/rc.d/mysql-server", "#!/bin/sh\n# PROVIDE: mysql\n", 0555)
        .file("./usr/share/zoneinfo/UTC", "TZif2 (placeholder)\n", 0444)
        .symlink("./sys", "usr/src/sys");
    for (int i = 0; i < 120; i++) {
      base.file(String.format(Locale.ROOT, "./usr/share/doc/page%03d.txt", i), page(i), 0444);
    }
    ManifestEntry baseEntry = base.writeTo(dist.resolve("base.txz"));
    DistributionSetWriter lib32 =
        DistributionSetWriter.create("lib32")
            .description("32-bit compatibility libraries")
            .compressionPreset(0)
            .directory("./usr/lib32", 0755);
    for (int i = 0; i < 40; i++) {
      lib32.file(String.format(Locale.ROOT, "./usr/lib32/lib%02d.so.1", i), page(1000 + i), 0444);
    }
    ManifestEntry lib32Entry = lib32.writeTo(dist.resolve("lib32.txz"));
    Files.writeString(
        dist.resolve("MANIFEST"), Manifest.of(List.of(baseEntry, lib32Entry)).toString());
  }

  /** About 3 KiB of text that compresses like text, different for each i. */
  private static String page(int i) {
    StringBuilder sb = new StringBuilder();
    long x = 0x9E3779B97F4A7C15L * (i + 1);
    for (int line = 0; line < 48; line++) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
      sb.append(
          String.format(Locale.ROOT, "%04d %016x jail4j tour generated page %d%n", line, x, i));
    }
    return sb.toString();
  }

  // ---- small helpers ----------------------------------------------------------------------

  /**
   * Whether a jail or mount path (a FreeBSD path: {@code /} between names on every host) names a
   * file under the tour's directory.
   */
  private boolean underWork(String jailPath) {
    Path w = work;
    return w != null && under(w, jailPath);
  }

  /**
   * Whether a FreeBSD path names a file under {@code dir}, read on {@code dir}'s own file system
   * (on Windows {@code /C:/tour/jails/web} is {@code C:\tour\jails\web}).
   */
  static boolean under(Path dir, String jailPath) {
    return PathCheck.hostPath(jailPath, dir.getFileSystem())
        .map(p -> p.normalize().startsWith(dir))
        .orElse(false);
  }

  private String rel(Object path) {
    Path w = work;
    return w == null ? path.toString() : relative(w, path);
  }

  /**
   * A path under {@code dir} as {@code ./jails/web} ({@code /} between names on every host); others
   * unchanged. A string is a jail path (a FreeBSD path), a {@code Path} one of {@code dir}'s file
   * system.
   */
  static String relative(Path dir, Object path) {
    Optional<Path> host =
        path instanceof Path hp
            ? Optional.of(hp)
            : PathCheck.hostPath(path.toString(), dir.getFileSystem());
    if (host.isEmpty() || !host.get().normalize().startsWith(dir)) {
      return path.toString();
    }
    List<String> names = new ArrayList<>();
    for (Path name : dir.relativize(host.get().normalize())) {
      names.add(name.toString());
    }
    return "./" + String.join("/", names);
  }

  private static List<IpAlias> ourAliases(JailHost host) throws IOException {
    InetAddress ours = InetAddress.getByName(WEB_ADDRESS);
    return host.hostSystem().aliases().stream().filter(a -> a.address().equals(ours)).toList();
  }

  private List<MountRequest> ourMounts(JailHost host) {
    return host.hostSystem().mounts().stream().filter(m -> underWork(m.target())).toList();
  }

  private static String describe(HostCapabilities c) {
    return c.osrelease()
        + " (osreldate "
        + c.osreldate()
        + "), VIMAGE "
        + (c.vimage() ? "on" : "off")
        + ", RACCT "
        + (c.racct() ? "on" : "off")
        + ", "
        + c.params().size()
        + " jail parameters";
  }

  private String describe(MountRequest m) {
    return m.fsType()
        + " "
        + rel(m.source())
        + " on "
        + rel(m.target())
        + (m.options().isEmpty() ? "" : " (" + String.join(",", m.options()) + ")")
        + (m.devfsRuleset() == null ? "" : " ruleset " + m.devfsRuleset());
  }

  private static String readBack(JailRoot root, String path) {
    return new String(root.writer().read(path, 1 << 16), StandardCharsets.UTF_8);
  }

  private static String names(List<JailInfo> jails) {
    return jails.stream().map(j -> j.jid() + " " + j.name()).toList().toString();
  }

  private static String firstLine(String text) {
    String s = text.strip();
    if (s.isEmpty()) {
      return "";
    }
    int nl = s.indexOf('\n');
    return ": " + (nl < 0 ? s : s.substring(0, nl) + " ...");
  }

  static String indent(String text, String prefix) {
    if (text.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (!line.isEmpty() || sb.length() == 0) {
        sb.append(prefix).append(line);
      }
      sb.append('\n');
    }
    String s = sb.toString();
    // keep exactly one trailing newline
    while (s.endsWith("\n\n")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
  }

  static void deleteTree(@Nullable Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a temporary directory: leaving a file behind is not worth failing the run over
    }
  }
}
