package org.jail4j.lifecycle.internal;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;
import org.jail4j.spi.HostSystem;
import org.jail4j.spi.IpAlias;
import org.jspecify.annotations.Nullable;

/**
 * Which aliases starts in progress on one host system hold, so that a start that fails takes back
 * an alias only when it was not on the interface before any of them, no other start still needs it,
 * and no start that needed it has succeeded (its jail uses it now). Without this two starts of the
 * same address at once both saw it absent, both added it, and the loser's rollback removed the
 * winner's alias. A stop leaves an alias alone while a start holds it. Every check and change of an
 * alias is made under the claims' lock.
 */
final class AliasClaims {

  /**
   * The alias claims of every host system in this JVM (one per system, shared by its hosts). Keyed
   * by the system's identity, held weakly: a host system's own {@code equals}/{@code hashCode} are
   * never called, and a system nobody references any more drops its claims.
   */
  private static final Map<SystemKey, AliasClaims> CLAIMS = new HashMap<>();

  private static final ReferenceQueue<HostSystem> GONE = new ReferenceQueue<>();

  /** A weak, identity-compared key for {@link #CLAIMS}. */
  private static final class SystemKey extends WeakReference<HostSystem> {
    private final int hash;

    SystemKey(HostSystem sys, @Nullable ReferenceQueue<HostSystem> queue) {
      super(sys, queue);
      this.hash = System.identityHashCode(sys);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      if (this == o) {
        return true;
      }
      if (!(o instanceof SystemKey other)) {
        return false;
      }
      HostSystem mine = get();
      return mine != null && mine == other.get();
    }
  }

  private static final class Claim {
    int holders;
    boolean addedByClaims;
    boolean kept;
  }

  private final Map<IpAlias, Claim> held = new HashMap<>();

  private AliasClaims() {}

  /** The claims of one host system. */
  static AliasClaims of(HostSystem sys) {
    synchronized (CLAIMS) {
      for (Object gone = GONE.poll(); gone != null; gone = GONE.poll()) {
        CLAIMS.remove(gone);
      }
      SystemKey probe = new SystemKey(sys, null);
      AliasClaims c = CLAIMS.get(probe);
      if (c == null) {
        c = new AliasClaims();
        CLAIMS.put(new SystemKey(sys, GONE), c);
      }
      return c;
    }
  }

  /** Adds the alias (a re-add of one already there is harmless) and holds it. */
  synchronized void claim(IpAlias a, HostSystem sys) {
    Claim c = held.get(a);
    boolean fresh = c == null;
    if (c == null) {
      c = new Claim();
      c.addedByClaims = !sys.aliases().contains(a);
    }
    sys.addAlias(a);
    c.holders++;
    if (fresh) {
      held.put(a, c);
    }
  }

  /**
   * Lets go of the alias: {@code started} when the start succeeded (its jail keeps the alias);
   * otherwise the last holder removes it when the claims added it and no holder succeeded.
   */
  synchronized void release(IpAlias a, boolean started, HostSystem sys) {
    Claim c = held.get(a);
    if (c == null) {
      return;
    }
    c.kept |= started;
    c.holders--;
    if (c.holders > 0) {
      return;
    }
    held.remove(a);
    if (c.addedByClaims && !c.kept && sys.aliases().contains(a)) {
      sys.removeAlias(a);
    }
  }

  /** A stop's removal: skipped while a start holds the alias. */
  synchronized void removeUnlessClaimed(IpAlias a, HostSystem sys) {
    if (!held.containsKey(a) && sys.aliases().contains(a)) {
      sys.removeAlias(a);
    }
  }
}
