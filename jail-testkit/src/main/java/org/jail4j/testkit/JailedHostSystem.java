package org.jail4j.testkit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jail4j.Errno;
import org.jail4j.JailException;
import org.jail4j.spi.CommandSpec;
import org.jail4j.spi.HostSystem;
import org.jail4j.spi.IpAlias;
import org.jail4j.spi.MountRequest;
import org.jail4j.testkit.host.HostFailure;
import org.jspecify.annotations.Nullable;

/**
 * A {@link FakeHostSystem} as a root process inside one jail sees it (freebsd-jail-abi.md §8):
 * paths are below the jail's root, mounting needs {@code allow.mount}, {@code allow.mount.FS} and
 * {@code enforce_statfs} below 2, a devfs mount may use only the jail's own ruleset, interfaces and
 * addresses cannot be configured outside a {@code vnet} jail (and the fake does not model a vnet
 * jail's own stack), and commands run in the jail itself or in jails below it. Everything lands on
 * the one fake host.
 */
final class JailedHostSystem implements HostSystem {

  private final FakeHostSystem host;
  private final FakeJailKernel kernel;
  private final int jid;

  JailedHostSystem(FakeHostSystem host, int jid) {
    this.host = host;
    this.kernel = host.kernel();
    this.jid = jid;
  }

  /** The jail's root as the host sees it; a process whose jail is gone is gone too. */
  private String root(String operation) {
    Optional<String> path = kernel.livePath(jid);
    if (path.isEmpty()) {
      throw HostFailure.of(
          operation, Errno.ESRCH, "jail " + jid + " is no longer alive, nor its processes");
    }
    return path.get();
  }

  /** A path inside the jail as the host sees it; relative paths stay as they are (and fail). */
  private static String toHost(String root, String path) {
    if (root.equals("/") || !path.startsWith("/")) {
      return path;
    }
    return path.equals("/") ? root : root + path;
  }

  /** A host path as the jail sees it, or null when it lies outside the jail's root. */
  private static @Nullable String toJail(String root, String path) {
    if (root.equals("/")) {
      return path;
    }
    if (path.equals(root)) {
      return "/";
    }
    return path.startsWith(root + "/") ? path.substring(root.length()) : null;
  }

  private static JailException notPermitted(String operation, String what) {
    return HostFailure.of(operation, Errno.EPERM, what + ": Operation not permitted");
  }

  @Override
  public void mount(MountRequest request) {
    String root = root("mount");
    if (!kernel.mayMount(jid, request.fsType())) {
      throw notPermitted("mount", request.target());
    }
    Integer ruleset = request.devfsRuleset();
    if (ruleset != null && ruleset != 0 && ruleset != kernel.devfsRuleset(jid)) {
      // devfs rules cannot be viewed or changed inside a jail (§8): a jailed devfs mount may use
      // only the jail's own ruleset
      throw notPermitted("mount", "devfs ruleset " + ruleset + " on " + request.target());
    }
    String source = request.source();
    host.mount(
        new MountRequest(
            request.fsType(),
            source.startsWith("/") ? toHost(root, source) : source,
            toHost(root, request.target()),
            request.options(),
            ruleset));
  }

  @Override
  public void unmount(String target, boolean force) {
    String root = root("unmount");
    String onHost = toHost(root, target);
    for (MountRequest m : host.mounts()) {
      if (m.target().equals(onHost) && !kernel.mayMount(jid, m.fsType())) {
        throw notPermitted("unmount", target);
      }
    }
    host.unmount(onHost, force);
  }

  @Override
  public List<MountRequest> mounts() {
    String root = root("mount");
    List<MountRequest> out = new ArrayList<>();
    for (MountRequest m : host.mounts()) {
      String target = toJail(root, m.target());
      if (target != null) {
        String source = m.source();
        String inside = source.startsWith("/") ? toJail(root, source) : source;
        out.add(
            new MountRequest(
                m.fsType(),
                inside == null ? source : inside,
                target,
                m.options(),
                m.devfsRuleset()));
      }
    }
    return out;
  }

  private JailException noNetwork(String what) {
    root("ifconfig");
    if (kernel.isVnet(jid)) {
      return HostFailure.of(
          "ifconfig",
          Errno.EOPNOTSUPP,
          what + ": the fake does not model the network stack of vnet jail " + jid);
    }
    return notPermitted("ifconfig", what);
  }

  @Override
  public void addAlias(IpAlias alias) {
    throw noNetwork(alias.iface());
  }

  @Override
  public void removeAlias(IpAlias alias) {
    throw noNetwork(alias.iface());
  }

  /** None: a process in a jail adds no aliases, so none are its own to remove. */
  @Override
  public List<IpAlias> aliases() {
    root("ifconfig");
    return List.of();
  }

  @Override
  public String createInterface(String type, @Nullable String name) {
    throw noNetwork(name == null ? type : name);
  }

  @Override
  public void destroyInterface(String name) {
    throw noNetwork(name);
  }

  @Override
  public void ifconfig(List<String> args) {
    throw noNetwork(args.isEmpty() ? "ifconfig" : args.get(0));
  }

  /** A non-vnet jail sees the host's interfaces; a vnet jail its own and {@code lo0}. */
  @Override
  public List<String> interfaces() {
    root("ifconfig");
    if (!kernel.isVnet(jid)) {
      return host.interfaces();
    }
    List<String> own = new ArrayList<>();
    own.add("lo0");
    own.addAll(host.interfacesIn(jid));
    return own;
  }

  /** Runs in this jail, as every process this one starts does. */
  @Override
  public Process startOnHost(CommandSpec command) throws IOException {
    return host.startInJail(jid, command);
  }

  /** Runs in a jail at or below this one; any other jail is one jexec(8) cannot find. */
  @Override
  public Process startInJail(int child, CommandSpec command) throws IOException {
    if (!kernel.isAtOrBelow(jid, child)) {
      return host.startInInvisibleJail(child, command);
    }
    return host.startInJail(child, command);
  }

  @Override
  public Optional<Errno> checkDirectory(String path) {
    return host.checkDirectory(toHost(root("stat"), path));
  }

  @Override
  public void signalJail(int child, int signal) {
    if (kernel.isAtOrBelow(jid, child)) {
      host.signalJail(child, signal);
    }
  }

  @Override
  public List<Integer> jailProcesses(int child) {
    return kernel.isAtOrBelow(jid, child) ? host.jailProcesses(child) : List.of();
  }

  @Override
  public String toString() {
    return "FakeHostSystem as a process in jail " + jid;
  }
}
