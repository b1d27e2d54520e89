package org.jail4j.freebsd.internal;

import org.jail4j.FreeBsdVersion;

/** The contract over the emulated libc, the fake modelling FreeBSD 15.x (jail descriptors). */
class EmulatedLibc15ContractTest extends EmulatedLibcContractTest {
  @Override
  FreeBsdVersion modelled() {
    return FreeBsdVersion.V15;
  }
}
