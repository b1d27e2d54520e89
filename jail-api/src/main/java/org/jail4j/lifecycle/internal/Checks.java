package org.jail4j.lifecycle.internal;

import org.jail4j.HostCapabilities;
import org.jail4j.InvalidJailParameterException;
import org.jail4j.Jail;
import org.jail4j.JailSetting;
import org.jail4j.UnsupportedHostException;
import org.jail4j.param.JailParam;
import org.jail4j.param.JailSys;
import org.jail4j.spi.JailKernel;

/**
 * What is checked before a start does anything: settings jail4j refuses, and VIMAGE or RACCT that
 * the jail needs and the host lacks.
 */
final class Checks {

  private final JailKernel kernel;

  Checks(JailKernel kernel) {
    this.kernel = kernel;
  }

  /**
   * Before anything is done: a jail that needs VIMAGE or RACCT on a host without them fails with
   * that reason instead of a kernel errno halfway through.
   */
  void checkCapabilities(Jail jail) {
    String jailName = jail.name().orElse(null);
    if (jail.ipHostname()) {
      throw new InvalidJailParameterException(
          "start",
          jailName,
          name(JailSetting.IP_HOSTNAME),
          "jail4j never resolves host names through DNS; give the addresses in ip4.addr /"
              + " ip6.addr");
    }
    if (!jail.zfsDatasets().isEmpty()) {
      throw new UnsupportedHostException(
          "start " + (jailName == null ? "jail" : jailName) + ": " + name(JailSetting.ZFS_DATASET),
          "attaching ZFS datasets (FreeBSD 15's zfs.dataset) is not supported by the lifecycle;"
              + " run \"zfs jail $JID DATASET\" in exec.created instead");
    }
    if (jail.allowDying()) {
      throw new InvalidJailParameterException(
          "start",
          jailName,
          name(JailSetting.ALLOW_DYING),
          "reviving a dying jail is not supported (FreeBSD 15 ignores it; on 13/14 remove the"
              + " dying jail's JID from the configuration or wait until it is gone)");
    }
    HostCapabilities caps = kernel.capabilities();
    boolean vnet = jail.get(JailParam.VNET).map(v -> v == JailSys.NEW).orElse(false);
    if (vnet) {
      caps.whyNoVnet()
          .ifPresent(
              r -> {
                throw new UnsupportedHostException(
                    "start " + jail.name().orElse("jail") + ": vnet", r);
              });
    }
    if (jail.vnetBridge().isPresent() && !vnet) {
      throw new InvalidJailParameterException(
          "start", jail.name().orElse(null), "vnet.bridge", "needs vnet = new");
    }
    if (!jail.vnetAddresses().isEmpty() && jail.vnetBridge().isEmpty()) {
      throw new InvalidJailParameterException(
          "start",
          jail.name().orElse(null),
          "vnet.addresses",
          "are given to the epair jail4j makes for vnet.bridge; set a bridge");
    }
    if (!jail.limits().isEmpty()) {
      caps.whyNoLimits()
          .ifPresent(
              r -> {
                throw new UnsupportedHostException(
                    "start " + jail.name().orElse("jail") + ": limits", r);
              });
    }
  }

  /**
   * True when jail(8) adds a temporary {@code persist} for the start commands: a jail without
   * {@code persist} that runs {@code exec.start}, {@code command} or {@code exec.poststart}.
   */
  static boolean temporaryPersist(Jail jail) {
    return !jail.persist()
        && (!jail.execStart().isEmpty()
            || !jail.command().isEmpty()
            || !jail.execPoststart().isEmpty());
  }

  private static String name(JailSetting setting) {
    return setting.param().name();
  }
}
