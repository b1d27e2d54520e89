package org.jail4j;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.jail4j.InvalidJailParameterException.Violation;
import org.jail4j.param.JailParam;
import org.jspecify.annotations.Nullable;

/**
 * The builder of a {@link Jail}, from {@link Jail#builder()}. It has one setter per attribute of
 * {@code Jail} (a list attribute has an adder, a replacing setter and an adder of many), takes
 * typed parameters ({@link #param}), address text ({@link #ip4(String...)}, {@link
 * #ip6(String...)}), limits, and can start the jail.
 *
 * <p>{@link #build()} checks every rule that needs no kernel and reports all problems in one {@link
 * InvalidJailParameterException}, in the order their fields were first set:
 *
 * <pre>{@code
 * try {
 *   Jail.builder().path("jail/web").name("web.").build();
 * } catch (InvalidJailParameterException e) {
 *   e.violations().get(0).field(); // path
 *   e.violations().get(1).field(); // name
 * }
 * }</pre>
 *
 * <p>A builder is not thread-safe; a built {@code Jail} is immutable.
 */
public final class JailBuilder {

  private final ImmutableJail.Builder delegate = new ImmutableJail.Builder();

  /** Problems found while setting values, reported by {@link #build()} with all the others. */
  private final List<Violation> problems = new ArrayList<>();

  /** Each field name, as a violation names it, with the rank of its first setting. */
  private final Map<String, Integer> firstSet = new HashMap<>();

  JailBuilder() {}

  private void touch(String field) {
    firstSet.putIfAbsent(field, firstSet.size());
  }

  private void touchParam(@Nullable JailParam<?> key) {
    // a null key is reported as field "param" (JailRules.checkParams)
    touch(key == null ? "param" : key.name());
  }

  private void touchAddresses(List<? extends @Nullable JailAddress> addresses) {
    for (JailAddress a : addresses) {
      if (a != null) {
        touch(a.isIpv4() ? JailParam.IP4_ADDR.name() : JailParam.IP6_ADDR.name());
      }
    }
  }

  private static <T> List<T> copy(Iterable<? extends T> elements) {
    List<T> list = new ArrayList<>();
    elements.forEach(list::add);
    return list;
  }

  /**
   * Sets every attribute from a jail, as {@code jail} has it; setters called afterwards change
   * single attributes.
   *
   * @param jail the jail to copy
   * @return this builder
   */
  public JailBuilder from(Jail jail) {
    delegate.from(jail);
    return this;
  }

  /**
   * Sets a parameter. {@code name}, {@code jid}, {@code path}, {@code host.hostname}, {@code
   * ip4.addr}, {@code ip6.addr}, {@code persist} and jail(8)'s pseudo-parameters ({@code
   * exec.start}, {@code mount.devfs}, {@code exec.timeout} in seconds...) go to their own
   * attributes; other kernel parameters to {@link Jail#params()}. A value of the wrong Java type is
   * reported by {@link #build()}.
   *
   * @param param the parameter
   * @param value its value
   * @param <T> its type
   * @return this builder
   */
  @SuppressWarnings("unchecked")
  public <T> JailBuilder param(JailParam<T> param, T value) {
    if (!param.isNamed() && !param.type().accepts(value)) {
      touch(param.name());
      problems.add(
          new Violation(
              param.name(),
              "a value of type "
                  + (value == null ? "null" : value.getClass().getSimpleName())
                  + " is not a "
                  + param.type().javaTypeName()));
      return this;
    }
    if (param.equals(JailParam.NAME)) {
      name((String) value);
    } else if (param.equals(JailParam.PATH)) {
      path((String) value);
    } else if (param.equals(JailParam.HOST_HOSTNAME)) {
      hostname((String) value);
    } else if (param.equals(JailParam.JID)) {
      jid((Integer) value);
    } else if (param.equals(JailParam.PERSIST)) {
      persist((Boolean) value);
    } else if (param.equals(JailParam.IP4_ADDR)) {
      for (Inet4Address a : (List<Inet4Address>) value) {
        addAddresses(new JailAddress(a, null, null));
      }
    } else if (param.equals(JailParam.IP6_ADDR)) {
      for (Inet6Address a : (List<Inet6Address>) value) {
        addAddresses(new JailAddress(a, null, null));
      }
    } else if (!JailRules.setPseudo(this, param, value)) {
      putParams(param, value);
    }
    return this;
  }

  /**
   * Adds IPv4 addresses: literals, optionally as {@code IFACE|ADDR/MASK}. Host names are refused,
   * never resolved; text that is not an address is reported by {@link #build()}.
   *
   * @param addresses the addresses
   * @return this builder
   */
  public JailBuilder ip4(String... addresses) {
    return addAddressText(JailParam.IP4_ADDR.name(), addresses, true);
  }

  /**
   * Adds IPv6 addresses: literals, optionally as {@code IFACE|ADDR/PREFIX}; text that is not an
   * address is reported by {@link #build()}.
   *
   * @param addresses the addresses
   * @return this builder
   */
  public JailBuilder ip6(String... addresses) {
    return addAddressText(JailParam.IP6_ADDR.name(), addresses, false);
  }

  private JailBuilder addAddressText(String field, String[] addresses, boolean v4) {
    touch(field);
    for (String a : addresses) {
      try {
        addAddresses(JailRules.parseAddress(field, a, v4));
      } catch (InvalidJailParameterException e) {
        problems.addAll(e.violations());
      }
    }
    return this;
  }

  /**
   * Adds a resource limit, as {@code rctl -a jail:NAME:RESOURCE:ACTION=AMOUNT}.
   *
   * @param resource the rctl resource, e.g. {@code memoryuse}
   * @param amount the amount, e.g. {@code 4g}
   * @param action {@code deny}, {@code log}, {@code devctl}, {@code throttle} or {@code sigNAME}
   * @return this builder
   */
  public JailBuilder limit(String resource, String amount, String action) {
    return addLimits(new JailLimit(resource, amount, action));
  }

  /**
   * Adds addresses for the jail end of the {@link Jail#vnetBridge()} epair: literals with an
   * optional {@code /PREFIX} or {@code /NETMASK}.
   *
   * @param addresses the addresses, e.g. {@code 192.0.2.50/24}
   * @return this builder
   * @throws InvalidJailParameterException for text that is not a literal address
   */
  public JailBuilder vnetAddress(String... addresses) {
    for (String a : addresses) {
      try {
        addVnetAddresses(JailAddress.parse(a));
      } catch (InvalidJailParameterException e) {
        throw new InvalidJailParameterException("build", null, "vnet.addresses", e.ruleText());
      }
    }
    return this;
  }

  /**
   * Builds the jail, checking every rule that needs no kernel.
   *
   * @return the jail
   * @throws InvalidJailParameterException listing every problem found, each with its field and
   *     rule, in the order the fields were first set (problems of fields never set, such as those
   *     copied by {@link #from}, come last)
   */
  public Jail build() {
    List<Violation> all = new ArrayList<>(problems);
    String jailName = null;
    try {
      Jail built = delegate.build();
      if (all.isEmpty()) {
        return built;
      }
      jailName = built.name().orElse(null);
    } catch (InvalidJailParameterException e) {
      all.addAll(e.violations());
      jailName = e.jailName().orElse(null);
    }
    // a stable sort: the problems of one field keep the order they were found in
    all.sort(Comparator.comparingInt(v -> firstSet.getOrDefault(v.field(), Integer.MAX_VALUE)));
    throw new InvalidJailParameterException("build", jailName, all);
  }

  /**
   * Builds the jail and starts it on {@link JailHost#local()}.
   *
   * @return the running jail
   * @throws JailStartException when a step fails (everything done before it is undone)
   */
  public RunningJail start() {
    return JailHost.local().start(build());
  }

  /**
   * Builds the jail and starts it on the given host.
   *
   * @param host the host
   * @return the running jail
   * @throws JailStartException when a step fails (everything done before it is undone)
   */
  public RunningJail start(JailHost host) {
    return host.start(build());
  }

  // ---- one setter per attribute, in the order of Jail's attributes --------------------------

  /** Sets {@link Jail#name() name}. */
  public JailBuilder name(String name) {
    touch(JailParam.NAME.name());
    delegate.name(name);
    return this;
  }

  /** Sets {@link Jail#name() name}, or unsets it when empty. */
  public JailBuilder name(Optional<String> name) {
    touch(JailParam.NAME.name());
    delegate.name(name);
    return this;
  }

  /** Sets {@link Jail#jid() jid}. */
  public JailBuilder jid(int jid) {
    touch(JailParam.JID.name());
    delegate.jid(jid);
    return this;
  }

  /** Sets {@link Jail#jid() jid}, or unsets it when empty. */
  public JailBuilder jid(OptionalInt jid) {
    touch(JailParam.JID.name());
    delegate.jid(jid);
    return this;
  }

  /** Sets {@link Jail#path() path}. */
  public JailBuilder path(String path) {
    touch(JailParam.PATH.name());
    delegate.path(path);
    return this;
  }

  /** Sets {@link Jail#path() path}, or unsets it when empty. */
  public JailBuilder path(Optional<String> path) {
    touch(JailParam.PATH.name());
    delegate.path(path);
    return this;
  }

  /** Sets {@link Jail#hostname() host.hostname}. */
  public JailBuilder hostname(String hostname) {
    touch(JailParam.HOST_HOSTNAME.name());
    delegate.hostname(hostname);
    return this;
  }

  /** Sets {@link Jail#hostname() host.hostname}, or unsets it when empty. */
  public JailBuilder hostname(Optional<String> hostname) {
    touch(JailParam.HOST_HOSTNAME.name());
    delegate.hostname(hostname);
    return this;
  }

  /** Adds addresses to {@link Jail#addresses() ip4.addr and ip6.addr}, after those set before. */
  public JailBuilder addAddresses(JailAddress... elements) {
    touchAddresses(Arrays.asList(elements));
    delegate.addAddresses(elements);
    return this;
  }

  /** Replaces {@link Jail#addresses() ip4.addr and ip6.addr} with these addresses. */
  public JailBuilder addresses(Iterable<? extends JailAddress> elements) {
    List<JailAddress> list = copy(elements);
    touchAddresses(list);
    delegate.addresses(list);
    return this;
  }

  /** Adds addresses to {@link Jail#addresses() ip4.addr and ip6.addr}, after those set before. */
  public JailBuilder addAllAddresses(Iterable<? extends JailAddress> elements) {
    List<JailAddress> list = copy(elements);
    touchAddresses(list);
    delegate.addAllAddresses(list);
    return this;
  }

  /** Sets {@link Jail#persist() persist}. */
  public JailBuilder persist(boolean persist) {
    touch(JailParam.PERSIST.name());
    delegate.persist(persist);
    return this;
  }

  /**
   * Puts a kernel parameter into {@link Jail#params() the parameter map}. Prefer {@link #param},
   * which also routes the parameters that have their own attribute; a null key or value is reported
   * by {@link #build()}.
   */
  public JailBuilder putParams(@Nullable JailParam<?> key, @Nullable Object value) {
    touchParam(key);
    delegate.putParams(key, value);
    return this;
  }

  /** Puts one entry into {@link Jail#params() the parameter map}. */
  public JailBuilder putParams(
      Map.Entry<? extends @Nullable JailParam<?>, ? extends @Nullable Object> entry) {
    touchParam(entry.getKey());
    delegate.putParams(entry);
    return this;
  }

  /** Replaces {@link Jail#params() the parameter map} with these entries. */
  public JailBuilder params(
      Map<? extends @Nullable JailParam<?>, ? extends @Nullable Object> entries) {
    entries.keySet().forEach(this::touchParam);
    delegate.params(entries);
    return this;
  }

  /** Puts these entries into {@link Jail#params() the parameter map}. */
  public JailBuilder putAllParams(
      Map<? extends @Nullable JailParam<?>, ? extends @Nullable Object> entries) {
    entries.keySet().forEach(this::touchParam);
    delegate.putAllParams(entries);
    return this;
  }

  /** Adds commands to {@link Jail#execPrepare() exec.prepare}, after those set before. */
  public JailBuilder addExecPrepare(String... elements) {
    touch(JailSetting.EXEC_PREPARE.param().name());
    delegate.addExecPrepare(elements);
    return this;
  }

  /** Replaces {@link Jail#execPrepare() exec.prepare} with these commands. */
  public JailBuilder execPrepare(Iterable<String> elements) {
    touch(JailSetting.EXEC_PREPARE.param().name());
    delegate.execPrepare(elements);
    return this;
  }

  /** Adds commands to {@link Jail#execPrepare() exec.prepare}, after those set before. */
  public JailBuilder addAllExecPrepare(Iterable<String> elements) {
    touch(JailSetting.EXEC_PREPARE.param().name());
    delegate.addAllExecPrepare(elements);
    return this;
  }

  /** Adds commands to {@link Jail#execPrestart() exec.prestart}, after those set before. */
  public JailBuilder addExecPrestart(String... elements) {
    touch(JailSetting.EXEC_PRESTART.param().name());
    delegate.addExecPrestart(elements);
    return this;
  }

  /** Replaces {@link Jail#execPrestart() exec.prestart} with these commands. */
  public JailBuilder execPrestart(Iterable<String> elements) {
    touch(JailSetting.EXEC_PRESTART.param().name());
    delegate.execPrestart(elements);
    return this;
  }

  /** Adds commands to {@link Jail#execPrestart() exec.prestart}, after those set before. */
  public JailBuilder addAllExecPrestart(Iterable<String> elements) {
    touch(JailSetting.EXEC_PRESTART.param().name());
    delegate.addAllExecPrestart(elements);
    return this;
  }

  /** Adds commands to {@link Jail#execCreated() exec.created}, after those set before. */
  public JailBuilder addExecCreated(String... elements) {
    touch(JailSetting.EXEC_CREATED.param().name());
    delegate.addExecCreated(elements);
    return this;
  }

  /** Replaces {@link Jail#execCreated() exec.created} with these commands. */
  public JailBuilder execCreated(Iterable<String> elements) {
    touch(JailSetting.EXEC_CREATED.param().name());
    delegate.execCreated(elements);
    return this;
  }

  /** Adds commands to {@link Jail#execCreated() exec.created}, after those set before. */
  public JailBuilder addAllExecCreated(Iterable<String> elements) {
    touch(JailSetting.EXEC_CREATED.param().name());
    delegate.addAllExecCreated(elements);
    return this;
  }

  /** Adds commands to {@link Jail#execStart() exec.start}, after those set before. */
  public JailBuilder addExecStart(String... elements) {
    touch(JailSetting.EXEC_START.param().name());
    delegate.addExecStart(elements);
    return this;
  }

  /** Replaces {@link Jail#execStart() exec.start} with these commands. */
  public JailBuilder execStart(Iterable<String> elements) {
    touch(JailSetting.EXEC_START.param().name());
    delegate.execStart(elements);
    return this;
  }

  /** Adds commands to {@link Jail#execStart() exec.start}, after those set before. */
  public JailBuilder addAllExecStart(Iterable<String> elements) {
    touch(JailSetting.EXEC_START.param().name());
    delegate.addAllExecStart(elements);
    return this;
  }

  /** Adds commands to {@link Jail#command() command}, after those set before. */
  public JailBuilder addCommand(String... elements) {
    touch(JailSetting.COMMAND.param().name());
    delegate.addCommand(elements);
    return this;
  }

  /** Replaces {@link Jail#command() command} with these commands. */
  public JailBuilder command(Iterable<String> elements) {
    touch(JailSetting.COMMAND.param().name());
    delegate.command(elements);
    return this;
  }

  /** Adds commands to {@link Jail#command() command}, after those set before. */
  public JailBuilder addAllCommand(Iterable<String> elements) {
    touch(JailSetting.COMMAND.param().name());
    delegate.addAllCommand(elements);
    return this;
  }

  /** Adds commands to {@link Jail#execPoststart() exec.poststart}, after those set before. */
  public JailBuilder addExecPoststart(String... elements) {
    touch(JailSetting.EXEC_POSTSTART.param().name());
    delegate.addExecPoststart(elements);
    return this;
  }

  /** Replaces {@link Jail#execPoststart() exec.poststart} with these commands. */
  public JailBuilder execPoststart(Iterable<String> elements) {
    touch(JailSetting.EXEC_POSTSTART.param().name());
    delegate.execPoststart(elements);
    return this;
  }

  /** Adds commands to {@link Jail#execPoststart() exec.poststart}, after those set before. */
  public JailBuilder addAllExecPoststart(Iterable<String> elements) {
    touch(JailSetting.EXEC_POSTSTART.param().name());
    delegate.addAllExecPoststart(elements);
    return this;
  }

  /** Adds commands to {@link Jail#execPrestop() exec.prestop}, after those set before. */
  public JailBuilder addExecPrestop(String... elements) {
    touch(JailSetting.EXEC_PRESTOP.param().name());
    delegate.addExecPrestop(elements);
    return this;
  }

  /** Replaces {@link Jail#execPrestop() exec.prestop} with these commands. */
  public JailBuilder execPrestop(Iterable<String> elements) {
    touch(JailSetting.EXEC_PRESTOP.param().name());
    delegate.execPrestop(elements);
    return this;
  }

  /** Adds commands to {@link Jail#execPrestop() exec.prestop}, after those set before. */
  public JailBuilder addAllExecPrestop(Iterable<String> elements) {
    touch(JailSetting.EXEC_PRESTOP.param().name());
    delegate.addAllExecPrestop(elements);
    return this;
  }

  /** Adds commands to {@link Jail#execStop() exec.stop}, after those set before. */
  public JailBuilder addExecStop(String... elements) {
    touch(JailSetting.EXEC_STOP.param().name());
    delegate.addExecStop(elements);
    return this;
  }

  /** Replaces {@link Jail#execStop() exec.stop} with these commands. */
  public JailBuilder execStop(Iterable<String> elements) {
    touch(JailSetting.EXEC_STOP.param().name());
    delegate.execStop(elements);
    return this;
  }

  /** Adds commands to {@link Jail#execStop() exec.stop}, after those set before. */
  public JailBuilder addAllExecStop(Iterable<String> elements) {
    touch(JailSetting.EXEC_STOP.param().name());
    delegate.addAllExecStop(elements);
    return this;
  }

  /** Adds commands to {@link Jail#execPoststop() exec.poststop}, after those set before. */
  public JailBuilder addExecPoststop(String... elements) {
    touch(JailSetting.EXEC_POSTSTOP.param().name());
    delegate.addExecPoststop(elements);
    return this;
  }

  /** Replaces {@link Jail#execPoststop() exec.poststop} with these commands. */
  public JailBuilder execPoststop(Iterable<String> elements) {
    touch(JailSetting.EXEC_POSTSTOP.param().name());
    delegate.execPoststop(elements);
    return this;
  }

  /** Adds commands to {@link Jail#execPoststop() exec.poststop}, after those set before. */
  public JailBuilder addAllExecPoststop(Iterable<String> elements) {
    touch(JailSetting.EXEC_POSTSTOP.param().name());
    delegate.addAllExecPoststop(elements);
    return this;
  }

  /** Adds commands to {@link Jail#execRelease() exec.release}, after those set before. */
  public JailBuilder addExecRelease(String... elements) {
    touch(JailSetting.EXEC_RELEASE.param().name());
    delegate.addExecRelease(elements);
    return this;
  }

  /** Replaces {@link Jail#execRelease() exec.release} with these commands. */
  public JailBuilder execRelease(Iterable<String> elements) {
    touch(JailSetting.EXEC_RELEASE.param().name());
    delegate.execRelease(elements);
    return this;
  }

  /** Adds commands to {@link Jail#execRelease() exec.release}, after those set before. */
  public JailBuilder addAllExecRelease(Iterable<String> elements) {
    touch(JailSetting.EXEC_RELEASE.param().name());
    delegate.addAllExecRelease(elements);
    return this;
  }

  /** Sets {@link Jail#execClean() exec.clean}. */
  public JailBuilder execClean(boolean execClean) {
    touch(JailSetting.EXEC_CLEAN.param().name());
    delegate.execClean(execClean);
    return this;
  }

  /** Sets {@link Jail#execJailUser() exec.jail_user}. */
  public JailBuilder execJailUser(String execJailUser) {
    touch(JailSetting.EXEC_JAIL_USER.param().name());
    delegate.execJailUser(execJailUser);
    return this;
  }

  /** Sets {@link Jail#execJailUser() exec.jail_user}, or unsets it when empty. */
  public JailBuilder execJailUser(Optional<String> execJailUser) {
    touch(JailSetting.EXEC_JAIL_USER.param().name());
    delegate.execJailUser(execJailUser);
    return this;
  }

  /** Sets {@link Jail#execSystemJailUser() exec.system_jail_user}. */
  public JailBuilder execSystemJailUser(boolean execSystemJailUser) {
    touch(JailSetting.EXEC_SYSTEM_JAIL_USER.param().name());
    delegate.execSystemJailUser(execSystemJailUser);
    return this;
  }

  /** Sets {@link Jail#execSystemUser() exec.system_user}. */
  public JailBuilder execSystemUser(String execSystemUser) {
    touch(JailSetting.EXEC_SYSTEM_USER.param().name());
    delegate.execSystemUser(execSystemUser);
    return this;
  }

  /** Sets {@link Jail#execSystemUser() exec.system_user}, or unsets it when empty. */
  public JailBuilder execSystemUser(Optional<String> execSystemUser) {
    touch(JailSetting.EXEC_SYSTEM_USER.param().name());
    delegate.execSystemUser(execSystemUser);
    return this;
  }

  /** Sets {@link Jail#execTimeout() exec.timeout}. */
  public JailBuilder execTimeout(Duration execTimeout) {
    touch(JailSetting.EXEC_TIMEOUT.param().name());
    delegate.execTimeout(execTimeout);
    return this;
  }

  /** Sets {@link Jail#execTimeout() exec.timeout}, or unsets it when empty. */
  public JailBuilder execTimeout(Optional<? extends Duration> execTimeout) {
    touch(JailSetting.EXEC_TIMEOUT.param().name());
    delegate.execTimeout(execTimeout);
    return this;
  }

  /** Sets {@link Jail#execConsolelog() exec.consolelog}. */
  public JailBuilder execConsolelog(String execConsolelog) {
    touch(JailSetting.EXEC_CONSOLELOG.param().name());
    delegate.execConsolelog(execConsolelog);
    return this;
  }

  /** Sets {@link Jail#execConsolelog() exec.consolelog}, or unsets it when empty. */
  public JailBuilder execConsolelog(Optional<String> execConsolelog) {
    touch(JailSetting.EXEC_CONSOLELOG.param().name());
    delegate.execConsolelog(execConsolelog);
    return this;
  }

  /** Sets {@link Jail#execFib() exec.fib}. */
  public JailBuilder execFib(int execFib) {
    touch(JailSetting.EXEC_FIB.param().name());
    delegate.execFib(execFib);
    return this;
  }

  /** Sets {@link Jail#execFib() exec.fib}, or unsets it when empty. */
  public JailBuilder execFib(OptionalInt execFib) {
    touch(JailSetting.EXEC_FIB.param().name());
    delegate.execFib(execFib);
    return this;
  }

  /** Sets {@link Jail#stopTimeout() stop.timeout}. */
  public JailBuilder stopTimeout(Duration stopTimeout) {
    touch(JailSetting.STOP_TIMEOUT.param().name());
    delegate.stopTimeout(stopTimeout);
    return this;
  }

  /** Sets {@link Jail#iface() interface}. */
  public JailBuilder iface(String iface) {
    touch(JailSetting.INTERFACE.param().name());
    delegate.iface(iface);
    return this;
  }

  /** Sets {@link Jail#iface() interface}, or unsets it when empty. */
  public JailBuilder iface(Optional<String> iface) {
    touch(JailSetting.INTERFACE.param().name());
    delegate.iface(iface);
    return this;
  }

  /** Sets {@link Jail#ipHostname() ip_hostname}. */
  public JailBuilder ipHostname(boolean ipHostname) {
    touch(JailSetting.IP_HOSTNAME.param().name());
    delegate.ipHostname(ipHostname);
    return this;
  }

  /** Adds entries to {@link Jail#mounts() mount}, after those set before. */
  public JailBuilder addMounts(String... elements) {
    touch(JailSetting.MOUNT.param().name());
    delegate.addMounts(elements);
    return this;
  }

  /** Replaces {@link Jail#mounts() mount} with these entries. */
  public JailBuilder mounts(Iterable<String> elements) {
    touch(JailSetting.MOUNT.param().name());
    delegate.mounts(elements);
    return this;
  }

  /** Adds entries to {@link Jail#mounts() mount}, after those set before. */
  public JailBuilder addAllMounts(Iterable<String> elements) {
    touch(JailSetting.MOUNT.param().name());
    delegate.addAllMounts(elements);
    return this;
  }

  /** Sets {@link Jail#mountFstab() mount.fstab}. */
  public JailBuilder mountFstab(String mountFstab) {
    touch(JailSetting.MOUNT_FSTAB.param().name());
    delegate.mountFstab(mountFstab);
    return this;
  }

  /** Sets {@link Jail#mountFstab() mount.fstab}, or unsets it when empty. */
  public JailBuilder mountFstab(Optional<String> mountFstab) {
    touch(JailSetting.MOUNT_FSTAB.param().name());
    delegate.mountFstab(mountFstab);
    return this;
  }

  /** Sets {@link Jail#mountDevfs() mount.devfs}. */
  public JailBuilder mountDevfs(boolean mountDevfs) {
    touch(JailSetting.MOUNT_DEVFS.param().name());
    delegate.mountDevfs(mountDevfs);
    return this;
  }

  /** Sets {@link Jail#mountFdescfs() mount.fdescfs}. */
  public JailBuilder mountFdescfs(boolean mountFdescfs) {
    touch(JailSetting.MOUNT_FDESCFS.param().name());
    delegate.mountFdescfs(mountFdescfs);
    return this;
  }

  /** Sets {@link Jail#mountProcfs() mount.procfs}. */
  public JailBuilder mountProcfs(boolean mountProcfs) {
    touch(JailSetting.MOUNT_PROCFS.param().name());
    delegate.mountProcfs(mountProcfs);
    return this;
  }

  /** Adds entries to {@link Jail#vnetInterfaces() vnet.interface}, after those set before. */
  public JailBuilder addVnetInterfaces(String... elements) {
    touch(JailSetting.VNET_INTERFACE.param().name());
    delegate.addVnetInterfaces(elements);
    return this;
  }

  /** Replaces {@link Jail#vnetInterfaces() vnet.interface} with these entries. */
  public JailBuilder vnetInterfaces(Iterable<String> elements) {
    touch(JailSetting.VNET_INTERFACE.param().name());
    delegate.vnetInterfaces(elements);
    return this;
  }

  /** Adds entries to {@link Jail#vnetInterfaces() vnet.interface}, after those set before. */
  public JailBuilder addAllVnetInterfaces(Iterable<String> elements) {
    touch(JailSetting.VNET_INTERFACE.param().name());
    delegate.addAllVnetInterfaces(elements);
    return this;
  }

  /** Sets {@link Jail#vnetBridge() vnet.bridge}. */
  public JailBuilder vnetBridge(String vnetBridge) {
    touch("vnet.bridge");
    delegate.vnetBridge(vnetBridge);
    return this;
  }

  /** Sets {@link Jail#vnetBridge() vnet.bridge}, or unsets it when empty. */
  public JailBuilder vnetBridge(Optional<String> vnetBridge) {
    touch("vnet.bridge");
    delegate.vnetBridge(vnetBridge);
    return this;
  }

  /** Adds addresses to {@link Jail#vnetAddresses() vnet addresses}, after those set before. */
  public JailBuilder addVnetAddresses(JailAddress... elements) {
    touch("vnet.addresses");
    delegate.addVnetAddresses(elements);
    return this;
  }

  /** Replaces {@link Jail#vnetAddresses() vnet addresses} with these addresses. */
  public JailBuilder vnetAddresses(Iterable<? extends JailAddress> elements) {
    touch("vnet.addresses");
    delegate.vnetAddresses(elements);
    return this;
  }

  /** Adds addresses to {@link Jail#vnetAddresses() vnet addresses}, after those set before. */
  public JailBuilder addAllVnetAddresses(Iterable<? extends JailAddress> elements) {
    touch("vnet.addresses");
    delegate.addAllVnetAddresses(elements);
    return this;
  }

  /** Adds entries to {@link Jail#depend() depend}, after those set before. */
  public JailBuilder addDepend(String... elements) {
    touch(JailSetting.DEPEND.param().name());
    delegate.addDepend(elements);
    return this;
  }

  /** Replaces {@link Jail#depend() depend} with these entries. */
  public JailBuilder depend(Iterable<String> elements) {
    touch(JailSetting.DEPEND.param().name());
    delegate.depend(elements);
    return this;
  }

  /** Adds entries to {@link Jail#depend() depend}, after those set before. */
  public JailBuilder addAllDepend(Iterable<String> elements) {
    touch(JailSetting.DEPEND.param().name());
    delegate.addAllDepend(elements);
    return this;
  }

  /** Sets {@link Jail#allowDying() allow.dying}. */
  public JailBuilder allowDying(boolean allowDying) {
    touch(JailSetting.ALLOW_DYING.param().name());
    delegate.allowDying(allowDying);
    return this;
  }

  /** Adds entries to {@link Jail#zfsDatasets() zfs.dataset}, after those set before. */
  public JailBuilder addZfsDatasets(String... elements) {
    touch(JailSetting.ZFS_DATASET.param().name());
    delegate.addZfsDatasets(elements);
    return this;
  }

  /** Replaces {@link Jail#zfsDatasets() zfs.dataset} with these entries. */
  public JailBuilder zfsDatasets(Iterable<String> elements) {
    touch(JailSetting.ZFS_DATASET.param().name());
    delegate.zfsDatasets(elements);
    return this;
  }

  /** Adds entries to {@link Jail#zfsDatasets() zfs.dataset}, after those set before. */
  public JailBuilder addAllZfsDatasets(Iterable<String> elements) {
    touch(JailSetting.ZFS_DATASET.param().name());
    delegate.addAllZfsDatasets(elements);
    return this;
  }

  /** Adds limits to {@link Jail#limits() resource limits}, after those set before. */
  public JailBuilder addLimits(JailLimit... elements) {
    touch("limit");
    delegate.addLimits(elements);
    return this;
  }

  /** Replaces {@link Jail#limits() resource limits} with these limits. */
  public JailBuilder limits(Iterable<? extends JailLimit> elements) {
    touch("limit");
    delegate.limits(elements);
    return this;
  }

  /** Adds limits to {@link Jail#limits() resource limits}, after those set before. */
  public JailBuilder addAllLimits(Iterable<? extends JailLimit> elements) {
    touch("limit");
    delegate.addAllLimits(elements);
    return this;
  }
}
