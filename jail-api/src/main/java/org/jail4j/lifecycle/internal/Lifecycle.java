package org.jail4j.lifecycle.internal;

import java.util.List;
import org.jail4j.CommandRun;
import org.jail4j.Jail;
import org.jail4j.spi.HostSystem;
import org.jail4j.spi.JailKernel;
import org.jspecify.annotations.Nullable;

/**
 * What jail(8) does around the kernel call, over the SPI: the create sequence with rollback ({@link
 * StartSequence}) and the remove sequence ({@link StopSequence}) (freebsd-jail-abi.md §6.3). One
 * instance per host; the host builds the running-jail handle from what {@link #start} returns.
 */
public final class Lifecycle {

  private final JailKernel kernel;
  private final HostSystem sys;
  private final AliasClaims claims;
  private final ExecHooks hooks;
  private final Checks checks;

  /**
   * The lifecycle of one host.
   *
   * @param kernel the host's kernel
   * @param sys the host's system
   */
  public Lifecycle(JailKernel kernel, HostSystem sys) {
    this.kernel = kernel;
    this.sys = sys;
    this.claims = AliasClaims.of(sys);
    this.hooks = new ExecHooks(sys);
    this.checks = new Checks(kernel);
  }

  /** A started jail: its JID, its name and every command its start ran. */
  public record Started(int jid, String name, List<CommandRun> transcript) {}

  /**
   * Runs the create sequence; a failing step undoes every earlier one in reverse order.
   *
   * @param jail the jail
   * @return the jail as started
   */
  public Started start(Jail jail) {
    return new StartSequence(kernel, sys, claims, hooks, checks, jail).run();
  }

  /**
   * Runs the remove sequence.
   *
   * @param jid the jail's JID
   * @param jailName its name
   * @param config its configuration when known (its stop hooks, mounts and aliases)
   * @param transcript where the commands the stop runs are appended
   */
  public void stop(int jid, String jailName, @Nullable Jail config, List<CommandRun> transcript) {
    new StopSequence(kernel, sys, claims, hooks).run(jid, jailName, config, transcript);
  }

  /**
   * Whether a jail exists and is not dying.
   *
   * @param jid its JID
   * @return true while it lives
   */
  public boolean isAlive(int jid) {
    return StopSequence.isAlive(kernel, jid);
  }
}
