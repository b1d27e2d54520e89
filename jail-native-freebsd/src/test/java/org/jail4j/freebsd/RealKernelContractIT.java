package org.jail4j.freebsd;

import org.jail4j.spi.JailKernel;
import org.jail4j.testkit.contract.JailKernelContract;

/**
 * The provider contract against the real FreeBSD kernel through the native provider. The contract
 * only makes jails named {@code j4jct_...} with path {@code /}, removes them, and never attaches
 * the test's own process; cases that need a jailed or unprivileged caller, modelled processes or
 * held jails are skipped by the contract with the reason. Skipped as a whole, with the reason,
 * unless {@code -Djail4j.it.freebsd=true} on FreeBSD as root.
 */
class RealKernelContractIT extends JailKernelContract {
  @Override
  protected JailKernel kernel() {
    return RealFreeBsdHost.provider().kernel();
  }
}
