package org.jail4j.spi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jail4j.Errno;
import org.jail4j.JailException;
import org.jail4j.internal.HostPaths;

/**
 * What jail(8) does on the host around the kernel call: mounts, interface aliases and network
 * interfaces, host commands, and running a command inside a jail the way jexec(8) does.
 *
 * <p>The native provider does these with {@code nmount(2)}, {@code ifconfig(8)} and {@code
 * jexec(8)}; the testkit's fake records them and answers commands from handlers a test registers.
 * Failures are {@link JailException}s naming the operation (with the errno when a system call
 * failed).
 *
 * <pre>{@code
 * host.mount(MountRequest.devfs("/jail/web/dev", 4));
 * Process p = host.startInJail(jid, CommandSpec.of("/bin/echo", "hello"));
 * }</pre>
 *
 * <p>Implementations must be safe for concurrent use.
 */
public interface HostSystem {

  /**
   * Mounts a file system ({@code nmount(2)}), applying the devfs ruleset to a devfs mount.
   *
   * @param request what to mount where
   * @throws JailException when the mount fails (errno set)
   */
  void mount(MountRequest request);

  /**
   * Unmounts a file system ({@code unmount(2)}).
   *
   * @param target the mount point
   * @param force {@code MNT_FORCE}
   * @throws JailException when the unmount fails (errno set)
   */
  void unmount(String target, boolean force);

  /**
   * The mounts this host knows of, in mount order (what {@code mount -p} lists).
   *
   * @return the mount table
   */
  List<MountRequest> mounts();

  /**
   * Adds an address to an interface ({@code ifconfig IFACE inet ADDR/P alias}).
   *
   * @param alias the address and interface
   * @throws JailException when ifconfig fails
   */
  void addAlias(IpAlias alias);

  /**
   * Removes an address from an interface ({@code ifconfig IFACE inet ADDR -alias}).
   *
   * @param alias the address and interface
   * @throws JailException when ifconfig fails
   */
  void removeAlias(IpAlias alias);

  /**
   * The aliases present on the host's interfaces.
   *
   * @return the aliases
   */
  List<IpAlias> aliases();

  /**
   * Creates a network interface ({@code ifconfig TYPE create [name NAME]}), e.g. an {@code epair}
   * or {@code bridge}.
   *
   * @param type the cloner, e.g. {@code epair} or {@code bridge}
   * @param name the name to give it, or null for the kernel's choice; for an epair, the name of the
   *     {@code a} end (the {@code b} end gets the same name ending in {@code b})
   * @return the name of the interface created (the {@code a} end for an epair)
   * @throws JailException when ifconfig fails
   */
  String createInterface(String type, @org.jspecify.annotations.Nullable String name);

  /**
   * Destroys a network interface ({@code ifconfig NAME destroy}); destroying either end of an epair
   * destroys both.
   *
   * @param name the interface
   * @throws JailException when ifconfig fails
   */
  void destroyInterface(String name);

  /**
   * Runs ifconfig(8) with these arguments (e.g. {@code bridge0 addm epair0a up}, or {@code epair0b
   * vnet 5} to move an interface into a vnet jail).
   *
   * @param args the arguments after {@code ifconfig}
   * @throws JailException when ifconfig fails
   */
  void ifconfig(List<String> args);

  /**
   * The network interfaces present on the host.
   *
   * @return interface names
   */
  List<String> interfaces();

  /**
   * Starts a command on the host (jail(8)'s {@code exec.prestart}, {@code exec.poststop}, zfs,
   * make, ...).
   *
   * @param command what to run
   * @return the running process
   * @throws IOException when it cannot be started
   */
  Process startOnHost(CommandSpec command) throws IOException;

  /**
   * Starts a command inside a jail, as {@code jexec [-l] [-u|-U user] JID argv...} does (a working
   * directory is entered by the jail's {@code /bin/sh}, since 13.x has no {@code jexec -d}). The
   * JVM itself is never attached to the jail.
   *
   * @param jid the jail
   * @param command what to run
   * @return the running process
   * @throws IOException when it cannot be started
   */
  Process startInJail(int jid, CommandSpec command) throws IOException;

  /**
   * Whether a jail's {@code path} can be used: jail(8) checks, before creating, that it exists and
   * is a directory. The default looks at this JVM's file system; a fake host answers for its own.
   *
   * @param path an absolute path
   * @return empty when it is a directory, else {@code ENOENT} or {@code ENOTDIR}
   */
  default Optional<Errno> checkDirectory(String path) {
    // a FreeBSD path: on a Windows JVM /C:/jails/web is C:\jails\web (HostPaths)
    Optional<Path> host = HostPaths.hostPath(path, FileSystems.getDefault());
    if (host.isEmpty()) {
      return Optional.of(Errno.ENOENT);
    }
    Path p = host.get();
    if (!Files.exists(p)) {
      return Optional.of(Errno.ENOENT);
    }
    return Files.isDirectory(p) ? Optional.empty() : Optional.of(Errno.ENOTDIR);
  }

  /**
   * Sends a signal to every process in a jail, as jail(8) does with {@code SIGTERM} before removing
   * it ({@code stop.timeout}). The default runs {@code pkill -SIGNAL -j JID} on the host.
   *
   * @param jid the jail
   * @param signal the signal number, e.g. 15 for {@code SIGTERM}
   * @throws IOException when the signal cannot be sent
   */
  default void signalJail(int jid, int signal) throws IOException {
    Process p = startOnHost(CommandSpec.of("pkill", "-" + signal, "-j", Integer.toString(jid)));
    try {
      p.getOutputStream().close();
      p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while signalling jail " + jid, e);
    }
  }

  /**
   * The process IDs of the processes in a jail (not in its children). The default runs {@code pgrep
   * -j JID} on the host.
   *
   * @param jid the jail
   * @return the PIDs, empty when there are none
   * @throws IOException when they cannot be listed
   */
  default List<Integer> jailProcesses(int jid) throws IOException {
    Process p = startOnHost(CommandSpec.of("pgrep", "-j", Integer.toString(jid)));
    try {
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      p.waitFor();
      List<Integer> pids = new ArrayList<>();
      for (String line : out.split("\\s+", -1)) {
        if (line.matches("[0-9]+")) {
          pids.add(Integer.parseInt(line));
        }
      }
      return pids;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while listing the processes of jail " + jid, e);
    }
  }
}
