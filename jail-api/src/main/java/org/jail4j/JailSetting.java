package org.jail4j;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.jail4j.param.JailParam;

/**
 * The table of jail(8) settings: every pseudo-parameter {@link Jail} has an attribute for, with its
 * {@link JailParam}, its {@link Kind} and how its value is read from a {@link Jail} and written to
 * a {@link JailBuilder}. The builder's {@link JailBuilder#param}, {@link Jail#get}, jail.conf
 * reading and {@code JailConfWriter} all go through this table, so a setting is written down once;
 * {@code JailSettingTest} walks every entry through builder, jail.conf and back.
 *
 * <pre>{@code
 * Jail web = Jail.builder().name("web").mountDevfs(true).build();
 * Optional<Object> v = JailSetting.MOUNT_DEVFS.read(web); // Optional[true]
 * }</pre>
 */
// the parameter is an immutable catalogue entry and the reader and writer are stateless lambdas
@SuppressWarnings("ImmutableEnumChecker")
public enum JailSetting {
  /** {@code exec.prepare}. */
  EXEC_PREPARE(
      JailParam.EXEC_PREPARE,
      Kind.COMMANDS,
      l(Jail::execPrepare),
      (b, v) -> b.execPrepare(strings(v))),
  /** {@code exec.prestart}. */
  EXEC_PRESTART(
      JailParam.EXEC_PRESTART,
      Kind.COMMANDS,
      l(Jail::execPrestart),
      (b, v) -> b.execPrestart(strings(v))),
  /** {@code exec.created}. */
  EXEC_CREATED(
      JailParam.EXEC_CREATED,
      Kind.COMMANDS,
      l(Jail::execCreated),
      (b, v) -> b.execCreated(strings(v))),
  /** {@code exec.start}. */
  EXEC_START(
      JailParam.EXEC_START, Kind.COMMANDS, l(Jail::execStart), (b, v) -> b.execStart(strings(v))),
  /** {@code command}. */
  COMMAND(JailParam.COMMAND, Kind.COMMANDS, l(Jail::command), (b, v) -> b.command(strings(v))),
  /** {@code exec.poststart}. */
  EXEC_POSTSTART(
      JailParam.EXEC_POSTSTART,
      Kind.COMMANDS,
      l(Jail::execPoststart),
      (b, v) -> b.execPoststart(strings(v))),
  /** {@code exec.prestop}. */
  EXEC_PRESTOP(
      JailParam.EXEC_PRESTOP,
      Kind.COMMANDS,
      l(Jail::execPrestop),
      (b, v) -> b.execPrestop(strings(v))),
  /** {@code exec.stop}. */
  EXEC_STOP(
      JailParam.EXEC_STOP, Kind.COMMANDS, l(Jail::execStop), (b, v) -> b.execStop(strings(v))),
  /** {@code exec.poststop}. */
  EXEC_POSTSTOP(
      JailParam.EXEC_POSTSTOP,
      Kind.COMMANDS,
      l(Jail::execPoststop),
      (b, v) -> b.execPoststop(strings(v))),
  /** {@code exec.release}. */
  EXEC_RELEASE(
      JailParam.EXEC_RELEASE,
      Kind.COMMANDS,
      l(Jail::execRelease),
      (b, v) -> b.execRelease(strings(v))),
  /** {@code exec.clean}. */
  EXEC_CLEAN(
      JailParam.EXEC_CLEAN,
      Kind.FLAG,
      j -> Optional.of(j.execClean()),
      (b, v) -> b.execClean((Boolean) v)),
  /** {@code exec.jail_user}. */
  EXEC_JAIL_USER(
      JailParam.EXEC_JAIL_USER,
      Kind.TEXT,
      t(Jail::execJailUser),
      (b, v) -> b.execJailUser((String) v)),
  /** {@code exec.system_jail_user}. */
  EXEC_SYSTEM_JAIL_USER(
      JailParam.EXEC_SYSTEM_JAIL_USER,
      Kind.FLAG,
      j -> Optional.of(j.execSystemJailUser()),
      (b, v) -> b.execSystemJailUser((Boolean) v)),
  /** {@code exec.system_user}. */
  EXEC_SYSTEM_USER(
      JailParam.EXEC_SYSTEM_USER,
      Kind.TEXT,
      t(Jail::execSystemUser),
      (b, v) -> b.execSystemUser((String) v)),
  /** {@code exec.timeout}, in whole seconds. */
  EXEC_TIMEOUT(
      JailParam.EXEC_TIMEOUT,
      Kind.SECONDS,
      j -> j.execTimeout().map(d -> (int) d.toSeconds()),
      (b, v) -> b.execTimeout(Duration.ofSeconds((Integer) v))),
  /** {@code exec.consolelog}. */
  EXEC_CONSOLELOG(
      JailParam.EXEC_CONSOLELOG,
      Kind.TEXT,
      t(Jail::execConsolelog),
      (b, v) -> b.execConsolelog((String) v)),
  /** {@code exec.fib}. */
  EXEC_FIB(
      JailParam.EXEC_FIB, Kind.NUMBER, j -> number(j.execFib()), (b, v) -> b.execFib((Integer) v)),
  /** {@code stop.timeout}, in whole seconds. */
  STOP_TIMEOUT(
      JailParam.STOP_TIMEOUT,
      Kind.SECONDS,
      j -> Optional.of((int) j.stopTimeout().toSeconds()),
      (b, v) -> b.stopTimeout(Duration.ofSeconds((Integer) v))),
  /** {@code interface}. */
  INTERFACE(JailParam.INTERFACE, Kind.TEXT, t(Jail::iface), (b, v) -> b.iface((String) v)),
  /** {@code ip_hostname}. */
  IP_HOSTNAME(
      JailParam.IP_HOSTNAME,
      Kind.FLAG,
      j -> Optional.of(j.ipHostname()),
      (b, v) -> b.ipHostname((Boolean) v)),
  /** {@code mount}. */
  MOUNT(JailParam.MOUNT, Kind.NAMES, l(Jail::mounts), (b, v) -> b.mounts(strings(v))),
  /** {@code mount.fstab}. */
  MOUNT_FSTAB(
      JailParam.MOUNT_FSTAB, Kind.TEXT, t(Jail::mountFstab), (b, v) -> b.mountFstab((String) v)),
  /** {@code mount.devfs}. */
  MOUNT_DEVFS(
      JailParam.MOUNT_DEVFS,
      Kind.FLAG,
      j -> Optional.of(j.mountDevfs()),
      (b, v) -> b.mountDevfs((Boolean) v)),
  /** {@code mount.fdescfs}. */
  MOUNT_FDESCFS(
      JailParam.MOUNT_FDESCFS,
      Kind.FLAG,
      j -> Optional.of(j.mountFdescfs()),
      (b, v) -> b.mountFdescfs((Boolean) v)),
  /** {@code mount.procfs}. */
  MOUNT_PROCFS(
      JailParam.MOUNT_PROCFS,
      Kind.FLAG,
      j -> Optional.of(j.mountProcfs()),
      (b, v) -> b.mountProcfs((Boolean) v)),
  /** {@code allow.dying}. */
  ALLOW_DYING(
      JailParam.ALLOW_DYING,
      Kind.FLAG,
      j -> Optional.of(j.allowDying()),
      (b, v) -> b.allowDying((Boolean) v)),
  /** {@code depend}. */
  DEPEND(JailParam.DEPEND, Kind.NAMES, l(Jail::depend), (b, v) -> b.depend(strings(v))),
  /** {@code vnet.interface}. */
  VNET_INTERFACE(
      JailParam.VNET_INTERFACE,
      Kind.NAMES,
      l(Jail::vnetInterfaces),
      (b, v) -> b.vnetInterfaces(strings(v))),
  /** {@code zfs.dataset}. */
  ZFS_DATASET(
      JailParam.ZFS_DATASET, Kind.NAMES, l(Jail::zfsDatasets), (b, v) -> b.zfsDatasets(strings(v)));

  /** What a setting's value is. */
  public enum Kind {
    /** Command lines, run in order ({@code List<String>}). */
    COMMANDS,
    /** Names or fstab lines ({@code List<String>}). */
    NAMES,
    /** A boolean ({@code Boolean}). */
    FLAG,
    /** One string ({@code String}). */
    TEXT,
    /** A duration in whole seconds ({@code Integer}). */
    SECONDS,
    /** A number ({@code Integer}). */
    NUMBER
  }

  private final JailParam<?> param;
  private final Kind kind;
  private final Function<Jail, Optional<Object>> reader;
  private final BiConsumer<JailBuilder, Object> writer;

  JailSetting(
      JailParam<?> param,
      Kind kind,
      Function<Jail, Optional<Object>> reader,
      BiConsumer<JailBuilder, Object> writer) {
    this.param = param;
    this.kind = kind;
    this.reader = reader;
    this.writer = writer;
  }

  /** The pseudo-parameter, e.g. {@link JailParam#MOUNT_DEVFS}. */
  public JailParam<?> param() {
    return param;
  }

  /** What its value is. */
  public Kind kind() {
    return kind;
  }

  /**
   * The setting's value in a jail, of its parameter's Java type; empty for an unset optional value
   * or an empty list (a boolean or {@code stop.timeout} always has one).
   *
   * @param jail the jail
   * @return the value
   */
  public Optional<Object> read(Jail jail) {
    return reader.apply(jail);
  }

  /**
   * Sets the setting on a builder.
   *
   * @param builder the builder
   * @param value a value of the parameter's Java type (seconds as an {@code Integer} for {@code
   *     exec.timeout} and {@code stop.timeout})
   */
  public void write(JailBuilder builder, Object value) {
    writer.accept(builder, value);
  }

  /**
   * The setting of a pseudo-parameter.
   *
   * @param param a parameter
   * @return its setting; empty for a kernel parameter or one made by {@link JailParam#named}
   */
  public static Optional<JailSetting> of(JailParam<?> param) {
    if (param.isKernel() || !param.isCatalogued()) {
      return Optional.empty();
    }
    return named(param.name());
  }

  /**
   * The setting with a jail(8) name.
   *
   * @param name e.g. {@code mount.devfs}
   * @return its setting, or empty
   */
  public static Optional<JailSetting> named(String name) {
    for (JailSetting s : values()) {
      if (s.param.name().equals(name)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object v) {
    return (List<String>) v;
  }

  private static Function<Jail, Optional<Object>> l(Function<Jail, List<String>> f) {
    return j -> {
      List<String> v = f.apply(j);
      return v.isEmpty() ? Optional.empty() : Optional.of(v);
    };
  }

  private static Function<Jail, Optional<Object>> t(Function<Jail, Optional<String>> f) {
    return j -> f.apply(j).map(s -> s);
  }

  private static Optional<Object> number(OptionalInt v) {
    return v.isPresent() ? Optional.of(v.getAsInt()) : Optional.empty();
  }
}
