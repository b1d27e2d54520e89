package org.jail4j.freebsd.internal;

import org.jail4j.FreeBsdVersion;

/** The contract over the emulated libc, the fake modelling FreeBSD 13.x. */
class EmulatedLibc13ContractTest extends EmulatedLibcContractTest {
  @Override
  FreeBsdVersion modelled() {
    return FreeBsdVersion.V13;
  }
}
