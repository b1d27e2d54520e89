package org.jail4j;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One step of starting or stopping a jail, in jail(8)'s order (freebsd-jail-abi.md §6.3), named by
 * the parameter that drives it. The {@link FailedStep} of a start's or stop's exception says which
 * step failed.
 *
 * <pre>{@code
 * try {
 *   host.start(jail);
 * } catch (JailException e) {
 *   if (e.failedStep().map(FailedStep::step).orElse(null) == JailStep.EXEC_PRESTART) { ... }
 * }
 * }</pre>
 */
public enum JailStep {
  // ---- start ------------------------------------------------------------------------------
  /** {@code exec.prepare} (15.x): host commands before anything else. */
  EXEC_PREPARE(JailSetting.EXEC_PREPARE, false),
  /** Adding the jail's addresses as aliases on {@code interface} (or {@code IFACE|ADDR}). */
  ALIASES(JailSetting.INTERFACE, false),
  /** The {@code mount} fstab lines. */
  MOUNT(JailSetting.MOUNT, false),
  /** The lines of the {@code mount.fstab} file. */
  MOUNT_FSTAB(JailSetting.MOUNT_FSTAB, false),
  /** devfs on {@code <path>/dev} with {@code devfs_ruleset} (default 4). */
  MOUNT_DEVFS(JailSetting.MOUNT_DEVFS, false),
  /** fdescfs on {@code <path>/dev/fd}. */
  MOUNT_FDESCFS(JailSetting.MOUNT_FDESCFS, false),
  /** procfs on {@code <path>/proc}. */
  MOUNT_PROCFS(JailSetting.MOUNT_PROCFS, false),
  /** {@code exec.prestart}: host commands before creation. */
  EXEC_PRESTART(JailSetting.EXEC_PRESTART, false),
  /** The path checks and {@code jail_set(JAIL_CREATE)}. */
  CREATE("jail_set", false),
  /** The rctl rules of {@link Jail#limits()}, added right after creation. */
  LIMITS("rctl", false),
  /** {@code exec.created}: host commands right after creation. */
  EXEC_CREATED(JailSetting.EXEC_CREATED, false),
  /** The epair of a bridged vnet jail: created, host end added to the bridge. */
  VNET_EPAIR("vnet.bridge", false),
  /** {@code vnet.interface}: interfaces moved into the jail. */
  VNET_INTERFACE(JailSetting.VNET_INTERFACE, false),
  /** Configuring the jail end of the epair inside the jail. */
  VNET_CONFIGURE("vnet.addresses", true),
  /** {@code exec.start}: commands inside the jail. */
  EXEC_START(JailSetting.EXEC_START, true),
  /** {@code command}: commands inside the jail, after {@code exec.start}. */
  COMMAND(JailSetting.COMMAND, true),
  /** {@code exec.poststart}: host commands after the in-jail start commands. */
  EXEC_POSTSTART(JailSetting.EXEC_POSTSTART, false),
  /** Dropping the {@code persist} jail4j added for the start commands. */
  DROP_PERSIST("persist", false),

  // ---- stop -------------------------------------------------------------------------------
  /** {@code exec.prestop}: host commands before removal. */
  EXEC_PRESTOP(JailSetting.EXEC_PRESTOP, false),
  /** {@code exec.stop}: commands inside the jail before removal. */
  EXEC_STOP(JailSetting.EXEC_STOP, true),
  /** {@code stop.timeout}: SIGTERM to the jail's processes and the wait for them. */
  STOP_TIMEOUT(JailSetting.STOP_TIMEOUT, false),
  /** {@code jail_remove(2)}. */
  REMOVE("jail_remove", false),
  /** {@code exec.poststop}: host commands after removal. */
  EXEC_POSTSTOP(JailSetting.EXEC_POSTSTOP, false),
  /** Unmounting what the mount steps mounted, in reverse order. */
  UNMOUNT("umount", false),
  /** Removing the address aliases. */
  REMOVE_ALIASES("-alias", false),
  /** Removing the rctl rules. */
  REMOVE_LIMITS("rctl -r", false),
  /** Destroying the epair of a bridged vnet jail. */
  DESTROY_EPAIR("epair destroy", false),
  /** {@code exec.release} (15.x): host commands run last at removal. */
  EXEC_RELEASE(JailSetting.EXEC_RELEASE, false);

  private final String parameter;
  private final @Nullable JailSetting setting;
  private final boolean inJail;

  /** A step driven by a jail(8) setting, named by it. */
  JailStep(JailSetting setting, boolean inJail) {
    this.parameter = setting.param().name();
    this.setting = setting;
    this.inJail = inJail;
  }

  /** A step named by a system call or by a parameter that is no jail(8) setting. */
  JailStep(String parameter, boolean inJail) {
    this.parameter = parameter;
    this.setting = null;
    this.inJail = inJail;
  }

  /** The jail(8) parameter or system call behind this step, as error messages name it. */
  public String parameter() {
    return parameter;
  }

  /**
   * The jail(8) setting that drives this step, e.g. {@link JailSetting#EXEC_PRESTART} for {@link
   * #EXEC_PRESTART}; empty for a step named by a system call or by a kernel parameter.
   */
  public Optional<JailSetting> setting() {
    return Optional.ofNullable(setting);
  }

  /** True when this step's commands run inside the jail. */
  public boolean inJail() {
    return inJail;
  }
}
