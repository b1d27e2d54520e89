package org.jail4j;

/**
 * One step of starting or stopping a jail, in jail(8)'s order (freebsd-jail-abi.md §6.3), named by
 * the parameter that drives it. A {@link JailStepException} says which step failed.
 *
 * <pre>{@code
 * try {
 *   host.start(jail);
 * } catch (JailStartException e) {
 *   if (e.step() == JailStep.EXEC_PRESTART) { ... }
 * }
 * }</pre>
 */
public enum JailStep {
  // ---- start ------------------------------------------------------------------------------
  /** {@code exec.prepare} (15.x): host commands before anything else. */
  EXEC_PREPARE("exec.prepare", false),
  /** Adding the jail's addresses as aliases on {@code interface} (or {@code IFACE|ADDR}). */
  ALIASES("interface", false),
  /** The {@code mount} fstab lines. */
  MOUNT("mount", false),
  /** The lines of the {@code mount.fstab} file. */
  MOUNT_FSTAB("mount.fstab", false),
  /** devfs on {@code <path>/dev} with {@code devfs_ruleset} (default 4). */
  MOUNT_DEVFS("mount.devfs", false),
  /** fdescfs on {@code <path>/dev/fd}. */
  MOUNT_FDESCFS("mount.fdescfs", false),
  /** procfs on {@code <path>/proc}. */
  MOUNT_PROCFS("mount.procfs", false),
  /** {@code exec.prestart}: host commands before creation. */
  EXEC_PRESTART("exec.prestart", false),
  /** The path checks and {@code jail_set(JAIL_CREATE)}. */
  CREATE("jail_set", false),
  /** The rctl rules of {@link Jail#limits()}, added right after creation. */
  LIMITS("rctl", false),
  /** {@code exec.created}: host commands right after creation. */
  EXEC_CREATED("exec.created", false),
  /** The epair of a bridged vnet jail: created, host end added to the bridge. */
  VNET_EPAIR("vnet.bridge", false),
  /** {@code vnet.interface}: interfaces moved into the jail. */
  VNET_INTERFACE("vnet.interface", false),
  /** Configuring the jail end of the epair inside the jail. */
  VNET_CONFIGURE("vnet.addresses", true),
  /** {@code exec.start}: commands inside the jail. */
  EXEC_START("exec.start", true),
  /** {@code command}: commands inside the jail, after {@code exec.start}. */
  COMMAND("command", true),
  /** {@code exec.poststart}: host commands after the in-jail start commands. */
  EXEC_POSTSTART("exec.poststart", false),
  /** Dropping the {@code persist} jail4j added for the start commands. */
  DROP_PERSIST("persist", false),

  // ---- stop -------------------------------------------------------------------------------
  /** {@code exec.prestop}: host commands before removal. */
  EXEC_PRESTOP("exec.prestop", false),
  /** {@code exec.stop}: commands inside the jail before removal. */
  EXEC_STOP("exec.stop", true),
  /** {@code stop.timeout}: SIGTERM to the jail's processes and the wait for them. */
  STOP_TIMEOUT("stop.timeout", false),
  /** {@code jail_remove(2)}. */
  REMOVE("jail_remove", false),
  /** {@code exec.poststop}: host commands after removal. */
  EXEC_POSTSTOP("exec.poststop", false),
  /** Unmounting what the mount steps mounted, in reverse order. */
  UNMOUNT("umount", false),
  /** Removing the address aliases. */
  REMOVE_ALIASES("-alias", false),
  /** Removing the rctl rules. */
  REMOVE_LIMITS("rctl -r", false),
  /** Destroying the epair of a bridged vnet jail. */
  DESTROY_EPAIR("epair destroy", false),
  /** {@code exec.release} (15.x): host commands run last at removal. */
  EXEC_RELEASE("exec.release", false);

  private final String parameter;
  private final boolean inJail;

  JailStep(String parameter, boolean inJail) {
    this.parameter = parameter;
    this.inJail = inJail;
  }

  /** The jail(8) parameter or system call behind this step, as error messages name it. */
  public String parameter() {
    return parameter;
  }

  /** True when this step's commands run inside the jail. */
  public boolean inJail() {
    return inJail;
  }
}
