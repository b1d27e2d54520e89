package org.jail4j.testkit;

import org.jail4j.FreeBsdVersion;

/** The contract against the fake kernel modelling FreeBSD 13.x. */
class FakeJailKernel13ContractTest extends FakeKernelContract {
  @Override
  FreeBsdVersion modelled() {
    return FreeBsdVersion.V13;
  }
}
