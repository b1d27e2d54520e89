package org.jail4j;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.immutables.value.Value;
import org.jail4j.param.JailParam;
import org.jail4j.param.JailRequest;

/**
 * The immutable description of a jail: its kernel parameters (typed) and the jail(8) management
 * settings around them (exec hooks, mounts, interfaces, timeouts, dependencies, limits). A {@code
 * Jail} that exists is valid: the builder ({@link JailBuilder}) checks every rule it can know
 * without a kernel and reports all problems at once in an {@link InvalidJailParameterException}, in
 * the order their fields were set.
 *
 * <pre>{@code
 * Jail web = Jail.builder()
 *     .name("web")
 *     .path("/jail/web")
 *     .hostname("web.example.org")
 *     .ip4("192.168.1.4")
 *     .param(JailParam.SECURELEVEL, 3)
 *     .persist(true)
 *     .build();
 * Jail other = web.withHostname("www.example.org");
 * }</pre>
 */
@Value.Immutable
@JailStyle
public abstract class Jail implements WithJail {

  Jail() {}

  /** A new builder: one documented setter per attribute, see {@link JailBuilder}. */
  public static JailBuilder builder() {
    return new JailBuilder();
  }

  // ---- kernel parameters with their own attribute ---------------------------------------

  /** {@code name}: dotted, relative to the caller; the kernel uses the JID when absent. */
  public abstract Optional<String> name();

  /** {@code jid}: a requested JID; absent means the kernel allocates one. */
  public abstract OptionalInt jid();

  /** {@code path}: the jail's root directory, absolute and normalised. */
  public abstract Optional<String> path();

  /** {@code host.hostname}. */
  public abstract Optional<String> hostname();

  /**
   * {@code ip4.addr} and {@code ip6.addr}, in the order given (the first of each family is the
   * primary address), with the interface and prefix jail(8) uses to add host aliases.
   */
  public abstract List<JailAddress> addresses();

  /** {@code persist}: the jail may exist without processes. */
  @Value.Default
  public boolean persist() {
    return false;
  }

  /**
   * Every other kernel parameter, typed: keys are {@link JailParam} constants or {@link
   * JailParam#named(String)} parameters, values of the key's type.
   */
  @AllowNulls
  public abstract Map<JailParam<?>, Object> params();

  // ---- jail(8) management settings ------------------------------------------------------

  /** {@code exec.prepare} (15.x): host commands run before anything else at creation. */
  public abstract List<String> execPrepare();

  /** {@code exec.prestart}: host commands run before the jail is created. */
  public abstract List<String> execPrestart();

  /** {@code exec.created}: host commands run right after creation. */
  public abstract List<String> execCreated();

  /** {@code exec.start}: commands run inside the jail at start, e.g. {@code /bin/sh /etc/rc}. */
  public abstract List<String> execStart();

  /** {@code command}: a command run inside the jail at start, after {@code exec.start}. */
  public abstract List<String> command();

  /** {@code exec.poststart}: host commands run after the in-jail start commands. */
  public abstract List<String> execPoststart();

  /** {@code exec.prestop}: host commands run before stopping. */
  public abstract List<String> execPrestop();

  /** {@code exec.stop}: commands run inside the jail before removal. */
  public abstract List<String> execStop();

  /** {@code exec.poststop}: host commands run after removal. */
  public abstract List<String> execPoststop();

  /** {@code exec.release} (15.x): host commands run last at removal. */
  public abstract List<String> execRelease();

  /** {@code exec.clean}: run in-jail commands in a clean (login-class) environment. */
  @Value.Default
  public boolean execClean() {
    return false;
  }

  /** {@code exec.jail_user}: the user in-jail commands run as. */
  public abstract Optional<String> execJailUser();

  /** {@code exec.system_jail_user}: look {@code exec.jail_user} up in the host's passwd. */
  @Value.Default
  public boolean execSystemJailUser() {
    return false;
  }

  /** {@code exec.system_user}: the user host commands run as. */
  public abstract Optional<String> execSystemUser();

  /** {@code exec.timeout}: the longest any one command may run; absent means no limit. */
  public abstract Optional<Duration> execTimeout();

  /** {@code exec.consolelog}: a host file receiving the commands' output. */
  public abstract Optional<String> execConsolelog();

  /** {@code exec.fib}: the routing table (FIB) for in-jail commands. */
  public abstract OptionalInt execFib();

  /** {@code stop.timeout}: how long to wait after SIGTERM before removal (default 10 s). */
  @Value.Default
  public Duration stopTimeout() {
    return Duration.ofSeconds(10);
  }

  /** {@code interface}: the host interface the jail's addresses are added to as aliases. */
  public abstract Optional<String> iface();

  /** {@code ip_hostname}: resolve the hostname and use its addresses (jail(8) {@code -h}). */
  @Value.Default
  public boolean ipHostname() {
    return false;
  }

  /** {@code mount}: fstab(5) lines mounted before creation, unmounted after removal. */
  public abstract List<String> mounts();

  /** {@code mount.fstab}: an fstab(5) file of file systems to mount. */
  public abstract Optional<String> mountFstab();

  /** {@code mount.devfs}: mount devfs on {@code <path>/dev} with {@code devfs_ruleset}. */
  @Value.Default
  public boolean mountDevfs() {
    return false;
  }

  /** {@code mount.fdescfs}: mount fdescfs on {@code <path>/dev/fd}. */
  @Value.Default
  public boolean mountFdescfs() {
    return false;
  }

  /** {@code mount.procfs}: mount procfs on {@code <path>/proc}. */
  @Value.Default
  public boolean mountProcfs() {
    return false;
  }

  /** {@code vnet.interface}: host interfaces moved into a vnet jail after creation. */
  public abstract List<String> vnetInterfaces();

  /**
   * The host bridge a {@code vnet=new} jail is connected to through an epair that jail4j creates
   * (jail4j's own setting, not a jail(8) parameter): the host end joins the bridge, the jail end is
   * moved in and given {@link #vnetAddresses()} inside the jail. The epair's names derive from the
   * jail's name ({@code e<name>_a} / {@code e<name>_b}), so a restart or a crash never leaves an
   * "already exists".
   */
  public abstract Optional<String> vnetBridge();

  /**
   * The addresses the jail end of the {@link #vnetBridge()} epair gets inside the jail ({@code
   * ifconfig e<name>_b inet ADDR/P alias}); jail4j's own setting. A vnet jail has its own network
   * stack, so these never become the kernel's {@code ip4.addr} / {@code ip6.addr}.
   */
  public abstract List<JailAddress> vnetAddresses();

  /** {@code depend}: jails that must be started before, and stopped after, this one. */
  public abstract List<String> depend();

  /** {@code allow.dying}: allow acting on a dying jail (no effect on FreeBSD 15). */
  @Value.Default
  public boolean allowDying() {
    return false;
  }

  /** {@code zfs.dataset} (15.x): ZFS datasets attached to the jail after creation. */
  public abstract List<String> zfsDatasets();

  /** Resource limits, added as rctl rules right after creation and removed on stop. */
  public abstract List<JailLimit> limits();

  // ---- factories ---------------------------------------------------------------------------

  /**
   * The classic one-line form {@code jail path hostname ip[,ip...] command ...}: a jail without a
   * name (the kernel's JID names it) and without {@code persist}, running {@code command} and dying
   * when its last process exits.
   *
   * <pre>{@code
   * Jail web = Jail.classic("/jail/web", "WEB", "192.168.1.4", "/etc/rc");
   * }</pre>
   *
   * @param path the root directory
   * @param hostname {@code host.hostname}
   * @param addresses one address or a comma-separated list, IPv4 and IPv6 mixed (literals only)
   * @param command the program and its arguments, run inside the jail
   * @return the jail
   * @throws InvalidJailParameterException for a relative path, an address that is not a literal, or
   *     no command
   */
  public static Jail classic(String path, String hostname, String addresses, String... command) {
    JailBuilder b = builder().path(path).hostname(hostname);
    for (String a : addresses.split(",", -1)) {
      if (a.isBlank()) {
        continue;
      }
      try {
        b.addAddresses(JailAddress.parse(a.strip()));
      } catch (InvalidJailParameterException e) {
        throw new InvalidJailParameterException("classic", null, "ip4.addr", e.ruleText());
      }
    }
    if (command.length == 0) {
      throw new InvalidJailParameterException(
          "classic", null, "command", "the classic form needs a command to run");
    }
    b.addCommand(org.jail4j.internal.CommandLine.join(List.of(command)));
    return b.build();
  }

  /**
   * A {@code jail_set(2)} request carrying every kernel parameter of this jail: {@code name},
   * {@code jid}, {@code path}, {@code host.hostname}, {@code ip4.addr} and {@code ip6.addr} when it
   * has addresses, {@code persist} when true, and every entry of its parameter map. jail(8)'s
   * pseudo-parameters are not part of it.
   *
   * <pre>{@code
   * int jid = web.kernelRequest().set(host.kernel(), JailFlags.CREATE);
   * }</pre>
   *
   * @return the request, ready for {@code set(kernel, JailFlags.CREATE)}
   */
  public JailRequest kernelRequest() {
    JailRequest r = JailRequest.create();
    name().ifPresent(n -> r.put(JailParam.NAME, n));
    jid().ifPresent(j -> r.put(JailParam.JID, j));
    path().ifPresent(p -> r.put(JailParam.PATH, p));
    hostname().ifPresent(h -> r.put(JailParam.HOST_HOSTNAME, h));
    List<Inet4Address> v4 = ip4();
    if (!v4.isEmpty()) {
      r.put(JailParam.IP4_ADDR, v4);
    }
    List<Inet6Address> v6 = ip6();
    if (!v6.isEmpty()) {
      r.put(JailParam.IP6_ADDR, v6);
    }
    if (persist()) {
      r.put(JailParam.PERSIST, true);
    }
    for (Map.Entry<JailParam<?>, Object> e : params().entrySet()) {
      putAny(r, e.getKey(), e.getValue());
    }
    return r;
  }

  @SuppressWarnings("unchecked")
  private static <T> void putAny(JailRequest r, JailParam<T> param, Object value) {
    r.put(param, (T) value);
  }

  // ---- derived -----------------------------------------------------------------------------

  /** The IPv4 addresses, in order (the kernel keeps the first and sorts the rest). */
  @Value.Derived
  @Value.Auxiliary
  public List<Inet4Address> ip4() {
    return addresses().stream()
        .filter(JailAddress::isIpv4)
        .map(a -> (Inet4Address) a.address())
        .collect(Collectors.toUnmodifiableList());
  }

  /** The IPv6 addresses, in order. */
  @Value.Derived
  @Value.Auxiliary
  public List<Inet6Address> ip6() {
    return addresses().stream()
        .filter(JailAddress::isIpv6)
        .map(a -> (Inet6Address) a.address())
        .collect(Collectors.toUnmodifiableList());
  }

  /**
   * The value of a parameter: the dedicated attributes for {@code name}, {@code jid}, {@code path},
   * {@code host.hostname}, {@code ip4.addr}, {@code ip6.addr}, {@code persist} and jail(8)'s
   * pseudo-parameters ({@code exec.timeout} and {@code stop.timeout} in whole seconds), the
   * parameter map otherwise.
   *
   * @param param the parameter
   * @param <T> its type
   * @return the value, or empty when not set
   */
  @SuppressWarnings("unchecked")
  public <T> Optional<T> get(JailParam<T> param) {
    if (param.equals(JailParam.NAME)) {
      return (Optional<T>) name();
    }
    if (param.equals(JailParam.PATH)) {
      return (Optional<T>) path();
    }
    if (param.equals(JailParam.HOST_HOSTNAME)) {
      return (Optional<T>) hostname();
    }
    if (param.equals(JailParam.JID)) {
      OptionalInt j = jid();
      return j.isPresent() ? Optional.of((T) Integer.valueOf(j.getAsInt())) : Optional.empty();
    }
    if (param.equals(JailParam.PERSIST)) {
      return Optional.of((T) Boolean.valueOf(persist()));
    }
    if (param.equals(JailParam.IP4_ADDR)) {
      return ip4().isEmpty() ? Optional.empty() : Optional.of((T) ip4());
    }
    if (param.equals(JailParam.IP6_ADDR)) {
      return ip6().isEmpty() ? Optional.empty() : Optional.of((T) ip6());
    }
    if (!param.isKernel()) {
      return (Optional<T>) JailRules.pseudoValue(this, param);
    }
    return Optional.ofNullable((T) params().get(param));
  }

  /** Checks every rule that needs no kernel; reports all problems in one exception. */
  @Value.Check
  protected void check() {
    JailRules.check(this);
  }
}
