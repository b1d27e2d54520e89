package org.jail4j.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.jail4j.Errno;
import org.jail4j.IpLiterals;
import org.jail4j.JailException;
import org.jail4j.spi.CommandSpec;
import org.jail4j.spi.HostSystem;
import org.jail4j.spi.IoVec;
import org.jail4j.spi.IpAlias;
import org.jail4j.spi.MountRequest;
import org.jail4j.spi.SyscallException;
import org.jspecify.annotations.Nullable;

/**
 * A host system for tests: a mount table, network interfaces with their aliases, and scripted host
 * and in-jail commands, all recorded for assertions, on top of a {@link FakeJailKernel}.
 *
 * <pre>{@code
 * FakeJailKernel kernel = FakeJailKernel.create();
 * FakeHostSystem host = new FakeHostSystem(kernel);
 * host.onCommand("make", CommandResult.exit(0).stdout("built\n"));
 * host.failNextMount(Errno.EBUSY);
 * JailHost jails = JailHost.using(new FakeJailProvider(kernel, host));
 * }</pre>
 *
 * <p><b>Mounts.</b> {@link #mount} refuses a relative target or an unknown file system type ({@code
 * EINVAL}, {@code ENODEV}); a devfs ruleset must be 0..65535. {@link #unmount} refuses a target
 * that is not a mount point ({@code EINVAL}), one with other mounts below it (unmounting in the
 * wrong order, {@code EBUSY}, even with force) and one a test marked {@linkplain #markBusy busy}
 * ({@code EBUSY} unless forced). Mounts stack like on FreeBSD: the last mount on a target is the
 * one an unmount removes.
 *
 * <p><b>Interfaces.</b> The host starts with {@code lo0} and {@code em0}. Cloned interfaces get the
 * lowest free unit: {@code createInterface("epair", null)} gives {@code epair0a} and {@code
 * epair0b}; destroying either end destroys both. {@code ifconfig IFACE vnet JAIL} moves an
 * interface into a live vnet jail; it comes back to the host when that jail stops being alive.
 * Every ifconfig(8) call, including the ones {@link #addAlias}, {@link #createInterface} and {@link
 * #destroyInterface} stand for, is recorded in {@link #ifconfigCalls()}.
 *
 * <p><b>Commands.</b> A command is answered by the most recently registered handler that matches
 * it, or by the default result (exit 0 at once, no output). An in-jail command is a process of that
 * jail in the kernel while it runs; starting one in a jail that is not alive gives what jexec(8)
 * gives: exit 1 and {@code jexec: jail N not found}.
 *
 * <p><b>Faults.</b> The {@code failNext...} methods make the next matching operation fail once.
 *
 * <p>Safe for concurrent use.
 */
public final class FakeHostSystem implements HostSystem {

  /** The interfaces a new fake host has: loopback and one Ethernet card. */
  public static final List<String> DEFAULT_INTERFACES = List.of("lo0", "em0");

  /** The file system types a mount accepts (others fail with {@code ENODEV}). */
  public static final Set<String> FILE_SYSTEMS =
      Set.of(
          "devfs",
          "nullfs",
          "fdescfs",
          "procfs",
          "tmpfs",
          "zfs",
          "ufs",
          "linprocfs",
          "linsysfs",
          "unionfs",
          "fusefs",
          "nfs",
          "cd9660",
          "msdosfs",
          "ext2fs",
          "p9fs",
          "mqueuefs");

  /** The interface cloners {@link #createInterface} knows. */
  public static final Set<String> CLONERS =
      Set.of("epair", "bridge", "lo", "tap", "tun", "vlan", "gif", "gre", "lagg", "wg", "vxlan");

  private static final int IFNAMSIZ = 16;

  private static final ScheduledExecutorService CLOCK = newClock();

  private final FakeJailKernel kernel;
  private final PathCheck paths;
  private final AtomicLong hostPids = new AtomicLong(90_000);

  // Guarded by this.
  private final List<MountRequest> mounts = new ArrayList<>();
  private final Set<String> busyTargets = new HashSet<>();
  private final List<IpAlias> aliases = new ArrayList<>();
  private final Map<String, Iface> interfaces = new LinkedHashMap<>();
  private final List<List<String>> ifconfigCalls = new ArrayList<>();
  private final List<RecordedCommand> commands = new ArrayList<>();
  private final List<FakeProcess> processes = new ArrayList<>();
  private final List<String> journal = new ArrayList<>();
  private final List<Handler> handlers = new ArrayList<>();
  private final List<Fault<MountRequest>> mountFaults = new ArrayList<>();
  private final List<Fault<String>> unmountFaults = new ArrayList<>();
  private final List<Fault<IpAlias>> aliasFaults = new ArrayList<>();
  private final List<Fault<List<String>>> interfaceFaults = new ArrayList<>();
  private final List<CommandFault> commandFaults = new ArrayList<>();
  private CommandResult defaultResult = CommandResult.success();

  /**
   * A fake host over this kernel, with the interfaces {@link #DEFAULT_INTERFACES}, that looks jail
   * paths up the way the kernel does ({@link FakeJailKernel#paths()}), so that jail(8)'s path check
   * and the kernel's agree.
   *
   * @param kernel the kernel in-jail commands run in and {@code vnet} moves look jails up in
   */
  public FakeHostSystem(FakeJailKernel kernel) {
    this(kernel, kernel.paths());
  }

  /**
   * A fake host over this kernel whose {@link #checkDirectory} answers with {@code paths}; give it
   * the check the kernel was built with, so that jail(8)'s path check and the kernel agree.
   *
   * @param kernel the kernel in-jail commands run in and {@code vnet} moves look jails up in
   * @param paths how a jail's path is looked up
   */
  public FakeHostSystem(FakeJailKernel kernel, PathCheck paths) {
    this.kernel = Objects.requireNonNull(kernel, "kernel");
    this.paths = Objects.requireNonNull(paths, "paths");
    for (String name : DEFAULT_INTERFACES) {
      interfaces.put(name, new Iface(name, null, -1));
    }
  }

  private static ScheduledExecutorService newClock() {
    ScheduledThreadPoolExecutor clock =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = Executors.defaultThreadFactory().newThread(r);
              t.setDaemon(true);
              t.setName("jail4j-fake-process-clock");
              return t;
            });
    clock.setRemoveOnCancelPolicy(true);
    return clock;
  }

  /** The kernel this host runs jails on. */
  public FakeJailKernel kernel() {
    return kernel;
  }

  // ---------------------------------------------------------------- mounts

  @Override
  public void mount(MountRequest request) {
    synchronized (this) {
      Optional<Errno> fault = take(mountFaults, request);
      if (fault.isPresent()) {
        throw failure("mount", fault.get(), describe(request));
      }
      if (!request.target().startsWith("/")) {
        throw failure("mount", Errno.EINVAL, describe(request) + ": not an absolute path");
      }
      if (!FILE_SYSTEMS.contains(request.fsType())) {
        throw failure("mount", Errno.ENODEV, describe(request) + ": unknown file system type");
      }
      OptionalInt ruleset = request.ruleset();
      if (ruleset.isPresent() && (ruleset.getAsInt() < 0 || ruleset.getAsInt() > 65535)) {
        throw failure(
            "mount", Errno.EINVAL, describe(request) + ": devfs ruleset outside 0..65535");
      }
      mounts.add(request);
      journal.add("mount " + describe(request));
    }
  }

  @Override
  public void unmount(String target, boolean force) {
    synchronized (this) {
      Optional<Errno> fault = take(unmountFaults, target);
      if (fault.isPresent()) {
        throw failure("unmount", fault.get(), target);
      }
      int index = lastMountOn(target);
      if (index < 0) {
        throw failure("unmount", Errno.EINVAL, target + ": not a file system root directory");
      }
      for (int i = index + 1; i < mounts.size(); i++) {
        if (isBelow(mounts.get(i).target(), target)) {
          throw failure(
              "unmount",
              Errno.EBUSY,
              target + ": " + mounts.get(i).target() + " is mounted on it; unmount that first");
        }
      }
      if (!force && busyTargets.contains(target)) {
        throw failure("unmount", Errno.EBUSY, target + ": in use");
      }
      mounts.remove(index);
      busyTargets.remove(target);
      journal.add("unmount " + target + (force ? " (force)" : ""));
    }
  }

  @Override
  public synchronized List<MountRequest> mounts() {
    return List.copyOf(mounts);
  }

  /**
   * The devfs ruleset applied to the topmost mount on a target, if that mount is devfs with one.
   *
   * @param target the mount point
   * @return the ruleset
   */
  public synchronized OptionalInt devfsRuleset(String target) {
    int index = lastMountOn(target);
    return index < 0 ? OptionalInt.empty() : mounts.get(index).ruleset();
  }

  /**
   * Marks a mount point as in use (open files, a process's cwd), so that unmounting it without
   * force fails with {@code EBUSY}.
   *
   * @param target the mount point
   */
  public synchronized void markBusy(String target) {
    busyTargets.add(target);
  }

  private int lastMountOn(String target) {
    for (int i = mounts.size() - 1; i >= 0; i--) {
      if (mounts.get(i).target().equals(target)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isBelow(String path, String dir) {
    String prefix = dir.endsWith("/") ? dir : dir + "/";
    return path.startsWith(prefix);
  }

  private static String describe(MountRequest m) {
    return m.fsType()
        + " "
        + m.source()
        + " on "
        + m.target()
        + (m.options().isEmpty() ? "" : " (" + String.join(",", m.options()) + ")")
        + (m.devfsRuleset() == null ? "" : " ruleset " + m.devfsRuleset());
  }

  // ---------------------------------------------------------------- aliases

  @Override
  public void addAlias(IpAlias alias) {
    synchronized (this) {
      reconcile();
      ifconfigCalls.add(alias.ifconfigArgs());
      Optional<Errno> fault = take(aliasFaults, alias);
      if (fault.isPresent()) {
        throw failure("ifconfig", fault.get(), String.join(" ", alias.ifconfigArgs()));
      }
      requireHostInterface(alias.iface());
      for (IpAlias a : aliases) {
        if (a.address().equals(alias.address()) && !a.iface().equals(alias.iface())) {
          throw failure(
              "ifconfig",
              Errno.EEXIST,
              "ioctl (SIOCAIFADDR): " + alias.addressText() + " is already on " + a.iface());
        }
      }
      aliases.removeIf(a -> a.iface().equals(alias.iface()) && a.address().equals(alias.address()));
      aliases.add(alias);
      journal.add("ifconfig " + String.join(" ", alias.ifconfigArgs()));
    }
  }

  @Override
  public void removeAlias(IpAlias alias) {
    synchronized (this) {
      reconcile();
      ifconfigCalls.add(alias.ifconfigRemoveArgs());
      Optional<Errno> fault = take(aliasFaults, alias);
      if (fault.isPresent()) {
        throw failure("ifconfig", fault.get(), String.join(" ", alias.ifconfigRemoveArgs()));
      }
      requireHostInterface(alias.iface());
      boolean removed =
          aliases.removeIf(
              a -> a.iface().equals(alias.iface()) && a.address().equals(alias.address()));
      if (!removed) {
        throw failure(
            "ifconfig",
            Errno.EADDRNOTAVAIL,
            "ioctl (SIOCDIFADDR): " + alias.addressText() + " is not on " + alias.iface());
      }
      journal.add("ifconfig " + String.join(" ", alias.ifconfigRemoveArgs()));
    }
  }

  @Override
  public synchronized List<IpAlias> aliases() {
    return List.copyOf(aliases);
  }

  // ---------------------------------------------------------------- interfaces

  @Override
  public String createInterface(String type, @Nullable String name) {
    List<String> args = new ArrayList<>(List.of(type, "create"));
    if (name != null) {
      args.add("name");
      args.add(name);
    }
    synchronized (this) {
      reconcile();
      ifconfigCalls.add(List.copyOf(args));
      Optional<Errno> fault = take(interfaceFaults, List.copyOf(args));
      if (fault.isPresent()) {
        throw failure("ifconfig", fault.get(), String.join(" ", args));
      }
      return create(type, name);
    }
  }

  private String create(String type, @Nullable String name) {
    String cloner = type;
    int unit = -1;
    int digits = firstDigit(type);
    if (digits > 0) {
      cloner = type.substring(0, digits);
      unit = Integer.parseInt(type.substring(digits));
    }
    if (!CLONERS.contains(cloner)) {
      throw failure("ifconfig", Errno.EINVAL, "SIOCIFCREATE2: unknown interface cloner " + type);
    }
    Set<Integer> used = new TreeSet<>();
    for (Iface i : interfaces.values()) {
      if (cloner.equals(i.cloner)) {
        used.add(i.unit);
      } else if (i.cloner == null
          && i.name.startsWith(cloner)
          && firstDigit(i.name) == cloner.length()) {
        // a built-in interface such as lo0 holds its unit of the cloner too
        used.add(Integer.parseInt(i.name.substring(cloner.length())));
      }
    }
    if (unit < 0) {
      unit = 0;
      while (used.contains(unit)) {
        unit++;
      }
    } else if (used.contains(unit)) {
      throw failure("ifconfig", Errno.EEXIST, "SIOCIFCREATE2: " + type + " already exists");
    }
    boolean epair = cloner.equals("epair");
    String a = epair ? cloner + unit + "a" : cloner + unit;
    String b = epair ? cloner + unit + "b" : null;
    if (name != null) {
      a = name;
      if (epair) {
        b = (name.endsWith("a") ? name.substring(0, name.length() - 1) : name) + "b";
      }
    }
    for (String n : b == null ? List.of(a) : List.of(a, b)) {
      if (n.isEmpty() || n.length() >= IFNAMSIZ) {
        throw failure("ifconfig", Errno.EINVAL, "interface name " + n + " must be 1-15 bytes");
      }
      if (interfaces.containsKey(n)) {
        throw failure("ifconfig", Errno.EEXIST, "SIOCSIFNAME: " + n + " already exists");
      }
    }
    Iface first = new Iface(a, cloner, unit);
    interfaces.put(a, first);
    if (b != null) {
      Iface second = new Iface(b, cloner, unit);
      first.peer = b;
      second.peer = a;
      interfaces.put(b, second);
    }
    journal.add(
        "ifconfig " + type + " create" + (name == null ? "" : " name " + name) + " -> " + a);
    return a;
  }

  private static int firstDigit(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isDigit(s.charAt(i))) {
        for (int j = i; j < s.length(); j++) {
          if (!Character.isDigit(s.charAt(j))) {
            return -1;
          }
        }
        return i;
      }
    }
    return -1;
  }

  @Override
  public void destroyInterface(String name) {
    synchronized (this) {
      reconcile();
      List<String> args = List.of(name, "destroy");
      ifconfigCalls.add(args);
      Optional<Errno> fault = take(interfaceFaults, args);
      if (fault.isPresent()) {
        throw failure("ifconfig", fault.get(), String.join(" ", args));
      }
      destroy(name);
    }
  }

  private void destroy(String name) {
    Iface iface = requireHostInterface(name);
    if (iface.cloner == null) {
      throw failure(
          "ifconfig", Errno.EINVAL, "SIOCIFDESTROY: " + name + " is not a cloned interface");
    }
    List<String> gone = new ArrayList<>(List.of(name));
    if (iface.peer != null) {
      gone.add(iface.peer);
    }
    for (String g : gone) {
      interfaces.remove(g);
      aliases.removeIf(a -> a.iface().equals(g));
      for (Iface other : interfaces.values()) {
        other.members.remove(g);
      }
    }
    journal.add("ifconfig " + name + " destroy");
  }

  @Override
  public void ifconfig(List<String> args) {
    List<String> copy = List.copyOf(args);
    synchronized (this) {
      reconcile();
      ifconfigCalls.add(copy);
      Optional<Errno> fault = take(interfaceFaults, copy);
      if (fault.isPresent()) {
        throw failure("ifconfig", fault.get(), String.join(" ", copy));
      }
      if (copy.isEmpty()) {
        throw failure("ifconfig", Errno.EINVAL, "no interface given");
      }
      String name = copy.get(0);
      if (copy.size() >= 2 && copy.get(1).equals("create")) {
        String newName = copy.size() >= 4 && copy.get(2).equals("name") ? copy.get(3) : null;
        create(name, newName);
        return;
      }
      if (copy.size() == 2 && copy.get(1).equals("destroy")) {
        destroy(name);
        return;
      }
      if (copy.size() == 3 && copy.get(1).equals("-vnet")) {
        reclaim(name, copy.get(2));
        return;
      }
      Iface iface = requireHostInterface(name);
      apply(iface, copy.subList(1, copy.size()));
      journal.add("ifconfig " + String.join(" ", copy));
    }
  }

  private void apply(Iface iface, List<String> words) {
    if (words.size() >= 2
        && (words.get(0).equals("inet") || words.get(0).equals("inet6"))
        && (words.contains("alias") || words.contains("-alias"))) {
      String text = words.get(1);
      int slash = text.indexOf('/');
      InetAddress address = IpLiterals.parse(slash < 0 ? text : text.substring(0, slash));
      int max = words.get(0).equals("inet") ? 32 : 128;
      int prefix = slash < 0 ? max : Integer.parseInt(text.substring(slash + 1));
      IpAlias alias = new IpAlias(iface.name, address, prefix);
      if (words.contains("-alias")) {
        if (!aliases.removeIf(a -> a.iface().equals(iface.name) && a.address().equals(address))) {
          throw failure("ifconfig", Errno.EADDRNOTAVAIL, "ioctl (SIOCDIFADDR): " + text);
        }
      } else {
        for (IpAlias a : aliases) {
          if (a.address().equals(address) && !a.iface().equals(iface.name)) {
            throw failure("ifconfig", Errno.EEXIST, "ioctl (SIOCAIFADDR): " + text);
          }
        }
        aliases.removeIf(a -> a.iface().equals(iface.name) && a.address().equals(address));
        aliases.add(alias);
      }
      return;
    }
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      switch (w) {
        case "vnet" -> {
          if (i + 1 >= words.size()) {
            throw failure("ifconfig", Errno.EINVAL, "vnet needs a jail");
          }
          moveIntoJail(iface, words.get(++i));
          return;
        }
        case "addm", "deletem" -> {
          if (!"bridge".equals(iface.cloner)) {
            throw failure("ifconfig", Errno.EINVAL, w + ": " + iface.name + " is not a bridge");
          }
          if (i + 1 >= words.size()) {
            throw failure("ifconfig", Errno.EINVAL, w + " needs an interface");
          }
          String member = words.get(++i);
          if (w.equals("addm")) {
            requireHostInterface(member);
            if (!iface.members.add(member)) {
              throw failure("ifconfig", Errno.EEXIST, "BRDGADD " + member + ": File exists");
            }
          } else if (!iface.members.remove(member)) {
            throw failure("ifconfig", Errno.ENOENT, "BRDGDEL " + member + ": not a member");
          }
        }
        case "name" -> {
          if (i + 1 >= words.size()) {
            throw failure("ifconfig", Errno.EINVAL, "name needs a new name");
          }
          rename(iface, words.get(++i));
        }
        default -> {
          // other settings (up, down, mtu, description, ether, ...) are recorded only
        }
      }
    }
  }

  private void rename(Iface iface, String newName) {
    if (newName.isEmpty() || newName.length() >= IFNAMSIZ) {
      throw failure("ifconfig", Errno.EINVAL, "interface name " + newName + " must be 1-15 bytes");
    }
    if (interfaces.containsKey(newName)) {
      throw failure("ifconfig", Errno.EEXIST, "SIOCSIFNAME: " + newName + " already exists");
    }
    Map<String, Iface> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Iface> e : interfaces.entrySet()) {
      copy.put(e.getKey().equals(iface.name) ? newName : e.getKey(), e.getValue());
    }
    String old = iface.name;
    iface.name = newName;
    interfaces.clear();
    interfaces.putAll(copy);
    if (iface.peer != null) {
      Iface peer = interfaces.get(iface.peer);
      if (peer != null) {
        peer.peer = newName;
      }
    }
    for (Iface other : interfaces.values()) {
      if (other.members.remove(old)) {
        other.members.add(newName);
      }
    }
    List<IpAlias> renamed = new ArrayList<>();
    for (Iterator<IpAlias> it = aliases.iterator(); it.hasNext(); ) {
      IpAlias a = it.next();
      if (a.iface().equals(old)) {
        it.remove();
        renamed.add(new IpAlias(newName, a.address(), a.prefixLength()));
      }
    }
    aliases.addAll(renamed);
  }

  /**
   * {@code ifconfig IFACE vnet JAIL}: if_vmove_loan's checks (no such jail: ENXIO; not vnet:
   * EEXIST).
   */
  private void moveIntoJail(Iface iface, String jail) {
    int jid = findLiveJail(jail);
    if (jid < 0) {
      throw failure("ifconfig", Errno.ENXIO, "SIOCSIFVNET: jail " + jail + " not found");
    }
    OptionalInt vnet = vnetOf(jid);
    if (vnet.isEmpty()) {
      throw failure(
          "ifconfig", Errno.EOPNOTSUPP, "SIOCSIFVNET: the kernel has no VIMAGE (no vnet jails)");
    }
    if (vnet.getAsInt() != 1) {
      throw failure(
          "ifconfig",
          Errno.EEXIST,
          "SIOCSIFVNET: jail " + jail + " shares the host's network stack (vnet is not new)");
    }
    iface.vnetJid = jid;
    aliases.removeIf(a -> a.iface().equals(iface.name));
    journal.add("ifconfig " + iface.name + " vnet " + jail + " (jail " + jid + ")");
  }

  /** {@code ifconfig IFACE -vnet JAIL}: takes an interface back from a vnet jail. */
  private void reclaim(String name, String jail) {
    int jid = findLiveJail(jail);
    Iface iface = interfaces.get(name);
    if (jid < 0 || iface == null || iface.vnetJid != jid) {
      throw failure("ifconfig", Errno.ENXIO, "SIOCSIFRVNET: " + name + " is not in jail " + jail);
    }
    iface.vnetJid = -1;
    journal.add("ifconfig " + name + " -vnet " + jail);
  }

  private int findLiveJail(String jail) {
    boolean numeric = !jail.isEmpty() && jail.chars().allMatch(Character::isDigit);
    for (FakeJail j : kernel.jails()) {
      if (j.dying()) {
        continue;
      }
      if (numeric ? String.valueOf(j.jid()).equals(jail) : j.name().equals(jail)) {
        return j.jid();
      }
    }
    return -1;
  }

  private OptionalInt vnetOf(int jid) {
    if (kernel.param("vnet").isEmpty()) {
      return OptionalInt.empty();
    }
    byte[] value = new byte[4];
    IoVec[] iov = {IoVec.name("jid"), IoVec.of(intBytes(jid)), IoVec.name("vnet"), IoVec.of(value)};
    try {
      kernel.get(iov, 0);
    } catch (SyscallException e) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(ByteBuffer.wrap(value).order(ByteOrder.nativeOrder()).getInt());
  }

  private static byte[] intBytes(int v) {
    return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(v).array();
  }

  /** Interfaces of vnet jails that are no longer alive come back to the host. */
  private void reconcile() {
    boolean any = false;
    for (Iface i : interfaces.values()) {
      any |= i.vnetJid >= 0;
    }
    if (!any) {
      return;
    }
    Set<Integer> alive = new HashSet<>();
    for (FakeJail j : kernel.jails()) {
      if (!j.dying()) {
        alive.add(j.jid());
      }
    }
    for (Iface i : interfaces.values()) {
      if (i.vnetJid >= 0 && !alive.contains(i.vnetJid)) {
        journal.add("interface " + i.name + " returned to the host from jail " + i.vnetJid);
        i.vnetJid = -1;
      }
    }
  }

  private Iface requireHostInterface(String name) {
    Iface iface = interfaces.get(name);
    if (iface == null || iface.vnetJid >= 0) {
      throw failure("ifconfig", Errno.ENXIO, "interface " + name + " does not exist");
    }
    return iface;
  }

  @Override
  public synchronized List<String> interfaces() {
    reconcile();
    List<String> names = new ArrayList<>();
    for (Iface i : interfaces.values()) {
      if (i.vnetJid < 0) {
        names.add(i.name);
      }
    }
    return List.copyOf(names);
  }

  /**
   * The interfaces moved into a vnet jail with {@code ifconfig IFACE vnet JAIL}.
   *
   * @param jid the jail
   * @return interface names
   */
  public synchronized List<String> interfacesIn(int jid) {
    reconcile();
    List<String> names = new ArrayList<>();
    for (Iface i : interfaces.values()) {
      if (i.vnetJid == jid) {
        names.add(i.name);
      }
    }
    return List.copyOf(names);
  }

  /**
   * The members of a bridge ({@code ifconfig BRIDGE addm IFACE}).
   *
   * @param bridge the bridge
   * @return member interface names, in the order added
   */
  public synchronized List<String> bridgeMembers(String bridge) {
    Iface iface = interfaces.get(bridge);
    return iface == null ? List.of() : List.copyOf(iface.members);
  }

  /**
   * Adds a non-cloned interface to the host, like plugging in a card.
   *
   * @param name the interface name, e.g. {@code igb0}
   */
  public synchronized void addHostInterface(String name) {
    if (interfaces.containsKey(name)) {
      throw new IllegalArgumentException("interface " + name + " already exists");
    }
    interfaces.put(name, new Iface(name, null, -1));
  }

  /** Every ifconfig(8) argument list this host was asked to run, in order. */
  public synchronized List<List<String>> ifconfigCalls() {
    return List.copyOf(ifconfigCalls);
  }

  // ---------------------------------------------------------------- commands

  @Override
  public Process startOnHost(CommandSpec command) throws IOException {
    RecordedCommand recorded = new RecordedCommand(RecordedCommand.HOST, command);
    CommandResult result;
    synchronized (this) {
      commands.add(recorded);
      journal.add("exec host: " + command.commandLine());
      result = answer(recorded);
    }
    FakeProcess p = new FakeProcess(recorded, hostPids.incrementAndGet(), result, null);
    track(p);
    p.begin(CLOCK);
    return p;
  }

  @Override
  public Process startInJail(int jid, CommandSpec command) throws IOException {
    RecordedCommand recorded = new RecordedCommand(jid, command);
    CommandResult result;
    synchronized (this) {
      commands.add(recorded);
      journal.add("exec jail " + jid + ": " + command.commandLine());
      result = answer(recorded);
    }
    int pid;
    try {
      pid = kernel.spawn(jid);
    } catch (SyscallException e) {
      // What jexec(8) prints when libjail's jail_getid cannot find the jail.
      CommandResult notFound = CommandResult.exit(1).stderr("jexec: jail " + jid + " not found\n");
      FakeProcess p = new FakeProcess(recorded, hostPids.incrementAndGet(), notFound, null);
      p.begin(CLOCK);
      return p;
    }
    FakeProcess p = new FakeProcess(recorded, pid, result, kernel);
    track(p);
    p.begin(CLOCK);
    return p;
  }

  /**
   * Whether a jail's path is an existing directory, as jail(8) checks before creating the jail:
   * answered by this host's {@link PathCheck}.
   *
   * @param path an absolute path
   * @return empty for a directory, else {@code ENOENT}, {@code ENOTDIR} or another lookup errno
   */
  @Override
  public Optional<Errno> checkDirectory(String path) {
    return paths.check(path);
  }

  /**
   * Sends a signal to every process of a jail through the kernel ({@link FakeJailKernel#signal}),
   * as {@code pkill -SIGNAL -j JID} would; recorded in the {@link #journal()}.
   *
   * @param jid the jail
   * @param signal the signal number, e.g. 15 for SIGTERM
   */
  @Override
  public void signalJail(int jid, int signal) {
    synchronized (this) {
      journal.add("signal " + signal + " to jail " + jid);
    }
    kernel.signal(jid, signal);
  }

  /**
   * The processes of a jail, as {@code pgrep -j JID} lists them: the kernel's process ids.
   *
   * @param jid the jail
   * @return the pids, empty when there are none
   */
  @Override
  public List<Integer> jailProcesses(int jid) {
    return kernel.processes(jid);
  }

  private synchronized void track(FakeProcess p) {
    processes.removeIf(old -> !old.isAlive());
    processes.add(p);
  }

  private CommandResult answer(RecordedCommand recorded) {
    for (Iterator<CommandFault> it = commandFaults.iterator(); it.hasNext(); ) {
      CommandFault f = it.next();
      if (f.when.test(recorded.command())) {
        it.remove();
        return CommandResult.exit(f.exitCode);
      }
    }
    for (int i = handlers.size() - 1; i >= 0; i--) {
      Handler h = handlers.get(i);
      if (h.when.test(recorded.command())) {
        return Objects.requireNonNull(h.answer.answer(recorded), "a command handler returned null");
      }
    }
    return defaultResult;
  }

  /**
   * Answers commands whose program has this name ({@code make} matches {@code make} and {@code
   * /usr/bin/make}), on the host and in jails.
   *
   * @param program the program's base name or full path
   * @param result how such commands end
   * @return this host
   */
  public FakeHostSystem onCommand(String program, CommandResult result) {
    return onCommand(programIs(program), r -> result);
  }

  /**
   * Answers commands that match the predicate.
   *
   * @param when which commands
   * @param result how they end
   * @return this host
   */
  public FakeHostSystem onCommand(Predicate<CommandSpec> when, CommandResult result) {
    Objects.requireNonNull(result, "result");
    return onCommand(when, r -> result);
  }

  /**
   * Answers commands that match the predicate with a result computed from the command (its jail,
   * argv, environment).
   *
   * @param when which commands
   * @param answer computes how each ends
   * @return this host
   */
  public synchronized FakeHostSystem onCommand(Predicate<CommandSpec> when, CommandHandler answer) {
    handlers.add(new Handler(Objects.requireNonNull(when), Objects.requireNonNull(answer)));
    return this;
  }

  /**
   * The result of commands no handler matches (initially exit 0 at once, no output).
   *
   * @param result the default
   * @return this host
   */
  public synchronized FakeHostSystem defaultResult(CommandResult result) {
    this.defaultResult = Objects.requireNonNull(result, "result");
    return this;
  }

  /**
   * A predicate matching commands whose {@code argv[0]} is this program (by base name, or exactly
   * when {@code program} contains a slash).
   *
   * @param program e.g. {@code make} or {@code /sbin/zfs}
   * @return the predicate
   */
  public static Predicate<CommandSpec> programIs(String program) {
    Objects.requireNonNull(program, "program");
    return spec ->
        program.contains("/")
            ? spec.argv().get(0).equals(program)
            : RecordedCommand.programName(spec).equals(program);
  }

  /** Every command started, on the host and in jails, in order. */
  public synchronized List<RecordedCommand> commands() {
    return List.copyOf(commands);
  }

  /** The commands started on the host, in order. */
  public synchronized List<RecordedCommand> hostCommands() {
    return commands.stream().filter(RecordedCommand::onHost).toList();
  }

  /** The commands started inside jails, in order. */
  public synchronized List<RecordedCommand> jailCommands() {
    return commands.stream().filter(c -> !c.onHost()).toList();
  }

  /**
   * The commands started inside one jail, in order.
   *
   * @param jid the jail
   * @return the commands
   */
  public synchronized List<RecordedCommand> jailCommands(int jid) {
    return commands.stream().filter(c -> c.jid() == jid).toList();
  }

  /** The processes this host started that are still running. */
  public List<FakeProcess> runningProcesses() {
    List<FakeProcess> copy;
    synchronized (this) {
      copy = List.copyOf(processes);
    }
    return copy.stream().filter(Process::isAlive).toList();
  }

  // ---------------------------------------------------------------- faults

  /**
   * Makes the next mount fail with this errno.
   *
   * @param errno the error
   * @return this host
   */
  public FakeHostSystem failNextMount(Errno errno) {
    return failNextMount(m -> true, errno);
  }

  /**
   * Makes the next mount that matches fail with this errno.
   *
   * @param when which mount
   * @param errno the error
   * @return this host
   */
  public synchronized FakeHostSystem failNextMount(Predicate<MountRequest> when, Errno errno) {
    mountFaults.add(new Fault<>(when, errno));
    return this;
  }

  /**
   * Makes the next unmount fail with this errno.
   *
   * @param errno the error
   * @return this host
   */
  public synchronized FakeHostSystem failNextUnmount(Errno errno) {
    unmountFaults.add(new Fault<>(t -> true, errno));
    return this;
  }

  /**
   * Makes the next alias added or removed fail with this errno.
   *
   * @param errno the error
   * @return this host
   */
  public FakeHostSystem failNextAlias(Errno errno) {
    return failNextAlias(a -> true, errno);
  }

  /**
   * Makes the next alias added or removed that matches fail with this errno.
   *
   * @param when which alias
   * @param errno the error
   * @return this host
   */
  public synchronized FakeHostSystem failNextAlias(Predicate<IpAlias> when, Errno errno) {
    aliasFaults.add(new Fault<>(when, errno));
    return this;
  }

  /**
   * Makes the next interface operation ({@link #createInterface}, {@link #destroyInterface} or
   * {@link #ifconfig}) fail with this errno.
   *
   * @param errno the error
   * @return this host
   */
  public FakeHostSystem failNextInterface(Errno errno) {
    return failNextInterface(args -> true, errno);
  }

  /**
   * Makes the next interface operation whose ifconfig(8) arguments match fail with this errno.
   * {@code createInterface("epair", null)} has the arguments {@code [epair, create]}.
   *
   * @param when which ifconfig arguments
   * @param errno the error
   * @return this host
   */
  public synchronized FakeHostSystem failNextInterface(Predicate<List<String>> when, Errno errno) {
    interfaceFaults.add(new Fault<>(when, errno));
    return this;
  }

  /**
   * Makes the next command that matches exit with this code at once, with no output.
   *
   * @param when which command
   * @param exitCode the exit code
   * @return this host
   */
  public synchronized FakeHostSystem failNextCommand(Predicate<CommandSpec> when, int exitCode) {
    CommandResult.exit(exitCode); // validates the code
    commandFaults.add(new CommandFault(Objects.requireNonNull(when), exitCode));
    return this;
  }

  /**
   * Makes the next command running this program exit with this code at once.
   *
   * @param program the program's base name or full path
   * @param exitCode the exit code
   * @return this host
   */
  public FakeHostSystem failNextCommand(String program, int exitCode) {
    return failNextCommand(programIs(program), exitCode);
  }

  private static <T> Optional<Errno> take(List<Fault<T>> faults, T subject) {
    for (Iterator<Fault<T>> it = faults.iterator(); it.hasNext(); ) {
      Fault<T> f = it.next();
      if (f.when.test(subject)) {
        it.remove();
        return Optional.of(f.errno);
      }
    }
    return Optional.empty();
  }

  private static JailException failure(String operation, Errno errno, String detail) {
    return new JailException(operation, null, null, errno, null, detail, null);
  }

  // ---------------------------------------------------------------- inspection

  /** What happened on this host, one line per mount, unmount, ifconfig and command, in order. */
  public synchronized List<String> journal() {
    return List.copyOf(journal);
  }

  /**
   * What is left behind now: live jails, mounts, aliases and cloned interfaces.
   *
   * @return the leftovers
   */
  public Leftovers leftovers() {
    List<String> jails = new ArrayList<>();
    for (FakeJail j : kernel.jails()) {
      if (!j.dying()) {
        jails.add(j.name() + " (jid " + j.jid() + ")");
      }
    }
    synchronized (this) {
      reconcile();
      List<String> cloned = new ArrayList<>();
      for (Iface i : interfaces.values()) {
        if (i.cloner != null) {
          cloned.add(i.vnetJid < 0 ? i.name : i.name + " (in jail " + i.vnetJid + ")");
        }
      }
      return new Leftovers(jails, List.copyOf(mounts), List.copyOf(aliases), cloned);
    }
  }

  /** Ends every process this host started that is still running (SIGKILL). */
  public void killAll() {
    for (FakeProcess p : runningProcesses()) {
      p.destroyForcibly();
    }
  }

  @Override
  public String toString() {
    Leftovers l = leftovers();
    return "FakeHostSystem["
        + l.mounts().size()
        + " mounts, "
        + l.aliases().size()
        + " aliases, "
        + interfaces().size()
        + " interfaces, "
        + commands().size()
        + " commands]";
  }

  /**
   * Computes a command's result from the command itself.
   *
   * <pre>{@code
   * host.onCommand(FakeHostSystem.programIs("env"), cmd -> CommandResult.exit(0).stdout("JID=" + cmd.jid()));
   * }</pre>
   */
  @FunctionalInterface
  public interface CommandHandler {
    /**
     * How this command ends.
     *
     * @param command the command, with its jail
     * @return the result; never null
     */
    CommandResult answer(RecordedCommand command);
  }

  private record Handler(Predicate<CommandSpec> when, CommandHandler answer) {}

  private record Fault<T>(Predicate<T> when, Errno errno) {}

  private record CommandFault(Predicate<CommandSpec> when, int exitCode) {}

  private static final class Iface {
    String name;
    final @Nullable String cloner;
    final int unit;
    @Nullable String peer;
    int vnetJid = -1;
    final Set<String> members = new LinkedHashSet<>();

    Iface(String name, @Nullable String cloner, int unit) {
      this.name = name;
      this.cloner = cloner;
      this.unit = unit;
    }
  }
}
