package org.jail4j.testkit.host;

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
import java.util.function.Predicate;
import org.jail4j.Errno;
import org.jail4j.spi.IoVec;
import org.jail4j.spi.IpAlias;
import org.jail4j.spi.SyscallException;
import org.jail4j.spi.support.IpLiterals;
import org.jail4j.testkit.FakeJail;
import org.jail4j.testkit.FakeJailKernel;
import org.jspecify.annotations.Nullable;

/**
 * A fake host's network as ifconfig(8) sees it: interfaces (built-in, cloned, moved into vnet
 * jails, bridges with members) and the IP aliases on them.
 *
 * <pre>{@code
 * FakeNetwork net = new FakeNetwork(kernel, List.of("lo0", "em0"), Set.of("epair"), journal);
 * net.createInterface("epair", null);           // epair0a, and epair0b with it
 * net.ifconfig(List.of("epair0b", "vnet", "web")); // into the live vnet jail "web"
 * }</pre>
 *
 * <p>Cloned interfaces get the lowest free unit; destroying either end of an epair destroys both.
 * An interface moved into a vnet jail comes back to the host when that jail stops being alive,
 * which is noticed at the start of each operation. Every ifconfig(8) call is recorded in {@link
 * #ifconfigCalls()}; failures are {@link HostFailure}s of {@code ifconfig}.
 *
 * <p>Safe for concurrent use. The kernel is asked about jails while this network is locked.
 */
public final class FakeNetwork {

  private static final int IFNAMSIZ = 16;

  private final FakeJailKernel kernel;
  private final Set<String> cloners;
  private final HostJournal journal;
  private final FaultQueue<IpAlias, Errno> aliasFaults = new FaultQueue<>();
  private final FaultQueue<List<String>, Errno> interfaceFaults = new FaultQueue<>();

  // Guarded by this.
  private final List<IpAlias> aliases = new ArrayList<>();
  private final Map<String, Iface> interfaces = new LinkedHashMap<>();
  private final List<List<String>> ifconfigCalls = new ArrayList<>();

  /**
   * A network with these built-in interfaces and no aliases.
   *
   * @param kernel where {@code vnet} moves look jails up
   * @param builtIn the interfaces the host starts with, e.g. {@code lo0}, {@code em0}
   * @param cloners the interface cloners {@link #createInterface} knows
   * @param journal where every change is written
   */
  public FakeNetwork(
      FakeJailKernel kernel, List<String> builtIn, Set<String> cloners, HostJournal journal) {
    this.kernel = Objects.requireNonNull(kernel, "kernel");
    this.cloners = Set.copyOf(cloners);
    this.journal = Objects.requireNonNull(journal, "journal");
    for (String name : builtIn) {
      interfaces.put(name, new Iface(name, null, -1));
    }
  }

  /**
   * {@code ifconfig IFACE inet ADDR/LEN alias}: adds an alias, replacing the same address on the
   * same interface; the interface must be on the host ({@code ENXIO}) and the address on no other
   * interface ({@code EEXIST}).
   *
   * @param alias the alias
   */
  public void addAlias(IpAlias alias) {
    synchronized (this) {
      reconcile();
      ifconfigCalls.add(alias.ifconfigArgs());
      Optional<Errno> fault = aliasFaults.take(alias);
      if (fault.isPresent()) {
        throw HostFailure.of("ifconfig", fault.get(), String.join(" ", alias.ifconfigArgs()));
      }
      requireHostInterface(alias.iface());
      for (IpAlias a : aliases) {
        if (a.address().equals(alias.address()) && !a.iface().equals(alias.iface())) {
          throw HostFailure.of(
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

  /**
   * {@code ifconfig IFACE inet ADDR -alias}: removes an alias ({@code EADDRNOTAVAIL} when absent).
   *
   * @param alias the alias
   */
  public void removeAlias(IpAlias alias) {
    synchronized (this) {
      reconcile();
      ifconfigCalls.add(alias.ifconfigRemoveArgs());
      Optional<Errno> fault = aliasFaults.take(alias);
      if (fault.isPresent()) {
        throw HostFailure.of("ifconfig", fault.get(), String.join(" ", alias.ifconfigRemoveArgs()));
      }
      requireHostInterface(alias.iface());
      boolean removed =
          aliases.removeIf(
              a -> a.iface().equals(alias.iface()) && a.address().equals(alias.address()));
      if (!removed) {
        throw HostFailure.of(
            "ifconfig",
            Errno.EADDRNOTAVAIL,
            "ioctl (SIOCDIFADDR): " + alias.addressText() + " is not on " + alias.iface());
      }
      journal.add("ifconfig " + String.join(" ", alias.ifconfigRemoveArgs()));
    }
  }

  /** The aliases on host interfaces, in the order added. */
  public synchronized List<IpAlias> aliases() {
    return List.copyOf(aliases);
  }

  /**
   * {@code ifconfig TYPE create [name NAME]}: clones an interface with the lowest free unit; an
   * epair gives both ends.
   *
   * @param type a cloner, optionally with a unit, e.g. {@code epair} or {@code bridge3}
   * @param name the name to give it, or null for the cloner's name
   * @return the new interface's name (the {@code a} end of an epair)
   */
  public String createInterface(String type, @Nullable String name) {
    List<String> args = new ArrayList<>(List.of(type, "create"));
    if (name != null) {
      args.add("name");
      args.add(name);
    }
    synchronized (this) {
      reconcile();
      ifconfigCalls.add(List.copyOf(args));
      Optional<Errno> fault = interfaceFaults.take(List.copyOf(args));
      if (fault.isPresent()) {
        throw HostFailure.of("ifconfig", fault.get(), String.join(" ", args));
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
    if (!cloners.contains(cloner)) {
      throw HostFailure.of(
          "ifconfig", Errno.EINVAL, "SIOCIFCREATE2: unknown interface cloner " + type);
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
      throw HostFailure.of("ifconfig", Errno.EEXIST, "SIOCIFCREATE2: " + type + " already exists");
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
        throw HostFailure.of(
            "ifconfig", Errno.EINVAL, "interface name " + n + " must be 1-15 bytes");
      }
      if (interfaces.containsKey(n)) {
        throw HostFailure.of("ifconfig", Errno.EEXIST, "SIOCSIFNAME: " + n + " already exists");
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

  /**
   * {@code ifconfig IFACE destroy}: destroys a cloned interface, and an epair's other end.
   *
   * @param name the interface
   */
  public void destroyInterface(String name) {
    synchronized (this) {
      reconcile();
      List<String> args = List.of(name, "destroy");
      ifconfigCalls.add(args);
      Optional<Errno> fault = interfaceFaults.take(args);
      if (fault.isPresent()) {
        throw HostFailure.of("ifconfig", fault.get(), String.join(" ", args));
      }
      destroy(name);
    }
  }

  private void destroy(String name) {
    Iface iface = requireHostInterface(name);
    if (iface.cloner == null) {
      throw HostFailure.of(
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

  /**
   * Runs ifconfig(8) with these arguments: create, destroy, {@code vnet}/{@code -vnet}, aliases,
   * bridge members and renames take effect; other settings are recorded only.
   *
   * @param args the arguments, starting with the interface
   */
  public void ifconfig(List<String> args) {
    List<String> copy = List.copyOf(args);
    synchronized (this) {
      reconcile();
      ifconfigCalls.add(copy);
      Optional<Errno> fault = interfaceFaults.take(copy);
      if (fault.isPresent()) {
        throw HostFailure.of("ifconfig", fault.get(), String.join(" ", copy));
      }
      if (copy.isEmpty()) {
        throw HostFailure.of("ifconfig", Errno.EINVAL, "no interface given");
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
          throw HostFailure.of("ifconfig", Errno.EADDRNOTAVAIL, "ioctl (SIOCDIFADDR): " + text);
        }
      } else {
        for (IpAlias a : aliases) {
          if (a.address().equals(address) && !a.iface().equals(iface.name)) {
            throw HostFailure.of("ifconfig", Errno.EEXIST, "ioctl (SIOCAIFADDR): " + text);
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
            throw HostFailure.of("ifconfig", Errno.EINVAL, "vnet needs a jail");
          }
          moveIntoJail(iface, words.get(++i));
          return;
        }
        case "addm", "deletem" -> {
          if (!"bridge".equals(iface.cloner)) {
            throw HostFailure.of(
                "ifconfig", Errno.EINVAL, w + ": " + iface.name + " is not a bridge");
          }
          if (i + 1 >= words.size()) {
            throw HostFailure.of("ifconfig", Errno.EINVAL, w + " needs an interface");
          }
          String member = words.get(++i);
          if (w.equals("addm")) {
            requireHostInterface(member);
            if (!iface.members.add(member)) {
              throw HostFailure.of("ifconfig", Errno.EEXIST, "BRDGADD " + member + ": File exists");
            }
          } else if (!iface.members.remove(member)) {
            throw HostFailure.of("ifconfig", Errno.ENOENT, "BRDGDEL " + member + ": not a member");
          }
        }
        case "name" -> {
          if (i + 1 >= words.size()) {
            throw HostFailure.of("ifconfig", Errno.EINVAL, "name needs a new name");
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
      throw HostFailure.of(
          "ifconfig", Errno.EINVAL, "interface name " + newName + " must be 1-15 bytes");
    }
    if (interfaces.containsKey(newName)) {
      throw HostFailure.of("ifconfig", Errno.EEXIST, "SIOCSIFNAME: " + newName + " already exists");
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
      throw HostFailure.of("ifconfig", Errno.ENXIO, "SIOCSIFVNET: jail " + jail + " not found");
    }
    OptionalInt vnet = vnetOf(jid);
    if (vnet.isEmpty()) {
      throw HostFailure.of(
          "ifconfig", Errno.EOPNOTSUPP, "SIOCSIFVNET: the kernel has no VIMAGE (no vnet jails)");
    }
    if (vnet.getAsInt() != 1) {
      throw HostFailure.of(
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
      throw HostFailure.of(
          "ifconfig", Errno.ENXIO, "SIOCSIFRVNET: " + name + " is not in jail " + jail);
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
      throw HostFailure.of("ifconfig", Errno.ENXIO, "interface " + name + " does not exist");
    }
    return iface;
  }

  /** The interfaces on the host (not moved into a vnet jail), in the order created. */
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

  /**
   * Makes the next alias added or removed that matches fail with this errno.
   *
   * @param when which alias
   * @param errno the error
   */
  public void failNextAlias(Predicate<IpAlias> when, Errno errno) {
    aliasFaults.add(when, errno);
  }

  /**
   * Makes the next interface operation whose ifconfig(8) arguments match fail with this errno.
   *
   * @param when which ifconfig arguments
   * @param errno the error
   */
  public void failNextInterface(Predicate<List<String>> when, Errno errno) {
    interfaceFaults.add(when, errno);
  }

  /**
   * What the network leaves behind now: every alias and every cloned interface (one in a vnet jail
   * as {@code NAME (in jail JID)}), taken at one moment.
   *
   * @return the leftovers
   */
  public synchronized Leftover leftovers() {
    reconcile();
    List<String> cloned = new ArrayList<>();
    for (Iface i : interfaces.values()) {
      if (i.cloner != null) {
        cloned.add(i.vnetJid < 0 ? i.name : i.name + " (in jail " + i.vnetJid + ")");
      }
    }
    return new Leftover(List.copyOf(aliases), List.copyOf(cloned));
  }

  /**
   * The aliases and cloned interfaces a network leaves behind.
   *
   * @param aliases every alias
   * @param cloned the cloned interfaces
   */
  public record Leftover(List<IpAlias> aliases, List<String> cloned) {}

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
