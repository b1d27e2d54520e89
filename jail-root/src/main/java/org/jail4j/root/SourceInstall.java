package org.jail4j.root;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jail4j.internal.HostPaths;
import org.jail4j.root.internal.RootCommands;
import org.jail4j.spi.CommandSpec;
import org.jail4j.spi.HostSystem;
import org.jspecify.annotations.Nullable;

/**
 * Builds a full jail root from a FreeBSD source tree, the way jail(8)'s manual sets up a jail
 * directory: {@code make installworld DESTDIR=ROOT} and {@code make distribution DESTDIR=ROOT}
 * (optionally {@code make buildworld} first), run as host commands through {@link HostSystem} so a
 * test's fake host records them, then the {@code /dev} mount point and the {@code kernel ->
 * dev/null} link. A failed step throws a {@link HostCommandException} with the command's output.
 *
 * <pre>{@code
 * JailRoot root = SourceInstall.from(Path.of("/usr/src"))
 *     .jobs(8)
 *     .srcConf(Path.of("/etc/src-jail.conf"))
 *     .install(host, Path.of("/jail/web"));
 * }</pre>
 */
public final class SourceInstall {
  private final Path sourceTree;
  private int jobs = 1;
  private @Nullable Path srcConf;
  private boolean buildWorld;
  private String make = "make";

  private SourceInstall(Path sourceTree) {
    this.sourceTree = sourceTree;
  }

  /**
   * Installs from this source tree.
   *
   * @param sourceTree the tree, usually {@code /usr/src}
   * @return the builder
   */
  public static SourceInstall from(Path sourceTree) {
    return new SourceInstall(sourceTree);
  }

  /**
   * Parallel jobs for {@code buildworld} and {@code installworld} ({@code make -jN}); 1 by default.
   * {@code make distribution} always runs with one job.
   *
   * @param jobs at least 1
   * @return this builder
   */
  public SourceInstall jobs(int jobs) {
    if (jobs < 1) {
      throw new RootException("installworld", "jobs must be at least 1, got " + jobs, null);
    }
    this.jobs = jobs;
    return this;
  }

  /**
   * A {@code src.conf(5)} for every step ({@code SRCCONF=FILE}), e.g. to leave out parts a jail
   * does not need.
   *
   * @param file the file on the host
   * @return this builder
   */
  public SourceInstall srcConf(Path file) {
    this.srcConf = file;
    return this;
  }

  /**
   * Runs {@code make buildworld} before installing (off by default: the world is usually built once
   * for many jails).
   *
   * @param build true to build first
   * @return this builder
   */
  public SourceInstall buildWorld(boolean build) {
    this.buildWorld = build;
    return this;
  }

  /**
   * The make program ({@code make} by default, FreeBSD's bmake).
   *
   * @param program the program name or path
   * @return this builder
   */
  public SourceInstall makeProgram(String program) {
    this.make = program;
    return this;
  }

  /**
   * The commands {@link #install} runs, in order.
   *
   * @param root the root directory (DESTDIR)
   * @return the commands
   */
  public List<CommandSpec> commands(Path root) {
    String dest = "DESTDIR=" + HostPaths.freeBsd(root.toAbsolutePath().normalize());
    List<CommandSpec> out = new ArrayList<>();
    if (buildWorld) {
      out.add(CommandSpec.of(makeArgs("buildworld", jobs, null)));
    }
    out.add(CommandSpec.of(makeArgs("installworld", jobs, dest)));
    out.add(CommandSpec.of(makeArgs("distribution", 1, dest)));
    return out;
  }

  private List<String> makeArgs(String target, int j, @Nullable String dest) {
    List<String> a = new ArrayList<>();
    a.add(make);
    a.add("-C");
    a.add(HostPaths.freeBsd(sourceTree));
    if (j > 1) {
      a.add("-j" + j);
    }
    a.add(target);
    if (dest != null) {
      a.add(dest);
    }
    if (srcConf != null) {
      a.add("SRCCONF=" + HostPaths.freeBsd(srcConf));
    }
    return a;
  }

  /**
   * Runs the steps, then creates {@code /dev} (the devfs mount point) and the {@code kernel ->
   * dev/null} link inside the root.
   *
   * @param host the host the commands run on
   * @param root the root directory (created by installworld when missing)
   * @return the root
   * @throws HostCommandException when a step exits non-zero, with its output
   */
  public JailRoot install(HostSystem host, Path root) {
    Path dest = root.toAbsolutePath().normalize();
    try {
      java.nio.file.Files.createDirectories(dest);
    } catch (java.io.IOException e) {
      throw new RootException("installworld", dest + ": " + e.getMessage(), e);
    }
    for (CommandSpec c : commands(dest)) {
      RootCommands.check(host, c);
    }
    SafeRootWriter w = SafeRootWriter.of(dest);
    w.createDirectories("/dev", 0555);
    w.symlink("/kernel", "dev/null");
    return JailRoot.full(dest);
  }
}
