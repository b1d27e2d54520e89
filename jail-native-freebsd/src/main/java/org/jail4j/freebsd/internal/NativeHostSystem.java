package org.jail4j.freebsd.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import org.jail4j.CommandResult;
import org.jail4j.Errno;
import org.jail4j.JailException;
import org.jail4j.spi.CommandSpec;
import org.jail4j.spi.HostSystem;
import org.jail4j.spi.IoVec;
import org.jail4j.spi.IpAlias;
import org.jail4j.spi.MountRequest;
import org.jail4j.spi.SyscallException;
import org.jspecify.annotations.Nullable;

/**
 * {@link HostSystem} on FreeBSD: mounts with {@code nmount(2)} / {@code unmount(2)}, devfs rulesets
 * with devfs(8), addresses and interfaces with ifconfig(8), host commands with {@link
 * ProcessBuilder}, and commands inside a jail with jexec(8), returning the real {@link Process}.
 * Every command line that changes the host is logged at INFO with {@link System.Logger}. The JVM is
 * never attached to a jail.
 *
 * <pre>{@code
 * HostSystem host = new NativeHostSystem(libc, runtime, ProcessStarter.PROCESS_BUILDER);
 * host.mount(MountRequest.devfs("/jail/web/dev", 4));
 * Process p = host.startInJail(5, CommandSpec.of("/bin/echo", "hello"));
 * }</pre>
 */
public final class NativeHostSystem implements HostSystem {
  private static final System.Logger LOG = System.getLogger(NativeHostSystem.class.getName());

  /** {@code MNT_FORCE} for unmount(2). */
  public static final int MNT_FORCE = 0x00080000;

  /** The errmsg buffer mount(8) gives nmount(2). */
  public static final int MOUNT_ERRMSG_LEN = 255;

  private static final long COMMAND_TIMEOUT_SECONDS = 120;

  private final LibC libc;
  private final Runtime runtime;
  private final ProcessStarter starter;

  /**
   * A host system over this libc.
   *
   * @param libc the binding
   * @param runtime the jnr runtime that owns errno and native memory
   * @param starter how processes are started
   */
  public NativeHostSystem(LibC libc, Runtime runtime, ProcessStarter starter) {
    this.libc = libc;
    this.runtime = runtime;
    this.starter = starter;
  }

  /**
   * The {@code nmount(2)} iovec for a request, as mount(8) and its helpers build it: {@code
   * fstype}, {@code fspath}, the source ({@code target} for nullfs, as mount_nullfs(8) passes it,
   * {@code from} otherwise), one pair per option ({@code name=value}, or a bare name with no
   * value), for a devfs mount with a ruleset a {@code ruleset} pair with its number (as jail(8)
   * mounts with {@code -o ruleset=N}: devfs_mount sets and applies the ruleset before the mount is
   * visible, so no moment exists in which the jail's {@code /dev} shows every device), and an
   * {@code errmsg} buffer.
   *
   * @param request the mount
   * @return the iovec; its last entry is the errmsg buffer
   */
  public static IoVec[] nmountIovec(MountRequest request) {
    List<IoVec> iov = new ArrayList<>();
    pair(iov, "fstype", IoVec.string(request.fsType()));
    pair(iov, "fspath", IoVec.string(request.target()));
    pair(
        iov, request.fsType().equals("nullfs") ? "target" : "from", IoVec.string(request.source()));
    for (String option : request.options()) {
      int eq = option.indexOf('=');
      if (eq < 0) {
        pair(iov, option, IoVec.empty());
      } else {
        pair(iov, option.substring(0, eq), IoVec.string(option.substring(eq + 1)));
      }
    }
    Integer ruleset = request.devfsRuleset();
    if (ruleset != null && request.fsType().equals("devfs") && !hasOption(request, "ruleset")) {
      pair(iov, "ruleset", IoVec.string(Integer.toString(ruleset)));
    }
    pair(iov, "errmsg", IoVec.buffer(MOUNT_ERRMSG_LEN));
    return iov.toArray(new IoVec[0]);
  }

  private static boolean hasOption(MountRequest request, String name) {
    for (String option : request.options()) {
      if (option.equals(name) || option.startsWith(name + "=")) {
        return true;
      }
    }
    return false;
  }

  private static void pair(List<IoVec> iov, String name, IoVec value) {
    iov.add(IoVec.name(name));
    iov.add(value);
  }

  @Override
  public void mount(MountRequest request) {
    IoVec[] iov = nmountIovec(request);
    String what = request.fsType() + " on " + request.target();
    int rc;
    int errno = 0;
    try {
      NativeIoVecArray array = NativeIoVecArray.of(runtime, iov, false);
      LOG.log(Level.INFO, "nmount {0}", request.toFstabLine());
      try {
        rc = libc.nmount(array.pointer(), array.count(), 0);
        if (rc == -1) {
          errno = runtime.getLastError();
        }
        array.copyBack();
      } finally {
        Reference.reachabilityFence(array);
      }
    } catch (SyscallException e) {
      throw new JailException("mount", null, null, e.errno(), null, what, e);
    }
    if (rc == -1) {
      Errno e = FreeBsdErrno.of("nmount", errno);
      String message = Sysctl.cString(iov[iov.length - 1].bytes());
      throw new JailException(
          "mount", null, null, e, message.isEmpty() ? null : message + ": " + what, what, null);
    }
    if (request.devfsRuleset() != null) {
      // The ruleset already took effect in nmount(2). devfs(8) applyset applies the same rules
      // once more, which changes nothing (each rule only hides or unhides), and it fails for a
      // ruleset that does not exist, where the kernel would have accepted the number and left an
      // empty ruleset: that check is why it stays.
      int ruleset = request.devfsRuleset();
      try {
        runChecked("devfs", HostCommands.devfsApplyset(request.target(), ruleset));
      } catch (JailException e) {
        // never leave a devfs mount without its ruleset: the jail would see every device
        try {
          unmount(request.target(), true);
        } catch (JailException undo) {
          e.addSuppressed(undo);
        }
        throw e;
      }
    }
  }

  @Override
  public void unmount(String target, boolean force) {
    byte[] path = target.getBytes(StandardCharsets.UTF_8);
    Pointer p = Memory.allocateDirect(runtime, path.length + 1, true);
    p.put(0, path, 0, path.length);
    LOG.log(Level.INFO, "unmount{0} {1}", force ? " -f" : "", target);
    int rc;
    int errno;
    try {
      rc = libc.unmount(p, force ? MNT_FORCE : 0);
      errno = rc == -1 ? runtime.getLastError() : 0;
    } finally {
      Reference.reachabilityFence(p);
    }
    if (rc == -1) {
      Errno e = FreeBsdErrno.of("unmount", errno);
      throw new JailException("unmount", null, null, e, null, target, null);
    }
  }

  @Override
  public List<MountRequest> mounts() {
    return HostListings.mounts(runChecked("mount", List.of(HostCommands.MOUNT, "-p")).stdout());
  }

  @Override
  public void addAlias(IpAlias alias) {
    ifconfig(alias.ifconfigArgs());
  }

  @Override
  public void removeAlias(IpAlias alias) {
    ifconfig(alias.ifconfigRemoveArgs());
  }

  @Override
  public List<IpAlias> aliases() {
    return HostListings.aliases(ifconfigOutput(List.of("-a")));
  }

  @Override
  public String createInterface(String type, @Nullable String name) {
    String created = ifconfigOutput(List.of(type, "create")).trim();
    if (created.isEmpty()) {
      throw new JailException("ifconfig", null, type + " create printed no interface name");
    }
    if (name == null || name.equals(created)) {
      return created;
    }
    ifconfig(List.of(created, "name", name));
    if (type.equals("epair") && created.endsWith("a")) {
      String otherEnd = created.substring(0, created.length() - 1) + "b";
      String otherName = (name.endsWith("a") ? name.substring(0, name.length() - 1) : name) + "b";
      ifconfig(List.of(otherEnd, "name", otherName));
    }
    return name;
  }

  @Override
  public void destroyInterface(String name) {
    ifconfig(List.of(name, "destroy"));
  }

  @Override
  public void ifconfig(List<String> args) {
    ifconfigOutput(args);
  }

  private String ifconfigOutput(List<String> args) {
    List<String> argv = new ArrayList<>();
    argv.add(HostCommands.IFCONFIG);
    argv.addAll(args);
    return runChecked("ifconfig", argv).stdout();
  }

  @Override
  public List<String> interfaces() {
    return HostListings.interfaces(ifconfigOutput(List.of("-l")));
  }

  @Override
  public Process startOnHost(CommandSpec command) throws IOException {
    List<String> argv = HostCommands.onHost(command);
    LOG.log(Level.INFO, "host: {0}", String.join(" ", argv));
    return starter.start(
        argv,
        HostCommands.onHostEnvironment(command),
        command.cleanEnvironment(),
        command.workingDirectory());
  }

  @Override
  public Process startInJail(int jid, CommandSpec command) throws IOException {
    List<String> argv = HostCommands.jexec(jid, command);
    LOG.log(Level.INFO, "jail {0}: {1}", jid, String.join(" ", argv));
    // jexec -l replaces the environment itself; otherwise the variables pass through jexec
    Map<String, String> env = command.cleanEnvironment() ? Map.of() : command.environment();
    return starter.start(argv, env, false, null);
  }

  private CommandResult runChecked(String operation, List<String> argv) {
    String line = String.join(" ", argv);
    LOG.log(Level.INFO, "{0}", line);
    long start = System.nanoTime();
    CommandResult r;
    try {
      Process p = starter.start(argv, Map.of(), false, null);
      p.getOutputStream().close();
      CompletableFuture<String> out = drain(p.getInputStream());
      CompletableFuture<String> err = drain(p.getErrorStream());
      if (!p.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new JailException(
            operation, null, line + " did not finish within " + COMMAND_TIMEOUT_SECONDS + " s");
      }
      r =
          new CommandResult(
              p.exitValue(),
              out.join(),
              err.join(),
              Duration.ofNanos(System.nanoTime() - start),
              false);
    } catch (IOException e) {
      throw new JailException(operation, null, null, null, null, line + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JailException(operation, null, line + " was interrupted");
    }
    if (r.exitCode() != 0) {
      String err = r.stderr().trim();
      throw new JailException(
          operation,
          null,
          line + " failed with exit status " + r.exitCode() + (err.isEmpty() ? "" : ": " + err));
    }
    return r;
  }

  private static CompletableFuture<String> drain(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (InputStream s = in) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            s.transferTo(buf);
            return buf.toString(StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
