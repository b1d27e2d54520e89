package org.jail4j;

import java.util.Optional;
import java.util.Set;

/**
 * What the host's kernel can do for jails, so that a caller learns before starting a jail that vnet
 * or resource limits cannot work here, and why.
 *
 * <pre>{@code
 * HostCapabilities caps = host.capabilities();
 * caps.whyNoVnet().ifPresent(reason -> System.err.println("no vnet: " + reason));
 * }</pre>
 *
 * @param version the FreeBSD release family
 * @param osreldate {@code kern.osreldate}
 * @param osrelease {@code kern.osrelease}, e.g. {@code 14.3-RELEASE}
 * @param vimage whether the kernel has VIMAGE ({@code kern.features.vimage}), needed for {@code
 *     vnet=new}
 * @param racct whether RACCT/RCTL is enabled ({@code kern.racct.enable}), needed for limits
 * @param modules the loaded kernel modules that add jail parameters (e.g. {@code zfs}, {@code
 *     linux}, {@code sysvmsg})
 * @param params every jail parameter the kernel knows, with the loaded modules
 */
public record HostCapabilities(
    FreeBsdVersion version,
    int osreldate,
    String osrelease,
    boolean vimage,
    boolean racct,
    Set<String> modules,
    Set<String> params) {

  /** Copies the sets. */
  public HostCapabilities {
    modules = Set.copyOf(modules);
    params = Set.copyOf(params);
  }

  /** Why {@code vnet=new} cannot work here, or empty when it can. */
  public Optional<String> whyNoVnet() {
    return vimage
        ? Optional.empty()
        : Optional.of(
            "the kernel has no VIMAGE (kern.features.vimage is 0); vnet jails need a kernel"
                + " built with options VIMAGE (GENERIC has it since FreeBSD 12.0)");
  }

  /** Why resource limits cannot work here, or empty when they can. */
  public Optional<String> whyNoLimits() {
    return racct
        ? Optional.empty()
        : Optional.of(
            "RACCT/RCTL is not enabled (kern.racct.enable is 0); set kern.racct.enable=1 in"
                + " /boot/loader.conf and reboot");
  }
}
