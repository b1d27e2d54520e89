package org.jail4j.spi;

import java.io.IOException;
import java.util.List;
import org.jail4j.JailException;

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
   * Starts a command inside a jail, as {@code jexec [-l] [-d dir] [-u|-U user] JID argv...}. The
   * JVM itself is never attached to the jail.
   *
   * @param jid the jail
   * @param command what to run
   * @return the running process
   * @throws IOException when it cannot be started
   */
  Process startInJail(int jid, CommandSpec command) throws IOException;
}
